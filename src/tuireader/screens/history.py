"""The history list: every article read this session, the current one marked; Enter goes there."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tuireader.formatting import short_title
from tuireader.history import History
from tuireader.textsafe import clean_line


class HistoryScreen(ModalScreen[int | None]):
    """Dismisses with the index of the chosen entry, or None."""

    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(Content("History (Enter goes back there, Escape closes)"))
            options = []
            for n, entry in enumerate(self.history.entries):
                article = entry.reading.article
                title = clean_line(short_title(article.title, article.site_name))
                marker = "▶ " if n == self.history.index else "  "
                label = Content(f"{marker}{title or entry.reading.url}")
                options.append(Option(label, id=str(n)))
            yield OptionList(*options, id="history-list")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = self.history.index if self.history.entries else None
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
