"""The find bar under the article: type to find, Enter or n/N for the next or previous match.

It only edits the query and shows "3 of 12"; the body finds and highlights. The screen connects
the two through the messages below, so the bar knows nothing of how an article is drawn.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class FindBar(Horizontal):
    """Hidden until opened; Escape closes it and clears the highlights."""

    BINDINGS = [
        Binding("escape", "close", "Close find", show=False),
        Binding("down,ctrl+n", "step(1)", "Next match", show=False),
        Binding("up,ctrl+p", "step(-1)", "Previous match", show=False),
    ]

    class Changed(Message):
        """The query changed: find it from the top."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Step(Message):
        """Move to the next (1) or previous (-1) match."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Closed(Message):
        """The bar closed: clear the highlights."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Find:"), id="find-label")
        yield Input(placeholder="words in this article", id="find-input", select_on_focus=True)
        yield Static(id="find-count")

    def open(self) -> None:
        self.display = True
        self.query_one(Input).focus()

    def show_count(self, current: int, total: int) -> None:
        """'3 of 12', 'no matches', or nothing for an empty query."""
        if not self.query_one(Input).value:
            text = ""
        elif total == 0:
            text = "no matches"
        else:
            text = f"{current + 1} of {total}"
        self.query_one("#find-count", Static).update(Content(text))

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    @on(Input.Changed, "#find-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Step(1))

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(step))

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
