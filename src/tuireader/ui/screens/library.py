"""The library: every cached article, filtered as you type, searched in full with `/`.

Rows come from the store a window at a time (`PAGE` rows, more as the cursor nears the end), so
the first rows show at once however large the library is. Typing a letter filters by title, site
and author; `/` searches the full text of every article (SQLite FTS5) and shows snippets with the
matched words highlighted. Enter reads the article under the cursor from the cache.

Every store read runs in a thread worker, so the screen never waits on SQLite: listing a window
of rows (with the count for the heading), deleting, and searching (on the store's search
connection). Each new query cancels the work before it (a search's SQLite query is interrupted)
and is numbered: only the latest query's answer is ever shown, and the rows on screen stay until
it replaces them, so typing never flickers.
"""

from __future__ import annotations

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tuireader.cache import SearchInterrupted, SortKey, StoreError, split_hits
from tuireader.formatting import human_time, short_title
from tuireader.models import LibraryEntry, SearchHit
from tuireader.reading.reader import Reader
from tuireader.textsafe import clean_line, clean_text
from tuireader.ui.widgets.article_list import ArticleList, Cell, Column, Row
from tuireader.ui.widgets.key_footer import KeyFooter

ASK_FOR_URL = "tuireader:ask-for-url"  # dismissed with this: the reader should prompt for a URL
SEARCH_GROUP = "library-search"  # the search workers: starting one cancels the others
LIST_GROUP = "library-list"  # the listing workers: a new query cancels them
PAGE = 80  # rows fetched from the store at a time: a screenful or two, so the first paint is quick
SORTS: tuple[SortKey, ...] = ("fetched", "title", "site", "read")
SORT_NAMES: dict[SortKey, str] = {
    "fetched": "newest first",
    "title": "by title",
    "site": "by site",
    "read": "recently read first",
}


def _day(iso: str) -> str:
    """'2024-12-05T10:00:00+00:00' -> '2024-12-05'; anything else cleaned and shortened."""
    return clean_line(iso)[:10]


def _progress(entry: LibraryEntry) -> str:
    return f"{entry.progress:.0%}" if entry.progress > 0 else "–"


def _marked(text: str, style: str = "") -> Cell:
    """Snippet text with the store's match markers turned into highlighted runs."""
    runs: Cell = []
    for run, hit in split_hits(text):  # split first: cleaning would drop the markers
        flat = clean_text(run).replace("\n", " ").replace("\t", " ")
        runs.append((flat, "article-list--hit" if hit else style))
    return runs


def _entry_row(entry: LibraryEntry) -> Row:
    title = clean_line(short_title(entry.title, entry.site_name)) or clean_line(entry.url)
    cells: list[Cell] = [
        [(title, "")],
        [(clean_line(entry.site_name) or entry.host, "")],
        [(clean_line(entry.byline), "")],
        [(_day(entry.published), "article-list--muted")],
        [(human_time(entry.fetched_at, zone=False), "article-list--muted")],
        [(_progress(entry), "")],
    ]
    return Row(entry.url, [cells])


def _hit_row(hit: SearchHit) -> Row:
    entry = hit.entry
    site = clean_line(entry.site_name) or entry.host
    title = _marked(hit.title or entry.url, "article-list--strong")
    return Row(
        entry.url, [[title, [(site, "")]], [_marked(hit.snippet, "article-list--muted"), []]]
    )


class SearchDone(Message, bubble=False):
    """A search worker finished: the hits for search number `number` (or why there are none)."""

    def __init__(self, number: int, hits: list[SearchHit], problem: str = "") -> None:
        super().__init__()
        self.number = number
        self.hits = hits
        self.problem = problem


class RowsListed(Message, bubble=False):
    """A listing worker finished: rows from `offset` for query number `number`, and the count."""

    def __init__(
        self, number: int, offset: int, entries: list[LibraryEntry], total: int, problem: str = ""
    ) -> None:
        super().__init__()
        self.number = number
        self.offset = offset
        self.entries = entries
        self.total = total
        self.problem = problem


class Forgotten(Message, bubble=False):
    """A delete worker finished: whether the article at row `row` was removed (or why not)."""

    def __init__(self, row: int, title: str, removed: bool, problem: str = "") -> None:
        super().__init__()
        self.row = row
        self.title = title
        self.removed = removed
        self.problem = problem


