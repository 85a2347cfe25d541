"""How much room a picture of the body takes in the wrapped layout, and its line when not drawn.

A picture is drawn with half blocks, two pixels a cell vertically, scaled to the text column and
capped at a share of the pane's height. Its size comes from what the cache knows of it (no
decoding), so the room is reserved before the pixels exist and nothing moves when they arrive.
A picture that is not drawn (unknown yet, not drawable, pictures off, too few colours) is one
muted line of its alt text; a tracking pixel takes no line at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size

from tuireader.textsafe import clean_line

Segment = tuple[str, str, int | None]  # as ui.layout.wrap has it: text, style key, link number
ALT_OPEN, ALT_CLOSE, NO_ALT = "[image: ", "]", "[image]"
TRACKING_PIXEL = "a tracking pixel"


class PicturePlace(NamedTuple):
    """A picture's reserved room: `cols` cells wide (at most), `rows` lines high."""

    src: str
    cols: int
    rows: int


class PictureRoom(NamedTuple):
    """What the layout needs to know of an article's pictures.

    `sizes`: the drawable pictures' own sizes in pixels, by URL; `dropped`: the URLs that take
    no line (tracking pixels); `max_rows`: the most lines one picture may take; `draw`: whether
    pictures are drawn at all (else every one is its alt line).
    """

    sizes: Mapping[str, tuple[int, int]]
    dropped: frozenset[str] = frozenset()
    max_rows: int = 20
    draw: bool = True


def picture_cells(width_px: int, height_px: int, column: int, max_rows: int) -> tuple[int, int]:
    """(cells, lines) for a picture of `width_px` x `height_px` in a column `column` cells wide.

    A cell is one pixel wide and two high, so the aspect ratio holds in the terminal's usual
    1:2 cells. Never wider than the picture itself; at most `max_rows` lines high.
    """
    cols = max(1, min(column, width_px))
    rows = max(1, -(-height_px * cols // (2 * width_px)))  # ceil(height scaled / 2)
    if rows > max_rows:
        rows = max(1, max_rows)
        cols = max(1, min(cols, round(width_px * rows * 2 / height_px)))
    return cols, rows


def place_picture(src: str, column: int, room: PictureRoom) -> PicturePlace | None:
    """Where the picture at `src` is drawn in a column `column` cells wide, or None: not drawn."""
    if not room.draw:
        return None
    size = room.sizes.get(src)
    if size is None:
        return None
    cols, rows = picture_cells(size[0], size[1], column, room.max_rows)
    return PicturePlace(src, cols, rows)


def alt_line(alt: str, column: int) -> list[Segment]:
    """`[image: alt]` (or `[image]`) in one line of at most `column` cells, the alt cut with "…".

    The brackets are decorations (find skips them); the alt text is page text, found as any.
    """
    alt = clean_line(alt)
    if not alt:
        return [(_cut(NO_ALT, column), "marker", None)]
    room = column - cell_len(ALT_OPEN) - cell_len(ALT_CLOSE)
    if room < 2:
        return [(_cut(NO_ALT, column), "marker", None)]
    if cell_len(alt) > room:
        alt = set_cell_size(alt, room - 1).rstrip() + "…"
    return [(ALT_OPEN, "marker", None), (alt, "muted", None), (ALT_CLOSE, "marker", None)]


def _cut(text: str, column: int) -> str:
    return text if len(text) <= column else text[: max(column, 0)]
