"""Where the reader screen is: its history, and the loads that add to it (Frogmouth's viewer).

`Navigator` owns the history, the reading position of each step (`PositionSaver`), the load worker
(`Loader`, latest load wins) and the head start (a child process forked at launch that is already
opening the first URL, tuireader.reading.first_fetch). The worker's messages (`Loader.Loaded`,
`Loader.Failed`, `Loader.Progress`) reach the screen, which hands them back here. Each step shown
in the body pane is posted as `Navigator.Shown` once its first frame is drawn: the screen then
fills the side panes.

Every load reads the store in the worker, except one. Start-up exception to "no SQLite on the
UI thread": the first URL, when the cache holds a copy that needs no request and no extraction, is
read from the store here, on the UI thread, with its reading position, and posted at once: a
cached article is drawn in the first frame, with no "Opening" frame before it (README, "Figures:
start-up"; benchmarks/startup.py; tests/app/test_app.py, "shown without the load worker"). The store
lets the UI thread read without waiting for a writer (cache/connections.py `_reading`). Position
saves are written on a thread of their own: positions.py says how.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from tuireader.formatting import short_title
from tuireader.models import CacheState
from tuireader.reading.first_fetch import HeadStartLost
from tuireader.reading.history import History, HistoryEntry
from tuireader.reading.no_article import verdict
from tuireader.reading.reader import ReadError
from tuireader.textsafe import clean_line, clip_line
from tuireader.ui.screens.reader.loader import Loader, read_highlights
from tuireader.ui.screens.reader.positions import PositionSaver
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.urls import is_followable

OPENING_DELAY = 0.15  # seconds a load may take before the body says "Opening …"

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from tuireader.cache import ViewItem
    from tuireader.models import Reading
    from tuireader.reading.first_fetch import HeadStart
    from tuireader.reading.reader import Reader

TITLE_LIMIT = 300  # characters of a title in the header: a page may send MiBs


class Navigator:
    """The history of one screen, the loads that move it on, and the body pane that shows it."""

    class Shown(Message, bubble=False):
        """`entry` is on screen, its first frame drawn."""

        def __init__(self, entry: HistoryEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(
        self,
        screen: Screen[None],
        reader: Reader,
        *,
        offline: bool,
        head_start: HeadStart | None = None,
    ) -> None:
        self._screen = screen
        self._reader = reader
        self.offline = offline
        self._head_start = head_start  # a child process already opening the first URL
        self._starting = True  # the first load may be answered from the cache on this thread
        self._opening: Timer | None = None  # says "Opening …" unless the load answers first
        self._opening_url = ""
        self.history = History()
        self.loader = Loader(screen, reader)
        self.positions = PositionSaver(screen, reader)

    def start(self) -> None:
        """Once the screen is mounted: keep the position of what is read as it scrolls."""
        self.positions.start(lambda: self.history.current)

    @property
    def current(self) -> HistoryEntry | None:
        return self.history.current

    @property
    def reading(self) -> Reading | None:
        entry = self.history.current
        return None if entry is None else entry.reading

    def remember_position(self) -> None:
        """Keep where the reader is in the current article: for history, and in the store."""
        self.positions.remember(self.history.current)

    # Loads --------------------------------------------------------------------------------------

    def load(
        self,
        url: str,
        *,
        offline: bool | None = None,
        replace: bool = False,
        refresh: bool = False,
    ) -> None:
        """Read `url` in the background; the screen keeps working while it loads.

        At start-up, a cached copy that needs no request and no extraction is read here instead,
        at once. `refresh` downloads it again even when the cached copy is young.
        """
        offline = self.offline if offline is None else offline
        starting, self._starting = self._starting, False
        head_start, self._head_start = self._head_start, None
        if head_start is not None and (head_start.url != url or offline or refresh):
            head_start.close()
            head_start = None
        try:
            if head_start is not None:  # it answers here if it is done by now
                reading = head_start.answer_now()
            elif starting and not refresh:  # the start-up exception: see the docstring
                reading = self._reader.ready(url, offline=offline)
            else:
                reading = None
        except ReadError as exc:
            self._screen.post_message(Loader.Failed(url, str(exc), exc.card, replace))
            return
        except HeadStartLost:
            head_start = reading = None
        if reading is not None:  # shown in the next frame, with no "Opening" frame before it
            self._screen.workers.cancel_group(self._screen, "load")
            position = (0, "") if replace else self._reader.position(reading.url)
            highlights = read_highlights(self._reader, reading.url)  # drawn with the words
            self._screen.post_message(Loader.Loaded(reading, replace, position, highlights))
            return
        self._say_opening_soon(url)
        self.loader.start(
            url, offline=offline, replace=replace, refresh=refresh, head_start=head_start
        )

    def load_item(self, item: ViewItem) -> None:
        """Read an article of a library view in the background: a saved URL from the cache,
        else (online) fetched now; a feed entry's cached article, else its page fetched now,
        else the feed's own content of it."""
        from tuireader.reading.subscriptions import entry_url

        url = item.url or (entry_url(item.entry) if item.entry is not None else "")
        self._starting = False
        if self._head_start is not None:
            self._head_start.close()
            self._head_start = None
        self._say_opening_soon(url)
        self.loader.start(url, offline=self.offline, replace=False, refresh=False, item=item)

    def _say_opening_soon(self, url: str) -> None:
        """Say what is loading, unless the load answers first: a cached article read in the
        worker comes back within a frame or two, and a flash of "Opening …" before it is noise."""
        self._stop_opening()
        self._opening_url = url
        self._opening = self._screen.set_timer(OPENING_DELAY, self._say_opening)

    def _say_opening(self) -> None:
        """Say now what is loading, if it has not been said (nor answered) yet."""
        if self._opening is None:
            return
        self._stop_opening()
        self._screen.query_one(FetchStatus).start(self._opening_url)
        self._body.say(f"Opening {clean_line(self._opening_url)} …")

    def _stop_opening(self) -> None:
        if self._opening is not None:
            self._opening.stop()
            self._opening = None

    def progress(self, message: Loader.Progress) -> None:
        self._say_opening()  # bytes are arriving: a slow load, say so now
        self._screen.query_one(FetchStatus).advance(message.received, message.total)

    async def loaded(self, message: Loader.Loaded) -> None:
        """Show what a load brought: a new step, or the current one replaced."""
        self._stop_opening()
        self.remember_position()
        if message.replace:
            entry = self.history.replace_current(message.reading)
        else:
            entry = self.history.visit(message.reading)
            entry.block, entry.anchor_text = message.position  # where it was left last time
        await self.show(entry)
        self._say_how_it_came(message.reading)

    def failed(self, message: Loader.Failed) -> None:
        if message.card is not None:  # a page that is no article (a 403, a PDF): its card
            self._screen.post_message(Loader.Loaded(message.card, message.replace))
            return
        self._stop_opening()
        text = clean_line(message.message)
        self._screen.query_one(FetchStatus).error(f"Could not read: {text}")
        self._body.say(
            f"Could not read the page.\n\n{text}\n\n"
            "Press o to open another URL, L for the library of cached articles, ? for every key."
        )
        self._screen.notify(text, title="Could not read the page", severity="error", markup=False)

    def _say_how_it_came(self, reading: Reading) -> None:
        """The fetch status, and a notice when the copy shown is not a fresh, whole article."""
        status, notify = self._screen.query_one(FetchStatus), self._screen.notify
        if reading.state is CacheState.FEED:
            status.finish()
            notify(clean_line(reading.feed_note), timeout=4, markup=False)
            return  # what the feed gave is all there is: no page to say more about
        if reading.state is CacheState.FALLBACK:
            text = (
                f"Could not fetch: {reading.fallback_reason}. Showing the {reading.state_label()}."
            )
            status.error(text)
            notify(clean_line(text), severity="warning", markup=False)
        elif reading.not_kept:  # shown, but a full disk could not keep it
            status.error(f"Not kept: {reading.not_kept}")
            notify(
                clean_line(reading.not_kept),
                title="Not kept in the cache",
                severity="warning",
                markup=False,
            )
        else:
            status.finish()
        if notice := reading.notice:
            text = clean_line(notice[:1].upper() + notice[1:])
            notify(text, severity="warning", timeout=10, markup=False)
        if (found := verdict(reading)) is not None:
            notify(clean_line(found.evidence), title="No article", severity="warning", markup=False)

    # Moving in the history ----------------------------------------------------------------------

    async def back(self) -> None:
        if not self.history.can_go_back:
            self._screen.notify("Nothing to go back to.", markup=False)
            return
        self.remember_position()
        await self.show(self.history.back())

    async def forward(self) -> None:
        if not self.history.can_go_forward:
            self._screen.notify("Nothing to go forward to.", markup=False)
            return
        self.remember_position()
        await self.show(self.history.forward())

    async def go_to(self, index: int) -> None:
        """Entry `index` of the history, unless it is the one shown."""
        if index == self.history.index:
            return
        self.remember_position()
        await self.show(self.history.go_to(index))

    def pick_from_history(self) -> None:
        """The list of everything read this session; choosing one goes back (or on) to it."""
        from tuireader.ui.screens.history import HistoryScreen

        if not len(self.history):
            self._screen.notify("Nothing read yet.", markup=False)
            return

        async def chosen(index: int | None) -> None:
            if index is not None:
                await self.go_to(index)

        self._screen.app.push_screen(HistoryScreen(self.history), chosen)

    # Where to next ------------------------------------------------------------------------------

    def ask_for_url(self) -> None:
        from tuireader.ui.dialogs.open_url import OpenURLDialog

        def opened(url: str | None) -> None:
            if url:
                self.load(url)

        self._screen.app.push_screen(OpenURLDialog(), opened)

    def refetch(self) -> None:
        reading, notify = self.reading, self._screen.notify
        if reading is None:
            notify("Nothing to refetch: open a URL with o.", markup=False)
        elif not is_followable(reading.url):
            notify("This entry links to no page: there is nothing to fetch.", markup=False)
        elif self.offline:
            notify("Offline mode (--offline): not fetching.", severity="warning", markup=False)
        else:
            self.load(reading.url, offline=False, replace=True, refresh=True)

    def open_library(self) -> None:
        """The library of cached articles; the one chosen opens from the cache."""
        from tuireader.ui.screens.library import ASK_FOR_URL, LibraryScreen

        def chosen(choice: str | ViewItem | None) -> None:
            if choice == ASK_FOR_URL:
                self.ask_for_url()
            elif isinstance(choice, str) and choice:
                self.load(choice, offline=True)
            elif choice is not None and not isinstance(choice, str):
                self.load_item(choice)

        self.remember_position()  # leaving it: read to its end, its feed entry is read now
        app = self._screen.app
        if not app.is_screen_installed("library"):  # built once, shown again quickly
            app.install_screen(LibraryScreen(self._reader), "library")
        app.push_screen("library", chosen)

    # Showing ------------------------------------------------------------------------------------

    @property
    def _body(self) -> BodyPane:
        return self._screen.query_one(BodyPane)

    async def show(self, entry: HistoryEntry | None) -> None:
        """`entry` in the body pane, where it was left; `Shown` once its first frame is drawn."""
        if entry is None:
            return
        reading, body, screen = entry.reading, self._body, self._screen
        await body.show(reading)
        screen.call_after_refresh(screen.post_message, self.Shown(entry))  # the words come first
        article = reading.article
        screen.app.sub_title = clip_line(short_title(article.title, article.site_name), TITLE_LIMIT)
        if entry.anchor_text:  # the paragraphs may have been renumbered by a re-extraction
            found = body.find_block(entry.anchor_text, entry.block)
            entry.block = entry.block if found is None else found
            entry.anchor_text = ""
        if entry.block:
            body.scroll_to_block(entry.block)
