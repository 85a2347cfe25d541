"""The `o` prompt: type a URL to read; a bad one is explained without closing the prompt."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tuireader.urls import BadURL, normalize_url


class OpenURLDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="open-url"):
            yield Static(Content("Open URL (Enter reads it, Escape cancels)"), id="open-url-label")
            yield Input(placeholder="https://example.org/article", id="open-url-input")
            yield Static(id="open-url-error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            url = normalize_url(event.value)
        except BadURL as exc:
            self.query_one("#open-url-error", Static).update(Content(str(exc)))
            return
        self.dismiss(url)

    def action_cancel(self) -> None:
        self.dismiss(None)
