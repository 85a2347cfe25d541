"""`tuireader export --format F [-o FILE]`: the whole reading list, in a format others read;
`--format epub -o FILE [URL... | --tag T | --unread | --starred]`: cached articles as a book.

Nobody is locked in: Wallabag imports wallabag-json (with each cached article's content),
browsers import netscape-html, and csv has Pocket's columns. tuireader imports all three back to
the same list. An e-reader reads the EPUB book (cli/epub_export.py). `-o` writes the file whole or
not at all (a temporary file renamed over it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError, to_stderr
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.cli.whole_file import write_file
from tuireader.interchange.write import EXPORT_FORMATS, write_export
from tuireader.paths import cache_dir

EPILOG = """\
formats:
  wallabag-json  Wallabag's export: states, stars, tags, dates and each cached article's
                 content (as HTML, and as Markdown for tuireader)
  netscape-html  a bookmark file: an Unread and an Archive folder, tags, dates
  csv            Pocket's columns (title,url,time_added,tags,status) and starred
  epub           an EPUB 3 book for an e-reader, from the cache alone: one chapter an article
                 (title, byline, date, source link, credits, the pictures the cache holds,
                 highlights marked and their notes as footnotes) and a table of contents.
                 Needs -o FILE. Which articles: the URLs given (each must be cached: one that
                 is not stops the export before anything is written), or --unread, --starred,
                 --tag T as the library lists them (their articles not cached yet are left
                 out and counted), or with none of these every cached article; newest first
                 (the URLs in the order given). Nothing is fetched.

examples:
  tuireader export --format wallabag-json -o reading-list.json
  tuireader export --format netscape-html > bookmarks.html
  tuireader export --format epub --unread -o unread.epub
  tuireader export --format epub --tag news --starred -o news.epub
  tuireader export --format epub -o two.epub https://example.org/a https://example.org/b
"""
FORMATS = (*EXPORT_FORMATS, "epub")


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader export",
        description="Write the whole reading list, states and tags included, in a format other\n"
        "readers import (and tuireader too: a round trip changes nothing); or, as --format epub,\n"
        "cached articles as a book for an e-reader.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        required=True,
        metavar="FORMAT",
        help="wallabag-json, netscape-html, csv or epub (below)",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of standard output"
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="epub: these cached articles")
    views = parser.add_mutually_exclusive_group()
    views.add_argument("--unread", action="store_true", help="epub: the Unread view's articles")
    views.add_argument("--starred", action="store_true", help="epub: the starred articles")
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="epub: the articles with TAG (again: with each; with --unread or --starred: of those)",
    )
    add_shared_options(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader export ARGS`; returns the exit status, never raises."""
    return run_main(build_parser(), sys.argv[2:] if argv is None else argv, _run)


def _run(args: argparse.Namespace) -> int:
    from tuireader.reading.list_files import exported_items

    if args.format == "epub":
        from tuireader.cli.epub_export import export_epub

        return export_epub(args)
    if args.urls or args.tag or args.unread or args.starred:
        raise CommandError(
            "URLs, --tag, --unread and --starred choose articles for --format epub; "
            f"{args.format} exports the whole reading list",
            2,
        )
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
