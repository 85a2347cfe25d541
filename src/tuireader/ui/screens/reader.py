"""The reader screen: body pane | related-links sidebar | source panel, with history.

The layout follows the terminal's size (breakpoint classes, styled in app.tcss): below 100 columns
the body takes the whole screen and the two side panes open one at a time as an overlay; from 100
columns they share a column to the right of the body; from 160 all three stand side by side.

Loads and reading ahead run in thread workers (`screens/loader.py`, `screens/read_ahead.py`) that
only post messages; this screen owns the history and decides what every message does.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

from tuireader.cache import StoreError
from tuireader.formatting import short_title
from tuireader.models import CacheState, Reading
from tuireader.reading.first_fetch import HeadStartLost
from tuireader.reading.history import History, HistoryEntry
from tuireader.reading.reader import Reader, ReadError
from tuireader.textsafe import clean_line, clip_line
from tuireader.ui import startup_gc
from tuireader.ui.messages import FollowLink
from tuireader.ui.screens.link_numbers import LinkDigits, numbered_links
from tuireader.ui.screens.loader import Loader
from tuireader.ui.screens.read_ahead import ReadAhead, done_notice
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.find_bar import FindBar
from tuireader.ui.widgets.key_footer import KeyFooter
from tuireader.ui.widgets.related_sidebar import RelatedSidebar
from tuireader.ui.widgets.source_panel import SourcePanel
from tuireader.urls import is_followable

if TYPE_CHECKING:
    from tuireader.reading.first_fetch import HeadStart

ANCHOR_WORDS = 80  # characters of the top paragraph kept to find it again after re-extraction
PROGRESS_SAVE_INTERVAL = 2.0  # seconds between saves of how far the article was read
MEDIUM_WIDTH = 100  # from here the side panes sit beside the body instead of over it
WIDE_WIDTH = 160  # from here links and source stand side by side, each with its own column
SHORT_HEIGHT = 24  # below this many rows the side column gives the source panel less room
NOTICE_LIMIT = 300  # characters of a URL or title in a notice or the header: a page may send MiBs


class ReaderScreen(Screen[None]):
    """Reads one article at a time and remembers where the reader has been."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (MEDIUM_WIDTH, "-medium"), (WIDE_WIDTH, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_HEIGHT, "-tall")]
    BINDINGS = [
        Binding("backspace,h,alt+left", "back", "Back", id="reader.back"),
        Binding("l,alt+right", "forward", "Forward", id="reader.forward"),
        Binding(
            "e",
            "toggle_pane('links')",
            "Links",
            tooltip="Show or hide the related links",
            id="reader.toggle_links",
        ),
        Binding(
            "i",
            "toggle_pane('source')",
            "Source info",
            tooltip="Show or hide where the article came from",
            id="reader.toggle_source",
        ),
        Binding("o", "open_url", "Open URL", id="reader.open_url"),
        Binding("r", "refresh", "Refetch", id="reader.refresh"),
        Binding("L", "library", "Library", id="reader.library"),
        Binding("B", "open_in_browser", "Open in browser", show=False, id="reader.browser"),
        Binding("y", "copy_url", "Copy URL", show=False, id="reader.copy_url"),
        Binding("Y", "copy_quote", "Copy quote", show=False, id="reader.copy_quote"),
        Binding("p", "read_ahead", "Read ahead", id="reader.read_ahead"),
        Binding("slash", "find", "Find", id="reader.find"),
        Binding("n", "find_next(1)", "Next match", show=False, id="reader.find_next"),
        Binding("N", "find_next(-1)", "Previous match", show=False, id="reader.find_previous"),
        Binding("t", "contents", "Contents", id="reader.contents"),
        Binding("escape", "close_overlay", "Close links or source", show=False),
        Binding("escape", "stop_read_ahead", "Stop reading ahead", show=False),
    ]

    def __init__(
        self,
        reader: Reader,
        *,
        offline: bool = False,
        start_url: str | None = None,
        head_start: HeadStart | None = None,
    ) -> None:
        super().__init__()
        self.reader = reader
        self.offline = offline
        self.start_url = start_url
        self._head_start = head_start  # a child process already opening start_url
        self.history = History()
        self.loader = Loader(self, reader)
        self.read_ahead = ReadAhead(self, reader)
        self.link_digits = LinkDigits()
        # Side panes: which are hidden beside the body, and which one is open over it when narrow.
        self._hidden_panes = {
            name
            for name, shown in (
                ("links", reader.settings.show_links),
                ("source", reader.settings.show_source),
            )
            if not shown
        }
        self._overlay: str | None = None
        self._position_unsaved = ""  # why the reading position could not be saved, once said

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield BodyPane(id="body")
            with Vertical(id="side"):
                yield RelatedSidebar(id="related")
                yield SourcePanel(id="source")
        yield FetchStatus(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(BodyPane).border_title = "Article"
        self.query_one(RelatedSidebar).border_title = "Related links"
        self.query_one(SourcePanel).border_title = "Source"
        self._show_panes()
        body = self.query_one(BodyPane)
        body.max_width = self.reader.settings.body_width
        body.focus()
        self._unsaved_scroll = False
        self.watch(body, "scroll_y", self._scrolled, init=False)
        self.set_interval(PROGRESS_SAVE_INTERVAL, self._save_progress)
        if self.start_url:
            self.load(self.start_url)

    @property
    def reading(self) -> Reading | None:
        entry = self.history.current
        return None if entry is None else entry.reading

    # Layout ------------------------------------------------------------------------------------

    @property
    def narrow(self) -> bool:
        """True when the side panes open over the body rather than beside it."""
        return self.has_class("-narrow")

    @property
    def overlay(self) -> str | None:
        """The side pane open over the body ("links" or "source"), if the layout is narrow."""
        return self._overlay if self.narrow else None

    def pane_shown(self, name: str) -> bool:
        """Whether the side pane `name` ("links" or "source") is on screen in this layout."""
        return self.overlay == name if self.narrow else name not in self._hidden_panes

    def _pane(self, name: str) -> Widget:
        return self.query_one(RelatedSidebar if name == "links" else SourcePanel)

    def action_toggle_pane(self, name: str) -> None:
        """Narrow: open the pane over the body (focused) or close it. Wider: show or hide it."""
        if self.narrow:
            self._overlay = None if self._overlay == name else name
        else:
            self._hidden_panes ^= {name}
        self._show_panes()
        if self.overlay is not None:
            self.call_after_refresh(self._pane(self.overlay).focus)

    def action_close_overlay(self) -> None:
        self._overlay = None
        self._show_panes()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape closes an open overlay first; only then does it stop reading ahead."""
        if action == "close_overlay":
            return self.overlay is not None
        return True

    def on_resize(self, event: events.Resize) -> None:
        # Runs before Screen sets the breakpoint classes: look at them once it has.
        self.call_later(self._show_panes)

    def _show_panes(self) -> None:
        """Set the classes app.tcss hides and shows panes by, and keep focus on a visible pane."""
        narrow = self.narrow
        if not narrow:
            self._overlay = None  # an overlay does not outlive the narrow layout
        self.query_one(KeyFooter).compact = narrow  # room for more keys
        for name in ("links", "source"):
            if not self.pane_shown(name) and self._pane(name).has_focus:
                self.set_focus(self.query_one(BodyPane))  # not the next pane, as Textual would
            self.set_class(narrow and self._overlay == name, f"-show-{name}")
            self.set_class(not narrow and name in self._hidden_panes, f"-hide-{name}")
        self.call_after_refresh(self._focus_visible)

    def _focus_visible(self) -> None:
        """Whatever made the focused widget go away, the body takes the focus."""
        focused = self.focused
        if focused is None or focused not in self.focus_chain:
            self.query_one(BodyPane).focus()

    # Find and contents -------------------------------------------------------------------------

    async def action_find(self) -> None:
        """The find bar, built the first time it is asked for: launch need not wait for it."""
        bars = self.query(FindBar)
        if bars:
            bar = bars.first()
        else:
            bar = FindBar(id="find")
            await self.mount(bar, before=self.query_one(FetchStatus))
        bar.open()

    @on(FindBar.Changed)
    def _find_changed(self, message: FindBar.Changed) -> None:
        body = self.query_one(BodyPane)
        if body.set_find(message.query):
            index, count = body.find_next(1)
        else:
            index, count = -1, 0
        self.query_one(FindBar).show_count(index, count)

    @on(FindBar.Step)
    def _find_step(self, message: FindBar.Step) -> None:
        self.action_find_next(message.step)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        body = self.query_one(BodyPane)
        body.clear_find()
        body.focus()

    def action_find_next(self, step: int) -> None:
        """n / N: the next or previous match of the last search, "3 of 12" in the find bar."""
        body = self.query_one(BodyPane)
        bars = self.query(FindBar)
        bar = bars.first() if bars else None
        if not body.find_query and bar is not None and bar.query_text:
            body.set_find(bar.query_text)  # Escape cleared the highlights; n brings them back
        if not body.find_query or bar is None:
            self.notify("Press / to find words in the article.", timeout=3, markup=False)
            return
        index, count = body.find_next(step)
        bar.show_count(index, count)
        if not bar.display:
            self.notify(
                f"Match {index + 1} of {count}" if count else "No matches", timeout=2, markup=False
            )

    def action_contents(self) -> None:
        """The article's headings; choosing one scrolls there."""
        from tuireader.ui.screens.contents import ContentsScreen

        body = self.query_one(BodyPane)
        headings = body.headings
        if not headings:
            self.notify("This article has no headings.", timeout=3, markup=False)
            return
        top = body.top_block()
        current = max((n for n, (_, _, block) in enumerate(headings) if block <= top), default=0)

        def chosen(index: int | None) -> None:
            if index is not None:
                body.scroll_to_block(headings[index][2])
                body.focus()

        self.app.push_screen(
            ContentsScreen([(lv, text) for lv, text, _ in headings], current), chosen
        )

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

        A cached copy that needs no request and no extraction is read here instead, at once.
        `refresh` downloads it again even when the cached copy is young.
        """
        offline = self.offline if offline is None else offline
        head_start, self._head_start = self._head_start, None
        if head_start is not None and (head_start.url != url or offline or refresh):
            head_start.close()
            head_start = None
        try:
            if head_start is not None:  # it answers here if it is done by now
                reading = head_start.answer_now()
            else:
                reading = None if refresh else self.reader.ready(url, offline=offline)
        except ReadError as exc:
            self.post_message(Loader.Failed(url, str(exc)))
            return
        except HeadStartLost:
            head_start = reading = None
        if reading is not None:  # shown in the next frame, with no "Opening" frame before it
            self.workers.cancel_group(self, "load")
            self.post_message(Loader.Loaded(reading, replace))
            return
        self.query_one(FetchStatus).start(url)
        self.query_one(BodyPane).say(f"Opening {clean_line(url)} …")
        self.loader.start(
            url, offline=offline, replace=replace, refresh=refresh, head_start=head_start
        )

    @on(Loader.Progress)
    def _progress(self, message: Loader.Progress) -> None:
        self.query_one(FetchStatus).advance(message.received, message.total)

    @on(Loader.Loaded)
    async def _loaded(self, message: Loader.Loaded) -> None:
        self.remember_position()
        if message.replace:
            entry = self.history.replace_current(message.reading)
        else:
            entry = self.history.visit(message.reading)
            with suppress(StoreError):  # back where the reader left it, last time
                _, entry.block, entry.anchor_text = self.reader.store.position(message.reading.url)
        await self._display(entry)
        status = self.query_one(FetchStatus)
        if message.reading.state is CacheState.FALLBACK:
            text = (
                f"Could not fetch: {message.reading.fallback_reason}. "
                f"Showing the {message.reading.state_label()}."
            )
            status.error(text)
            self.notify(clean_line(text), severity="warning", markup=False)
        elif message.reading.not_kept:  # shown, but a full disk could not keep it
            status.error(f"Not kept: {message.reading.not_kept}")
            self.notify(
                clean_line(message.reading.not_kept),
                title="Not kept in the cache",
                severity="warning",
                markup=False,
            )
        else:
            status.finish()
        if notice := message.reading.notice:
            text = clean_line(notice[:1].upper() + notice[1:])
            self.notify(text, severity="warning", timeout=10, markup=False)
        if not message.reading.article.found:
            self.notify(
                "No article found on this page: B opens it in your browser.",
                severity="warning",
                markup=False,
            )

    @on(Loader.Failed)
    def _failed(self, message: Loader.Failed) -> None:
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
        self.call_after_refresh(self._fill_side_panes, entry)  # the article's words come first
        article = reading.article
        self.app.sub_title = clip_line(short_title(article.title, article.site_name), NOTICE_LIMIT)
        if entry.anchor_text:  # the paragraphs may have been renumbered by a re-extraction
            found = body.find_block(entry.anchor_text, entry.block)
            entry.block = entry.block if found is None else found
            entry.anchor_text = ""
        if entry.block:
            body.scroll_to_block(entry.block)

    def _fill_side_panes(self, entry: HistoryEntry) -> None:
        """The related links and the source of `entry`, once its first frame is on screen."""
        startup_gc.resume()  # the first article is on screen: start-up is over
        if self.history.current is not entry:
            return  # another article is shown by now, and fills them itself
        reading = entry.reading
        sidebar = self.query_one(RelatedSidebar)
        body_links = self.query_one(BodyPane).links
        body_numbers = {link.url: n for n, link in body_links.items()}
        sidebar.show(reading.article, body_numbers, (reading.url, reading.page.final_url))
        sidebar.mark_offline(self._cached(sidebar.cache_keys))
        self.link_digits.digits = ""  # a number half typed for the last article
        self._show_link_digits()
        if sidebar.has_focus:
            self._preview_highlighted()
        self.query_one(SourcePanel).show(reading)
        self._save_position(reading.url)  # last read now; progress as it was

    def remember_position(self) -> None:
        """Keep where the reader is in the current article: for history, and in the store."""
        entry = self.history.current
        if entry is None:
            return
        body = self.query_one(BodyPane)
        entry.block = body.top_block()
        bottom = body.max_scroll_y
        progress = (
            1.0
            if bottom <= 0
            else min(1.0, (body.scroll_y + body.size.height) / (bottom + body.size.height))
        )
        self._save_position(
            entry.reading.url,
            progress=progress,
            anchor=entry.block,
            anchor_text=body.current_paragraph()[:ANCHOR_WORDS],
        )

    def _save_position(
        self,
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
    ) -> None:
        """Save where `url` is read, never waiting for another writer (the UI thread must not).

        A read-only, full or busy cache must not stop the reading: the first failure is said
        once, and a scrolled position is tried again at the next interval.
        """
        try:
            self.reader.store.mark_read(
                url, progress=progress, anchor=anchor, anchor_text=anchor_text, wait=False
            )
        except StoreError as exc:
            if progress is not None:
                self._unsaved_scroll = True
            if not self._position_unsaved:
                self._position_unsaved = str(exc)
                self.notify(
                    clean_line(str(exc)),
                    title="Reading position not saved",
                    severity="warning",
                    markup=False,
                )
        else:
            self._position_unsaved = ""

    def _scrolled(self) -> None:
        self._unsaved_scroll = True

    def _save_progress(self) -> None:
        """Every few seconds, if the article was scrolled: a crash loses little progress."""
        if self._unsaved_scroll:
            self._unsaved_scroll = False
            self.remember_position()

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
        if self.overlay is not None:
            self.action_close_overlay()  # the new article is what the reader wants to see
        self.load(message.url)

    async def action_back(self) -> None:
        if not self.history.can_go_back:
            self.notify("Nothing to go back to.", markup=False)
            return
        self.remember_position()
        entry = self.history.back()
        if entry is not None:
            await self._display(entry)

    async def action_forward(self) -> None:
        if not self.history.can_go_forward:
            self.notify("Nothing to go forward to.", markup=False)
            return
        self.remember_position()
        entry = self.history.forward()
        if entry is not None:
            await self._display(entry)

    def action_open_in_browser(self) -> None:
        """The article's page in the system's browser: for what a reader cannot show."""
        reading = self.reading
        if reading is None:
            self.notify("No article is open: press o to open a URL.", markup=False)
            return
        url = reading.page.final_url or reading.url
        if not is_followable(url):
            self.notify("This article has no web address to open.", markup=False)
            return
        self.app.open_url(url)
        self.notify(
            f"Opened {clip_line(url, NOTICE_LIMIT)} in the browser.", timeout=3, markup=False
        )

    def action_copy_url(self) -> None:
        """The article's URL to the clipboard (OSC 52, so it works over ssh too)."""
        reading = self.reading
        if reading is None:
            self.notify("Nothing to copy: no article is open.", markup=False)
            return
        url = clean_line(reading.page.final_url or reading.url)
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {clip_line(url, NOTICE_LIMIT)}", timeout=3, markup=False)

    def action_copy_quote(self) -> None:
        """The paragraph at the top of the article pane, as a Markdown quote with its source."""
        from tuireader.formatting import quote_block

        reading = self.reading
        if reading is None:
            self.notify("Nothing to copy: no article is open.", markup=False)
            return
        body = self.query_one(BodyPane)
        self.app.copy_to_clipboard(quote_block(reading, body.current_paragraph()))
        self.notify("Copied the paragraph as a quote.", timeout=3, markup=False)

    def action_history(self) -> None:
        """The list of everything read this session; choosing one goes back (or on) to it."""
        from tuireader.ui.screens.history import HistoryScreen

        if not len(self.history):
            self.notify("Nothing read yet.", markup=False)
            return

        async def chosen(index: int | None) -> None:
            if index is None or index == self.history.index:
                return
            self.remember_position()
            entry = self.history.go_to(index)
            if entry is not None:
                await self._display(entry)

        self.app.push_screen(HistoryScreen(self.history), chosen)

    def action_open_url(self) -> None:
        from tuireader.ui.dialogs.open_url import OpenURLDialog

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
        from tuireader.ui.screens.library import ASK_FOR_URL, LibraryScreen

        def chosen(url: str | None) -> None:
            if url == ASK_FOR_URL:
                self.action_open_url()
            elif url:
                self.load(url, offline=True)

        if not self.app.is_screen_installed("library"):  # built once, shown again quickly
            self.app.install_screen(LibraryScreen(self.reader.store), "library")
        self.app.push_screen("library", chosen)

    # Reading ahead -------------------------------------------------------------------------------

    @property
    def reading_ahead(self) -> bool:
        return self.read_ahead.running

    def action_read_ahead(self) -> None:
        """Fetch every link of the article into the cache; pressed again, stop."""
        if self.read_ahead.running:
            self.action_stop_read_ahead()
            return
        reading = self.reading
        if reading is None:
            self.notify("Nothing to read ahead: open an article first.", markup=False)
            return
        if self.offline:
            self.notify(
                "Offline mode (--offline): not reading ahead.", severity="warning", markup=False
            )
            return
        targets = self.read_ahead.targets(reading)
        if not targets:
            self.notify("No links to read ahead on this page.", markup=False)
            return
        self.query_one(FetchStatus).read_ahead(0, len(targets), 0)
        self.read_ahead.start(targets)

    def action_stop_read_ahead(self) -> None:
        if self.read_ahead.cancel():
            self.query_one(FetchStatus).read_ahead_stopping()

    @on(ReadAhead.Progress)
    def _read_ahead_progress(self, message: ReadAhead.Progress) -> None:
        if not self.read_ahead.owns(message):
            return  # from a run that was replaced
        snapshot = message.snapshot
        if not message.worker.is_cancelled:
            self.query_one(FetchStatus).read_ahead(snapshot.done, snapshot.total, snapshot.failed)
        if snapshot.finished_offline:
            sidebar = self.query_one(RelatedSidebar)
            sidebar.mark_offline([snapshot.finished_url])
            if sidebar.has_focus:
                self._preview_highlighted()  # the link on show may just have been cached

    @on(ReadAhead.Done)
    def _read_ahead_done(self, message: ReadAhead.Done) -> None:
        if not self.read_ahead.owns(message):
            return
        self.read_ahead.finished()
        self.query_one(FetchStatus).read_ahead_finished()
        text, title, severity = done_notice(message)
        self.notify(text, title=title, severity=severity, markup=False)  # type: ignore[arg-type]
        sidebar = self.query_one(RelatedSidebar)
        sidebar.mark_offline(self._cached(sidebar.cache_keys))

    def _cached(self, keys: list[str]) -> set[str]:
        """Which of `keys` the cache holds; none when the cache cannot say."""
        try:
            return self.reader.store.cached_urls(keys)
        except (StoreError, OSError, sqlite3.Error):
            return set()

    # Numbered links ------------------------------------------------------------------------------
    # The body numbers its links 1..N; the sidebar gives the same numbers and N+1.. to its others.

    def numbered_links(self) -> dict[int, tuple[str, str]]:
        """(URL, text) of every numbered link, body and sidebar, by number."""
        return numbered_links(
            self.query_one(BodyPane).links, self.query_one(RelatedSidebar).numbered
        )

    @on(events.Key)
    def _link_number_key(self, event: events.Key) -> None:
        """Runs before the bindings, so Enter and Escape go to a number while one is typed."""
        if not isinstance(self.focused, (BodyPane, RelatedSidebar, SourcePanel)):
            return  # the find bar's digits are text
        before = self.link_digits.digits
        result = self.link_digits.feed(event.key, event.character)
        if result.handled:
            event.stop()
            event.prevent_default()
        if result.go is not None:
            self._go_to_link(result.go.number, browser=result.go.browser)
        if self.link_digits.digits != before:
            self._show_link_digits()

    def _show_link_digits(self) -> None:
        """Show the number typed so far, and the link it names, at the foot of the panes."""
        from textual.css.query import NoMatches

        from tuireader.ui.widgets.link_number import LinkNumber

        digits = self.link_digits.digits
        try:
            line = self.query_one(LinkNumber)
        except NoMatches:
            if not digits:
                return
            line = LinkNumber(id="link-number")
            self.mount(line, before=self.query_one(FetchStatus))
        if not digits:
            line.hide()
            return
        link = self.numbered_links().get(int(digits))
        line.show_number(digits, None if link is None else link[1])

    def _go_to_link(self, number: int, *, browser: bool) -> None:
        """Follow link `number` in the reader, or open it in the system's browser."""
        links = self.numbered_links()
        link = links.get(number)
        if link is None:
            known = f" (links 1–{max(links)})" if links else ""
            self.notify(f"No link {number} on this page{known}.", severity="warning", markup=False)
            return
        url = link[0]
        if browser:
            self.app.open_url(url)
            self.notify(
                f"Opened {clip_line(url, NOTICE_LIMIT)} in the browser.", timeout=3, markup=False
            )
        else:
            self.post_message(FollowLink(url))

    @on(RelatedSidebar.OptionHighlighted, "#related")
    def _link_highlighted(self) -> None:
        if self.query_one(RelatedSidebar).has_focus:
            self._preview_highlighted()

    @on(events.DescendantFocus)
    def _pane_focused(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, RelatedSidebar):
            self._preview_highlighted()

    @on(events.DescendantBlur)
    def _pane_blurred(self, event: events.DescendantBlur) -> None:
        """The sidebar lost the focus: the source panel shows the article's facts alone again."""
        if isinstance(event.widget, RelatedSidebar):
            self.query_one(SourcePanel).show_link(None)

    def _preview_highlighted(self) -> None:
        """Preview the link under the sidebar's cursor in the source panel, from the cache."""
        from tuireader.ui.widgets.source_panel import LinkPreview

        highlighted = self.query_one(RelatedSidebar).highlighted_link
        preview = None
        if highlighted is not None:
            number, link = highlighted
            url = clean_line(link.url)
            try:
                cached = self.reader.store.load(link.url)
            except (StoreError, OSError, sqlite3.Error):
                cached = None
            preview = LinkPreview(number, url, None if cached is None else cached[1])
        self.query_one(SourcePanel).show_link(preview)
