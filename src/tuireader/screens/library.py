"""The library: every cached article, newest first; Enter reads one from the cache."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tuireader.cache import Store
from tuireader.formatting import human_time
from tuireader.models import LibraryEntry
from tuireader.textsafe import clean_line

ASK_FOR_URL = "tuireader:ask-for-url"  # dismissed with this: the reader should prompt for a URL


class LibraryScreen(Screen[str | None]):
    """Dismisses with the URL to read, ASK_FOR_URL, or None to go back to the reader."""

    BINDINGS = [
        Binding("escape", "close", "Back to reader"),
        Binding("o", "ask_for_url", "Open URL"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.entries: list[LibraryEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(id="library-heading")
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.entries = self.store.library()
        table = self.query_one(DataTable)
        table.add_column("Title", key="title")
        table.add_column("Site", key="site")
        table.add_column("Fetched", key="fetched")
        for entry in self.entries:
            table.add_row(
                Text(clean_line(entry.title) or entry.url),
                Text(clean_line(entry.site_name) or entry.host),
                Text(human_time(entry.fetched_at)),
                key=entry.url,
            )
        count = len(self.entries)
        if count:
            heading = f"Library: {count} cached article{'s' if count != 1 else ''}, newest first. "
            heading += "Enter reads one, even offline."
        else:
            heading = (
                "The library is empty: articles you read are kept here. Press o to open a URL."
            )
        self.query_one("#library-heading", Static).update(Content(heading))
        table.focus()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_ask_for_url(self) -> None:
        self.dismiss(ASK_FOR_URL)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
