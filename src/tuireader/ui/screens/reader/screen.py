"""The reader screen: body pane | related-links sidebar | source panel, with history.

It composes the panes and routes messages and actions to the parts that own each concern:
`PanedScreen` (panes.py) the layout, `Navigator` (navigator.py) history, loads and reading
positions, `Finder` (find.py) find and contents, `LinkKeys` (link_digits.py) typed link numbers,
`ReadAhead` (read_ahead.py) reading ahead, `Pictures` (pictures.py) the article's pictures
fetched and decoded, `CacheLookups` (lookups.py) what the sidebar's links
hold in the cache, `Comparison` (comparison.py) and `Copies` (copies.py) the article's earlier
copies compared and listed, and its base `ArticleKeys` (article_keys.py) the keys that act on
the open article (marks, tags, browser, clipboard). Store work runs in thread workers that only post
messages; this screen decides what every message does, and talks to the store only through
`Reader`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from tuireader.models import Reading
from tuireader.reading.history import History
from tuireader.reading.reader import Reader
from tuireader.textsafe import clean_line
from tuireader.ui import startup_gc
from tuireader.ui.list_marks import ListMarks
from tuireader.ui.messages import FollowLink
from tuireader.ui.screens.reader.article_keys import FEED_BINDINGS, LIST_BINDINGS, ArticleKeys
from tuireader.ui.screens.reader.comparison import Comparison, first_keys
from tuireader.ui.screens.reader.copies import Copies
from tuireader.ui.screens.reader.feed_marks import FeedMarks
from tuireader.ui.screens.reader.find import Finder
from tuireader.ui.screens.reader.highlights import HighlightKeeper
from tuireader.ui.screens.reader.link_digits import LinkKeys
from tuireader.ui.screens.reader.loader import Loader
from tuireader.ui.screens.reader.lookups import CacheLookups
from tuireader.ui.screens.reader.navigator import Navigator
from tuireader.ui.screens.reader.panes import PANES
from tuireader.ui.screens.reader.picture_opener import PictureOpener
from tuireader.ui.screens.reader.pictures import Pictures
from tuireader.ui.screens.reader.positions import PositionSaver
from tuireader.ui.screens.reader.read_ahead import ReadAhead
from tuireader.ui.screens.reader.remedies import CARD_ACTIONS, CARD_BINDINGS, Remedies, card_keys
from tuireader.ui.widgets.article_view import ArticleView
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.find_bar import FindBar
from tuireader.ui.widgets.key_footer import KeyFooter
from tuireader.ui.widgets.related_sidebar import RelatedSidebar
from tuireader.ui.widgets.selection_bar import SelectionBar
from tuireader.ui.widgets.source_panel import SourcePanel
from tuireader.urls import is_followable

if TYPE_CHECKING:
    from tuireader.reading.first_fetch import HeadStart
    from tuireader.ui.widgets.article_view import ArticleView


class ReaderScreen(ArticleKeys):
    """Reads one article at a time and remembers where the reader has been."""

    BINDINGS = [
        Binding("backspace,h,alt+left", "back", "Back", id="reader.back"),
        Binding("l,alt+right", "forward", "Forward", id="reader.forward"),
        *CARD_BINDINGS,  # offered on a card only, where they matter more than the keys after
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
        *LIST_BINDINGS,  # before the keys the footer drops first when it is short of room
        *FEED_BINDINGS,
        Binding("B", "open_in_browser", "Open in browser", show=False, id="reader.browser"),
        Binding("y", "copy_url", "Copy URL", show=False, id="reader.copy_url"),
        Binding("Y", "copy_quote", "Copy quote", show=False, id="reader.copy_quote"),
        Binding("p", "read_ahead", "Read ahead", id="reader.read_ahead"),
        Binding("z", "view_picture", "View picture", show=False, id="reader.view_picture"),
        Binding("slash", "find", "Find", id="reader.find"),
        Binding("n", "find_next(1)", "Next match", show=False, id="reader.find_next"),
        Binding("N", "find_next(-1)", "Previous match", show=False, id="reader.find_previous"),
        Binding("t", "contents", "Contents", id="reader.contents"),
        Binding(
            "s",
            "select",
            "Select",
            show=False,
            tooltip="Select a passage to highlight or note, from the top sentence",
            id="reader.select",
        ),
        Binding("H", "highlights", "Highlights", show=False, id="reader.highlights"),
        Binding(
            "I",
            "toggle_images",
            "Pictures",
            show=False,
            tooltip="Show or hide the article's pictures",
            id="reader.toggle_images",
        ),
        Binding(
            "D",
            "compare",
            "Compare copies",
            show=False,
            tooltip="What changed since the earlier copy the cache keeps",
            id="reader.compare",
        ),
        Binding("V", "versions", "Versions", show=False, id="reader.versions"),
        Binding("escape", "close_overlay", "Close links or source", show=False),
        Binding("escape", "close_comparison", "Back to the article", show=False),
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
        settings = reader.settings
        shown = dict(zip(PANES, (settings.show_links, settings.show_source), strict=True))
        super().__init__(hidden=frozenset(name for name in PANES if not shown[name]))
        self.reader = reader
        self.start_url = start_url
        self.navigator = Navigator(self, reader, offline=offline, head_start=head_start)
        self.read_ahead = ReadAhead(self, reader)
        self.finder = Finder(self)
        self.link_keys = LinkKeys(self)
        self.lookups = CacheLookups(self, reader)
        self.feed_marks = FeedMarks(self, reader)
        self.list_marks = ListMarks(self, reader)
        self.remedies = Remedies(self, reader)
        self.picture_opener = PictureOpener(self, reader, lambda: self.navigator.reading)
        self.pictures = Pictures(self, reader, lambda: self.navigator.reading)
        self.comparison = Comparison(self, reader, self.navigator)
        self.copies = Copies(self, reader, self.navigator)
        self.navigator.positions.held = lambda: self.comparison.active
        self.highlights = HighlightKeeper(self, reader, lambda: self.navigator.reading)

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
        self.query_one(SourcePanel).keys = first_keys(
            self.reader.settings.keymap, ("reader.compare", "reader.versions")
        )
        self._show_panes()
        self.query_one(BodyPane).max_width = self.reader.settings.body_width
        self.query_one(BodyPane).card_keys = card_keys(self.reader.settings.keymap)
        self.pictures.mount()
        self.query_one(BodyPane).focus()
        self.navigator.start()
        if self.start_url:
            self.load(self.start_url)

    @property
    def offline(self) -> bool:
        return self.navigator.offline

    @property
    def history(self) -> History:
        return self.navigator.history

    @property
    def reading(self) -> Reading | None:
        return self.navigator.reading

    def remember_position(self) -> None:
        """Keep where the reader is in the current article: for history, and in the store."""
        self.navigator.remember_position()

    # The no-article card's remedies ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CARD_ACTIONS:
            return self.remedies.offered(self.reading)
        if action == "close_comparison":
            return self.comparison.active
        return super().check_action(action, parameters)

    async def action_page_text(self) -> None:
        await self.remedies.page_text(self.reading)

    def action_archived_copy(self) -> None:
        self.remedies.archived_copy(self.reading)

    def action_open_file(self) -> None:
        self.remedies.open_file()

    @on(Remedies.Failed)
    def _remedy_failed(self, message: Remedies.Failed) -> None:
        self.remedies.failed(message)

    # Earlier copies: compared and listed ------------------------------------------------------

    async def action_compare(self) -> None:
        await self.comparison.toggle()

    async def action_close_comparison(self) -> None:
        await self.comparison.close()

    @on(Comparison.Made)
    def _compared(self, message: Comparison.Made) -> None:
        self.comparison.made(message)

    @on(Comparison.Failed)
    def _compare_failed(self, message: Comparison.Failed) -> None:
        self.comparison.failed(message)

    def action_versions(self) -> None:
        self.copies.list()

    @on(Copies.Listed)
    def _copies_listed(self, message: Copies.Listed) -> None:
        self.copies.listed(message)

    @on(Copies.Failed)
    def _copies_failed(self, message: Copies.Failed) -> None:
        self.copies.failed(message)

    # Find and contents -------------------------------------------------------------------------

    async def action_find(self) -> None:
        await self.finder.open()

    @on(FindBar.Changed)
    def _find_changed(self, message: FindBar.Changed) -> None:
        self.finder.changed(message.query)

    @on(FindBar.Step)
    def _find_step(self, message: FindBar.Step) -> None:
        self.finder.step(message.step)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.finder.closed()

    def action_find_next(self, step: int) -> None:
        self.finder.step(step)

    def action_contents(self) -> None:
        self.finder.contents()

    # Highlights and notes ----------------------------------------------------------------------

    async def action_select(self) -> None:
        await self.highlights.start()

    def action_highlights(self) -> None:
        self.highlights.show_list()

    @on(SelectionBar.Step)
    def _selection_step(self, message: SelectionBar.Step) -> None:
        self.highlights.step(message.unit, message.step)

    @on(SelectionBar.Keep)
    def _selection_kept(self, message: SelectionBar.Keep) -> None:
        self.highlights.keep(message.note)

    @on(SelectionBar.Closed)
    def _selection_closed(self) -> None:
        self.highlights.cancel()

    @on(events.TextSelected)
    def _text_selected(self) -> None:
        """A mouse drag over the article ended: what it covers becomes the selection."""
        place = self.query_one(BodyPane).dragged
        if place is not None:
            self.clear_selection()
            self.highlights.place_selected(place)

    @on(HighlightKeeper.Located)
    def _highlights_located(self, message: HighlightKeeper.Located) -> None:
        self.highlights.located(message)

    @on(HighlightKeeper.Changed)
    def _highlights_changed(self, message: HighlightKeeper.Changed) -> None:
        self.highlights.changed(message)

    # Loading and showing -------------------------------------------------------------------------

    def load(
        self,
        url: str,
        *,
        offline: bool | None = None,
        replace: bool = False,
        refresh: bool = False,
    ) -> None:
        """Read `url` in the background; the screen keeps working while it loads."""
        self.navigator.load(url, offline=offline, replace=replace, refresh=refresh)

    @on(Loader.Progress)
    def _progress(self, message: Loader.Progress) -> None:
        self.navigator.progress(message)

    @on(Loader.Loaded)
    async def _loaded(self, message: Loader.Loaded) -> None:
        await self.navigator.loaded(message)
        self.highlights.arrived(message.reading, message.highlights)

    @on(Loader.Failed)
    def _failed(self, message: Loader.Failed) -> None:
        self.navigator.failed(message)

    @on(PositionSaver.Saved)
    def _position_saved(self, message: PositionSaver.Saved) -> None:
        self.navigator.positions.saved(message)

    @on(Navigator.Shown)
    def _fill_side_panes(self, message: Navigator.Shown) -> None:
        """The related links and the source of the entry shown, once its first frame is drawn."""
        entry = message.entry
        startup_gc.resume()  # the first article is on screen: start-up is over
        if self.navigator.current is not entry:
            return  # another article is shown by now, and fills them itself
        reading = entry.reading
        sidebar = self.query_one(RelatedSidebar)
        body_numbers = {link.url: n for n, link in self.query_one(BodyPane).links.items()}
        sidebar.show(reading.article, body_numbers, (reading.url, reading.page.final_url))
        self.lookups.mark_offline()
        self.link_keys.forget()
        if sidebar.has_focus:
            self.lookups.preview()
        self.query_one(SourcePanel).show(reading)
        self.navigator.positions.opened(reading)  # last read now; progress as it was
        self.feed_marks.look_up(reading)  # m is offered on feed entries only
        self.pictures.shown(reading, offline=self.offline or bool(reading.version))
        self.highlights.shown(reading)
        self.refresh_bindings()  # the card's keys are offered while a card is shown

    # Pictures ------------------------------------------------------------------------------------

    def action_toggle_images(self) -> None:
        self.pictures.toggle(offline=self.offline)

    @on(ArticleView.PicturesNeeded)
    def _pictures_needed(self) -> None:
        self.pictures.needed()

    @on(Pictures.Fetched)
    def _pictures_fetched(self, message: Pictures.Fetched) -> None:
        entry = self.navigator.current
        reading = self.pictures.fetched(message)
        if entry is not None and reading is not None:
            entry.reading = reading  # going back to it later shows them too
            self.pictures.refreshed(reading)

    @on(Pictures.Decoded)
    def _picture_decoded(self, message: Pictures.Decoded) -> None:
        self.pictures.decoded(message)

    @on(Pictures.Undecodable)
    def _picture_undecodable(self, message: Pictures.Undecodable) -> None:
        self.pictures.undecodable(message)

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
        await self.navigator.back()

    async def action_forward(self) -> None:
        await self.navigator.forward()

    def action_history(self) -> None:
        self.navigator.pick_from_history()

    def action_open_url(self) -> None:
        self.navigator.ask_for_url()

    def action_refresh(self) -> None:
        self.navigator.refetch()

    def action_library(self) -> None:
        self.navigator.open_library()

    # The full view of a picture ------------------------------------------------------------------

    def action_view_picture(self) -> None:
        self.picture_opener.open_first_on_screen()

    def on_article_view_picture_chosen(self, message: ArticleView.PictureChosen) -> None:
        self.picture_opener.open(message.src)

    # Reading ahead, link numbers and the sidebar's cache lookups ---------------------------------

    @property
    def reading_ahead(self) -> bool:
        return self.read_ahead.running

    def action_read_ahead(self) -> None:
        self.read_ahead.toggle(self.reading, offline=self.offline)

    def action_stop_read_ahead(self) -> None:
        self.read_ahead.stop()

    @on(ReadAhead.Progress)
    def _read_ahead_progress(self, message: ReadAhead.Progress) -> None:
        if self.read_ahead.progressed(message) and self.query_one(RelatedSidebar).has_focus:
            self.lookups.preview()  # the link on show may just have been cached

    @on(ReadAhead.Done)
    def _read_ahead_done(self, message: ReadAhead.Done) -> None:
        if self.read_ahead.done(message):
            self.lookups.mark_offline()

    @on(events.Key)
    def _link_number_key(self, event: events.Key) -> None:
        """Runs before the bindings, so Enter and Escape go to a number while one is typed."""
        if isinstance(self.focused, (BodyPane, RelatedSidebar, SourcePanel)):
            self.link_keys.key(event)  # not in the find bar, whose digits are text

    @on(CacheLookups.Marked)
    def _marked(self, message: CacheLookups.Marked) -> None:
        self.lookups.marked(message)

    @on(CacheLookups.Previewed)
    def _previewed(self, message: CacheLookups.Previewed) -> None:
        self.lookups.previewed(message)

    @on(RelatedSidebar.OptionHighlighted, "#related")
    def _link_highlighted(self) -> None:
        if self.query_one(RelatedSidebar).has_focus:
            self.lookups.preview()

    @on(events.DescendantFocus)
    def _pane_focused(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, RelatedSidebar):
            self.lookups.preview()

    @on(events.DescendantBlur)
    def _pane_blurred(self, event: events.DescendantBlur) -> None:
        """The sidebar lost the focus: the source panel shows the article's facts alone again."""
        if isinstance(event.widget, RelatedSidebar):
            self.lookups.clear_preview()
