"""The selection bar under the article while a passage is being selected (`s`, or a mouse drag).

It shows what is selected and the keys, and only says what was pressed: grow or shrink by a
sentence or a line, keep it as a highlight (with a note), or cancel. The screen holds the
selection and draws it in the body, so the bar knows nothing of how an article is laid out.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tuireader.textsafe import clean_line

KEYS = (
    ". , a sentence more, less   j k (↓ ↑) a line more, less   "
    "h highlight   n with a note   Esc cancel"
)
EXCERPT_WORDS = 6  # words of each end of a long selection shown


class SelectionBar(Vertical, can_focus=True):
    """Hidden until opened; the focused widget while a selection is made."""

    BINDINGS = [
        Binding("full_stop", "step('sentence', 1)", "Sentence more", show=False),
        Binding("comma", "step('sentence', -1)", "Sentence less", show=False),
        Binding("j,down", "step('line', 1)", "Line more", show=False),
        Binding("k,up", "step('line', -1)", "Line less", show=False),
        Binding("h", "keep(False)", "Highlight"),
        Binding("n", "keep(True)", "Highlight with a note"),
        Binding("escape", "close", "Cancel"),
    ]

    class Step(Message):
        """Grow (1) or shrink (-1) the selection by a "sentence" or a "line"."""

        def __init__(self, unit: str, step: int) -> None:
            super().__init__()
            self.unit = unit
            self.step = step

    class Keep(Message):
        """Keep the selection as a highlight; `note`: ask for a note first."""

        def __init__(self, note: bool) -> None:
            super().__init__()
            self.note = note

    class Closed(Message):
        """The bar closed without keeping anything."""

    def compose(self) -> ComposeResult:
        yield Static(id="selection-text")
        yield Static(Content(KEYS), id="selection-keys")

    def open(self) -> None:
        self.display = True
        self.focus()

    def close(self) -> None:
        self.display = False

    def show_text(self, text: str) -> None:
        """What is selected: page text, shown as plain text (its ends if it is long)."""
        words = text.split()
        if len(words) > 2 * EXCERPT_WORDS:
            shown = " ".join([*words[:EXCERPT_WORDS], "…", *words[-EXCERPT_WORDS:]])
        else:
            shown = " ".join(words)
        count = f"{len(words):,} word{'s' if len(words) != 1 else ''}"
        self.query_one("#selection-text", Static).update(
            Content(f"Selected, {count}: “{clean_line(shown)}”") if words else Content("")
        )

    def action_step(self, unit: str, step: int) -> None:
        self.post_message(self.Step(unit, step))

    def action_keep(self, note: bool) -> None:
        self.post_message(self.Keep(note))

    def action_close(self) -> None:
        self.close()
        self.post_message(self.Closed())
