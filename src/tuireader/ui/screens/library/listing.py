"""The library's rows: a window of them at a time, read in thread workers, latest query wins.

Every store read runs in a thread worker, so the screen never waits on SQLite: listing a window
of rows (with the count for the heading, and the views' counts), and searching (on the store's
search connection). Each new query cancels the work before it (a search's SQLite query is
interrupted) and is numbered: only the latest query's answer is ever shown, and the rows on
screen stay until it replaces them, so typing never flickers. A base class of LibraryScreen.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work
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
from tuireader.ui.screens.library.choice import Choice, settled_view, split_query
from tuireader.ui.screens.library.heading import entries_heading, library_heading, narrowed_heading
from tuireader.ui.screens.library.marks import Marks
from tuireader.ui.screens.library.messages import RowsListed, SearchDone
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
from tuireader.ui.widgets.feed_views import ALL, UNREAD, FeedViews, feed_of

SEARCH_GROUP = "library-search"  # the search workers: starting one cancels the others
LIST_GROUP = "library-list"  # the listing workers: a new query cancels them
PAGE = 80  # rows fetched from the store at a time: a screenful or two, so the first paint is quick
FILTER_HINT = "Type to filter; / searches every word"
LIST_FILTER_HINT = "Type to filter, #tag for a tag; / searches every word"
ENTRIES_HINT = "/ searches every cached article"
VIEW_HINT = "#tag keeps a tag's articles; / searches every cached article"


class LibraryListing(Screen[Choice]):
    """The rows of the view, sort, filter or search asked for, and the views' counts."""

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
