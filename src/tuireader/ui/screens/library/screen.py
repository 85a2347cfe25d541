"""The library: every cached article, and with feeds or a reading list, the views of them.

Rows come from the store a window at a time (`PAGE` rows, more as the cursor nears the end), so
the first rows show at once however large the library is. Typing a letter filters by title, site
and author; `/` searches the full text of every article (SQLite FTS5) and shows snippets with the
matched words highlighted. Enter reads the article under the cursor from the cache.

When the store follows feeds or holds a reading list (URLs saved or tagged), a list of views
stands at the left (`FeedViews`): Unread (the unread saved URLs and feed entries together, an
article once), Starred, Archive, All articles (the cached articles), each tag, each feed. The
library opens on Unread when anything is unread. A view lists its articles, unread and starred
marked, with their tags and whether each reads offline; Enter reads one (from the cache; a saved
URL not fetched yet is fetched, a feed entry falls back to the feed's own content), `m` marks it
read or unread (a saved URL: archived or not), `M` marks a whole feed read. `a`, `*` and `+`
archive, star and tag the article under the cursor in every view (`ui/list_marks.py`). In a
view, `#` starts the filter: `#news` keeps the articles tagged news, other words those whose
title, site or URL has them; in All articles typing filters as always, `#news` there too.
`/` searches every cached article.

Every store read runs in a thread worker, so the screen never waits on SQLite: listing a window
of rows (with the count for the heading, and the views' counts), deleting, marking, and
searching (on the store's search connection). Each new query cancels the work before it (a
search's SQLite query is interrupted) and is numbered: only the latest query's answer is ever
shown, and the rows on screen stay until it replaces them, so typing never flickers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tuireader.cache import SearchInterrupted, SortKey, StoreError, ViewItem
from tuireader.models import LibraryEntry, SearchHit
from tuireader.reading.reader import Reader
from tuireader.reading.views import LibraryOverview
from tuireader.textsafe import clean_line
from tuireader.ui.list_marks import ListMarks
from tuireader.ui.messages import RefreshRequested
from tuireader.ui.screens.library.heading import (
    SORT_NAMES,
    entries_heading,
    library_heading,
    narrowed_heading,
)
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
    entry_row,
    hit_row,
    item_columns,
    item_row,
    search_columns,
)
from tuireader.ui.widgets.article_list import ArticleList, Column, Row
from tuireader.ui.widgets.feed_views import (
    ALL,
    ARCHIVED,
    STARRED,
    UNREAD,
    FeedViews,
    feed_of,
    tag_of,
)
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.key_footer import KeyFooter

ASK_FOR_URL = "tuireader:ask-for-url"  # dismissed with this: the reader should prompt for a URL
SEARCH_GROUP = "library-search"  # the search workers: starting one cancels the others
LIST_GROUP = "library-list"  # the listing workers: a new query cancels them
PAGE = 80  # rows fetched from the store at a time: a screenful or two, so the first paint is quick
SORTS: tuple[SortKey, ...] = ("fetched", "title", "site", "read")
FILTER_HINT = "Type to filter; / searches every word"
LIST_FILTER_HINT = "Type to filter, #tag for a tag; / searches every word"
ENTRIES_HINT = "/ searches every cached article"
VIEW_HINT = "#tag keeps a tag's articles; / searches every cached article"

# Shown (footer, help) only when the store follows feeds; the help lists them on their own.
FEED_BINDINGS = [
    Binding("tab,shift+tab", "switch_pane", "Views/list", id="library.switch_pane"),
    Binding("m", "toggle_read", "Read/unread", id="library.toggle_read"),
    Binding("M", "mark_feed_read", "Feed read", id="library.mark_feed_read"),
    Binding("R", "refresh_feeds", "Refresh feeds", id="library.refresh_feeds"),
]
FEED_ACTIONS = frozenset({"mark_feed_read", "refresh_feeds"})
# The reading list's keys work on every row; the footer shows them once the list is in use.
LIST_BINDINGS = [
    Binding("a", "archive", "Archive", id="library.archive"),
    Binding("asterisk", "star", "Star", key_display="*", id="library.star"),
    Binding("plus", "tags", "Tags", key_display="+", id="library.tags"),
]
LIST_ACTIONS = frozenset(b.action for b in LIST_BINDINGS)

Choice = str | ViewItem | None  # what the library dismisses with


def split_query(text: str) -> tuple[tuple[str, ...], str]:
    """What the filter box holds: its #tags, and the other words."""
    tags = tuple(word[1:] for word in text.split() if word.startswith("#") and len(word) > 1)
    words = " ".join(word for word in text.split() if not word.startswith("#"))
    return tags, words


