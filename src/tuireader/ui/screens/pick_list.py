"""A list to pick one line from, over the reader: the base of the history and contents lists."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class PickListScreen(ModalScreen[int | None]):
    """Dismisses with the index of the chosen line, or None on Escape."""

    CSS_PATH = "pick_list.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def __init__(self, heading: str, lines: list[Content], current: int = 0) -> None:
        super().__init__()
        self.heading = heading
        self.lines = lines
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-list"):
            yield Static(Content(self.heading))
            options = [Option(line, id=str(n)) for n, line in enumerate(self.lines)]
            yield OptionList(*options, id="pick-list-options")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        if self.lines:
            listing.highlighted = min(max(self.current, 0), len(self.lines) - 1)
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
