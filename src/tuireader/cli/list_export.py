"""`tuireader export --format F [-o FILE]`: the whole reading list, in a format others read.

Nobody is locked in: Wallabag imports wallabag-json (with each cached article's content),
browsers import netscape-html, and csv has Pocket's columns. tuireader imports all three back to
the same list. `-o` writes the file whole or not at all (a temporary file renamed over it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError, to_stderr
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.interchange.write import EXPORT_FORMATS, write_export
from tuireader.paths import cache_dir

EPILOG = """\
formats:
  wallabag-json  Wallabag's export: states, stars, tags, dates and each cached article's
                 content (as HTML, and as Markdown for tuireader)
  netscape-html  a bookmark file: an Unread and an Archive folder, tags, dates
  csv            Pocket's columns (title,url,time_added,tags,status) and starred

examples:
  tuireader export --format wallabag-json -o reading-list.json
  tuireader export --format netscape-html > bookmarks.html
"""


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader export",
        description="Write the whole reading list, states and tags included, in a format other\n"
        "readers import (and tuireader too: a round trip changes nothing).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=EXPORT_FORMATS,
        required=True,
        metavar="FORMAT",
        help="wallabag-json, netscape-html or csv (below)",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of standard output"
    )
    add_shared_options(parser)
    return parser


def write_file(path: Path, text: str) -> None:
    """`text` into `path`, whole or not at all; CommandError (one line) when it cannot be."""
    if path.is_dir():
        raise CommandError(f"{path} is a directory: give a file name to write")
    directory = path.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader export ARGS`; returns the exit status, never raises."""
    return run_main(build_parser(), sys.argv[2:] if argv is None else argv, _run)


def _run(args: argparse.Namespace) -> int:
    from tuireader.reading.list_files import exported_items

    if sys.stdout is None and not args.output:
        raise CommandError(NO_STDOUT)
    session = open_store(cache_dir(args.cache_dir), samples=False)
    try:
        items = list(exported_items(session.store, content=args.format == "wallabag-json"))
    finally:
        session.close()
    text = write_export(items, args.format)
    with_content = sum(bool(item.content_markdown) for item in items)
    said = f"{len(items):,} saved articles exported as {args.format}"
    if args.format == "wallabag-json":
        said += f" ({with_content:,} with their content)"
    if args.output:
        write_file(Path(args.output), text)
        to_stderr(f"{said} to {args.output}\n")
        return 0
    result = output(lambda: sys.stdout.write(text) and None)
    if not result:
        to_stderr(said + "\n")
    return result
