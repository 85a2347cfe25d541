"""The library: every cached article, and with feeds, the views of them (Unread, each feed).

Rows come from the store a window at a time (`PAGE` rows, more as the cursor nears the end), so
the first rows show at once however large the library is. Typing a letter filters by title, site
and author; `/` searches the full text of every article (SQLite FTS5) and shows snippets with the
matched words highlighted. Enter reads the article under the cursor from the cache.

When the store follows feeds, a list of views stands at the left (`FeedViews`): Unread, All
articles (the cached articles, as without feeds), and each feed; the library opens on Unread.
An entry view lists feed entries, unread marked, with whether each reads offline; Enter reads
one (from the cache, else from the feed's own content), `m` marks it read or unread, `M` marks
a whole feed read. Typing filters only All articles; `/` searches every cached article.

Every store read runs in a thread worker, so the screen never waits on SQLite: listing a window
of rows (with the count for the heading, and the feeds' counts for the views), deleting,
marking, and searching (on the store's search connection). Each new query cancels the work
before it (a search's SQLite query is interrupted) and is numbered: only the latest query's
answer is ever shown, and the rows on screen stay until it replaces them, so typing never
flickers.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tuireader.cache import SearchInterrupted, SortKey, StoredEntry, StoreError
from tuireader.models import LibraryEntry, SearchHit
from tuireader.reading.reader import Reader
from tuireader.reading.subscriptions import ListedEntry, Overview
from tuireader.textsafe import clean_line
from tuireader.ui.messages import RefreshRequested
from tuireader.ui.screens.library.heading import SORT_NAMES, entries_heading, library_heading
from tuireader.ui.screens.library.marks import Marks
from tuireader.ui.screens.library.messages import (
    EntryMarked,
    FeedMarked,
    Forgotten,
    RowsListed,
    SearchDone,
)
from tuireader.ui.screens.library.rows import (
    article_columns,
    article_row,
    entry_columns,
    hit_row,
    listed_row,
    search_columns,
)
from tuireader.ui.widgets.article_list import ArticleList, Column
from tuireader.ui.widgets.feed_views import ALL, UNREAD, FeedViews, feed_of
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.key_footer import KeyFooter

ASK_FOR_URL = "tuireader:ask-for-url"  # dismissed with this: the reader should prompt for a URL
SEARCH_GROUP = "library-search"  # the search workers: starting one cancels the others
LIST_GROUP = "library-list"  # the listing workers: a new query cancels them
PAGE = 80  # rows fetched from the store at a time: a screenful or two, so the first paint is quick
SORTS: tuple[SortKey, ...] = ("fetched", "title", "site", "read")
FILTER_HINT = "Type to filter; / searches every word"
ENTRIES_HINT = "/ searches every cached article"

# Shown (footer, help) only when the store follows feeds; the help lists them on their own.
FEED_BINDINGS = [
    Binding("tab,shift+tab", "switch_pane", "Views/list", id="library.switch_pane"),
    Binding("m", "toggle_read", "Read/unread", id="library.toggle_read"),
    Binding("M", "mark_feed_read", "Feed read", id="library.mark_feed_read"),
    Binding("R", "refresh_feeds", "Refresh feeds", id="library.refresh_feeds"),
]
FEED_ACTIONS = frozenset(b.action for b in FEED_BINDINGS) - {"toggle_read"}

Choice = str | StoredEntry | None  # what the library dismisses with


def settled_view(asked: str | None, overview: Overview) -> str:
    """The view to list: Unread first when there are feeds, All articles when there are none."""
    if not overview.feeds:
        return ALL
    if asked is None:
        return UNREAD
    feed = feed_of(asked)
    if feed is not None and all(f.id != feed for f in overview.feeds):
        return UNREAD  # the feed was removed meanwhile
    return asked


class LibraryScreen(Screen[Choice]):
    """Dismisses with the URL to read, a feed entry to read, ASK_FOR_URL, or None to go back."""

    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="library.close"),
        Binding("slash", "search", "Search text", id="library.search"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("d", "delete", "Delete", id="library.delete"),
        Binding("o", "ask_for_url", "Open URL", id="library.open_url"),
        *FEED_BINDINGS,
    ]

    def __init__(self, reader: Reader) -> None:
        # The overview read last (at launch, or by the last show) lays the views out from the
        # first frame; the listing worker reads it again and updates the counts.
        overview = reader.feeds.last or Overview((), 0)
        super().__init__(classes="-feeds" if overview.feeds else None)
        self.reader = reader
        self.sort: SortKey = "fetched"
        self.view: str | None = UNREAD if overview.feeds else None  # None: the answer decides
        self.overview = overview  # the feeds and their counts, as last read
        self.searching = False  # the query box searches full text rather than filtering
        self.exhausted = False  # every row for the current query is loaded
        self.marks = Marks(self, reader)
        self._listed: list[ListedEntry] = []  # the entries the rows show, in an entry view
        self._built_for = -1  # the width the columns were sized for
        self._total = -1  # articles in the store at the last count (-1: not counted yet)
        self._search_number = 0  # of the latest search started: older results are stale
        self._pending = False  # the latest search has not answered yet
        self._list_number = 0  # of the latest listing query: older rows are stale
        self._listing = False  # a window of rows is being read for the latest query
        self._cursor_after = -1  # the row to put the cursor on when the next listing arrives

    def compose(self) -> ComposeResult:
        yield Static(id="library-heading")
        yield Input(
            placeholder=FILTER_HINT,
            id="library-query",
            select_on_focus=False,  # focused by the first typed letter, which must stay
        )
        with Horizontal(id="library-body"):
            yield ArticleList(id="library-table")
            yield FeedViews(id="library-views")  # docked at the left, shown with feeds
        yield FetchStatus(id="library-status")  # a refresh of the feeds, while it runs
        yield KeyFooter()

    @property
    def table(self) -> ArticleList:
        return self.query_one("#library-table", ArticleList)

    @property
    def views(self) -> FeedViews:
        return self.query_one(FeedViews)

    @property
    def rows(self) -> list[str]:
        """Keys of the rows shown, in order: URLs of articles, ids of feed entries."""
        return [row.key for row in self.table.rows]

    @property
    def has_feeds(self) -> bool:
        return bool(self.overview.feeds)

    @property
    def entry_view(self) -> bool:
        """The rows are feed entries (Unread or a feed), not cached articles or search hits."""
        return self.view not in (None, ALL) and not self.searching

    @property
    def waiting(self) -> bool:
        """Rows or hits asked for have not come yet (the rows of the last answer show)."""
        return self._listing or self._pending

    @property
    def listed(self) -> list[ListedEntry]:
        """The feed entries the rows show, in an entry view."""
        return self._listed

    def on_mount(self) -> None:
        self.table.focus()
        self.watch(self.table, "scroll_y", self._scrolled, init=False)
        if self.has_feeds:
            self.views.show(self.overview, UNREAD)  # drawn once laid out; counts updated soon

    def on_screen_resume(self) -> None:
        """Shown (again): the library may have changed since, so start from a fresh query.

        An entry view keeps its place: the next entry is where the one just read was.
        """
        box = self.query_one("#library-query", Input)
        box.value = ""
        box.remove_class("-search")
        self.searching = False
        if not self.views.has_focus:  # back from a question asked in the views: stay there
            self.table.focus()
        if self.entry_view:
            self._cursor_after = self.table.cursor
        if self.size.width:
            self.reload()

    def on_screen_suspend(self) -> None:
        self._cancel_search()
        self._cancel_listing()

    def on_unmount(self) -> None:
        self._cancel_search()  # the app waits for worker threads when it exits
        self._cancel_listing()

    def on_resize(self) -> None:
        """Build the table once the width is known, and again when it changes."""
        if self.size.width != self._built_for and not self.searching:
            self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Feed keys only with feeds; m on feed entries; sort and delete on cached articles."""
        if action in FEED_ACTIONS:
            return self.has_feeds
        if action == "toggle_read":
            return self.entry_view
        if action == "sort":
            return self.view in (None, ALL)
        if action == "delete":
            return not self.entry_view
        return True

    # Filling the table -------------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.query_one("#library-query", Input).value

    def _table_width(self) -> int:
        """The list's width less its scrollbar, beside the views when they show."""
        views = self.views.styles.width.value if self.has_feeds and self.views.styles.width else 0
        return self.size.width - int(views) - 2

    def _columns(self, view: str) -> list[Column]:
        width = self._table_width()
        if view == ALL:
            return article_columns(width)
        return entry_columns(width, feed=feed_of(view) is None)

    def reload(self) -> None:
        """Show the rows for the current view, sort, filter or search from the top."""
        table = self.table
        self._built_for = self.size.width
        self.exhausted = False
        self._cancel_search()
        self._cancel_listing()
        if self.searching and self.query_text.strip():
            # The rows shown stay until the new results replace them: no flicker while typing.
            columns = search_columns(self._table_width())
            if table.columns != columns:
                table.set_columns(columns)
            self._search_number += 1
            self._pending = True
            self._search_in_background(self.query_text, self._search_number)
            self.exhausted = True
        else:
            if self.view is not None:
                columns = self._columns(self.view)
                if table.columns != columns:
                    table.set_columns(columns)  # rows of another query stay until the new ones
            self._list_number += 1
            self._listing = True
            known = self.reader.feeds.last_unread  # memory, not the store: drawn at once
            if self.view == UNREAD and not table.rows and known is not None and not self.searching:
                self._show_rows(known, UNREAD, replace=True)
            matching = "" if self.entry_view else self.query_text
            self._list_in_background(self._list_number, 0, self.view, self.sort, matching)
        self.refresh_bindings()
        self._update_heading()

    # Listing in the background -----------------------------------------------------------------

    @work(thread=True, group=LIST_GROUP, exit_on_error=False)
    def _list_in_background(
        self, number: int, offset: int, view: str | None, sort: SortKey, matching: str
    ) -> None:
        """Read a window of rows from `offset` (and, for the first, the count and the feeds'
        counts, which settle the view); post RowsListed."""
        worker = get_current_worker()
        entries: Sequence[LibraryEntry | ListedEntry] = []
        total = -1  # not counted: the heading keeps the last count
        overview: Overview | None = None
        problem = ""
        try:
            if offset == 0:
                overview = self.reader.feeds.overview()
                view = settled_view(view, overview)
            if view in (None, ALL):
                if offset == 0:
                    total = self.reader.count()
                entries = self.reader.library(
                    limit=PAGE, offset=offset, sort=sort, matching=matching
                )
            else:
                feed, unread_only = feed_of(view), view == UNREAD
                if offset == 0 and overview is not None and view == UNREAD:
                    total = overview.unread  # counted just now
                elif offset == 0:
                    total = self.reader.feeds.count(feed, unread_only=unread_only)
                entries = self.reader.feeds.entries(
                    feed, unread_only=unread_only, limit=PAGE, offset=offset
                )
        except StoreError as exc:
            problem = clean_line(str(exc))
        if not worker.is_cancelled:
            message = RowsListed(
                number, offset, entries, total, problem, view=view or ALL, overview=overview
            )
            self.post_message(message)

    def _cancel_listing(self) -> None:
        self.workers.cancel_group(self, LIST_GROUP)
        self._listing = False

    @on(RowsListed)
    def _rows_listed(self, message: RowsListed) -> None:
        table = self.table
        if message.number != self._list_number or self.searching:
            return  # a newer query was started since, or a search took over: stale
        if message.offset not in (0, table.row_count):
            return  # not the window that follows the rows shown
        self._listing = False
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)
        if message.overview is not None:
            self._show_views(message.overview, message.view)
        if message.total >= 0:
            self._total = message.total
        self._show_rows(message.entries, message.view, replace=message.offset == 0)
        self.exhausted = len(message.entries) < PAGE or bool(message.problem)
        if self._cursor_after >= 0 and message.offset == 0:
            table.move_cursor(self._cursor_after)
            self._cursor_after = -1
        self._update_heading()

    def _show_rows(
        self, entries: Sequence[LibraryEntry | ListedEntry], view: str, *, replace: bool
    ) -> None:
        """Add the rows of `entries`, or show them in place of the rows (unless they are the
        rows shown already: an answer that changes nothing draws nothing)."""
        table = self.table
        if replace:
            if view != ALL and table.rows and list(entries) == self._listed:
                return
            columns = self._columns(view)
            if table.columns != columns:
                table.set_columns(columns)
            else:
                table.clear()
            self._listed = []
        if view == ALL:
            rows = [article_row(e) for e in entries if isinstance(e, LibraryEntry)]
        else:
            listed = [e for e in entries if isinstance(e, ListedEntry)]
            self._listed += listed
            with_feed = feed_of(view) is None
            rows = [listed_row(e, feed=with_feed) for e in listed]
        table.add_rows(rows)

    def _show_views(self, overview: Overview, view: str) -> None:
        """The feeds' counts as just read, and the view the rows are of."""
        had_feeds, old_view = self.has_feeds, self.view
        self.overview, self.view = overview, view
        self.set_class(self.has_feeds, "-feeds")
        if self.has_feeds:
            self.views.show(overview, view)
        if had_feeds != self.has_feeds or old_view != view:
            box = self.query_one("#library-query", Input)
            box.placeholder = ENTRIES_HINT if self.entry_view else FILTER_HINT
            self.refresh_bindings()

    # Searching in the background ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group=SEARCH_GROUP, exit_on_error=False)
    def _search_in_background(self, text: str, number: int) -> None:
        """Search, then post a SearchDone; cancelled (its query interrupted), post nothing.

        The store runs one search at a time: a newer one waits for the interrupted one to stop.
        """
        worker = get_current_worker()
        hits: list[SearchHit] = []
        problem = ""
        try:
            if not worker.is_cancelled:  # cancelled while it waited to start
                hits = self.reader.search(text, prefix=True)  # results while the word is typed
        except SearchInterrupted:
            return
        except StoreError as exc:
            problem = clean_line(str(exc))
        if not worker.is_cancelled:
            self.post_message(SearchDone(number, hits, problem))

    def _cancel_search(self) -> None:
        """Cancel the search workers and interrupt the query one of them is running."""
        self.workers.cancel_group(self, SEARCH_GROUP)
        self._pending = False
        self.reader.interrupt_search()

    @on(SearchDone)
    def _search_done(self, message: SearchDone) -> None:
        if message.number != self._search_number or not self.searching:
            return  # a newer search was started since, or the search was ended: stale
        self._pending = False
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)
        self.table.clear()
        self.table.add_rows([hit_row(hit) for hit in message.hits])
        self._update_heading()

    def _load_more(self) -> None:
        """Read the next window of rows, unless one is on its way or there are no more."""
        if self.exhausted or self.searching or self._listing or self.view is None:
            return
        self._listing = True
        offset = self.table.row_count
        matching = "" if self.entry_view else self.query_text
        self._list_in_background(self._list_number, offset, self.view, self.sort, matching)

    def _update_heading(self) -> None:
        # Counted by the listing worker: the heading never waits on the store.
        if self.entry_view and self.view is not None and self._total >= 0:
            text = entries_heading(self.view, self._total, self.overview)
        else:
            searched = self.searching and bool(self.query_text.strip())
            shown = self.table.row_count
            text = library_heading(self._total, self.sort, searched, self._pending, shown)
        self.query_one("#library-heading", Static).update(Content(text))

    @on(ArticleList.Highlighted)
    def _near_the_end(self, event: ArticleList.Highlighted) -> None:
        if event.index >= self.table.row_count - PAGE // 4:
            self._load_more()

    def _scrolled(self, scroll_y: float) -> None:
        """The mouse wheel scrolls without moving the cursor: load more near the end too."""
        if scroll_y + 2 * self.table.size.height >= self.table.row_count:
            self._load_more()

    # The views ---------------------------------------------------------------------------------

    @on(FeedViews.Chosen)
    def _view_chosen(self, message: FeedViews.Chosen) -> None:
        if message.view == self.view and not self.searching:
            return
        self.view = message.view
        box = self.query_one("#library-query", Input)
        self.searching = False
        box.remove_class("-search")
        box.placeholder = ENTRIES_HINT if self.entry_view else FILTER_HINT
        with box.prevent(Input.Changed):
            box.value = ""  # a filter or search belongs to the view it was typed in
        self.reload()

    @on(FeedViews.Entered)
    def _view_entered(self) -> None:
        self.table.focus()

    def action_switch_pane(self) -> None:
        """Tab: from the views to the rows and back."""
        if self.views.has_focus:
            self.table.focus()
        else:
            self.views.focus()

    # The query box -----------------------------------------------------------------------------

    @on(Input.Changed, "#library-query")
    def _query_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#library-query")
    def _query_submitted(self) -> None:
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        """A printable key that is not a binding starts filtering, as in a file picker."""
        box = self.query_one("#library-query", Input)
        if box.has_focus:
            if event.key in ("down", "escape"):
                event.stop()
                if event.key == "escape":
                    self._end_query()
                self.table.focus()
            return
        if self.entry_view:
            return  # entries are not filtered: / searches the cached articles
        if event.is_printable and event.character and not self._is_binding(event.key):
            event.stop()
            box.value += event.character
            box.cursor_position = len(box.value)
            box.focus()

    def _is_binding(self, key: str) -> bool:
        """Bound anywhere that is active now: the list, this screen or the app (q, ?)."""
        return key in self.active_bindings

    def _end_query(self) -> None:
        box = self.query_one("#library-query", Input)
        self.searching = False
        box.remove_class("-search")
        box.placeholder = ENTRIES_HINT if self.entry_view else FILTER_HINT
        if box.value:
            box.value = ""  # Input.Changed reloads
        else:
            self.reload()

    # Actions -----------------------------------------------------------------------------------

    @on(ArticleList.Selected)
    def _chosen(self, event: ArticleList.Selected) -> None:
        if not self.entry_view:
            self.dismiss(event.key)
            return
        for listed in self._listed:
            if str(listed.entry.id) == event.key:
                self.dismiss(listed.entry)
                return

    def action_close(self) -> None:
        if self.query_text or self.searching:
            self._end_query()
        else:
            self.dismiss(None)

    def action_search(self) -> None:
        box = self.query_one("#library-query", Input)
        self.searching = True
        box.add_class("-search")
        box.placeholder = "Search the full text of every cached article"
        box.focus()
        self.reload()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.searching = False
        self.reload()
        self.notify(f"Sorted {SORT_NAMES[self.sort]}.", timeout=2, markup=False)

    def action_delete(self) -> None:
        from tuireader.ui.dialogs.confirm import ConfirmDialog

        table = self.table
        if not table.rows:
            return
        row = table.cursor
        url = table.rows[row].key
        title = "".join(text for text, _ in table.rows[row].lines[0][0])

        def answered(yes: bool | None) -> None:
            if yes:
                self._forget_in_background(url, row, title)

        self.app.push_screen(ConfirmDialog(f"Delete “{title}” from the cache?"), answered)

    @work(thread=True, exit_on_error=False)
    def _forget_in_background(self, url: str, row: int, title: str) -> None:
        try:
            self.post_message(Forgotten(row, title, self.reader.forget(url)))
        except StoreError as exc:
            self.post_message(Forgotten(row, title, False, clean_line(str(exc))))

    @on(Forgotten)
    def _forgotten(self, message: Forgotten) -> None:
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)
        elif message.removed:
            self._cursor_after = message.row
            self.reload()
            self.notify(f"Deleted {message.title}", timeout=3, markup=False)

    def action_ask_for_url(self) -> None:
        self.dismiss(ASK_FOR_URL)

    # Read marks and refreshing -------------------------------------------------------------------

    def action_toggle_read(self) -> None:
        """m: the highlighted entry read, or unread again."""
        if self._listed and self.table.cursor < len(self._listed):
            self.marks.toggle(self._listed[self.table.cursor].entry)

    @on(EntryMarked)
    def _entry_marked(self, message: EntryMarked) -> None:
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)
            return
        for index, listed in enumerate(self._listed):
            if listed.entry.id == message.entry_id:
                marked = listed._replace(entry=listed.entry._replace(read=message.read))
                self._listed[index] = marked
                with_feed = feed_of(self.view) is None
                self.table.replace_row(index, listed_row(marked, feed=with_feed))
        if message.overview is not None and self.view is not None:
            self._show_views(message.overview, self.view)
            self._update_heading()

    def action_mark_feed_read(self) -> None:
        """M: every entry of a feed read: the one highlighted in the views, else the one shown,
        else the highlighted entry's."""
        feed = feed_of(self.views.view) if self.views.has_focus else None
        feed = feed if feed is not None else feed_of(self.view)
        if feed is None and self.entry_view and self._listed:
            feed = self._listed[min(self.table.cursor, len(self._listed) - 1)].entry.feed_id
        chosen = next((f for f in self.overview.feeds if f.id == feed), None)
        if chosen is None:
            self.notify("M marks a feed read: choose one in the views (Tab).", markup=False)
            return
        self.marks.mark_feed(chosen.id, clean_line(chosen.name), chosen.unread)

    @on(FeedMarked)
    def _feed_marked(self, message: FeedMarked) -> None:
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)
            return
        noun = "article" if message.count == 1 else "articles"
        self.notify(f"Marked {message.count:,} {noun} of {message.name} read.", markup=False)
        self._cursor_after = self.table.cursor
        self.reload()

    def action_refresh_feeds(self) -> None:
        """R: refresh every feed; the app runs it, and says when it is running already."""
        self.post_message(RefreshRequested())

    def feeds_refreshed(self) -> None:
        """New entries may be in the store: list them (where the cursor is), if shown now."""
        if self.is_current and not self.searching and self.size.width:
            if self.entry_view:
                self._cursor_after = self.table.cursor
            self.reload()
