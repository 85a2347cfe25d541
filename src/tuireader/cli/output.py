"""stdout and stderr for the command-line modes: a stream that is closed, full or gone is one line.

Every error and warning of the command line goes through `say` (and `fail`, which gives the exit
status too): `tuireader: ...` as one line on stderr. Unix tools stop quietly when the reader of a
pipe goes away (`tuireader cache list | head -1`); any other failure to write the output (a full
disk, `>&-`) is one line on stderr and exit status 1. stderr itself may be closed too: then there
is nowhere to say anything, and nothing is said. Standard library only: every mode imports this.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress

NO_STDOUT = "standard output is closed: nothing to write to"


class CommandError(Exception):
    """A failure to report with `fail`: one line on stderr; `code` is the exit status (2: usage)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 1) -> int:
    """Say `message` on stderr and give the exit status that goes with it."""
    say(message)
    return code


def say(message: str) -> None:
    """`tuireader: message` as one line on stderr, cleaned of control characters."""
    from tuireader.textsafe import clean_line

    to_stderr(f"tuireader: {clean_line(message)}\n")


def to_stderr(text: str) -> None:
    """Write `text` to stderr when there is a stderr that takes it; never raise."""
    stream = sys.stderr
    if stream is None:  # print(file=None) would write it to stdout instead
        return
    with suppress(OSError, ValueError):
        stream.write(text)
        stream.flush()


def stdout_closed() -> bool:
    """True when the process was started with stdout closed (`>&-`)."""
    return sys.stdout is None


def write_failed(exc: OSError, what: str = "the output") -> int:
    """Report a failed write to stdout (not a closed pipe): one line on stderr, status 1."""
    quiet_stdout()
    say(f"cannot write {what}: {(exc.strerror or str(exc)).lower()}")
    return 1


def pipe_closed() -> int:
    """The reader of stdout went away: stop quietly, as Unix tools do, with status 0."""
    quiet_stdout()
    return 0


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit has nowhere to fail and prints nothing."""
    if sys.stdout is None:
        return
    with suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
