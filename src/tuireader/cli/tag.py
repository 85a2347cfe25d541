"""`tuireader tag URL +a -b c`: add and remove tags of any article, saved or not.

`+name` and a bare `name` add, `-name` removes, in the order given; the article's tags after are
printed. A removal looks like an option, so the arguments are split by hand: the shared options
and --help are taken out, anything else that starts with `--` is an error, and after `--` every
argument is a change (`tuireader tag URL -- -h` removes the tag "h").
"""

from __future__ import annotations

import argparse
import sys

from tuireader.cache import Store
from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.paths import cache_dir
from tuireader.reading.saving import saved_url
from tuireader.reading.views import parse_tag_changes
from tuireader.textsafe import clean_line
from tuireader.urls import BadURL, normalize_url

EPILOG = """\
examples:
  tuireader tag https://example.org/story +news +world -draft
  tuireader tag https://example.org/story        print its tags
  tuireader tag URL -- -h                        after --, -h removes the tag "h"

Tags ignore case ("News" is "news") and are one line of at most 100 characters; a leading #
is dropped. `tuireader cache list` shows each article's tags.
"""


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader tag",
        usage="tuireader tag [-h] [--cache-dir DIR] URL [+TAG | -TAG | TAG]...",
        description="Add and remove tags of an article (saved or not), then print its tags.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("url", metavar="URL", help="the article")
    parser.add_argument(
        "changes",
        nargs="*",
        metavar="+TAG|-TAG|TAG",
        help="+TAG or TAG adds it, -TAG removes it",
    )
    add_shared_options(parser)
    return parser


def split_arguments(argv: list[str]) -> list[str]:
    """`argv` for the parser: shared options and --help first, then `--` and the rest as
    positionals, so `-name` reaches the command as a change; CommandError for `--other`."""
    options: list[str] = []
    rest: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--":
            rest.extend(args)
        elif arg in ("-h", "--help"):
            options.append(arg)
        elif arg == "--cache-dir":
            options.extend((arg, next(args, "")))
        elif arg.startswith("--cache-dir="):
            options.append(arg)
        elif arg.startswith("--"):
            raise CommandError(f"{arg}: not an option of `tuireader tag` (see --help)", 2)
        else:
            rest.append(arg)
    return [*options, "--", *rest]


def changes(given: list[str]) -> tuple[list[str], list[str]]:
    """(tags to add, tags to remove), as reading.views.parse_tag_changes reads them;
    CommandError for a change that names no tag."""
    try:
        add, remove = parse_tag_changes(given, strict=True)
    except ValueError as exc:
        raise CommandError(str(exc), 2) from None
    return list(add), list(remove)


def article_url(store: Store, raw: str) -> str:
    """The key of the article `raw` names: as saved (no tracking parameters) if the list or the
    cache holds it so, else as cached, else as it would be saved."""
    try:
        saved, cached = saved_url(raw), normalize_url(raw)
    except BadURL as exc:
        raise CommandError(str(exc), 2) from None
    if store.saved_item(saved) is not None or store.contains(saved) or not store.contains(cached):
        return saved
    return cached


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader tag ARGS`; returns the exit status, never raises."""
    argv = sys.argv[2:] if argv is None else argv
    try:
        split = split_arguments(argv)
    except CommandError as exc:
        from tuireader.cli.output import fail

        return fail(str(exc), exc.code)
    return run_main(build_parser(), split, _run)


def _run(args: argparse.Namespace) -> int:
    if sys.stdout is None:
        raise CommandError(NO_STDOUT)
    add, remove = changes(args.changes)
    session = open_store(cache_dir(args.cache_dir), samples=False)
    try:
        url = article_url(session.store, args.url)
        tags = session.store.retag(url, add=add, remove=remove)
    finally:
        session.close()
    shown = ", ".join(tags) if tags else "no tags"
    return output(lambda: print(clean_line(f"{url}: {shown}")))
