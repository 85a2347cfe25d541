"""The `f` prompt on a card: the path of a saved copy of the page to read instead."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tuireader.textsafe import clip_line

PROMPT = "Read a saved copy of the page: its path (.html or .txt; Enter reads it, Escape cancels)"


class OpenFileDialog(ModalScreen[Path | None]):
    """Asks for a file; one that is not there is explained without closing the prompt."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="open-file"):
            yield Static(Content(PROMPT), id="open-file-label")
            yield Input(placeholder="~/Downloads/page.html", id="open-file-input")
            yield Static(id="open-file-error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        path = Path(typed).expanduser() if typed else None
        try:
            is_file = path is not None and path.is_file()
        except (OSError, ValueError):
            is_file = False
        if path is None or not is_file:
            what = f"No such file: {clip_line(typed, 200)}" if typed else "Type a file's path."
            self.query_one("#open-file-error", Static).update(Content(what))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