def default_view(overview: LibraryOverview) -> str:
    """Unread when anything is unread (or feeds are followed), else All articles."""
    return UNREAD if overview.feeds or overview.unread else ALL


def settled_view(asked: str | None, overview: LibraryOverview) -> str:
    """The view to list: the one asked for while it exists, else the default."""
    if not overview.has_views:
        return ALL
    if asked is None:
        return default_view(overview)
    feed, tag = feed_of(asked), tag_of(asked)
    if feed is not None and all(f.id != feed for f in overview.feeds):
        return default_view(overview)  # the feed was removed meanwhile
    if tag is not None and all(t.casefold() != tag.casefold() for t, _ in overview.list.tags):
        return default_view(overview)  # its last article lost the tag
    if asked in (STARRED, ARCHIVED) and not overview.has_list:
        return default_view(overview)
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
        *FEED_BINDINGS[:2],
        *LIST_BINDINGS,  # before the feed keys the footer drops first when short of room
        *FEED_BINDINGS[2:],
    ]

    def __init__(self, reader: Reader) -> None:
        # The overview read last (at launch, or by the last show) lays the views out from the
        # first frame; the listing worker reads it again and updates the counts.
        overview = reader.views.last or LibraryOverview((), 0)
        super().__init__(classes="-views" if overview.has_views else None)
        self.reader = reader
        self.sort: SortKey = "fetched"
        # None: the answer decides
        self.view: str | None = settled_view(None, overview) if overview.has_views else None
        self.overview = overview  # the views and their counts, as last read
        self.searching = False  # the query box searches full text rather than filtering
        self.exhausted = False  # every row for the current query is loaded
        self.marks = Marks(self, reader)
        self.list_marks = ListMarks(self, reader)
        self._listed: list[ViewItem] = []  # the articles the rows show, in a view
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
        """Keys of the rows shown, in order: URLs of articles, ids of feed entries without one."""
        return [row.key for row in self.table.rows]

    @property
    def has_feeds(self) -> bool:
        return bool(self.overview.feeds)

    @property
    def has_views(self) -> bool:
        """The views list shows: there are feeds, or a reading list."""
        return self.overview.has_views

    @property
    def footer_hidden(self) -> frozenset[str]:
        """Actions the footer leaves out now (KeyFooter): the list's keys until it is in use."""
        return frozenset() if self.overview.has_list else LIST_ACTIONS

    @property
    def entry_view(self) -> bool:
        """The rows are a view's articles (Unread, Starred, a tag, a feed...), not cached
        articles or search hits."""
        return self.view not in (None, ALL) and not self.searching

    @property
    def waiting(self) -> bool:
        """Rows or hits asked for have not come yet (the rows of the last answer show)."""
        return self._listing or self._pending

    @property
    def listed(self) -> list[ViewItem]:
        """The articles the rows show, in a view."""
        return self._listed

    def on_mount(self) -> None:
        self.table.focus()
        self.watch(self.table, "scroll_y", self._scrolled, init=False)
        if self.has_views and self.view is not None:
            self.views.show(self.overview, self.view)  # drawn once laid out; counts soon
            self._set_placeholder()

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
        """Feed keys only with feeds; m on a view's articles; sort and delete on cached
        articles; Tab between the views and the rows when the views show."""
        if action in FEED_ACTIONS:
            return self.has_feeds
        if action == "switch_pane":
            return self.has_views
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
        views = self.views.styles.width.value if self.has_views and self.views.styles.width else 0
        return self.size.width - int(views) - 2

    def _columns(self, view: str) -> list[Column]:
        width = self._table_width()
        if view == ALL:
            return article_columns(width)
        if self.overview.has_list:
            return item_columns(width, site=feed_of(view) is None)
        return entry_columns(width, feed=feed_of(view) is None)

    def _item_row(self, item: ViewItem) -> Row:
        """A view's article: drawn with its stars and tags once the reading list is in use."""
        if self.overview.has_list:
            return item_row(item, self._columns(self.view or UNREAD))
        return entry_row(item, feed=feed_of(self.view) is None)

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
            known = self.reader.views.last_unread  # memory, not the store: drawn at once
            if (
                self.view == UNREAD
                and not table.rows
                and known is not None
                and not self.searching
                and not self.query_text.strip()
            ):
                self._show_rows(known, UNREAD, replace=True)
            self._list_in_background(self._list_number, 0, self.view, self.sort, self.query_text)
        self.refresh_bindings()
        self._update_heading()

    # Listing in the background -----------------------------------------------------------------

    @work(thread=True, group=LIST_GROUP, exit_on_error=False)
    def _list_in_background(
        self, number: int, offset: int, view: str | None, sort: SortKey, matching: str
    ) -> None:
        """Read a window of rows from `offset` (and, for the first, the count and the views'
        counts, which settle the view); post RowsListed. `matching` is the filter box's text:
        its #tags narrow to those tags, its other words filter."""
        worker = get_current_worker()
        entries: Sequence[LibraryEntry | ViewItem] = []
        total = -1  # not counted: the heading keeps the last count
        overview: LibraryOverview | None = None
        problem = ""
        tags, words = split_query(matching)
        try:
            if offset == 0:
                overview = self.reader.views.overview()
                view = settled_view(view, overview)
            if view in (None, ALL):
                if offset == 0:
                    total = self.reader.count()
                entries = self.reader.library(
                    limit=PAGE, offset=offset, sort=sort, matching=words, tags=tags
                )
            else:
                views = self.reader.views
                if (
                    offset == 0
                    and overview is not None
                    and view == UNREAD
                    and not any((tags, words))
                ):
                    total = overview.unread  # counted just now
                elif offset == 0:
                    total = views.count(view, tags=tags, words=words)
                entries = views.items(view, tags=tags, words=words, limit=PAGE, offset=offset)
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
        self, entries: Sequence[LibraryEntry | ViewItem], view: str, *, replace: bool
    ) -> None:
        """Add the rows of `entries`, or show them in place of the rows (unless they are the
        rows shown already: an answer that changes nothing draws nothing)."""
        table = self.table
        columns = self._columns(view)
        if replace:
            same = view != ALL and table.rows and list(entries) == self._listed
            if same and table.columns == columns:
                return
            if table.columns != columns:
                table.set_columns(columns)
            else:
                table.clear()
            self._listed = []
        if view == ALL:
            rows = [article_row(e) for e in entries if isinstance(e, LibraryEntry)]
        else:
            listed = [e for e in entries if isinstance(e, ViewItem)]
            self._listed += listed
            rows = [self._item_row(item) for item in listed]
        table.add_rows(rows)

    def _show_views(self, overview: LibraryOverview, view: str) -> None:
        """The views' counts as just read, and the view the rows are of."""
        had_views, had_list, old_view = self.has_views, self.overview.has_list, self.view
        self.overview, self.view = overview, view
        self.set_class(self.has_views, "-views")
        if self.has_views:
            self.views.show(overview, view)
        if had_views != self.has_views or had_list != overview.has_list or old_view != view:
            self._set_placeholder()
            self.refresh_bindings()

    def _set_placeholder(self) -> None:
        """What the query box says it does in this view."""
        box = self.query_one("#library-query", Input)
        if self.searching:
            return
        if self.entry_view:
            box.placeholder = VIEW_HINT if self.overview.has_list else ENTRIES_HINT
        else:
            box.placeholder = LIST_FILTER_HINT if self.overview.has_list else FILTER_HINT

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
        self._list_in_background(self._list_number, offset, self.view, self.sort, self.query_text)

    def _update_heading(self) -> None:
        # Counted by the listing worker: the heading never waits on the store.
        if self.entry_view and self.view is not None and self._total >= 0:
            if any(split_query(self.query_text)):
                text = narrowed_heading(self.view, self._total, self.overview, self.query_text)
            else:
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
        self._set_placeholder()
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
        if self.entry_view and event.character != "#" and not box.value:
            return  # a view is narrowed by #tags (then words too): / searches the cached articles
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
        self._set_placeholder()
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
        for item in self._listed:
            if item.key == event.key:
                self.dismiss(item)
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
        """m: the highlighted article read (a saved one archived), or unread again."""
        if self._listed and self.table.cursor < len(self._listed):
            self.marks.toggle(self._listed[self.table.cursor])

    @on(EntryMarked)
    def _entry_marked(self, message: EntryMarked) -> None:
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)
            return
        self._replace_items(message.key, lambda item: _read(item, message.read))
        if message.overview is not None and self.view is not None:
            self._show_views(message.overview, self.view)
            self._update_heading()

    def _replace_items(self, key: str, change: Callable[[ViewItem], ViewItem]) -> None:
        """Draw anew the rows of the article `key` (its marks changed): it stays listed."""
        if not self.entry_view:
            return  # the rows are cached articles or search hits, which show no marks
        for index, item in enumerate(self._listed):
            if item.key == key and index < self.table.row_count:
                self._listed[index] = changed = change(item)
                self.table.replace_row(index, self._item_row(changed))

    # The reading list: archive, star, tags -------------------------------------------------------

    def _highlighted(self) -> tuple[str, str] | None:
        """The URL and title of the row under the cursor, if any."""
        table = self.table
        if not table.rows:
            return None
        if self.entry_view:
            if table.cursor >= len(self._listed):
                return None
            item = self._listed[table.cursor]
            return item.url, item.title
        row = table.rows[table.cursor]
        return row.key, "".join(text for text, _ in row.lines[0][0])

    def action_archive(self) -> None:
        """a: the highlighted article archived (saved if it was not), or back in Unread."""
        if (found := self._highlighted()) is not None:
            self.list_marks.archive(*found)

    def action_star(self) -> None:
        """*: the highlighted article starred (saved if it was not), or unstarred."""
        if (found := self._highlighted()) is not None:
            self.list_marks.star(*found)

    def action_tags(self) -> None:
        """+: the highlighted article's tags, in a prompt that completes the tags in use."""
        if (found := self._highlighted()) is not None:
            self.list_marks.ask_tags(*found)

    @on(ListMarks.TagsRead)
    def _tags_read(self, message: ListMarks.TagsRead) -> None:
        self.list_marks.tags_read(message)

    @on(ListMarks.Changed)
    def _list_changed(self, message: ListMarks.Changed) -> None:
        self.list_marks.changed(message)
        if message.problem:
            return
        saved, tags = message.saved, message.tags

        def change(item: ViewItem) -> ViewItem:
            if saved is not None:
                item = _read(item, saved.state == "archived")._replace(
                    saved=True, starred=saved.starred
                )
            return item if tags is None else item._replace(tags=tags)

        self._replace_items(message.url, change)
        if message.overview is not None and self.view is not None:
            self._show_views(message.overview, self.view)
            self._update_heading()

    def action_mark_feed_read(self) -> None:
        """M: every entry of a feed read: the one highlighted in the views, else the one shown,
        else the highlighted entry's."""
        feed = feed_of(self.views.view) if self.views.has_focus else None
        feed = feed if feed is not None else feed_of(self.view)
        if feed is None and self.entry_view and self._listed:
            entry = self._listed[min(self.table.cursor, len(self._listed) - 1)].entry
            feed = entry.feed_id if entry is not None else None
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


def _read(item: ViewItem, read: bool) -> ViewItem:
    """`item` read or unread (its feed entry too: read and archived are one fact)."""
    entry = item.entry._replace(read=read) if item.entry is not None else None
    return item._replace(unread=not read, entry=entry)
