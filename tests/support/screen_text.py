"""What a running app puts on the terminal: the text of every cell, and the bytes it would write.

Both come from the compositor of the screen on top (with the screens showing through under a
modal), so whatever a widget draws, the test sees it, however the widget was built.
"""

from __future__ import annotations

import io
import re
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.geometry import Offset
from textual.strip import Strip

# Textual's own output: SGR colours and cursor moves. Anything else starting with ESC came from
# somewhere else (OSC 8 links and OSC 52 clipboard writes included).
_OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*[mH]")


def rendered_strips(app: App[Any]) -> list[Strip]:
    """Each line of the terminal as the app would paint it now, modals over what shows through.

    The one place the tests touch Textual's private compositor (`Screen._compositor`, with
    `App._background_screens` and `LayoutUpdate`): Textual has no public way to read the screen.
    """
    stack = app._background_screens
    update = app.screen._compositor.render_update(full=True, screen_stack=stack)
    assert isinstance(update, LayoutUpdate)
    return [Strip.join(line) for line in update.strips]


def screen_lines(app: App[Any]) -> list[str]:
    """The text of each line of the terminal, cell by cell, from the segments drawn."""
    return [strip.text for strip in rendered_strips(app)]


def foreign_bytes(app: App[Any]) -> str:
    """What the app would write to the terminal, without Textual's own colour and cursor codes."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    painted = "\n".join(strip.render(console) for strip in rendered_strips(app))
    return _OWN_SEQUENCES.sub("", painted)


def find_on_screen(app: App[Any], text: str) -> Offset | None:
    """Where `text` starts on screen (column, line), if it is shown in one piece."""
    for y, line in enumerate(screen_lines(app)):
        x = line.find(text)
        if x >= 0:
            return Offset(cell_len(line[:x]), y)
    return None
