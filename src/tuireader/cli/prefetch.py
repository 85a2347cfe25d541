"""`tuireader --prefetch URL`: cache an article and every page it links to, without the app.

Progress goes to stderr (a one-line bar on a terminal, one line per link otherwise) so stdout
holds only the summary line.
"""

from __future__ import annotations

import shutil
import sys
import threading
from contextlib import suppress
from pathlib import Path
from typing import TextIO

from tuireader.reading.prefetch import PrefetchProgress
from tuireader.textsafe import clean_line

BAR_WIDTH = 20
_OUTCOME_WORDS = {"fetched": "fetched", "cached": "already cached", "failed": "failed"}


class ProgressLine:
    """Draws prefetch progress on `stream`: a bar redrawn in place on a TTY, plain lines if not.

    With no stream (stderr closed) nothing is drawn; a stream that fails to take a line (a full
    disk) loses the progress, never the prefetch.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.tty = stream is not None and _isatty(stream)
        self.drawn = False
        self.stopped = False  # after Ctrl+C, threads still finishing must not draw any more
        self.lock = threading.Lock()  # snapshots come from worker threads

    def update(self, snapshot: PrefetchProgress) -> None:
        with self.lock:
            if self.stopped:
                return
            if self.tty:
                self._draw(snapshot)
            elif snapshot.finished_url and snapshot.finished_outcome:
                word = _OUTCOME_WORDS[snapshot.finished_outcome]
                line = f"{snapshot.done}/{snapshot.total} {word} {snapshot.finished_url}"
                self._write(clean_line(line) + "\n")

    def clear(self, stop: bool = False) -> None:
        with self.lock:
            self.stopped = self.stopped or stop
            if self.drawn:
                self._write("\r\x1b[K")
                self.drawn = False

    def _write(self, text: str) -> None:
        if self.stream is None:
            return
        with suppress(OSError, ValueError):
            self.stream.write(text)
            self.stream.flush()

    def _draw(self, snapshot: PrefetchProgress) -> None:
        total = max(snapshot.total, 1)
        filled = BAR_WIDTH * snapshot.done // total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        text = f"[{bar}] {snapshot.done}/{snapshot.total}"
        if snapshot.failed:
            text += f" ({snapshot.failed} failed)"
        if snapshot.current:
            text += "  " + _short(snapshot.current[-1])
        width = shutil.get_terminal_size().columns - 1
        text = clean_line(text)
        if len(text) > width:
            text = text[: max(width - 1, 0)] + "…"
        self._write("\r\x1b[K" + text)
        self.drawn = True


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def _short(url: str) -> str:
    """host/path of `url`, the part that tells links apart."""
    return url.split("://", 1)[-1]


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
