"""The reader screen: body pane | related-links sidebar | source panel, with history.

Loads run in an exclusive thread worker (a newer navigation cancels an older one) that only posts
messages; this screen owns the history and decides what every message does.
"""

from __future__ import annotations

from time import monotonic

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from tuireader.history import History, HistoryEntry
from tuireader.messages import FollowLink
from tuireader.models import CacheState, Reading
from tuireader.reader import Reader, ReadError
from tuireader.textsafe import clean_line
from tuireader.urls import is_followable
from tuireader.widgets.body_pane import BodyPane
from tuireader.widgets.fetch_status import FetchStatus
from tuireader.widgets.related_sidebar import RelatedSidebar
from tuireader.widgets.source_panel import SourcePanel

PROGRESS_INTERVAL = 0.05  # seconds between progress messages from the fetch thread


class ReaderScreen(Screen[None]):
    """Reads one article at a time and remembers where the reader has been."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("backspace,h,alt+left", "back", "Back"),
        Binding("l,alt+right", "forward", "Forward"),
        Binding("o", "open_url", "Open URL"),
        Binding("r", "refresh", "Refetch"),
        Binding("L", "library", "Library"),
    ]

    class Loaded(Message):
        """A load finished: show `reading`, as a new history step or in place of the current one."""

        def __init__(self, reading: Reading, replace: bool) -> None:
            super().__init__()
            self.reading = reading
            self.replace = replace

    class LoadFailed(Message):
        def __init__(self, url: str, message: str) -> None:
            super().__init__()
            self.url = url
            self.message = message

    class Progress(Message):
        def __init__(self, received: int, total: int | None) -> None:
            super().__init__()
            self.received = received
            self.total = total

    def __init__(
        self, reader: Reader, *, offline: bool = False, start_url: str | None = None
    ) -> None:
        super().__init__()
        self.reader = reader
        self.offline = offline
        self.start_url = start_url
        self.history = History()

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield BodyPane(id="body")
            with Vertical(id="side"):
                yield RelatedSidebar(id="related")
                yield SourcePanel(id="source")
        yield FetchStatus(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(BodyPane).border_title = "Article"
        self.query_one(RelatedSidebar).border_title = "Related links"
        self.query_one(SourcePanel).border_title = "Source"
        self.query_one(BodyPane).focus()
        if self.start_url:
            self.load(self.start_url)

    @property
    def reading(self) -> Reading | None:
        entry = self.history.current
        return None if entry is None else entry.reading

    # Loading -----------------------------------------------------------------------------------

    def load(
        self,
        url: str,
        *,
        offline: bool | None = None,
        replace: bool = False,
        refresh: bool = False,
    ) -> None:
        """Read `url` in the background; the screen keeps working while it loads.

        `refresh` downloads it again even when the cached copy is young.
        """
        offline = self.offline if offline is None else offline
        self.query_one(FetchStatus).start(url)
        self.query_one(BodyPane).say(f"Opening {clean_line(url)} …")
        self._load(url, offline, replace, refresh)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self, url: str, offline: bool, replace: bool, refresh: bool) -> None:
        worker = get_current_worker()
        last = 0.0

        def progress(received: int, total: int | None) -> None:
            nonlocal last
            now = monotonic()
            if now - last >= PROGRESS_INTERVAL or (total is not None and received >= total):
                last = now
                self.post_message(self.Progress(received, total))

        try:
            reading = self.reader.open(
                url,
                offline=offline,
                refresh=refresh,
                progress=progress,
                cancelled=lambda: worker.is_cancelled,
            )
        except ReadError as exc:
            message = str(exc)
        except Exception as exc:  # never a traceback on screen: say what broke instead
            message = f"could not read {url}: {type(exc).__name__}: {exc}"
        else:
            if not worker.is_cancelled:
                self.post_message(self.Loaded(reading, replace))
            return
        if not worker.is_cancelled:
            self.post_message(self.LoadFailed(url, message))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        self.query_one(FetchStatus).advance(message.received, message.total)

    @on(Loaded)
    async def _loaded(self, message: Loaded) -> None:
        self._remember_scroll()
        if message.replace:
            entry = self.history.replace_current(message.reading)
        else:
            entry = self.history.visit(message.reading)
        await self._display(entry)
        status = self.query_one(FetchStatus)
        if message.reading.state is CacheState.FALLBACK:
            text = (
                f"Could not fetch: {message.reading.fallback_reason}. "
                f"Showing the {message.reading.state_label()}."
            )
            status.error(text)
            self.notify(clean_line(text), severity="warning", markup=False)
        else:
            status.finish()

    @on(LoadFailed)
    def _failed(self, message: LoadFailed) -> None:
        text = clean_line(message.message)
        self.query_one(FetchStatus).error(f"Could not read: {text}")
        self.query_one(BodyPane).say(
            f"Could not read the page.\n\n{text}\n\n"
            "Press o to open another URL, L for the library of cached articles, ? for every key."
        )
        self.notify(text, title="Could not read the page", severity="error", markup=False)

    async def _display(self, entry: HistoryEntry) -> None:
        reading = entry.reading
        body = self.query_one(BodyPane)
        await body.show(reading)
        self.query_one(RelatedSidebar).show(reading.article)
        self.query_one(SourcePanel).show(reading)
        self.app.sub_title = clean_line(reading.article.title)
        if entry.scroll_y:
            y = entry.scroll_y
            self.call_after_refresh(lambda: body.scroll_to(y=y, animate=False))

    def _remember_scroll(self) -> None:
        entry = self.history.current
        if entry is not None:
            entry.scroll_y = self.query_one(BodyPane).scroll_y

    # Navigation ----------------------------------------------------------------------------------

    @on(FollowLink)
    def _follow(self, message: FollowLink) -> None:
        if not is_followable(message.url):
            self.notify(
                f"Only http and https links are followed: {clean_line(message.url)}",
                severity="warning",
                markup=False,
            )
            return
        self.load(message.url)

    async def action_back(self) -> None:
        if not self.history.can_go_back:
            self.notify("Nothing to go back to.", markup=False)
            return
        self._remember_scroll()
        entry = self.history.back()
        if entry is not None:
            await self._display(entry)

    async def action_forward(self) -> None:
        if not self.history.can_go_forward:
            self.notify("Nothing to go forward to.", markup=False)
            return
        self._remember_scroll()
        entry = self.history.forward()
        if entry is not None:
            await self._display(entry)

    def action_open_url(self) -> None:
        from tuireader.dialogs.open_url import OpenURLDialog

        def opened(url: str | None) -> None:
            if url:
                self.load(url)

        self.app.push_screen(OpenURLDialog(), opened)

    def action_refresh(self) -> None:
        reading = self.reading
        if reading is None:
            self.notify("Nothing to refetch: open a URL with o.", markup=False)
        elif self.offline:
            self.notify("Offline mode (--offline): not fetching.", severity="warning", markup=False)
        else:
            self.load(reading.url, offline=False, replace=True, refresh=True)

    def action_library(self) -> None:
        from tuireader.screens.library import ASK_FOR_URL, LibraryScreen

        def chosen(url: str | None) -> None:
            if url == ASK_FOR_URL:
                self.action_open_url()
            elif url:
                self.load(url, offline=True)

        self.app.push_screen(LibraryScreen(self.reader.store), chosen)
