"""Pixels as Unicode half blocks: one cell shows two pixels, "▀" in the top one's colour on the
bottom one's. Works in every terminal with true colour (or 256, as Textual reduces it), and the
rows are ordinary cells: they scroll, clip and repaint like text."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tuireader.pictures.pixels import Pixels

UPPER_HALF = "▀"


def half_block_rows(pixels: Pixels) -> list[Strip]:
    """One strip a pair of pixel rows (an odd last row over the cell's own background); runs of
    cells of one colour pair are one segment."""
    styles: dict[bytes, Style] = {}
    rgb = pixels.rgb
    row_bytes = pixels.width * 3
    strips = []
    for y in range(0, pixels.height, 2):
        top_row = rgb[y * row_bytes : (y + 1) * row_bytes]
        bottom_row = rgb[(y + 1) * row_bytes : (y + 2) * row_bytes]  # b"" under an odd last row
        segments: list[Segment] = []
        run_key = b""
        run = 0
        for x in range(0, row_bytes, 3):
            key = top_row[x : x + 3] + bottom_row[x : x + 3]
            if key != run_key and run:
                segments.append(Segment(UPPER_HALF * run, _style(styles, run_key)))
                run = 0
            run_key = key
            run += 1
        if run:
            segments.append(Segment(UPPER_HALF * run, _style(styles, run_key)))
        strips.append(Strip(segments, pixels.width))
    return strips


def _style(styles: dict[bytes, Style], key: bytes) -> Style:
    """The style of a cell whose top and bottom pixels are `key` (6 bytes, or 3 with no bottom)."""
    style = styles.get(key)
    if style is None:
        top = Color.from_rgb(key[0], key[1], key[2])
        bottom = Color.from_rgb(key[3], key[4], key[5]) if len(key) == 6 else None
        style = styles[key] = Style(color=top, bgcolor=bottom)
    return style
