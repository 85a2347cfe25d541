"""The footer of keys, fitted to the terminal: whole keys or none, and always "? Keys".

Textual's Footer lets the keys that do not fit run off the edge, cut mid-word. This one hides,
from the end, the keys there is no room for, and keeps the help key, which lists them all.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTION = "help"  # the app's "?" binding


class KeyFooter(Footer):
    """A Footer that shows as many whole keys as fit, the help key always among them."""

    def compose(self) -> ComposeResult:
        """Footer's keys, each made as compact as the footer is before it mounts.

        A FooterKey starts compact and is then bound to the footer's value, so in a footer that
        is not compact every key restyled itself twice (about 1 ms each) at every recompose:
        at start-up, and whenever the focus moves. The palette key is not bound: it stays compact.
        """
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit_keys)

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.fit_keys)

    def on_resize(self) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show keys in order while they fit beside the palette key; the help key first of all."""
        keys = list(self.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        keys = [key for key in keys if key not in palette]
        room = self.size.width - sum(self._width(key) for key in palette)
        helps = [key for key in keys if key.action == HELP_ACTION]
        for key in helps + [key for key in keys if key not in helps]:
            width = self._width(key)
            key.display = width <= room
            if key.display:
                room -= width

    def _width(self, key: FooterKey) -> int:
        """Cells `key` takes in the footer row: its text, padding and margins."""
        content = key.get_content_width(self.size, self.app.size)
        return content + key.styles.gutter.width + key.styles.margin.width
