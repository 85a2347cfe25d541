"""The tags prompt (`+`): an article's tags shown, changed as "+a -b c" says, completing the
tags already in use as they are typed (→ or Tab takes the completion)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from tuireader.textsafe import clean_line, clip_line

SHOWN_TAGS = 24  # tags in use listed under the prompt, the most used first
TITLE_LIMIT = 70


class TagSuggester(Suggester):
    """Completes the word being typed (after its + or -) with a tag in use, ignoring case."""

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._known = sorted(known, key=str.casefold)

    async def get_suggestion(self, value: str) -> str | None:
        return complete(value, self._known)


def complete(value: str, known: Sequence[str]) -> str | None:
    """`value` with its last word completed to the first tag in `known` it starts (spelt as
    that tag is), or None."""
    if not value or value[-1].isspace():
        return None
    word = value.split()[-1]
    prefix = word.lstrip("+-").lstrip("#")
    if not prefix:
        return None
    wanted = prefix.casefold()
    for tag in known:
        if tag.casefold().startswith(wanted) and len(tag) > len(prefix):
            return value[: len(value) - len(prefix)] + tag
    return None


class TagsDialog(ModalScreen[str | None]):
    """Dismisses with what was typed ("+a -b c"), or None when nothing was."""

    CSS_PATH = "tags.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "complete", "Complete", show=False),
    ]

    def __init__(
        self, title: str, current: Sequence[str], known: Sequence[tuple[str, int]]
    ) -> None:
        super().__init__()
        self.article_title = title  # page text: shown as plain text, never markup
        self.current = tuple(current)
        self.known = tuple(known)

    def compose(self) -> ComposeResult:
        title = clip_line(self.article_title, TITLE_LIMIT)
        current = " ".join(f"#{clean_line(tag)}" for tag in self.current) or "none yet"
        most_used = sorted(self.known, key=lambda known: (-known[1], known[0].casefold()))
        in_use = "  ".join(f"#{clean_line(tag)} {count:,}" for tag, count in most_used[:SHOWN_TAGS])
        if len(most_used) > SHOWN_TAGS:
            in_use += f"  … {len(most_used) - SHOWN_TAGS:,} more"
        with Vertical(id="tags"):
            yield Static(Content(f"Tags of “{title}”: {current}"), id="tags-current")
            yield Input(
                placeholder="+tag adds, -tag removes, a bare word adds",
                id="tags-input",
                suggester=TagSuggester([tag for tag, _ in self.known]),
            )
            yield Static(
                Content("→ or Tab completes a tag in use; Enter saves, Escape cancels"),
                id="tags-keys",
            )
            if in_use:
                yield Static(Content(f"In use: {in_use}"), id="tags-known")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value if event.value.strip() else None)

    def action_complete(self) -> None:
        self.query_one(Input).action_cursor_right()

    def action_cancel(self) -> None:
        self.dismiss(None)
