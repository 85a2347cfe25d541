"""Between a block's text and the cells that draw it at one width: where highlights are drawn.

Highlights and selections are kept as character offsets into `Block.text` (body.quotes), which no
width or theme changes; the layout draws that text wrapped, behind a prefix (quote gutter, list
marker or indent), with a link's "[n]" after its last word and the spaces at a break left out.
A `TextMap` wraps one block again the way `wrap.block_lines` does, keeping the character ranges,
so an offset becomes a (line, cell) and a (line, character) on screen becomes an offset.
Tables, rules and pictures are drawn whole: any offset in them covers all their lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from rich.cells import cell_len

from tuireader.body.model import Block
from tuireader.ui.layout.wrap import (
    NBSP,
    Layout,
    Match,
    chop,
    fragments,
    line_ranges,
    prefixes,
)

_WORD_END = re.compile(r"\w*")
_WORD_START = re.compile(r"\w*$")
_FLOWING = frozenset(("title", "byline", "caption", "heading", "paragraph", "item", "quote"))


class Piece(NamedTuple):
    """One line of a block: `text[start:end]` of the block drawn from shown[shown_start:shown_end]
    after `prefix` cells (and as many characters) of prefix."""

    start: int
    end: int
    shown_start: int
    shown_end: int
    prefix: int


class TextMap:
    """A block's lines at one width, mapped to its text (offsets end exclusive)."""

    def __init__(self, block: Block, width: int, first_line: int, lines: int) -> None:
        self.first_line = first_line
        self.width = width
        self.whole = block.kind not in _FLOWING and block.kind != "code"
        self.length = len(block.text)
        self.shown = ""
        self.markers: list[tuple[int, int]] = []  # link numbers: (offset in text, length shown)
        self._marker_at: list[int] = []  # their offsets in `shown`
        self.pieces: list[Piece] = []
        first, rest = prefixes(block, width)
        lead = [sum(cell_len(text) for text, _, _ in part) for part in (first, rest)]
        if self.whole:
            self.pieces = [Piece(0, self.length, 0, 0, lead[n > 0]) for n in range(lines)]
            return
        room = width - lead[1]
        if block.kind == "code":
            self.shown = block.text
            ranges: list[tuple[int, int]] = []
            at = 0
            for source in self.shown.split("\n"):
                ranges += [(at + a, at + b) for a, b in chop(source, 0, len(source), room)]
                at += len(source) + 1
        else:
            segments = fragments(block.runs)
            shown = "".join(text for text, _, _ in segments)
            ranges = line_ranges(shown, room)  # a link number's no-break space keeps it on
            self.shown = shown.replace(NBSP, " ")
            added = position = 0
            for text, key, _ in segments:
                if key == "link-number":
                    self.markers.append((position - added, len(text)))
                    self._marker_at.append(position)
                    added += len(text)
                position += len(text)
        self.pieces = [
            Piece(self._offset(a), self._offset(b), a, b, lead[n > 0])
            for n, (a, b) in enumerate(ranges)
        ]

    def _offset(self, shown: int) -> int:
        """The text offset of a position in `shown` (inside a link number: the number's place)."""
        before = bisect_right(self._marker_at, shown)
        added = 0
        for index in range(before):
            at, length = self._marker_at[index], self.markers[index][1]
            if shown < at + length:
                return self.markers[index][0]
            added += length
        return shown - added

    def _shown(self, offset: int, *, after_numbers: bool) -> int:
        """The position in `shown` of a text offset; a link number at the offset is counted
        before it (`after_numbers`, a start) or not (an end)."""
        added = 0
        for at, length in self.markers:
            if at > offset or (at == offset and not after_numbers):
                break
            added += length
        return offset + added

    def cells(self, start: int, end: int) -> list[Match]:
        """The (line, start cell, end cell) runs that draw text[start:end], prefix counted."""
        found: list[Match] = []
        if self.whole:
            if end <= start and self.length:
                return []
            return [(self.first_line + n, p.prefix, self.width) for n, p in enumerate(self.pieces)]
        for n, piece in enumerate(self.pieces):
            if piece.end < start or piece.start > end or (piece.end == start and start < end):
                continue
            a = max(self._shown(start, after_numbers=True), piece.shown_start)
            b = min(self._shown(end, after_numbers=False), piece.shown_end)
            if b > a:
                left = piece.prefix + cell_len(self.shown[piece.shown_start : a])
                found.append((self.first_line + n, left, left + cell_len(self.shown[a:b])))
        return found

    def offset_at(self, row: int, character: int) -> int:
        """The text offset drawn at `character` (characters from the line's start, prefix
        included) of the block's line `row`."""
        if not self.pieces:
            return 0
        piece = self.pieces[max(0, min(row, len(self.pieces) - 1))]
        if self.whole:
            return piece.start if character <= piece.prefix else piece.end
        shown = piece.shown_start + max(0, character - piece.prefix)
        return self._offset(min(shown, piece.shown_end))

    def line_of(self, offset: int, *, end: bool = False) -> int:
        """The block's line (from 0) drawing `offset`; an end offset stays on the line it ends."""
        for n, piece in enumerate(self.pieces):
            if offset < piece.end or (offset == piece.end and (end or n == len(self.pieces) - 1)):
                return n
        return max(0, len(self.pieces) - 1)


def text_map(layout: Layout, block: int) -> TextMap:
    """Block `block` of `layout` mapped to its text (kept with the layout)."""
    found = layout.text_maps.get(block)
    if found is None:
        first = layout.line_of_block(block)
        count = 0
        lines = layout.lines
        while first + count < len(lines) and lines[first + count].block == block:
            if not lines[first + count].segments and count:
                break
            count += 1
        found = TextMap(layout.document.blocks[block], layout.width, first, count)
        layout.text_maps[block] = found
    return found


def span_cells(layout: Layout, first: int, start: int, last: int, end: int) -> list[Match]:
    """The cells that draw the text from `start` in block `first` to `end` in block `last`."""
    blocks = layout.document.blocks
    found: list[Match] = []
    for block in range(max(0, first), min(last, len(blocks) - 1) + 1):
        if blocks[block].kind == "image":
            continue
        a = start if block == first else 0
        b = end if block == last else len(blocks[block].text)
        found += text_map(layout, block).cells(a, b)
    return found


def position_at(layout: Layout, line: int, character: int) -> tuple[int, int]:
    """The (block, text offset) drawn at `character` of `line` (the layout's offset counted)."""
    line = max(0, min(line, len(layout.lines) - 1))
    block = layout.lines[line].block
    mapped = text_map(layout, block)
    if line < mapped.first_line:  # the blank line above the block
        return block, 0
    return block, mapped.offset_at(line - mapped.first_line, character - layout.offset)


def word_start(text: str, offset: int) -> int:
    """`offset` moved back to the start of the word it is in (if it is in one)."""
    if not text[offset : offset + 1].isalnum():
        return offset
    found = _WORD_START.search(text, max(0, offset - 64), offset)
    return found.start() if found else offset


def word_end(text: str, offset: int) -> int:
    """`offset` moved on to the end of the word it is in."""
    if offset <= 0 or not text[offset - 1 : offset].isalnum():
        return offset
    found = _WORD_END.match(text, offset)
    return found.end() if found else offset
