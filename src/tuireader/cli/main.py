"""The `tuireader` command: read a URL in the app, open the library, or `--dump` an article."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tuireader import __version__
from tuireader.cli.options import Parser, add_shared_options, command_arguments
from tuireader.cli.output import CommandError, fail
from tuireader.paths import CACHE_DIR_ENV, PathError, cache_dir, describe_cache_dir, env_path
from tuireader.reading.export import FORMATS
from tuireader.settings import CONFIG_ENV

if TYPE_CHECKING:
    from tuireader.cache import Store
    from tuireader.cache.saved import Marks
    from tuireader.models import NoArticle
    from tuireader.reading.highlights import Placed

DESCRIPTION = """\
Read web articles in the terminal. tuireader fetches a page, extracts the article (title, byline,
body, related links, credits), keeps the page and the article in its cache, and shows them in three
panes: the article, its related links and where it came from. Everything read once can be read again
offline. With no URL it opens the library of cached articles.
"""

EPILOG = f"""\
examples:
  tuireader                                  open the library of cached articles
  tuireader https://example.org/story        fetch and read an article
  tuireader --offline https://example.org/s  read the cached copy only, no network
  tuireader --dump --format text URL|FILE    print the article and exit
  tuireader --prefetch URL                   cache the article and every page it links to
  tuireader cache list|search|show|remove|clear|path|import|export
                                             manage the cache (tuireader cache --help)
  tuireader feed add https://example.org/blog follow a site's feed (the page or the feed)
  tuireader feed list|remove|import|export   manage subscriptions (tuireader feed --help)
  tuireader refresh                          check every feed, fetch the new articles whole
  tuireader refresh --quiet                  the same for cron: only errors are printed
  tuireader add URL... [--tag T] [--later]   save articles to read later, fetched now
  tuireader fetch                            fetch what is saved but not cached yet
  tuireader tag URL +a -b                    add and remove an article's tags
  tuireader import FILE...                   import a reading list: Pocket, Instapaper,
                                             Wallabag, Omnivore, bookmarks, OPML, URLs
  tuireader export --format wallabag-json|netscape-html|csv
                                             the whole reading list, states and tags too
  tuireader export --format epub -o FILE [URL... | --tag T | --unread | --starred]
                                             cached articles as an EPUB book for an e-reader
  tuireader highlights [--tag T] [URL]       the highlights and notes made in the reader,
                                             as Markdown quotes by article

keys in the reader: Tab/Shift+Tab switch panes, j/k scroll, Enter follows a link,
Backspace goes back, o opens a URL, r refetches, L opens the library, ? shows every key, q quits.

exit statuses: 0 read (or nothing to do), 1 could not read (network, cache, output),
2 a bad argument, 3 no article at this address (--dump: a bot wall, a paywall, a PDF...;
the line on stderr says which), 130 interrupted.

