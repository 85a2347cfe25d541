"""`tuireader --prefetch URL`: cache an article and every page it links to, without the app.

Progress goes to stderr (a one-line bar on a terminal, one line per link otherwise) so stdout
holds only the summary line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tuireader.cli.status_line import StatusLine, short_url
from tuireader.reading.prefetch import PrefetchProgress

BAR_WIDTH = 20
_OUTCOME_WORDS = {"fetched": "fetched", "cached": "already cached", "failed": "failed"}


class ProgressLine(StatusLine):
    """Draws prefetch progress: a bar on a TTY, one line per link otherwise."""

    def update(self, snapshot: PrefetchProgress) -> None:
        if self.tty:
            self.draw(_bar(snapshot))
        elif snapshot.finished_url and snapshot.finished_outcome:
            word = _OUTCOME_WORDS[snapshot.finished_outcome]
            self.note(f"{snapshot.done}/{snapshot.total} {word} {snapshot.finished_url}")


def _bar(snapshot: PrefetchProgress) -> str:
    total = max(snapshot.total, 1)
    filled = BAR_WIDTH * snapshot.done // total
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    text = f"[{bar}] {snapshot.done}/{snapshot.total}"
    if snapshot.failed:
        text += f" ({snapshot.failed} failed)"
    if snapshot.current:
        text += "  " + short_url(snapshot.current[-1])
    return text


def run(target: str | None, cache_dir: Path, *, offline: bool = False) -> int:
    """Read `target`, then read ahead every link on it. 0 if the article itself was read."""
    from tuireader.cache import StoreError
    from tuireader.cli.output import fail, say
    from tuireader.cli.session import open_store
    from tuireader.models import CacheState
    from tuireader.reading.prefetch import Prefetcher, article_links
    from tuireader.reading.reader import ReadError
    from tuireader.urls import BadURL, normalize_url

    if offline:
        return fail("--prefetch fetches pages, so it cannot be used with --offline", 2)
    if not target:
        return fail("--prefetch needs a URL", 2)
    try:
        normalize_url(target)
    except BadURL as exc:
        return fail(str(exc), 2)
    try:
        session = open_store(cache_dir)
    except StoreError as exc:
        return fail(str(exc))
    progress = ProgressLine(sys.stderr)
    try:
        try:
            reading = session.reader.open(target)
        except ReadError as exc:
            return fail(str(exc))
        if reading.state is CacheState.FALLBACK:
            say(f"{reading.fallback_reason}; using the copy cached {reading.page.fetched_at}")
        if reading.notice:
            say(reading.notice)
        summary = Prefetcher(session.reader, progress=progress.update).run(
            article_links(reading.article), exclude=(reading.url, reading.page.final_url)
        )
    except KeyboardInterrupt:
        progress.clear(stop=True)
        return fail("stopped reading ahead", 130)
    finally:
        session.close()
    progress.clear()
    for url, reason in summary.failed:
        say(reason if url in reason else f"could not read {url}: {reason}")
    print(summary.line())
    return 0
