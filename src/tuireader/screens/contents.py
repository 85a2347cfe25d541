"""The table of contents: the article's headings, indented by level; Enter jumps to one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tuireader.textsafe import clean_line


class ContentsScreen(ModalScreen[int | None]):
    """Shows (level, text) headings; dismisses with the index of the chosen one, or None."""

    CSS_PATH = "contents.tcss"
    BINDINGS = [Binding("escape,t", "dismiss_none", "Close contents")]

    def __init__(self, headings: list[tuple[int, str]], current: int = 0) -> None:
        super().__init__()
        self.headings = headings
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="contents"):
            yield Static(Content("Contents (Enter jumps there, t or Escape closes)"))
            top = min((level for level, _ in self.headings), default=1)
            options = [
                Option(Content("  " * (level - top) + clean_line(text)), id=str(n))
                for n, (level, text) in enumerate(self.headings)
            ]
            yield OptionList(*options, id="contents-list")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        if self.headings:
            listing.highlighted = min(max(self.current, 0), len(self.headings) - 1)
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
