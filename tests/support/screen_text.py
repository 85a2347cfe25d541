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
from textual.app import App
from textual.geometry import Offset

# Textual's own output: SGR colours and cursor moves. Anything else starting with ESC came from
# somewhere else (OSC 8 links and OSC 52 clipboard writes included).
_OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*[mH]")


def _update(app: App[Any]):  # type: ignore[no-untyped-def]
    return app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)


def screen_lines(app: App[Any]) -> list[str]:
    """The text of each line of the terminal, cell by cell, from the segments drawn."""
    return [
        "".join(segment.text for strip in line for segment in strip) for line in _update(app).strips
    ]


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
    return _OWN_SEQUENCES.sub("", _update(app).render_segments(console))


def find_on_screen(app: App[Any], text: str) -> Offset | None:
    """Where `text` starts on screen (column, line), if it is shown in one piece."""
    for y, line in enumerate(screen_lines(app)):
        x = line.find(text)
        if x >= 0:
            return Offset(cell_len(line[:x]), y)
    return None
