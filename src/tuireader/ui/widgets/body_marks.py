"""The body's highlights and selection as cells of the layout shown (ArticleView keeps one).

Passages are places in the article's body blocks (body.quotes.Place), which no width or theme
changes; their cells come from ui/layout/text_map.py for the layout on screen. The selection's
are worked out at once (it is small, and it is scrolled into view); the highlights' a block at a
time as its lines are painted, so a thousand highlights cost only those on screen. The other way,
a mouse drag's cells and the selection's steps by line become places again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tuireader.body.model import Document
from tuireader.body.quotes import Place
from tuireader.ui.layout.text_map import position_at, span_cells, text_map, word_end, word_start
from tuireader.ui.layout.wrap import Layout, Match

if TYPE_CHECKING:
    from textual.selection import Selection

Mark = tuple[int, int, str]  # start cell, end cell, style key


class BodyMarks:
    """Highlights (with a note or not), the keyboard selection and a mouse drag's passage."""

    def __init__(self) -> None:
        self.passages: list[tuple[Place, bool]] = []
        self.selection: Place | None = None
        self.dragged: Place | None = None
        self._by_block: dict[int, list[int]] = {}  # a block of the document: passages in it
        self._marks: dict[int, list[Mark]] = {}  # by line, for the blocks in `_marked`
        self._marked: set[int] = set()
        self._notes: set[int] = set()  # lines that start a highlight with a note
        self._selected: dict[int, list[Mark]] = {}  # the selection's, by line

    def set_passages(self, passages: Sequence[tuple[Place, bool]], start: int | None) -> None:
        """The highlights of a body whose first block is block `start` of the document."""
        self.passages = list(passages)
        self._by_block = {}
        if start is not None:
            for index, (place, _) in enumerate(self.passages):
                for block in range(place.first + start, place.last + start + 1):
                    self._by_block.setdefault(block, []).append(index)

    def clear(self) -> None:
        self.passages, self.selection, self.dragged, self._by_block = [], None, None, {}

    def cells(self, layout: Layout | None, document: Document, place: Place) -> list[Match]:
        start = document.body_start
        if start is None or layout is None:
            return []
        return span_cells(layout, place.first + start, place.start, place.last + start, place.end)

    def reset(self, layout: Layout | None, document: Document) -> bool:
        """Forget the cells worked out (the layout, passages or selection changed); whether
        anything drawn changes."""
        had = bool(self._marks or self._selected or self._marked)
        self._marks, self._marked, self._notes, self._selected = {}, set(), set(), {}
        selected = self.selection or self.dragged
        if selected is not None:
            for line, left, right in self.cells(layout, document, selected):
                self._selected.setdefault(line, []).append((left, right, "selection"))
        return had or bool(self._selected or self.passages)

    def line(self, layout: Layout, document: Document, index: int) -> tuple[list[Mark], bool]:
        """The marks of line `index` (its block's highlights, then the selection) and whether
        it starts a highlight with a note."""
        block = layout.lines[index].block
        if block not in self._marked:
            self._mark_block(layout, document, block)
        marks = self._marks.get(index, [])
        selected = self._selected.get(index)
        return (marks + selected if selected else marks), index in self._notes

    def _mark_block(self, layout: Layout, document: Document, block: int) -> None:
        self._marked.add(block)
        passages, start = self._by_block.get(block), document.body_start
        if not passages or start is None or document.blocks[block].kind == "image":
            return
        mapped = text_map(layout, block)
        length = len(document.blocks[block].text)
        for index in passages:
            place, noted = self.passages[index]
            first, last = place.first + start, place.last + start
            cells = mapped.cells(
                place.start if block == first else 0, place.end if block == last else length
            )
            key = "highlight-note" if noted else "highlight"
            for line, left, right in cells:
                self._marks.setdefault(line, []).append((left, right, key))
            if noted and block == first and cells:
                self._notes.add(cells[0][0])


def _body_count(document: Document) -> int:
    """How many blocks the article's body has (0: no body shown)."""
    start = document.body_start
    return 0 if start is None else len(document.blocks[start : document.body_end])


def dragged_place(
    layout: Layout | None, document: Document, selection: Selection | None
) -> Place | None:
    """The passage of the body a mouse drag (Textual's selection, in cells of `layout`) covers,
    whole words; None if it covers no text of the body."""
    start = document.body_start
    if selection is None or layout is None or start is None or not layout.lines:
        return None
    if selection.start is None or selection.end is None:
        return None  # a drag into another pane, or "select all": not a passage
    count = _body_count(document)
    first, a = position_at(layout, selection.start.y, selection.start.x)
    last, b = position_at(layout, selection.end.y, selection.end.x)
    if first < start:
        first, a = start, 0
    if last >= start + count:
        last = start + count - 1
        b = len(document.blocks[last].text)
    if (last, b) <= (first, a):
        return None
    head, tail = document.blocks[first].text, document.blocks[last].text
    a, b = word_start(head, a), word_end(tail, b)
    a += len(head[a:]) - len(head[a:].lstrip())  # not from the space between words
    b -= len(tail[:b]) - len(tail[:b].rstrip())
    if (last, b) <= (first, a):
        return None
    return Place(first - start, a, last - start, b)


def line_step(
    layout: Layout | None, document: Document, block: int, offset: int, step: int
) -> tuple[int, int] | None:
    """The end of the text line `step` lines below (above, if negative) the one that `offset`
    of body block `block` ends on: (body block, offset), or None past the body."""
    start = document.body_start
    if layout is None or start is None:
        return None
    count = _body_count(document)
    mapped = text_map(layout, block + start)
    line = mapped.first_line + mapped.line_of(offset, end=True) + step
    blocks = document.blocks
    while 0 <= line < len(layout.lines):
        shown = layout.lines[line]
        body = shown.block - start
        if 0 <= body < count and shown.segments and blocks[shown.block].kind != "image":
            found = text_map(layout, shown.block)
            row = line - found.first_line
            if 0 <= row < len(found.pieces):
                return body, found.pieces[row].end
        line += 1 if step > 0 else -1
    return None
