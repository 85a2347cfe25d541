"""The footer of keys, fitted to the terminal: whole keys or none, and always "? Keys".

Textual's Footer lets the keys that do not fit run off the edge, cut mid-word. This one hides,
from the end, the keys there is no room for, and keeps the help key, which lists them all. A
screen may also name actions to leave out for now (`footer_hidden`): keys that work but are
not worth the room yet (the reading list's, before anything is saved).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from tuireader.ui.textual_shim import FooterKey, footer_bindings_ready

HELP_ACTION = "help"  # the app's "?" binding


class KeyFooter(Footer):
    """A Footer that shows as many whole keys as fit, the help key always among them."""

    _shown: tuple[object, ...] | None = None  # the keys as last composed

    def compose(self) -> ComposeResult:
        """Footer's keys, each made as compact as the footer is before it mounts.

        A FooterKey starts compact and is then bound to the footer's value, so in a footer that
        is not compact every key restyled itself twice (about 1 ms each) at every recompose:
        at start-up, and whenever the focus moves. The palette key is not bound: it stays compact.
        The keys the screen leaves out for now (`footer_hidden`) are not composed at all.
        """
        hidden, left_out = self._hidden(), 0
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action in hidden:
                left_out += 1  # the screen wants it left out for now
                continue
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
        if left_out:
            self.styles.grid_size_columns = max(1, self.styles.grid_size_columns - left_out)

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit_keys)

    async def recompose(self) -> None:
        """Compose the keys again, unless they are the ones already shown.

        Footer recomposes at every change of the screen's bindings (each focus move, three times
        at start-up), about 30 ms each, though the keys it shows seldom change.
        """
        if footer_bindings_ready(self):
            shown = self._keys_to_show()
            if shown == self._shown:
                return
            self._shown = shown
        await super().recompose()
        self.call_after_refresh(self.fit_keys)

    def _keys_to_show(self) -> tuple[object, ...]:
        """What compose draws from: the shown bindings and the palette's, state, tooltip, label."""
        palette = self.app.COMMAND_PALETTE_BINDING
        bindings = tuple(
            (binding, enabled, tooltip, self.app.get_key_display(binding))
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )
        return bindings, self._hidden(), self.show_command_palette, self.combine_groups

    def _hidden(self) -> frozenset[str]:
        """The actions the screen wants left out of the footer now."""
        hidden: object = getattr(self.screen, "footer_hidden", None)
        return frozenset(str(a) for a in hidden) if isinstance(hidden, frozenset) else frozenset()

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
