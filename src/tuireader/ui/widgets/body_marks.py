"""The body's highlights and selection as cells of the layout shown (ArticleView keeps one).

Passages are places in the article's body blocks (body.quotes.Place), which no width or theme
changes; their cells come from ui/layout/text_map.py for the layout on screen. The selection's
are worked out at once (it is small, and it is scrolled into view); the highlights' a block at a
time as its lines are painted, so a thousand highlights cost only those on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from tuireader.body.model import Document
from tuireader.body.quotes import Place
from tuireader.ui.layout.text_map import span_cells, text_map
from tuireader.ui.layout.wrap import Layout, Match

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
