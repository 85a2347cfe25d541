"""`tuireader import FILE...`: a reading list from Pocket, Instapaper, Wallabag, Omnivore, a
browser's bookmarks, an OPML list of feeds or a plain list of URLs.

Each file's format is found from its content (`--format` forces one) and said before anything is
written; then the file is saved in one transaction, so a file is in or out as a whole, and a bad
row is counted and named, never a stop. The content a file carries is kept as the article; the
rest is fetched (politely, each page kept as it arrives) unless `--no-fetch`.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tuireader.cli.fetch import fetch_now, nothing_fetched
from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError, say, to_stderr
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.cli.status_line import StatusLine
from tuireader.interchange.detect import FORMATS
from tuireader.paths import cache_dir
from tuireader.reading.session import Session
from tuireader.textsafe import clean_line

if TYPE_CHECKING:
    from tuireader.interchange.model import ImportResult

MAX_FILE_BYTES = 1024**3  # an Omnivore export with every article's content: far less than this

EPILOG = """\
formats (found from the content; --format forces one):
  pocket-csv      Pocket's CSV export (title,url,time_added,tags,status)
  pocket-html     Pocket's older ril_export.html (Unread and Read Archive lists)
  instapaper-csv  Instapaper's CSV (URL,Title,Selection,Folder,Timestamp)
  wallabag-json   Wallabag's JSON export, with each article's content: readable at once
  omnivore-zip    Omnivore's export zip (metadata_*.json, content/, highlights/)
  netscape-html   bookmarks exported by Firefox, Chrome or Safari: folders become tags
  opml            a list of feeds: followed, as `tuireader feed import` does
  urls            a plain list of URLs, one a line (# comments and blank lines ignored)

States (unread, archived), stars, tags and dates are kept. Importing the same file again adds
nothing. Then what the file carries no content for is fetched, four at a time and two per site
at most; a fetch stopped half-way keeps what it fetched, and `tuireader fetch` goes on.

exit status: 0; 1 when a file could not be read or held nothing to import (the others are
imported all the same), or when every fetch failed.
"""


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader import",
        description="Import reading lists into tuireader's: the articles saved, with their\n"
        "states, stars, tags and dates, then fetched so they read offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="the export files")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        metavar="FORMAT",
        help="read every file as FORMAT (listed below), whatever it looks like",
    )
    parser.add_argument(
        "--no-fetch", action="store_true", help="save only; `tuireader fetch` fetches them later"
    )
    add_shared_options(parser)
    return parser


def read_export(path: Path) -> bytes:
    """The bytes of the regular file at `path`; CommandError (one line) for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise CommandError(f"{path} is a directory: give the export file in it")
        if not stat.S_ISREG(info.st_mode):
            raise CommandError(f"{path} is not a regular file: give an export file")
        if info.st_size > MAX_FILE_BYTES:
            raise CommandError(f"{path} is over 1 GiB: not a reading-list export")
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise CommandError(f"{path} is over 1 GiB: not a reading-list export")
    return data


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader import ARGS`; returns the exit status, never raises."""
    return run_main(build_parser(), sys.argv[2:] if argv is None else argv, _run)


def _run(args: argparse.Namespace) -> int:
    if sys.stdout is None:
        raise CommandError(NO_STDOUT)
    session = open_store(cache_dir(args.cache_dir), samples=False)
    try:
        return output(lambda: _import_all(session, args))
    finally:
        session.close()


def _import_all(session: Session, args: argparse.Namespace) -> int:
    from tuireader.reading.list_files import urls_of
    from tuireader.reading.saving import not_cached

    failed = 0
    results: list[ImportResult] = []
    for name in args.files:
        prefix = f"{clean_line(name)}: " if len(args.files) > 1 else ""
        try:
            result, line = _import_one(session, Path(name), args.format)
        except CommandError as exc:
            say(str(exc))
            failed += 1
            continue
        results.append(result)
        print(clean_line(prefix + line))
        sys.stdout.flush()
        failed += bool(result.skipped and not (result.items or result.feeds))  # nothing in it
    done = None
    if not args.no_fetch and (wanted := not_cached(session.store, urls_of(results))):
        done = fetch_now(session, wanted)
        print(clean_line(done.line()))
    return 1 if failed or (done is not None and nothing_fetched(done)) else 0


def _import_one(session: Session, path: Path, forced: str | None) -> tuple[ImportResult, str]:
    """Read, say what was found, save: (what the file held, the line that sums it up)."""
    from tuireader.interchange.detect import detect_format
    from tuireader.interchange.model import BadImport
    from tuireader.interchange.read import read_import
    from tuireader.reading.list_files import store_import

    data = read_export(path)
    try:
        result = read_import(data, forced or detect_format(data, path.name))
    except BadImport as exc:
        raise CommandError(f"{path}: {exc}") from None
    shown = clean_line(str(path))
    if result.feeds:
        from tuireader.cli.feed import follow_listed

        to_stderr(f"{shown}: opml, {_count(len(result.feeds), 'feed')}\n")
        line, bad = follow_listed(session.store, result.feeds)
        if bad:
            raise CommandError(f"{path}: {line}")
        return result, line
    found = f"{shown}: {result.format}, {_count(len(result.items), 'article')}"
    if result.skipped:
        found += f", {_count(len(result.skipped), 'bad row')}"
    to_stderr(found + "\n")
    status = StatusLine(sys.stderr)
    try:
        stored = store_import(
            session.store,
            result,
            lambda done, total: status.draw(f"keeping content {done}/{total}"),
        )
    finally:
        status.clear()
    return result, stored.line(result)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
