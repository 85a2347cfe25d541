"""Decoded pixels as terminal lines: one "▀" a cell, its colour the top pixel, its background
the bottom one, so a cell shows two pixels in any terminal with 256 colours or more.

Lines cost a Style and a Segment a cell (some 800 bytes with the Style's terminal codes), so the
body keeps them only for the pictures near the view; `ready_lines` makes them in a worker, their
terminal codes worked out there too, and the pixels (3 bytes a pixel) stay for the rest. Equal
cells in a row share one Segment, and equal colour pairs one Style. Pixels come from the image
alone: nothing of the page's text reaches these lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rich.color import Color, ColorSystem, ColorType
from rich.color_triplet import ColorTriplet
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tuireader.pictures.pixels import Pixels

UPPER_HALF = "▀"
_STYLES_KEPT = 16384
_COLORS_KEPT = 16384


class HalfBlocks:
    """Makes the lines of Pixels; keeps the Styles it made for the lines after."""

    def __init__(self) -> None:
        self._styles: dict[bytes, Style] = {}
        self._colors: dict[bytes, Color] = {}

    def lines(self, pixels: Pixels, background: Color | None = None) -> list[list[Segment]]:
        """Every line of `pixels`: ceil(height / 2) of them."""
        return [self.line(pixels, row, background) for row in range((pixels.height + 1) // 2)]

    def line(self, pixels: Pixels, row: int, background: Color | None = None) -> list[Segment]:
        """Line `row` of `pixels`, `width` cells: pixel rows 2 row and 2 row + 1 (an odd last
        row: `background` below). Each Style is whole, so the terminal codes it makes are
        worked out once and kept with it."""
        width, rgb = pixels.width, pixels.rgb
        stride = width * 3
        upper = rgb[2 * row * stride : (2 * row + 1) * stride]
        lower = rgb[(2 * row + 1) * stride : (2 * row + 2) * stride]
        segments: list[Segment] = []
        key = b""
        count = 0
        for x in range(0, stride, 3):
            cell = upper[x : x + 3] + lower[x : x + 3]
            if cell == key:
                count += 1
                continue
            if count:
                segments.append(Segment(UPPER_HALF * count, self._style(key, background)))
            key, count = cell, 1
        if count:
            segments.append(Segment(UPPER_HALF * count, self._style(key, background)))
        return segments

    def _style(self, cell: bytes, background: Color | None) -> Style:
        """The Style of a cell (3 bytes of the top pixel, 3 of the bottom one, if any): made
        with Style.from_color, a few times faster than Style(), as the lines are made on the UI
        thread when painted."""
        if len(cell) == 6:
            style = self._styles.get(cell)
            if style is None:
                if len(self._styles) >= _STYLES_KEPT:
                    self._styles.clear()
                style = Style.from_color(self._color(cell[:3]), self._color(cell[3:]))
                self._styles[cell] = style
            return style
        return Style.from_color(self._color(cell), background)

    def _color(self, rgb: bytes) -> Color:
        color = self._colors.get(rgb)
        if color is None:
            if len(self._colors) >= _COLORS_KEPT:
                self._colors.clear()
            triplet = ColorTriplet(rgb[0], rgb[1], rgb[2])
            color = Color("#" + rgb.hex(), ColorType.TRUECOLOR, triplet=triplet)
            self._colors[rgb] = color
        return color


class ReadyLines(NamedTuple):
    """The lines of a picture, made for `background` below an odd last row."""

    background: Color | None
    lines: list[list[Segment]]


def ready_lines(
    pixels: Pixels,
    background: Color | None,
    color_system: ColorSystem,
    between_lines: Callable[[], None] = lambda: None,
) -> ReadyLines:
    """Every line of `pixels`, each Style's terminal codes for `color_system` worked out and
    kept in it (as Textual keeps them when it first writes a Style), so that painting a line
    on the UI thread only joins strings. For a worker: `between_lines` runs after each line
    (time.sleep(0) hands the interpreter to the UI thread, which then waits at most a line)."""
    half_blocks = HalfBlocks()
    lines = []
    for row in range((pixels.height + 1) // 2):
        line = half_blocks.line(pixels, row, background)
        for segment in line:
            if segment.style is not None:
                Strip.render_ansi(segment.style, color_system)
        lines.append(line)
        between_lines()
    return ReadyLines(background, lines)
