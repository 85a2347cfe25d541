"""`tuireader cache ...`: list, search, inspect, remove, import and export cached articles.

Output is plain and pipeable: one article a line, tab-separated, with summaries and errors on
stderr. Page text is data, so every string that came from a page is cleaned of control characters
before it reaches a terminal. Importing this module costs no network stack and no HTML parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from tuireader.cache import HighlightHit, SortKey, Store
from tuireader.cli.cache_rows import (
    entry_line,
    pictures_line,
    snippet_line,
    summary_line,
    version_lines,
)
from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError, say, to_stderr
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.formatting import human_size, human_time
from tuireader.models import CacheState, Reading
from tuireader.paths import CACHE_DIR_ENV, cache_dir, describe_cache_dir, store_path
from tuireader.reading.export import EXPORT_FORMATS
from tuireader.reading.session import Session
from tuireader.textsafe import clean_line, clip_url
from tuireader.urls import BadURL, normalize_url

SORT_KEYS: tuple[SortKey, ...] = ("fetched", "title", "site", "read")

Command = Callable[[Session, argparse.Namespace], int]


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader cache",
        description="Manage the cache of articles tuireader has read: list and search it, "
        "show where an article came from, remove articles, import saved pages and export them.",
        epilog=f"The cache folder is {describe_cache_dir()} "
        f"(--cache-dir DIR or {CACHE_DIR_ENV} put it elsewhere).",
    )
    add_shared_options(parser)
    common = Parser(add_help=False)  # so they also work after COMMAND
    add_shared_options(common, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, run: Command | None, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, parents=[common], help=summary, description=summary[0].upper() + summary[1:]
        )
        sub.set_defaults(run=run)
        return sub

    _add_commands(add)
    return parser


AddCommand = Callable[[str, Command | None, str], argparse.ArgumentParser]
URL_HELP = "the article's URL (as read, or where it redirected)"


def _add_commands(add: AddCommand) -> None:
    """Every subcommand, with a help line that says what it is for."""
    add(
        "list", _list, "a line per cached article: fetched, site, title, URL, state, tags"
    ).add_argument(
        "--sort",
        choices=SORT_KEYS,
        default="fetched",
        help="fetched (newest first, the default), title, site, or read (last read first)",
    )
    add(
        "search",
        _search,
        "full-text search of titles, authors, sites and text, and of your highlights and notes",
    ).add_argument("query", nargs="+", metavar="QUERY", help="words that must all occur")
    add(
        "show", _show, "where a cached article came from; its pictures and earlier copies"
    ).add_argument("url", metavar="URL", help=URL_HELP)
    add("remove", _remove, "forget articles: page, article, pictures, reading place").add_argument(
        "urls", nargs="+", metavar="URL", help="the articles' URLs"
    )
    add("clear", _clear, "forget every cached article (asks first)").add_argument(
        "--yes", "-y", action="store_true", help="do not ask; needed when stdin is no terminal"
    )
    add("path", None, "print the path of the cache file (to back it up)")
    importer = add("import", _import, "cache saved pages (.html, .htm) or Markdown (.md, .txt)")
    importer.add_argument("files", nargs="+", metavar="FILE", help="the saved files")
    importer.add_argument(
        "--url",
        default="",
        help="the article's URL, for a single file that names none of its own "
        "(canonical link, og:url, or an 'Original url:' line)",
    )
    export = add("export", _export, "print a cached article as Markdown, text, JSON or HTML")
    export.add_argument("url", metavar="URL", help=URL_HELP)
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="markdown",
        help="markdown (default), text, json (every field), or html: a small web page of the "
        "article (the same cleaned article the reader shows, page markup never copied)",
    )
    export.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="an earlier copy of the article instead (`cache show URL` lists them; 1 is the "
        "oldest kept)",
    )


# Commands -------------------------------------------------------------------------------------


def _list(session: Session, args: argparse.Namespace) -> int:
    store = session.store
    entries = store.library(sort=args.sort)
    marks = store.list_marks([entry.url for entry in entries])
    for entry in entries:
        print(entry_line(entry, marks.get(entry.url)))
    sys.stdout.flush()
    to_stderr(summary_line(store) + "\n")
    return 0


def _search(session: Session, args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    hits = session.store.search(query)
    noted = session.store.search_highlights(query)
    if not hits and not noted:
        raise CommandError(f"no cached article, highlight or note matches {clean_line(query)!r}")
    bold = sys.stdout.isatty()
    marks = session.store.list_marks([hit.entry.url for hit in hits])
    for hit in hits:
        print(entry_line(hit.entry, marks.get(hit.entry.url)))
        print(f"    {snippet_line(hit.snippet, bold)}")
    for found in noted:
        print(_highlight_line(found))
        print(f"    {snippet_line(found.snippet, bold)}")
    return 0


def _highlight_line(hit: HighlightHit) -> str:
    """ "note" or "highlight", then the article's title (or "-") and URL: tab-separated, each
    cleaned to one line; the note or passage that matched goes under it, as a snippet."""
    entry = hit.entry
    fields = ("note" if hit.in_note else "highlight", entry.title or "-", entry.final_url)
    return "\t".join(clean_line(field) for field in fields)


def _show(session: Session, args: argparse.Namespace) -> int:
    store = session.store
    url = _cached_url(store, _given(args.url, "show"))
    found = store.load(url)
    if found is None:
        raise CommandError(f"{clip_url(args.url)} is not in the cache")
    info, article = found
    entry = next((e for e in store.library(matching=info.url) if e.url == info.url), None)
    size = entry.size if entry is not None else 0
    words = f"{article.word_count:,} ({article.reading_minutes} min read)"
    fields = [
        ("title", article.title),
        ("url", info.url),
        ("final url", info.final_url),
        ("canonical url", article.canonical_url),
        ("site", article.site_name),
        ("author", article.byline),
        ("published", article.published),
        ("fetched", human_time(info.fetched_at)),
        ("status", str(info.status)),
        ("content type", info.content_type),
        ("words", words),
        ("extractor", article.extractor_version),
        ("size", f"{human_size(size)} in the cache"),
        ("pictures", pictures_line(store.pictures(info.url))),
    ]
    fields += version_lines(store.versions(info.url), info, article, entry)
    for label, value in fields:
        print(f"{label + ':':<15}{clean_line(value) or '-'}")
    return 0


def _remove(session: Session, args: argparse.Namespace) -> int:
    store = session.store
    for raw in args.urls:
        _given(raw, "remove")
    missing = 0
    for raw in args.urls:
        url = _find(store, raw)
        if url is None or not store.remove(url):
            say(f"{clip_url(raw)} is not in the cache")
            missing += 1
        else:
            print(f"removed {clean_line(url)}")
    return 1 if missing else 0


def _clear(session: Session, args: argparse.Namespace) -> int:
    store = session.store
    count = store.count()
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError("clear removes every cached article: pass --yes to confirm", 2)
        if not _confirm(f"Remove all {count} cached articles from {store.path}? [y/N] "):
            raise CommandError("nothing removed")
    removed = store.clear()
    print(f"removed {removed} article{'' if removed == 1 else 's'}")
    return 0


def _import(session: Session, args: argparse.Namespace) -> int:
    from tuireader.cache.ingest import ImportFailed, import_file

    if args.url and len(args.files) > 1:
        raise CommandError("--url names the page of a single file: import them one at a time", 2)
    max_bytes = session.reader.settings.max_page_bytes
    failed = 0
    for name in args.files:
        try:
            done = import_file(session.store, Path(name), args.url, max_bytes=max_bytes)
        except ImportFailed as exc:
            say(str(exc))
            failed += 1
            continue
        if done.note:
            say(done.note)
        if not done.kept:
            print(f"imported {clean_line(done.title) or '(untitled)'} <{clean_line(done.url)}>")
            sys.stdout.flush()
    return 1 if failed else 0


def _export(session: Session, args: argparse.Namespace) -> int:
    """The article in `args.format`; html is the cleaned article too, whatever its source."""
    from tuireader.reading.export import render

    url = _cached_url(session.store, _given(args.url, "export"))
    found = session.store.load(url)
    if found is None:
        raise CommandError(f"{clip_url(args.url)} is not in the cache")
    info, article = found
    marks = session.store.list_marks([url]).get(url)
    pictures = session.store.pictures(url)
    reading = Reading(article, info, CacheState.CACHED, pictures=pictures)
    if args.version is not None:
        reading = _version(session, url, args.version) or reading
        reading = reading._replace(pictures=pictures)
    placed = session.reader.highlights.placed(url, reading.article) if args.format == "json" else []
    sys.stdout.write(render(reading, args.format, marks, placed))
    return 0


def _version(session: Session, url: str, number: int) -> Reading | None:
    """Copy `number` of `url`; None for the current copy (numbered after the last kept one).
    A number that names no copy is a one-line error saying which do."""
    kept = [version.number for version in session.reader.versions.of(url)]
    current = (kept[-1] if kept else 0) + 1
    if number == current:
        return None
    reading = session.reader.versions.open(url, number) if number in kept else None
    if reading is not None:
        return reading
    if not kept:
        which = f"only the current copy, {current}"
    elif len(kept) == 1:
        which = f"copy {kept[0]} and the current one, {current}"
    else:
        which = f"copies {_numbers(kept)} and the current one, {current}"
    raise CommandError(f"{clip_url(url)} has no copy {number} in the cache: it keeps {which}")


def _numbers(numbers: list[int]) -> str:
    """'1-3', or '2, 5, 6' when some were evicted."""
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(str(n) for n in numbers)


# Helpers --------------------------------------------------------------------------------------


def _find(store: Store, raw: str) -> str | None:
    """The cached URL for what was typed: normalized the way the reader keys it, or as typed."""
    candidates = [raw.strip()]
    with suppress(BadURL):
        candidates.insert(0, normalize_url(raw))
    return next((url for url in candidates if store.contains(url)), None)


def _given(raw: str, command: str) -> str:
    """`raw` if it names something; an empty or blank argument is a usage error."""
    if not raw.strip():
        raise CommandError(f"cache {command} needs a URL", 2)
    return raw


def _cached_url(store: Store, raw: str) -> str:
    url = _find(store, raw)
    if url is None:
        raise CommandError(f"{clip_url(raw)} is not in the cache")
    return url


def _confirm(prompt: str) -> bool:
    to_stderr(prompt)
    return sys.stdin.readline().strip().lower() in ("y", "yes")


# Entry point ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader cache ARGS`; returns the exit status (2 usage, 1 failure), never raises."""
    return run_main(build_parser(), sys.argv[2:] if argv is None else argv, _run)


def _run(args: argparse.Namespace) -> int:
    if sys.stdout is None:  # every command reports on stdout: refuse before changing anything
        raise CommandError(NO_STDOUT)
    directory = cache_dir(args.cache_dir)
    if args.run is None:  # `path`: no need to open, or create, the store
        return output(lambda: print(store_path(directory)))
    session = open_store(directory, samples=False)  # the samples may need the extractor
    try:
        return output(lambda: args.run(session, args))
    finally:
        session.close()