The cache lives in the user cache directory (here: {{cache_dir}});
--cache-dir DIR or the {CACHE_DIR_ENV} environment variable put it elsewhere
(--cache-dir goes before or after a command such as cache, feed or refresh:
tuireader --cache-dir DIR cache list).
"""


class _Parser(Parser):
    """Looks up the cache folder for --help only: --version and a run never need it here."""

    def format_help(self) -> str:
        self.epilog = EPILOG.format(cache_dir=describe_cache_dir())
        return super().format_help()


def build_parser() -> Parser:
    parser = _Parser(
        prog="tuireader",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "target",
        nargs="?",
        metavar="URL",
        help="the article to read (https:// is assumed); with --dump also a saved .html file",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="read only from the cache; never touch the network",
    )
    parser.add_argument(
        "--dump",
        action="store_true",
        help="print the extracted article to stdout instead of opening the app",
    )
    parser.add_argument(
        "--prefetch",
        action="store_true",
        help="cache the article and every page it links to (a few at a time), then exit",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="markdown",
        help="output format for --dump (default: markdown); json holds every field",
    )
    add_shared_options(parser)
    parser.add_argument("--version", action="version", version=f"tuireader {__version__}")
    return parser


NO_ARTICLE_EXIT = 3  # --dump: the address answered, but with no article to read
NO_ARTICLE_HINT = "Open it in a browser, or save the page and --dump the file."


def _is_file(path: Path) -> bool:
    """A file to read: a name too long for the file system, or unusable, is no file (a URL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _dump(args: argparse.Namespace, cache_dir: Path) -> int:
    from tuireader.cli.output import NO_STDOUT, say, write_failed
    from tuireader.cli.session import open_store
    from tuireader.models import CacheState
    from tuireader.reading.export import render
    from tuireader.reading.no_article import verdict
    from tuireader.reading.reader import ReadError, read_file
    from tuireader.urls import BadURL, normalize_url

    if not args.target:
        return fail("--dump needs a URL or a file", 2)
    if sys.stdout is None:
        return fail(NO_STDOUT)
    from tuireader.cache import StoreError

    path = Path(args.target)
    is_file = _is_file(path)
    marks = None
    highlights: list[Placed] = []
    if not is_file:
        try:
            normalize_url(args.target)
        except BadURL as exc:
            return fail(str(exc), 2)
    try:
        if is_file:
            reading = read_file(path)
        else:
            session = open_store(cache_dir)
            try:
                reading = session.reader.open(args.target, offline=args.offline)
                if args.format == "json":
                    marks = _marks(session.store, reading.url)
                    highlights = session.reader.highlights.placed(reading.url, reading.article)
            finally:
                session.close()
    except ReadError as exc:
        if exc.card is not None and exc.card.no_article is not None:
            return _no_article(exc.card.no_article)
        return fail(str(exc))
    except StoreError as exc:
        return fail(str(exc))
    if reading.state is CacheState.FALLBACK:
        say(f"{reading.fallback_reason}; showing the copy cached {reading.page.fetched_at}")
    if reading.notice:
        say(reading.notice)
    if reading.not_kept:  # shown all the same: the reader has it, exit 0
        say(reading.not_kept)
    if (found := verdict(reading)) is not None:
        return _no_article(found)
    try:
        sys.stdout.write(render(reading, args.format, marks, highlights))
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        return write_failed(exc, "the article")
    return 0


def _no_article(found: NoArticle) -> int:
    """Why there is no article, as one line on stderr, and the exit status that says so."""
    from tuireader.textsafe import clip_url

    return fail(
        f"no article at {clip_url(found.url)}: {found.evidence} {NO_ARTICLE_HINT}",
        NO_ARTICLE_EXIT,
    )


def _marks(store: Store, url: str) -> Marks | None:
    """What the reading list says of the article at `url`, as saved (no tracking) or cached."""
    from tuireader.urls import strip_tracking

    found = store.list_marks([url, strip_tracking(url)])
    return found.get(strip_tracking(url)) or found.get(url)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    try:
        command = command_arguments(argv, parser)
    except CommandError as exc:
        return fail(str(exc), exc.code)
    if command is not None:
        return _run_command(*command)
    args = parser.parse_args(argv)
    try:
        directory = cache_dir(args.cache_dir)
        env_path(CONFIG_ENV)  # checked here, where a bad one can still stop the run
    except PathError as exc:
        return fail(str(exc), exc.exit_code)
    try:
        if args.dump:
            return _dump(args, directory)
        if args.prefetch:
            from tuireader.cli.prefetch import run

            return run(args.target, directory, offline=args.offline)
        return _run_app(args, directory)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        from tuireader.cli.output import pipe_closed

        return pipe_closed()


def _run_command(name: str, argv: list[str]) -> int:
    """`tuireader COMMAND ...`: each command's module is imported only when it runs."""
    from collections.abc import Callable

    run: Callable[[list[str]], int]
    if name == "feed":
        from tuireader.cli.feed import main as run
    elif name == "refresh":
        from tuireader.cli.refresh import main as run
    elif name == "add":
        from tuireader.cli.add import main as run
    elif name == "fetch":
        from tuireader.cli.fetch import main as run
    elif name == "tag":
        from tuireader.cli.tag import main as run
    elif name == "import":
        from tuireader.cli.list_import import main as run
    elif name == "export":
        from tuireader.cli.list_export import main as run
    elif name == "highlights":
        from tuireader.cli.highlights import main as run
    else:
        from tuireader.cli.cache import main as run
    return run(argv)


def _run_app(args: argparse.Namespace, cache_dir: Path) -> int:
    from tuireader.ui import startup_gc

    startup_gc.pause()  # the app resumes it once the first article is on screen
    head_start = None
    if args.target:
        from tuireader.urls import BadURL, normalize_url

        try:
            normalize_url(args.target)
        except BadURL as exc:
            return fail(str(exc), 2)
        if not args.offline:  # fetch on another core while the app starts: before Textual
            from tuireader.reading.first_fetch import HeadStart

            head_start = HeadStart.begin(args.target, cache_dir)
    from tuireader.cache import StoreError
    from tuireader.ui.app import TuiReaderApp

    try:
        app = TuiReaderApp(
            cache_dir=cache_dir,
            start_url=args.target,
            offline=args.offline,
            head_start=head_start,
        )
    except StoreError as exc:
        if head_start is not None:
            head_start.close()
        return fail(str(exc))
    app.run()
    return app.return_code or 0
