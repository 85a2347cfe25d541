"""One line over the foot of the panes: the link number being typed, and what keys do next."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from tuireader.textsafe import clean_line

KEYS = " — Enter follows, O opens in the browser, Esc cancels"
SHORT_KEYS = " — Enter, O browser, Esc"  # when the full line would not fit
MIN_LINK_TEXT = 12  # cells of the link's text worth keeping before the keys get shorter


class LinkNumber(Widget):
    """Hidden until a digit is typed; shows "Link 12: its text — Enter follows, …".

    The keys always show whole: the link's text is what gets shortened to fit the line.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display = False
        self._digits = ""
        self._text: str | None = None

    def show_number(self, digits: str, text: str | None) -> None:
        """`digits` typed so far; `text` is the link's text, None when no link has that number."""
        self._digits, self._text = digits, None if text is None else clean_line(text)
        self.display = True
        self.refresh()

    def hide(self) -> None:
        self.display = False

    def render(self) -> Content:
        width = self.content_region.width or 80
        label = f"Link {self._digits}"
        if self._text is None:
            return Content.assemble(label, Content.styled(" (no such link)", "dim"))
        if self._text:
            label += ": "
        keys = KEYS if len(label) + MIN_LINK_TEXT + len(KEYS) <= width else SHORT_KEYS
        text = Content(self._text).truncate(max(0, width - len(label) - len(keys)), ellipsis=True)
        return Content.assemble(label, text, Content.styled(keys, "dim"))
