"""The library: every cached article, filtered as you type, searched in full with `/`.

Rows come from the store a window at a time (`PAGE` rows, more as the cursor nears the end), so
the first rows show at once however large the library is. Typing a letter filters by title, site
and author; `/` searches the full text of every article (SQLite FTS5) and shows snippets with the
matched words highlighted. Enter reads the article under the cursor from the cache.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from tuireader.cache import SortKey, Store, StoreError, split_hits
from tuireader.formatting import human_time, short_title
from tuireader.models import LibraryEntry, SearchHit
from tuireader.textsafe import clean_line, clean_text

ASK_FOR_URL = "tuireader:ask-for-url"  # dismissed with this: the reader should prompt for a URL
PAGE = 80  # rows fetched from the store at a time: a screenful or two, so the first paint is quick
SORTS: tuple[SortKey, ...] = ("fetched", "title", "site", "read")
SORT_NAMES: dict[SortKey, str] = {
    "fetched": "newest first",
    "title": "by title",
    "site": "by site",
    "read": "recently read first",
}


def _day(iso: str) -> str:
    """'2024-12-05T10:00:00+00:00' -> '2024-12-05'; anything else as it is, shortened."""
    return iso[:10] if iso[:4].isdigit() else clean_line(iso)[:10]


def _progress(entry: LibraryEntry) -> str:
    return f"{entry.progress:.0%}" if entry.progress > 0 else "–"


def _marked(text: str, style: str = "") -> Text:
    """Snippet text with the store's match markers turned into highlighted spans."""
    out = Text(style=style)
    for run, hit in split_hits(text):  # split first: cleaning would drop the markers
        flat = clean_text(run).replace("\n", " ").replace("\t", " ")
        out.append(flat, "bold reverse" if hit else "")
    return out


