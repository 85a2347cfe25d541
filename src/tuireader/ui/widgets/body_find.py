"""Find in the article view (ArticleView keeps one): the matches of the query in the layout shown,
which one is current, and the cells each line draws them in. Found again for every layout, so a
change of width keeps the query and the current match."""

from __future__ import annotations

from collections.abc import Sequence

from tuireader.ui.layout.wrap import Layout, Match

Found = tuple[int, int, bool]  # start cell, end cell, whether it is the current match


class BodyFind:
    """The query (smart case), its matches (line, start cell, end cell) and the current one."""

    def __init__(self) -> None:
        self.query = ""
        self.matches: list[Match] = []
        self.current: int | None = None
        self._by_line: dict[int, list[Found]] = {}

    def clear(self) -> None:
        """A new document: no query."""
        self.query, self.matches, self.current, self._by_line = "", [], None, {}

    def search(self, layout: Layout | None, query: str) -> int:
        """Look for `query`, no match current; how many there are."""
        self.query, self.current = query, None
        self.again(layout)
        return len(self.matches)

    def again(self, layout: Layout | None) -> None:
        """The query's matches in `layout` (a new width); the current one stays if it can."""
        self.matches = layout.find(self.query) if layout and self.query else []
        if self.current is not None:
            self.current = min(self.current, len(self.matches) - 1) if self.matches else None
        self._mark()

    def step(self, top: int, step: int) -> int | None:
        """Make the next (`step` 1) or previous (-1) match current: its index, None if none.

        The first step goes to the first match from line `top` (backwards: the last one above
        it), later ones go round the article.
        """
        count = len(self.matches)
        if not count:
            return None
        if self.current is None:
            if step > 0:
                after = [n for n, match in enumerate(self.matches) if match[0] >= top]
                self.current = after[0] if after else 0
            else:
                before = [n for n, match in enumerate(self.matches) if match[0] < top]
                self.current = before[-1] if before else count - 1
        else:
            self.current = (self.current + step) % count
        self._mark()
        return self.current

    def line(self, index: int) -> Sequence[Found]:
        """The matches on line `index`."""
        return self._by_line.get(index, ())

    def _mark(self) -> None:
        self._by_line = {}
        for n, (line, start, end) in enumerate(self.matches):
            self._by_line.setdefault(line, []).append((start, end, n == self.current))
