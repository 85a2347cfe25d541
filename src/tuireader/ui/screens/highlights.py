"""The article's highlights and notes (`H`): Enter jumps to one, e changes its note, d deletes it.

Each line is the passage (its start), its note under it; one whose passage is no longer in the
article is kept and says so. Dismisses with what to do and with which: ("jump" | "note" |
"delete", index), or None.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tuireader.models import Highlight
from tuireader.textsafe import clip_line

PASSAGE_LIMIT = 90
NOTE_LIMIT = 200
GONE = "no longer in the article"
HEADING = "Highlights (Enter jumps there, e edits the note, d deletes, Escape closes)"


def entry_line(highlight: Highlight, present: bool) -> Content:
    """The passage quoted, its note below it, and whether it is gone: all plain text."""
    text = f"“{clip_line(highlight.exact, PASSAGE_LIMIT)}”"
    if not present:
        text += f"  ({GONE})"
    line = Content(text)
    if not present:
        line = line.stylize("$text-muted")
    if highlight.note:
        line = (
            line
            + Content("\n    ✎ ")
            + Content(clip_line(highlight.note, NOTE_LIMIT)).stylize("italic")
        )
    return line


class HighlightsScreen(ModalScreen[tuple[str, int] | None]):
    """The list of (highlight, whether its passage is in the article shown)."""

    CSS_PATH = "highlights.tcss"
    BINDINGS = [
        Binding("escape,H", "close", "Close"),
        Binding("e", "act('note')", "Edit note"),
        Binding("d", "act('delete')", "Delete"),
    ]

    def __init__(self, entries: Sequence[tuple[Highlight, bool]], current: int = 0) -> None:
        super().__init__()
        self.entries = list(entries)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="highlights"):
            yield Static(Content(HEADING), id="highlights-heading")
            options = [
                Option(entry_line(highlight, present), id=str(n))
                for n, (highlight, present) in enumerate(self.entries)
            ]
            yield OptionList(*options, id="highlights-options")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        if self.entries:
            listing.highlighted = min(max(self.current, 0), len(self.entries) - 1)
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("jump", int(event.option.id or 0)))

    def action_act(self, what: str) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss((what, index))

    def action_close(self) -> None:
        self.dismiss(None)
