"""How every command (`cache`, `feed`, `refresh`) runs: its arguments parsed, its failures one line.

A command never ends in a traceback: a usage error is status 2, a failure (the store, a write to
stdout, a bad path) is one line on stderr and status 1, Ctrl+C is 130, and a closed pipe stops
quietly with 0, as Unix tools do.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable

from tuireader.cache import StoreError
from tuireader.cli.options import Parser
from tuireader.cli.output import CommandError, fail, pipe_closed, write_failed
from tuireader.paths import PathError


def run_main(parser: Parser, argv: list[str], run: Callable[[argparse.Namespace], int]) -> int:
    """Parse `argv` with `parser` and `run` the result; the exit status, never an exception."""
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse has already printed
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return run(args)
    except (CommandError, PathError) as exc:
        return fail(str(exc), exc.code if isinstance(exc, CommandError) else exc.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return pipe_closed()
    except (StoreError, OSError, sqlite3.Error) as exc:
        return fail(str(exc))


def output(command: Callable[[], int | None]) -> int:
    """Run `command` and flush stdout; a failed write is one line and status 1.

    The store raises StoreError and the importers their own errors, so an OSError here is a
    write to stdout that failed: a full disk, an I/O error. A closed pipe goes on up, to stop
    quietly.
    """
    try:
        result = command() or 0
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        return write_failed(exc)
    return result
