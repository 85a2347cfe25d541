"""The table of contents: the article's headings, indented by level; Enter jumps to one."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content

from tuireader.textsafe import clean_line
from tuireader.ui.screens.pick_list import PickListScreen


class ContentsScreen(PickListScreen):
    """Shows (level, text) headings; dismisses with the index of the chosen one, or None."""

    BINDINGS = [Binding("escape,t", "dismiss_none", "Close contents")]

    def __init__(self, headings: list[tuple[int, str]], current: int = 0) -> None:
        top = min((level for level, _ in headings), default=1)
        lines = [Content("  " * (level - top) + clean_line(text)) for level, text in headings]
        super().__init__("Contents (Enter jumps there, t or Escape closes)", lines, current)
