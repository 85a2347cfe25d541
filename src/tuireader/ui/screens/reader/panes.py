"""The reader screen's layout: which side panes show, beside the body or over it.

The layout follows the terminal's size (breakpoint classes, styled in app.tcss): below 100 columns
the body takes the whole screen and the two side panes open one at a time as an overlay; from 100
columns they share a column to the right of the body; from 160 all three stand side by side.
The pane state is two reactives; their watchers set the classes app.tcss hides and shows panes by.
"""

from __future__ import annotations

from textual import events
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.key_footer import KeyFooter
from tuireader.ui.widgets.related_sidebar import RelatedSidebar
from tuireader.ui.widgets.source_panel import SourcePanel

MEDIUM_WIDTH = 100  # from here the side panes sit beside the body instead of over it
WIDE_WIDTH = 160  # from here links and source stand side by side, each with its own column
SHORT_HEIGHT = 24  # below this many rows the side column gives the source panel less room
PANES = ("links", "source")


class PanedScreen(Screen[None]):
    """A body pane with two side panes, "links" (RelatedSidebar) and "source" (SourcePanel)."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (MEDIUM_WIDTH, "-medium"), (WIDE_WIDTH, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_HEIGHT, "-tall")]

    hidden_panes: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    """The side panes the reader hid, in a medium or wide layout."""
    open_overlay: reactive[str | None] = reactive(None, init=False)
    """The side pane open over the body, in a narrow layout."""

    def __init__(self, hidden: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.set_reactive(PanedScreen.hidden_panes, hidden)

    def watch_hidden_panes(self) -> None:
        self._show_panes()

    def watch_open_overlay(self) -> None:
        self._show_panes()

    @property
    def narrow(self) -> bool:
        """True when the side panes open over the body rather than beside it."""
        return self.has_class("-narrow")

    @property
    def overlay(self) -> str | None:
        """The side pane open over the body ("links" or "source"), if the layout is narrow."""
        return self.open_overlay if self.narrow else None

    def pane_shown(self, name: str) -> bool:
        """Whether the side pane `name` ("links" or "source") is on screen in this layout."""
        return self.overlay == name if self.narrow else name not in self.hidden_panes

    def _pane(self, name: str) -> Widget:
        return self.query_one(RelatedSidebar if name == "links" else SourcePanel)

    def action_toggle_pane(self, name: str) -> None:
        """Narrow: open the pane over the body (focused) or close it. Wider: show or hide it."""
        if self.narrow:
            self.open_overlay = None if self.open_overlay == name else name
        else:
            self.hidden_panes ^= {name}
        if self.overlay is not None:
            self.call_after_refresh(self._pane(self.overlay).focus)

    def action_close_overlay(self) -> None:
        self.open_overlay = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape closes an open overlay first; only then does it stop reading ahead."""
        if action == "close_overlay":
            return self.overlay is not None
        return True

    def on_resize(self, event: events.Resize) -> None:
        # Runs before Screen sets the breakpoint classes: look at them once it has.
        self.call_later(self._show_panes)

    def _show_panes(self) -> None:
        """Set the classes app.tcss hides and shows panes by, and keep focus on a visible pane."""
        narrow = self.narrow
        if not narrow:
            self.set_reactive(PanedScreen.open_overlay, None)  # not beyond the narrow layout
        self.query_one(KeyFooter).compact = narrow  # room for more keys
        for name in PANES:
            if not self.pane_shown(name) and self._pane(name).has_focus:
                self.set_focus(self.query_one(BodyPane))  # not the next pane, as Textual would
            self.set_class(narrow and self.open_overlay == name, f"-show-{name}")
            self.set_class(not narrow and name in self.hidden_panes, f"-hide-{name}")
        self.call_after_refresh(self._focus_visible)

    def _focus_visible(self) -> None:
        """Whatever made the focused widget go away, the body takes the focus."""
        focused = self.focused
        if focused is None or focused not in self.focus_chain:
            self.query_one(BodyPane).focus()
