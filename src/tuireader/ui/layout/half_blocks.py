"""Decoded pixels as terminal lines: one "▀" a cell, its colour the top pixel, its background
the bottom one, so a cell shows two pixels in any terminal with 256 colours or more.

Built in a worker, once per picture and width; the view paints them as any line. Equal cells in
a row share one Segment, and equal colour pairs one Style, so a flat area costs one Segment.
Pixels come from the image alone: nothing of the page's text reaches these lines.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style

from tuireader.pictures.pixels import Pixels

UPPER_HALF = "▀"
_STYLES_KEPT = 65536


class HalfBlocks:
    """Turns Pixels into lines of Segments; keeps the Styles it made for the pictures after."""

    def __init__(self) -> None:
        self._styles: dict[bytes, Style] = {}

    def lines(self, pixels: Pixels) -> list[list[Segment]]:
        """`pixels` as ceil(height / 2) lines of `width` cells (an odd last row: no background)."""
        width, rgb = pixels.width, pixels.rgb
        stride = width * 3
        out: list[list[Segment]] = []
        for top in range(0, pixels.height, 2):
            upper = rgb[top * stride : (top + 1) * stride]
            lower = rgb[(top + 1) * stride : (top + 2) * stride]
            out.append(self._line(upper, lower, width))
        return out

    def _line(self, upper: bytes, lower: bytes, width: int) -> list[Segment]:
        segments: list[Segment] = []
        key = b""
        count = 0
        for x in range(0, width * 3, 3):
            cell = upper[x : x + 3] + lower[x : x + 3]
            if cell == key:
                count += 1
                continue
            if count:
                segments.append(Segment(UPPER_HALF * count, self._style(key)))
            key, count = cell, 1
        if count:
            segments.append(Segment(UPPER_HALF * count, self._style(key)))
        return segments

    def _style(self, cell: bytes) -> Style:
        style = self._styles.get(cell)
        if style is None:
            if len(self._styles) >= _STYLES_KEPT:
                self._styles.clear()
            color = Color.from_rgb(cell[0], cell[1], cell[2])
            bgcolor = Color.from_rgb(cell[3], cell[4], cell[5]) if len(cell) == 6 else None
            style = self._styles[cell] = Style(color=color, bgcolor=bgcolor)
        return style