class LibraryScreen(Screen[str | None]):
    """Dismisses with the URL to read, ASK_FOR_URL, or None to go back to the reader."""

    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("slash", "search", "Search text"),
        Binding("s", "sort", "Sort"),
        Binding("d", "delete", "Delete"),
        Binding("o", "ask_for_url", "Open URL"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.sort: SortKey = "fetched"
        self.searching = False  # the query box searches full text rather than filtering
        self.rows: list[str] = []  # URLs of the rows shown, in order
        self.exhausted = False  # every row for the current query is loaded
        self._built_for = -1  # the width the columns were sized for

    def compose(self) -> ComposeResult:
        yield Static(id="library-heading")
        yield Input(
            placeholder="Type to filter; / searches every word",
            id="library-query",
            select_on_focus=False,  # focused by the first typed letter, which must stay
        )
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.focus()
        self.watch(table, "scroll_y", self._scrolled, init=False)

    def on_screen_resume(self) -> None:
        """Shown (again): the library may have changed since, so start from a fresh query."""
        self.query_one("#library-query", Input).value = ""
        self.searching = False
        self.query_one("#library-query", Input).remove_class("-search")
        self.query_one(DataTable).focus()
        if self.size.width:
            self.reload()

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
        table = self.query_one(DataTable)
        table.clear(columns=True)
        self._built_for = self.size.width
        self.rows = []
        self.exhausted = False
        if self.searching and self.query_text.strip():
            table.add_column("Article", key="article", width=max(20, self.size.width - 26))
            table.add_column("Site", key="site", width=18)
            self._add_hits(self._search(self.query_text))
            self.exhausted = True
        else:
            fixed = {"site": 16, "author": 16, "published": 10, "fetched": 16, "read": 4}
            # Each column also takes 2 cells of padding; the title gets what is left.
            title = max(20, self.size.width - sum(fixed.values()) - 2 * (len(fixed) + 1) - 2)
            for label, key in (
                ("Title", "title"),
                ("Site", "site"),
                ("Author", "author"),
                ("Published", "published"),
                ("Fetched (UTC)", "fetched"),
                ("Read", "read"),
            ):
                table.add_column(label, key=key, width=fixed.get(key, title))
            self._load_more()
        self._update_heading()

    def _search(self, text: str) -> list[SearchHit]:
        try:
            return self.store.search(text)
        except StoreError as exc:
            self.notify(clean_line(str(exc)), severity="error", markup=False)
            return []

    def _load_more(self) -> None:
        if self.exhausted or self.searching:
            return
        entries = self.store.library(
            limit=PAGE, offset=len(self.rows), sort=self.sort, matching=self.query_text
        )
        self.exhausted = len(entries) < PAGE
        table = self.query_one(DataTable)
        for entry in entries:
            table.add_row(
                Text(
                    clean_line(short_title(entry.title, entry.site_name)) or entry.url,
                    overflow="ellipsis",
                    no_wrap=True,
                ),
                Text(clean_line(entry.site_name) or entry.host, overflow="ellipsis", no_wrap=True),
                Text(clean_line(entry.byline), overflow="ellipsis", no_wrap=True),
                Text(_day(entry.published)),
                Text(human_time(entry.fetched_at).removesuffix(" UTC")),
                Text(_progress(entry), justify="right"),
                key=entry.url,
            )
            self.rows.append(entry.url)

    def _add_hits(self, hits: list[SearchHit]) -> None:
        table = self.query_one(DataTable)
        for hit in hits:
            entry = hit.entry
            cell = Text()
            cell.append_text(_marked(hit.title or entry.url, "bold"))
            cell.append("\n")
            cell.append_text(_marked(hit.snippet, "dim"))
            table.add_row(
                cell, Text(clean_line(entry.site_name) or entry.host), key=entry.url, height=2
            )
            self.rows.append(entry.url)

    def _update_heading(self) -> None:
        total = self.store.count()
        if total == 0:
            text = "The library is empty: articles you read are kept here. Press o to open a URL."
        elif self.searching and self.query_text.strip():
            shown = len(self.rows)
            text = (
                f"Search: {shown} article{'s contain' if shown != 1 else ' contains'} every word."
            )
            text += " Enter reads one; Escape ends the search."
        else:
            plural = "s" if total != 1 else ""
            text = f"Library: {total} cached article{plural}, "
            text += f"{SORT_NAMES[self.sort]}. Enter reads one, even offline."
        self.query_one("#library-heading", Static).update(Content(text))

    @on(DataTable.RowHighlighted)
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.rows) - PAGE // 4:
            self._load_more()

    def _scrolled(self, scroll_y: float) -> None:
        """The mouse wheel scrolls without moving the cursor: load more near the end too."""
        table = self.query_one(DataTable)
        if scroll_y + 2 * table.size.height >= len(self.rows):
            self._load_more()

    # The query box -----------------------------------------------------------------------------

    @on(Input.Changed, "#library-query")
    def _query_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#library-query")
    def _query_submitted(self) -> None:
        self.query_one(DataTable).focus()

    def on_key(self, event: events.Key) -> None:
        """A printable key that is not a binding starts filtering, as in a file picker."""
        box = self.query_one("#library-query", Input)
        if box.has_focus:
            if event.key in ("down", "escape"):
                event.stop()
                if event.key == "escape":
                    self._end_query()
                self.query_one(DataTable).focus()
            return
        if event.is_printable and event.character and not self._is_binding(event.key):
            event.stop()
            box.value += event.character
            box.cursor_position = len(box.value)
            box.focus()

    def _is_binding(self, key: str) -> bool:
        return any(
            isinstance(binding, Binding) and key in binding.key.split(",")
            for binding in self.BINDINGS
        )

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

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

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
        from tuireader.dialogs.confirm import ConfirmDialog

        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return
        url = self.rows[table.cursor_row]
        title = clean_line(str(table.get_row_at(table.cursor_row)[0]).split("\n")[0])

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                removed = self.store.remove(url)
            except StoreError as exc:
                self.notify(clean_line(str(exc)), severity="error", markup=False)
                return
            if removed:
                row = table.cursor_row
                self.reload()
                table.move_cursor(row=min(row, max(len(self.rows) - 1, 0)))
                self.notify(f"Deleted {title}", timeout=3, markup=False)

        self.app.push_screen(ConfirmDialog(f"Delete “{title}” from the cache?"), answered)

    def action_ask_for_url(self) -> None:
        self.dismiss(ASK_FOR_URL)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
