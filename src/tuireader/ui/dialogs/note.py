"""The note on a highlight: written or changed in a box of its own, kept with Ctrl+S."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tuireader.textsafe import clean_line, clip_line

PASSAGE_LIMIT = 160  # characters of the passage shown above the note


class NoteDialog(ModalScreen[str | None]):
    """Dismisses with the note as typed (plain text, kept as it is), or None on Escape."""

    CSS_PATH = "note.tcss"
    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep the note"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, passage: str, note: str = "") -> None:
        super().__init__()
        self.passage = passage  # page text: shown as plain text, never markup
        self.note = note

    def compose(self) -> ComposeResult:
        passage = clip_line(clean_line(" ".join(self.passage.split())), PASSAGE_LIMIT)
        with Vertical(id="note"):
            yield Static(Content.from_text(f"Note on “{passage}”", markup=False), id="note-passage")
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(Content("Ctrl+S: keep    Escape: cancel"), id="note-keys")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
