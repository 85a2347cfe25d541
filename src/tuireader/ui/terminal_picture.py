"""The full view in the terminal's own graphics (Kitty's graphics protocol or Sixel), at full
resolution, with the app suspended.

textual-image asks the terminal what it can draw when `textual_image.renderable` is first
imported, by writing a query and reading the answer from stdin: while Textual runs, its input
thread would take that answer. So the module is imported only here, with the app suspended (its
input thread stopped), and its answer, kept by the import, holds for the rest of the session.
When the terminal has neither protocol (textual-image would fall back to half blocks) the caller
shows PictureScreen, which draws half blocks inside Textual.

The body always draws half blocks, never Sixel or Kitty graphics: a Sixel image is drawn at the
cursor and occupies no cells, so the line-API body, which repaints only the lines that change as
it scrolls, can neither clip it at the pane's edges nor move it with its lines.
"""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from textual.app import App, SuspendNotSupported

from tuireader.models import Image
from tuireader.pictures.decode import PictureError, decode
from tuireader.textsafe import clean_line

Where = Literal["terminal", "screen"]
GRAPHICS = ("sixel", "tgp")  # textual-image's modules of renderables that draw in graphics
MAX_CELLS = 290  # textual-image's Kitty placeholders number rows and columns up to 297
FALLBACK_CELL = (
    10,
    20,
)  # a cell's pixels when the terminal does not say: a VT340's, as textual-image
_RENDERABLES = "textual_image.renderable"


def where_to_show(mode: str, can_suspend: bool, graphics: str | None) -> Where:
    """Where the full view draws: in the terminal's graphics when the images are "auto", the app
    can step aside, and the terminal has not said it has none (`graphics`: "sixel", "tgp", ""
    for none, None not asked yet); else in PictureScreen."""
    if mode == "auto" and can_suspend and graphics != "":
        return "terminal"
    return "screen"


def graphics_of(renderable: type) -> str:
    """The protocol of textual-image's renderable class of choice: "sixel", "tgp", or "" for its
    half blocks or plain text."""
    protocol = renderable.__module__.rpartition(".")[2]  # each is a class `Image` of its module
    return protocol if protocol in GRAPHICS else ""


def known_graphics() -> str | None:
    """What the terminal answered textual-image, or None while it has not been asked."""
    renderables = sys.modules.get(_RENDERABLES)
    return None if renderables is None else graphics_of(renderables.Image)


def can_suspend(app: App[Any]) -> bool:
    """Whether the app runs in a terminal it can hand over (not headless, not served on the web)."""
    return not app.is_headless and not app.is_web and sys.__stdin__ is not None


def show(app: App[Any], image: Image, data: bytes) -> bool:
    """Draw `data` full screen in the terminal's graphics, its caption under it, until a key is
    pressed. False when it was not drawn: the terminal has no graphics, or the picture cannot be
    decoded (PictureScreen then says why)."""
    try:
        with app.suspend():
            try:
                return _draw(image, data)
            except Exception:  # past this `with` only on success: Textual resumes no other way
                return False  # and the half-block view is the answer to any failure here
    except SuspendNotSupported:
        return False


def _draw(image: Image, data: bytes) -> bool:
    import importlib

    renderables = importlib.import_module(_RENDERABLES)  # asks the terminal, the first time
    if not graphics_of(renderables.Image):
        return False
    out = sys.__stdout__
    assert out is not None  # can_suspend: a terminal
    columns, rows, cell_width, cell_height = _window(out.fileno())
    lines = [line for line in (clean_line(image.caption), clean_line(image.credit)) if line]
    room = (min(columns, MAX_CELLS), max(1, min(rows - len(lines) - 1, MAX_CELLS)))
    try:
        pixels = decode(data, room[0] * cell_width, room[1] * cell_height)
    except PictureError:
        return False
    from PIL import Image as PILImage
    from rich.console import Console
    from rich.text import Text

    picture = PILImage.frombytes("RGB", (pixels.width, pixels.height), pixels.rgb)
    drawn = renderables.Image(picture, width=None, height=None)
    console = Console(file=out, force_terminal=True, width=columns, height=rows)
    with _keys_one_by_one(), _alternate_screen(out):
        console.print(drawn)
        for line in lines:
            console.print(Text(line, no_wrap=True, overflow="ellipsis"), justify="center")
        console.print(Text("Any key: back to the article", style="dim"), end="")
        out.flush()
        _wait_for_key()
        drawn.cleanup()  # Kitty: the picture leaves the terminal's memory
    return True


def _window(fd: int) -> tuple[int, int, int, int]:
    """Columns, rows and a cell's width and height in pixels, as the terminal says."""
    import fcntl
    import struct
    import termios

    try:
        answer = fcntl.ioctl(fd, termios.TIOCGWINSZ, bytes(8))
        rows, columns, width, height = struct.unpack("HHHH", answer)
    except OSError:
        rows, columns, width, height = 24, 80, 0, 0
    rows, columns = rows or 24, columns or 80
    if not width or not height:
        return columns, rows, *FALLBACK_CELL
    return columns, rows, max(1, width // columns), max(1, height // rows)


@contextmanager
def _alternate_screen(out: Any) -> Iterator[None]:
    """Draw on a screen of its own, cursor hidden, so nothing is left in the scrollback."""
    out.write("\x1b[?1049h\x1b[2J\x1b[H\x1b[?25l")
    try:
        yield
    finally:
        out.write("\x1b[2J\x1b[?25h\x1b[?1049l")
        out.flush()


@contextmanager
def _keys_one_by_one() -> Iterator[None]:
    """The terminal hands over each key as typed, without echoing it, ctrl+c included (a key
    like any other here); its settings are put back after. Set before drawing, so that a key
    pressed while the picture is drawn is kept, not flushed."""
    import termios

    stdin = sys.__stdin__
    assert stdin is not None
    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    keys = termios.tcgetattr(fd)
    keys[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG)  # local modes
    keys[6][termios.VMIN], keys[6][termios.VTIME] = 1, 0
    termios.tcsetattr(fd, termios.TCSANOW, keys)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)


def _wait_for_key() -> None:
    """Read one key, and the rest of its escape sequence if it sent one."""
    stdin = sys.__stdin__
    assert stdin is not None
    fd = stdin.fileno()
    os.read(fd, 1)
    while select.select([fd], [], [], 0.05)[0]:
        os.read(fd, 64)
