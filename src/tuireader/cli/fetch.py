"""`tuireader fetch`: fetch what is on the reading list but not in the cache yet.

What `add --later` and `import --no-fetch` left, and what failed before (each URL is tried three
times in all, then left to be opened by hand). `add` and `import` fetch through `fetch_now` too:
the same progress on stderr, the same politeness, the same summary.
"""

from __future__ import annotations

import argparse
import sys

from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError, say
from tuireader.cli.prefetch import ProgressLine
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.paths import cache_dir
from tuireader.reading.saving import NAMED, Fetched, fetch_saved
from tuireader.reading.session import Session
from tuireader.textsafe import clean_line

EPILOG = """\
Four pages at a time and two per site at most; a 429 or 503 with Retry-After is waited for once.
Each page is kept as soon as it arrives: a fetch stopped or killed half-way keeps what it fetched,
and the next `tuireader fetch` goes on. A URL that fails keeps its error on the list and is tried
again by the next `tuireader fetch` or `tuireader refresh`, three times in all.

exit status: 0, or 1 when nothing could be fetched (every fetch failed) or the cache failed.
"""


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader fetch",
        description="Fetch the saved articles that are not in the cache yet (saved with --later,\n"
        "imported with --no-fetch, or failed before), so they read offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print only errors (for cron)")
    add_shared_options(parser)
    return parser


def fetch_now(session: Session, urls: list[str], *, quiet: bool = False) -> Fetched:
    """Fetch `urls` with a progress line on stderr; the failures beyond what a summary names are
    said one a line. Ctrl+C is a CommandError (status 130): what was fetched is kept."""
    progress = ProgressLine(None if quiet else sys.stderr)
    try:
        done = fetch_saved(session.reader, urls, progress=progress.update)
    except KeyboardInterrupt:
        progress.clear(stop=True)
        raise CommandError(
            "stopped fetching: what was fetched is kept; `tuireader fetch` goes on", 130
        ) from None
    progress.clear()
    if quiet or len(done.failed) > NAMED:
        for url, why in done.failed:
            say(why if url in why else f"could not fetch {url}: {why}")
    return done


def nothing_fetched(done: Fetched) -> bool:
    """Every fetch failed: the run achieved nothing (status 1)."""
    return bool(done.failed) and not done.fetched


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader fetch ARGS`; returns the exit status, never raises."""
    return run_main(build_parser(), sys.argv[2:] if argv is None else argv, _run)


def _run(args: argparse.Namespace) -> int:
    if sys.stdout is None and not args.quiet:
        raise CommandError(NO_STDOUT)
    session = open_store(cache_dir(args.cache_dir), samples=False)
    try:
        urls = session.store.urls_to_fetch()
        done = fetch_now(session, urls, quiet=args.quiet) if urls else None
    finally:
        session.close()
    if not args.quiet:
        line = clean_line(done.line()) if done is not None else "nothing to fetch"
        result = output(lambda: print(line))
        if result:
            return result
    return 1 if done is not None and nothing_fetched(done) else 0
