"""`tuireader refresh`: check every feed, keep the new entries, fetch their articles whole.

Made for cron as much as for a person: progress on stderr (one line counting up on a terminal,
plain lines in a log), the summary line on stdout, `--quiet` says only what went wrong, and the
exit status is 1 only when nothing could be refreshed (every feed checked failed) or the store
failed.
"""

from __future__ import annotations

import argparse
import sys

from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError, fail, say
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.cli.status_line import StatusLine, short_url
from tuireader.paths import cache_dir
from tuireader.reading.refresh_report import RefreshProgress, RefreshSummary

EPILOG = """\
Each feed is checked politely: conditionally (ETag, Last-Modified), four at a time and two per
site at most, never more often than the feed's own ttl, skipHours and skipDays allow, and never
while its server asked to wait (Retry-After). Then the newest articles of each feed that are not
cached yet are fetched ([feeds] max_articles_per_feed, 20 unless the settings say otherwise);
among them, a cached article whose entry the feed changed (another updated date, else another
title or content) is fetched again, conditionally: a new text keeps the old one as an earlier
copy (tuireader cache show URL). Then the saved articles that are not cached yet are fetched
(tuireader add --later, import --no-fetch).

exit status: 0, or 1 when every feed checked failed, or the cache could not keep what was found.
for cron:    */30 * * * * tuireader refresh --quiet
"""


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader refresh",
        description="Check every feed followed for new entries and fetch their articles into\n"
        "the cache, whole and readable offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print only errors (for cron)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="check every feed now, whatever its ttl, skipHours and skipDays say",
    )
    parser.add_argument(
        "--no-articles",
        action="store_true",
        help="only check the feeds; fetch no article, saved ones included ([feeds] "
        "fetch_articles = false skips only the feeds' articles)",
    )
    add_shared_options(parser)
    return parser


class RefreshLine(StatusLine):
    """Refresh progress: a counter redrawn in place on a terminal, a line per item otherwise."""

    def update(self, snapshot: RefreshProgress) -> None:
        if self.tty:
            self.draw(_counter(snapshot))
        elif snapshot.finished and snapshot.outcome:
            text = f"{snapshot.done}/{snapshot.total} {snapshot.outcome} {snapshot.finished}"
            self.note(text)


_DOING = {
    "feeds": "checking feeds",
    "articles": "fetching articles",
    "changes": "fetching changed articles",
}


def _counter(snapshot: RefreshProgress) -> str:
    what = _DOING[snapshot.phase]
    text = f"{what} {snapshot.done}/{snapshot.total}"
    if snapshot.new_entries:
        text += f", {snapshot.new_entries} new"
    if snapshot.failed:
        text += f" ({snapshot.failed} failed)"
    if snapshot.current:
        text += " " + short_url(snapshot.current[-1])
    return text


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader refresh ARGS`; returns the exit status, never raises."""
    return run_main(build_parser(), sys.argv[2:] if argv is None else argv, _run)


def _run(args: argparse.Namespace) -> int:
    from tuireader.reading.refresh import Refresher

    if sys.stdout is None and not args.quiet:
        raise CommandError(NO_STDOUT)
    session = open_store(cache_dir(args.cache_dir), samples=False)
    progress = RefreshLine(None if args.quiet else sys.stderr)
    try:
        summary = Refresher(
            session.reader,
            force=args.force,
            articles=False if args.no_articles else None,
            progress=progress.update,
        ).run()
    except KeyboardInterrupt:
        progress.clear(stop=True)
        return fail("stopped refreshing: what was checked is kept", 130)
    finally:
        session.close()
    progress.clear()
    _say_failures(summary)
    if not args.quiet:
        result = output(lambda: print(summary.line()))
        if result:
            return result
        if not summary.feeds and not (summary.saved_fetched or summary.saved_failed):
            say("no feeds followed yet: tuireader feed add URL follows one")
    return 1 if summary.nothing_refreshed or summary.store_error else 0


def _say_failures(summary: RefreshSummary) -> None:
    for name, why in summary.feeds_failed:
        say(why if name in why else f"{name}: {why}")
    for url, why in (*summary.articles_failed, *summary.saved_failed):
        say(why if url in why else f"could not read {url}: {why}")
    if summary.store_error:
        say(summary.store_error)
