"""Reading ahead from the reader screen: one thread worker at a time fetches links into the cache.

The worker only posts messages (`ReadAhead.Progress`, `ReadAhead.Done`) to the screen that runs it;
the screen hands them back to `progressed` and `done`, which update the fetch status, the
sidebar's offline marks and the notices. A newer run replaces an older one, whose late messages
are ignored.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker, get_current_worker

from tuireader.textsafe import clean_line
from tuireader.ui.screens.reader.loader import PROGRESS_INTERVAL
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.related_sidebar import RelatedSidebar

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.models import Reading
    from tuireader.reading.prefetch import PrefetchProgress, PrefetchSummary
    from tuireader.reading.reader import Reader


class ReadAhead:
    """The read-ahead run of one screen: start, cancel, and which messages are its own."""

    class Progress(Message):
        """A snapshot from the read-ahead worker `worker`."""

        def __init__(self, worker: Worker[None], snapshot: PrefetchProgress) -> None:
            super().__init__()
            self.worker = worker
            self.snapshot = snapshot

    class Done(Message):
        """The read-ahead worker `worker` ended, with its summary or the error that stopped it."""

        def __init__(
            self, worker: Worker[None], summary: PrefetchSummary | None, error: str = ""
        ) -> None:
            super().__init__()
            self.worker = worker
            self.summary = summary
            self.error = error

    def __init__(self, screen: Screen[None], reader: Reader) -> None:
        self._screen = screen
        self._reader = reader
        self._worker: Worker[None] | None = None

    @property
    def running(self) -> bool:
        worker = self._worker
        return worker is not None and not worker.is_cancelled and not worker.is_finished

    def toggle(self, reading: Reading | None, *, offline: bool) -> None:
        """Fetch every link of `reading` into the cache; pressed again, stop."""
        if self.running:
            self.stop()
            return
        screen = self._screen
        if reading is None:
            screen.notify("Nothing to read ahead: open an article first.", markup=False)
            return
        if offline:
            screen.notify(
                "Offline mode (--offline): not reading ahead.", severity="warning", markup=False
            )
            return
        targets = self.targets(reading)
        if not targets:
            screen.notify("No links to read ahead on this page.", markup=False)
            return
        screen.query_one(FetchStatus).read_ahead(0, len(targets), 0)
        self.start(targets)

    def stop(self) -> None:
        if self.cancel():
            self._screen.query_one(FetchStatus).read_ahead_stopping()

    def progressed(self, message: ReadAhead.Progress) -> bool:
        """Show a snapshot of the run; True when it cached a link the sidebar now marks."""
        if not self.owns(message):
            return False  # from a run that was replaced
        snapshot = message.snapshot
        if not message.worker.is_cancelled:
            self._screen.query_one(FetchStatus).read_ahead(
                snapshot.done, snapshot.total, snapshot.failed
            )
        if snapshot.finished_offline:
            self._screen.query_one(RelatedSidebar).mark_offline([snapshot.finished_url])
            return True
        return False

    def done(self, message: ReadAhead.Done) -> bool:
        """The run ended: say how it went. False when the message is from a replaced run."""
        if not self.owns(message):
            return False
        self.finished()
        self._screen.query_one(FetchStatus).read_ahead_finished()
        text, title, severity = done_notice(message)
        self._screen.notify(text, title=title, severity=severity, markup=False)  # type: ignore[arg-type]
        return True

    def targets(self, reading: Reading) -> list[str]:
        """The links of `reading` worth fetching: http(s), not the page itself, each once."""
        from tuireader.reading.prefetch import article_links, prefetch_targets

        exclude = (reading.url, reading.page.final_url)
        targets, _ = prefetch_targets(article_links(reading.article), exclude)
        return targets

    def start(self, urls: list[str]) -> None:
        self._worker = self._screen.run_worker(
            lambda: self._run(urls),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="prefetch",
        )

    def cancel(self) -> bool:
        """Stop the run; False when none was running."""
        if not self.running or self._worker is None:
            return False
        self._worker.cancel()
        return True

    def owns(self, message: ReadAhead.Progress | ReadAhead.Done) -> bool:
        """Whether `message` comes from the current run (not one it replaced)."""
        return message.worker is self._worker

    def finished(self) -> None:
        self._worker = None

    def _run(self, urls: list[str]) -> None:
        """In the worker's thread: fetch `urls`, posting progress and then the summary."""
        from tuireader.reading.prefetch import Prefetcher

        worker: Worker[None] = get_current_worker()
        screen = self._screen
        last = 0.0

        def progress(snapshot: PrefetchProgress) -> None:
            nonlocal last
            now = monotonic()
            if snapshot.finished_url or now - last >= PROGRESS_INTERVAL:
                last = now
                screen.post_message(self.Progress(worker, snapshot))

        prefetcher = Prefetcher(
            self._reader, cancelled=lambda: worker.is_cancelled, progress=progress
        )
        try:
            summary = prefetcher.run(urls)
        except Exception as exc:  # never a traceback on screen: say what broke instead
            screen.post_message(self.Done(worker, None, f"{type(exc).__name__}: {exc}"))
        else:
            screen.post_message(self.Done(worker, summary))


def done_notice(message: ReadAhead.Done) -> tuple[str, str, str]:
    """(text, title, severity) of the notification that ends a run; page text made inert."""
    if message.summary is None:
        return clean_line(f"Reading ahead failed: {message.error}"), "Read ahead", "error"
    summary = message.summary
    title = "Stopped reading ahead" if summary.cancelled else "Read ahead"
    failures = "".join(f"\n{clean_line(why)}" for _, why in summary.failed[:3])
    return summary.line() + failures, title, "warning" if summary.failed else "information"
