"""One line over the foot of the panes: the link number being typed, and what keys do next."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tuireader.textsafe import clean_line

KEYS = "Enter follows, O opens in the browser, Esc cancels"


class LinkNumber(Static):
    """Hidden until a digit is typed; shows "Link 12: its text — Enter follows, …"."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display = False

    def show_number(self, digits: str, text: str | None) -> None:
        """`digits` typed so far; `text` is the link's text, None when no link has that number."""
        if text is None:
            label = Content.assemble(f"Link {digits}", Content.styled(" (no such link)", "dim"))
        elif text:
            label = Content.assemble(f"Link {digits}: ", Content(clean_line(text)))
        else:
            label = Content(f"Link {digits}")
        self.update(Content.assemble(label, Content.styled(f" — {KEYS}", "dim")))
        self.display = True

    def hide(self) -> None:
        self.display = False
