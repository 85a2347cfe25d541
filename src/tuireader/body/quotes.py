"""Passages of a body found by their words, not by lines: what highlights are anchored to.

A passage is kept as the W3C Web Annotation TextQuoteSelector keeps it: its exact text, a
little text before and after it, and the paragraph it starts in (index and opening words, as the
reading position is kept). Found again in the blocks' plain texts (`Block.text`) of any later
Document of the article: another width or theme changes no text; a re-extraction or a refetch
may move, renumber or drop paragraphs, and the context and the paragraph choose among equal
passages. None when the passage is gone: the caller keeps the highlight and says so.

Offsets are in characters of the blocks' texts joined by `SEPARATOR`, as
`Document.plain_text()` joins them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

CONTEXT = 32  # characters of text kept before and after a passage
OPENING = 60  # characters of its paragraph's opening kept, as the reading position keeps them
SEPARATOR = "\n\n"


class Quote(NamedTuple):
    """A passage as it is kept: what `Highlight` stores."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    block: int = 0
    block_text: str = ""


class Place(NamedTuple):
    """Where a passage stands: from `start` in block `first` to `end` (exclusive) in `last`."""

    first: int
    start: int
    last: int
    end: int


class Body:
    """The blocks' texts joined once, for finding many passages in them."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self.starts: list[int] = []
        offset = 0
        for text in self.texts:
            self.starts.append(offset)
            offset += len(text) + len(SEPARATOR)
        self.joined = SEPARATOR.join(self.texts)

    def offset(self, block: int, column: int) -> int:
        return self.starts[block] + column

    def position(self, offset: int) -> tuple[int, int]:
        """(block, column) of a joined offset; an offset in a separator is its block's end."""
        from bisect import bisect_right

        block = max(0, bisect_right(self.starts, offset) - 1)
        return block, min(offset - self.starts[block], len(self.texts[block]))

    def quote(self, place: Place) -> Quote:
        start = self.offset(place.first, place.start)
        end = self.offset(place.last, place.end)
        return Quote(
            exact=self.joined[start:end],
            prefix=self.joined[max(0, start - CONTEXT) : start],
            suffix=self.joined[end : end + CONTEXT],
            block=place.first,
            block_text=self.texts[place.first][:OPENING],
        )

    def locate(self, quote: Quote) -> Place | None:
        """Where `quote` stands now, the best of several equal passages; None if it is gone."""
        exact = quote.exact
        if not exact:
            return None
        found: list[int] = []
        at = self.joined.find(exact)
        while at >= 0:
            found.append(at)
            at = self.joined.find(exact, at + 1)
        if not found:
            return None
        best = max(found, key=lambda offset: self._score(quote, offset))
        first, start = self.position(best)
        last, end = self.position(best + len(exact))
        return Place(first, start, last, end)

    def _score(self, quote: Quote, offset: int) -> tuple[int, int]:
        before = self.joined[max(0, offset - len(quote.prefix)) : offset]
        after_start = offset + len(quote.exact)
        after = self.joined[after_start : after_start + len(quote.suffix)]
        context = _common_tail(before, quote.prefix) + _common_head(after, quote.suffix)
        block, _ = self.position(offset)
        return context, -abs(block - quote.block)


def quote_of(texts: Sequence[str], place: Place) -> Quote:
    return Body(texts).quote(place)


def locate(texts: Sequence[str], quote: Quote) -> Place | None:
    return Body(texts).locate(quote)


def _common_head(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_tail(a: str, b: str) -> int:
    return _common_head(a[::-1], b[::-1])
