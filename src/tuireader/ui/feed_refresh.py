"""Refreshing the feeds from the app: `R` in the library, and on launch when `refresh_every` says.

One thread worker at a time runs reading/refresh.py's `Refresher` (the fetcher and the feed
parser are imported then, not before). It only posts messages to the app (`Progress`, `Done`),
which hands them back here: the progress goes to the status bar of each screen that has one, the
summary line to a notification, and the library lists what is new. A second `R` while a refresh
runs says so. The launch refresh first asks, in a worker, whether the last refresh is old enough.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import Worker, get_current_worker

from tuireader.cache import StoreError
from tuireader.textsafe import clean_line
from tuireader.ui.widgets.fetch_status import FetchStatus

if TYPE_CHECKING:
    from textual.app import App

    from tuireader.reading.reader import Reader
    from tuireader.reading.refresh_report import RefreshProgress, RefreshSummary

PROGRESS_INTERVAL = 0.1  # seconds between progress messages from the worker
GROUP = "feed-refresh"


def progress_text(snapshot: RefreshProgress) -> str:
    """What the status bar says while a refresh runs."""
    if snapshot.phase == "feeds":
        text = f"Refreshing feeds {snapshot.done}/{snapshot.total}"
        if snapshot.new_entries:
            text += f", {snapshot.new_entries} new"
    elif snapshot.phase == "changes":
        text = f"Fetching changed articles {snapshot.done}/{snapshot.total}"
    else:
        text = f"Fetching new articles {snapshot.done}/{snapshot.total}"
    if snapshot.failed:
        text += f" ({snapshot.failed} failed)"
    return text


class FeedRefresh:
    """The app's refresh of the feeds: start it, show how it goes, say how it ended."""

    class Progress(Message):
        def __init__(self, worker: Worker[None], snapshot: RefreshProgress) -> None:
            super().__init__()
            self.worker = worker
            self.snapshot = snapshot

    class Done(Message):
        """The refresh ended with `summary`, or `error` says what stopped it."""

        def __init__(
            self, worker: Worker[None], summary: RefreshSummary | None, error: str = ""
        ) -> None:
            super().__init__()
            self.worker = worker
            self.summary = summary
            self.error = error

    class Due(Message):
        """The last refresh is older than `refresh_every`: start one, quietly."""

    class Counted(Message):
        """The views' counts were read at launch: the footers can show the keys they call for."""

    class Refreshed(Message):
        """New entries may be in the store: lists of them should be read again."""

    def __init__(self, app: App[Any], reader: Reader, *, offline: bool) -> None:
        self._app = app
        self._reader = reader
        self._offline = offline
        self._worker: Worker[None] | None = None
        self._quiet = False  # started on launch: say little unless something is new
        self._last: RefreshProgress | None = None

    @property
    def running(self) -> bool:
        worker = self._worker
        return worker is not None and not worker.is_finished

    def start(self, *, quiet: bool = False) -> None:
        """Refresh every feed that is due, in the background."""
        app = self._app
        if self.running:
            last = self._last
            where = f" ({clean_line(progress_text(last))})" if last else ""
            app.notify(f"The feeds are being refreshed already{where}.", markup=False)
            return
        if self._offline:
            app.notify(
                "Offline mode (--offline): not refreshing the feeds.",
                severity="warning",
                markup=False,
            )
            return
        self._quiet, self._last = quiet, None
        self._statuses("Refreshing feeds …", 0, 0)
        self._worker = app.run_worker(
            self._run, thread=True, exclusive=True, exit_on_error=False, group=GROUP
        )

    def start_if_due(self) -> None:
        """On launch: read the views' overview and Unread's first rows (the library's first
        show starts from them), and refresh if `refresh_every` is set and the last refresh is
        older."""
        from tuireader.reading.subscriptions import refresh_is_due

        every = 0.0 if self._offline else self._reader.settings.feed_refresh_seconds
        app, views = self._app, self._reader.views

        def ask() -> None:
            try:
                overview = views.overview()
                due = refresh_is_due(overview.feeds, every)
                if overview.has_views:  # Unread's first rows, for the library's first frame
                    from tuireader.ui.screens.library.listing import PAGE
                    from tuireader.ui.widgets.feed_views import UNREAD

                    views.items(UNREAD, limit=PAGE)
            except StoreError:
                return  # the library says what is wrong with the store
            if get_current_worker().is_cancelled:
                return
            app.post_message(self.Counted())
            if due:
                app.post_message(self.Due())

        app.run_worker(ask, thread=True, exit_on_error=False, group=f"{GROUP}-due")

    def _run(self) -> None:
        """In the worker's thread: refresh, posting progress and then the summary."""
        from tuireader.reading.refresh import Refresher

        worker: Worker[None] = get_current_worker()
        app = self._app
        last = 0.0

        def progress(snapshot: RefreshProgress) -> None:
            nonlocal last
            now = monotonic()
            if now - last >= PROGRESS_INTERVAL or snapshot.done == snapshot.total:
                last = now
                app.post_message(self.Progress(worker, snapshot))

        refresher = Refresher(
            self._reader, cancelled=lambda: worker.is_cancelled, progress=progress
        )
        try:
            summary = refresher.run()
        except Exception as exc:  # never a traceback on screen: say what broke instead
            app.post_message(self.Done(worker, None, f"{type(exc).__name__}: {exc}"))
        else:
            app.post_message(self.Done(worker, summary))

    def progressed(self, message: Progress) -> None:
        if message.worker is not self._worker:
            return
        before, self._last = self._last, message.snapshot
        self._statuses(
            progress_text(message.snapshot), message.snapshot.done, message.snapshot.total
        )
        if message.snapshot.phase == "articles" and (before is None or before.phase == "feeds"):
            self._app.post_message(self.Refreshed())  # the new entries are in: list them

    def done(self, message: Done) -> None:
        if message.worker is not self._worker:
            return
        self._worker = None
        for status in self._status_bars():
            status.job_finished()
        self._app.post_message(self.Refreshed())
        summary = message.summary
        if summary is None:
            text = clean_line(f"Refreshing the feeds failed: {message.error}")
            self._app.notify(text, severity="error", markup=False)
            return
        failures = "".join(
            f"\n{clean_line(name)}: {clean_line(why)}" for name, why in summary.feeds_failed[:3]
        )
        if summary.store_error:
            failures += f"\n{clean_line(summary.store_error)}"
        if self._quiet and summary.nothing_refreshed:  # no network, most likely: one line
            reason = summary.feeds_failed[0][1] if summary.feeds_failed else ""
            text = clean_line(f"Feeds not refreshed: {reason}")
            self._app.notify(text, timeout=5, markup=False)
            return
        severity = "warning" if failures else "information"
        self._app.notify(
            clean_line(summary.line()) + failures,
            title="Feeds refreshed",
            severity=severity,  # type: ignore[arg-type]
            markup=False,
        )

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _statuses(self, text: str, done: int, total: int) -> None:
        for status in self._status_bars():
            status.job(text, done, total)

    def _status_bars(self) -> list[FetchStatus]:
        """The status bar of every screen the app holds, shown or not."""
        screens = [*self._app.screen_stack]
        if self._app.is_screen_installed("library"):
            screens.append(self._app.get_screen("library"))
        bars: list[FetchStatus] = []
        for screen in dict.fromkeys(screens):
            bars += list(screen.query(FetchStatus))
        return bars
