"""Decoded pixels as plain data, so the drawing never needs the decoder's types."""

from __future__ import annotations

from typing import NamedTuple


class Pixels(NamedTuple):
    """An image decoded and scaled: `rgb` holds width x height pixels, 3 bytes each, row by row."""

    width: int
    height: int
    rgb: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        at = (y * self.width + x) * 3
        return self.rgb[at], self.rgb[at + 1], self.rgb[at + 2]
