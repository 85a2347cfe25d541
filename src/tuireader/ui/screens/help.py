"""`?`: every key, grouped by where it works, generated from the bindings themselves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KeySection = tuple[str, list[BindingType]]


def key_lines(sections: list[KeySection]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, what they do)]) with the keys of one action joined, like "j / down"."""
    result = []
    for title, bindings in sections:
        actions: dict[str, tuple[list[str], str]] = {}
        for binding in Binding.make_bindings(bindings):
            keys, description = actions.setdefault(binding.action, ([], binding.description))
            name = binding.key_display or _key_name(binding.key)
            if name not in keys:
                keys.append(name)
            if not description and binding.description:
                actions[binding.action] = (keys, binding.description)
        lines = [
            (" / ".join(keys), description or action)
            for action, (keys, description) in actions.items()
        ]
        result.append((title, lines))
    return result


def _key_name(key: str) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "space": "Space",
        "backspace": "Backspace",
        "escape": "Esc",
        "enter": "Enter",
        "tab": "Tab",
        "shift+tab": "Shift+Tab",
        "pageup": "PgUp",
        "pagedown": "PgDn",
        "home": "Home",
        "end": "End",
        "up": "↑",
        "down": "↓",
        "left": "←",
        "right": "→",
    }
    if key in names:
        return names[key]
    if "+" in key:
        mod, _, rest = key.rpartition("+")
        return f"{mod.title()}+{_key_name(rest)}"
    return key


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, sections: list[KeySection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content.styled("Keys", "bold"), id="help-title")
            sections = key_lines(self.sections)
            width = max((len(keys) for _, lines in sections for keys, _ in lines), default=0)
            for title, lines in sections:
                text = Content("\n").join(
                    Content.assemble(Content.styled(keys.ljust(width + 2), "bold $accent"), what)
                    for keys, what in lines
                )
                yield Static(Content.styled(title, "bold underline"), classes="help-section")
                yield Static(text, classes="help-keys")
            yield Static(Content("Escape or ? closes this."), id="help-close")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
