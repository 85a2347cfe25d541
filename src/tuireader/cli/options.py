"""The options every mode shares, so `tuireader` and each command accept them alike.

They go before or after a command (`cache`, `feed`, `add`, ...), and after its subcommand:
`tuireader --cache-dir D cache list`, `tuireader cache --cache-dir D list` and
`tuireader cache list --cache-dir D` are the same command. Standard library only.
"""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from tuireader.cli.output import CommandError, fail
from tuireader.paths import CACHE_DIR_ENV

# Each command is a module of cli/ with a main(argv), imported only when the command runs.
COMMANDS = {
    "cache": "cache",
    "feed": "feed",
    "refresh": "refresh",
    "add": "add",
    "fetch": "fetch",
    "tag": "tag",
    "import": "list_import",
    "export": "list_export",
    "highlights": "highlights",
}


def add_shared_options(parser: argparse.ArgumentParser, default: Any = None) -> None:
    """Add the shared options to `parser`; a subcommand passes argparse.SUPPRESS as `default`,
    so one given before the subcommand is not reset by its absence after it."""
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=default,
        help=f"where the cache lives (default: the user cache dir; or set {CACHE_DIR_ENV})",
    )


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line, `tuireader: ...`, and exit status 2.

    `quiet`: raise CommandError instead of saying it and exiting.
    """

    quiet = False

    def error(self, message: str) -> NoReturn:
        if self.quiet:
            raise CommandError(message, 2)
        raise SystemExit(fail(f"{message} (see {self.prog} --help)", 2))


def command_arguments(argv: list[str], main_parser: Parser) -> tuple[str, list[str]] | None:
    """(the command `argv` runs, the arguments for it), or None when it runs none.

    `argv` runs a command when its first argument that is neither an option nor an option's
    value (as `main_parser` reads them) is one of COMMANDS. The options before it must be shared
    ones: they are handed on first. CommandError for one that is not (`--offline cache list`).
    """
    for index, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg not in COMMANDS:
            continue
        before = argv[:index]
        if before:
            try:
                target = _parse_quietly(main_parser, before).target
            except CommandError:
                continue  # the name is an option's value (`--cache-dir cache`), or before is bad
            if target is not None:
                return None  # a URL came first: the name is no command here
            shared = Parser(add_help=False)
            shared.quiet = True
            add_shared_options(shared)
            others = shared.parse_known_args(before)[1]
            if others:
                raise CommandError(f"{' '.join(others)}: not an option of `tuireader {arg}`", 2)
        return arg, [*before, *argv[index + 1 :]]
    return None


def _parse_quietly(parser: Parser, argv: list[str]) -> argparse.Namespace:
    """`parser.parse_args(argv)`, raising CommandError where argparse would print and exit."""
    parser.quiet = True
    try:
        return parser.parse_args(argv)
    finally:
        parser.quiet = False
