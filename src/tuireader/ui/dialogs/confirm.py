"""A yes/no question before anything is deleted: y or Enter confirms, n or Escape keeps it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with True only when the person says yes."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question  # plain text: page titles in it are never markup

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content(self.question), id="confirm-question")
            yield Static(Content("y / Enter: yes    n / Escape: no"), id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