class LibraryScreen(Screen[str | None]):
    """Dismisses with the URL to read, ASK_FOR_URL, or None to go back to the reader."""

    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="library.close"),
        Binding("slash", "search", "Search text", id="library.search"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("d", "delete", "Delete", id="library.delete"),
        Binding("o", "ask_for_url", "Open URL", id="library.open_url"),
    ]

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self.reader = reader
        self.sort: SortKey = "fetched"
        self.searching = False  # the query box searches full text rather than filtering
        self.exhausted = False  # every row for the current query is loaded
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
            placeholder="Type to filter; / searches every word",
            id="library-query",
            select_on_focus=False,  # focused by the first typed letter, which must stay
        )
        yield ArticleList(id="library-table")
        yield KeyFooter()

    @property
    def table(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def rows(self) -> list[str]:
        """URLs of the rows shown, in order."""
        return [row.key for row in self.table.rows]

    def on_mount(self) -> None:
        self.table.focus()
        self.watch(self.table, "scroll_y", self._scrolled, init=False)

    def on_screen_resume(self) -> None:
        """Shown (again): the library may have changed since, so start from a fresh query."""
        box = self.query_one("#library-query", Input)
        box.value = ""
        box.remove_class("-search")
        self.searching = False
        self.table.focus()
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

    # Filling the table -------------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.query_one("#library-query", Input).value

    def reload(self) -> None:
        """Show the rows for the current sort, filter or search from the top."""
        table = self.table
        self._built_for = self.size.width
        self.exhausted = False
        width = self.size.width - 2  # the list's scrollbar
        self._cancel_search()
        self._cancel_listing()
        if self.searching and self.query_text.strip():
            # The rows shown stay until the new results replace them: no flicker while typing.
            columns = [Column("Article", max(20, width - 22)), Column("Site", 16)]
            if table.columns != columns:
                table.set_columns(columns)
            self._search_number += 1
            self._pending = True
            self._search_in_background(self.query_text, self._search_number)
            self.exhausted = True
        else:
            fixed = [
                Column("Site", 16),
                Column("Author", 16),
                Column("Published", 10),
                Column("Fetched (UTC)", 16),
                Column("Read", 4, right=True),
            ]
            # Each column also takes 2 cells of padding; the title gets what is left.
            title = max(20, width - sum(c.width for c in fixed) - 2 * (len(fixed) + 1))
            columns = [Column("Title", title), *fixed]
            if table.columns != columns:
                table.set_columns(columns)  # rows of another query stay until the new ones come
            self._list_number += 1
            self._listing = True
            self._list_in_background(self._list_number, 0, self.sort, self.query_text)
        self._update_heading()

    # Listing in the background -----------------------------------------------------------------

    @work(thread=True, group=LIST_GROUP, exit_on_error=False)
    def _list_in_background(self, number: int, offset: int, sort: SortKey, matching: str) -> None:
        """Read a window of rows from `offset` (and, for the first, the count); post RowsListed."""
        worker = get_current_worker()
        entries: list[LibraryEntry] = []
        total = -1  # not counted: the heading keeps the last count
        problem = ""
        try:
            if offset == 0:
                total = self.reader.count()
            entries = self.reader.library(limit=PAGE, offset=offset, sort=sort, matching=matching)
        except StoreError as exc:
            problem = clean_line(str(exc))
        if not worker.is_cancelled:
            self.post_message(RowsListed(number, offset, entries, total, problem))

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
        if message.total >= 0:
            self._total = message.total
        if message.offset == 0:
            table.clear()
        table.add_rows([_entry_row(entry) for entry in message.entries])
        self.exhausted = len(message.entries) < PAGE or bool(message.problem)
        if self._cursor_after >= 0 and message.offset == 0:
            table.move_cursor(self._cursor_after)
            self._cursor_after = -1
        self._update_heading()

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
        self.table.add_rows([_hit_row(hit) for hit in message.hits])
        self._update_heading()

    def _load_more(self) -> None:
        """Read the next window of rows, unless one is on its way or there are no more."""
        if self.exhausted or self.searching or self._listing:
            return
        self._listing = True
        offset = self.table.row_count
        self._list_in_background(self._list_number, offset, self.sort, self.query_text)

    def _update_heading(self) -> None:
        total = self._total  # counted by the listing worker: the heading never waits on the store
        if total < 0:
            text = "Library"
        elif total == 0:
            text = "The library is empty: articles you read are kept here. Press o to open a URL."
        elif self.searching and self.query_text.strip() and self._pending:
            text = "Searching every article…"
        elif self.searching and self.query_text.strip():
            shown = self.table.row_count
            text = (
                f"Search: {shown} article{'s contain' if shown != 1 else ' contains'} every word."
            )
            text += " Enter reads one; Escape ends the search."
        else:
            plural = "s" if total != 1 else ""
            text = f"Library: {total} cached article{plural}, "
            text += f"{SORT_NAMES[self.sort]}. Enter reads one, even offline."
        self.query_one("#library-heading", Static).update(Content(text))

    @on(ArticleList.Highlighted)
    def _near_the_end(self, event: ArticleList.Highlighted) -> None:
        if event.index >= self.table.row_count - PAGE // 4:
            self._load_more()

    def _scrolled(self, scroll_y: float) -> None:
        """The mouse wheel scrolls without moving the cursor: load more near the end too."""
        if scroll_y + 2 * self.table.size.height >= self.table.row_count:
            self._load_more()

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
        box.placeholder = "Type to filter; / searches every word"
        if box.value:
            box.value = ""  # Input.Changed reloads
        else:
            self.reload()

    # Actions -----------------------------------------------------------------------------------

    @on(ArticleList.Selected)
    def _chosen(self, event: ArticleList.Selected) -> None:
        self.dismiss(event.key)

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
