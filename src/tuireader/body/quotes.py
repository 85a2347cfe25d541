"""Passages of a body found by their words, not by lines: what highlights are anchored to.

A passage is kept as the W3C Web Annotation TextQuoteSelector keeps it: its exact text, a
little text before and after it, and the paragraph it starts in (index and opening words, as the
reading position is kept). Found again in the blocks' plain texts (`Block.text`) of any later
Document of the article: another width or theme changes no text; a re-extraction or a refetch
may move, renumber, split or drop paragraphs, and the context and the paragraph choose among
equal passages. None only when its words are gone: the caller keeps the highlight and says so.

Two copies of a page often differ in what a reader does not see: runs of spaces and line breaks,
non-breaking spaces, soft hyphens, typographic quotes and dashes, "..." for "…". Both sides are
folded (`fold`) before they are compared, and an offset map takes a match back to the real text.

Offsets are in characters of the blocks' texts joined by `SEPARATOR`, as
`Document.plain_text()` joins them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

CONTEXT = 32  # characters of text kept before and after a passage
OPENING = 60  # characters of its paragraph's opening kept, as the reading position keeps them
SEPARATOR = "\n\n"
MAX_CANDIDATES = 1_000  # equal passages weighed by their context; later ones are not looked at
EDGE = 2  # context characters at the far ends that may fold otherwise in the body
NEAR = 8  # paragraphs either side of its own where a passage is looked for first

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_GONE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width spaces, joiners, BOM
_SINGLE = "\u2018\u2019\u201a\u201b\u2032\u02bc"
_DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_SPACES = " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
_SPACES += "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
# Folding is two steps. First one character for another, the text keeping its length (so no
# offset moves): every space as " ", every dash as "-", typographic quotes as ' and ".
_ONE_FOR_ONE = tuple(
    {
        **dict.fromkeys(_SPACES[1:], " "),
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_SINGLE, "'"),
        **dict.fromkeys(_DOUBLE, '"'),
    }.items()
)
# Then what changes the length, each replaced by something shorter (so a folded offset inside
# one maps into it): a run of spaces, dashes and invisible characters (one dash when it has one,
# else one space when it has one, else nothing), one invisible character, three dots (an
# ellipsis). One character class leads the pattern, so that the regular expression engine skips
# to the places where one of them is.
_RUN = re.escape(" -" + _GONE)
_SHORTER = re.compile(
    f"[{_RUN}.](?:(?<=[{_RUN}])[{_RUN}]+|(?<=[{re.escape(_GONE)}])|(?<=\\.)\\.\\.)"
)
_APART = "\x00"  # between the parts of quotes folded at once: never in page text, never folded
_KNOWN = {"...": "…", **dict.fromkeys(_GONE, "")}  # matches folded already: " - " recurs
_KNOWN_LIMIT = 4_096


def _one_for_one(text: str) -> str:
    for character, replacement in _ONE_FOR_ONE:
        if character in text:
            text = text.replace(character, replacement)
    return text


def _replacement(match: re.Match[str]) -> str:
    found = match.group()
    folded = _KNOWN.get(found)
    if folded is None:
        folded = "-" if "-" in found else " " if " " in found else ""
        if len(_KNOWN) < _KNOWN_LIMIT:
            _KNOWN[found] = folded
    return folded


def fold(text: str) -> str:
    """`text` as passages are compared: white space, quotes, dashes and dots in one form each.

    What `_Folded` does with a regular expression, done with plain replacements (many times
    faster on the text of many quotes at once; the tests check that both agree): the dots
    first, since the expression never joins dots across an invisible character, then the
    invisible characters, then the runs of spaces and dashes.
    """
    text = _one_for_one(text)
    if "..." in text:
        text = text.replace("...", "…")
    for invisible in _GONE:
        if invisible in text:
            text = text.replace(invisible, "")
    while "  " in text:
        text = text.replace("  ", " ")
    if "-" in text:
        text = text.replace(" -", "-").replace("- ", "-")
        while "--" in text:
            text = text.replace("--", "-")
    return text


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


class _Folded:
    """A text folded, with the maps between its offsets and the folded text's."""

    __slots__ = ("folded", "marks", "origins")

    def __init__(self, text: str) -> None:
        pieces: list[str] = []
        self.marks = [0]  # folded offsets where the maps restart ...
        self.origins = [0]  # ... and the text's offsets they stand for
        copied = 0  # text offset up to which pieces hold it
        length = 0  # length of the pieces
        text = _one_for_one(text)
        for match in _SHORTER.finditer(text):
            start, end = match.span()
            replacement = _replacement(match)
            if replacement == match.group():
                continue
            pieces.append(text[copied:start])
            pieces.append(replacement)
            length += start - copied + len(replacement)
            copied = end
            self.marks.append(length)
            self.origins.append(end)
        pieces.append(text[copied:])
        self.folded = "".join(pieces)

    def origin(self, offset: int) -> int:
        """The text's offset for folded `offset`: the same distance past the last restart."""
        at = bisect_right(self.marks, offset) - 1
        return self.origins[at] + offset - self.marks[at]

    def folded_offset(self, origin: int) -> int:
        """The folded offset for the text's `origin`; inside a folded run, within its fold."""
        at = bisect_right(self.origins, origin) - 1
        offset = self.marks[at] + origin - self.origins[at]
        return min(offset, self.marks[at + 1]) if at + 1 < len(self.marks) else offset


class _Sought(NamedTuple):
    """A quote folded as the body is."""

    exact: str
    prefix: str
    suffix: str
    opening: str  # of its paragraph
    block: int

    @classmethod
    def all_of(cls, quotes: Sequence[Quote]) -> list[_Sought]:
        """The quotes' parts folded in one `fold` of them all; white space at a passage's ends
        goes to its context."""
        parts: list[str] = []
        for quote in quotes:
            exact = quote.exact
            lead = exact[: len(exact) - len(exact.lstrip(_SPACES))]
            trail = exact[len(exact.rstrip(_SPACES)) :]
            parts += (quote.prefix + lead, exact.strip(_SPACES), trail + quote.suffix)
            parts.append(quote.block_text)
        joined = _APART.join(parts)
        apart = joined.count(_APART) == len(parts) - 1  # no part holds one
        folded = fold(joined).split(_APART) if apart else [*map(fold, parts)]
        return [
            cls._edges(folded[4 * n : 4 * n + 4], quote.block) for n, quote in enumerate(quotes)
        ]

    @classmethod
    def _edges(cls, parts: list[str], block: int) -> _Sought:
        """A dash at either end of the passage takes the spaces and dashes next to it into one,
        as one run folds in the body."""
        prefix, exact, suffix, opening = parts
        exact = exact.strip(" ")
        if exact.startswith("-"):
            prefix = prefix.rstrip(" -")
        elif prefix.endswith("-"):
            exact = exact.lstrip(" ")
        if exact.endswith("-"):
            suffix = suffix.lstrip(" -")
        return cls(exact, prefix, suffix, opening, block)


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
        self._folded: _Folded | None = None  # made on the first search: quoting needs none
        self._folded_starts: list[int] = []  # where each paragraph starts in the folded text
        self._openings: dict[int, str] = {}  # folded openings of paragraphs, as they are asked

    def offset(self, block: int, column: int) -> int:
        return self.starts[block] + column

    def position(self, offset: int) -> tuple[int, int]:
        """(block, column) of a joined offset; an offset in a separator is its block's end."""
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
        """Where `quote` stands now, the best of several equal passages; None if it is gone.

        First where its whole context is still around it (the usual case, one search); else
        every place of its words, weighed by how much of the context agrees, then by the
        paragraph (`_paragraph_score`).
        """
        return self.locate_all([quote])[0]

    def locate_all(self, quotes: Sequence[Quote]) -> list[Place | None]:
        """`locate` for each of `quotes`, in order.

        A passage still in the same copy of the text is found as it is, near its paragraph;
        the others are found in the folded body, which is made once for them all.
        """
        if not self.texts:
            return [None] * len(quotes)
        places = [self._as_it_was(quote) for quote in quotes]
        moved = [quote for quote, place in zip(quotes, places, strict=True) if place is None]
        if not moved:
            return places
        if self._folded is None:
            self._folded = _Folded(self.joined)
            self._folded_starts = [self._folded.folded_offset(start) for start in self.starts]
        found = iter([self._locate(sought) for sought in _Sought.all_of(moved)])
        return [next(found) if place is None else place for place in places]

    def _as_it_was(self, quote: Quote) -> Place | None:
        """The passage with its whole context, unchanged, in a paragraph near its own that
        opens as its own did: the usual case (the copy it was made in), found with no folding.
        None when it is not so: then the passage is looked for in the folded body."""
        if not quote.exact.strip():
            return None
        needle = quote.prefix + quote.exact + quote.suffix
        first = min(max(quote.block - NEAR, 0), len(self.starts) - 1)
        after = quote.block + NEAR + 1
        end = self.starts[after] if after < len(self.starts) else len(self.joined)
        start = max(self.starts[first] - len(quote.prefix), 0)
        best: tuple[int, int, int] | None = None  # (distance, block, column)
        for at in _all(self.joined, needle, len(quote.prefix), MAX_CANDIDATES, start, end):
            block, column = self.position(at)
            if self.texts[block].startswith(quote.block_text):
                best = min(
                    best or (abs(block - quote.block), block, column),
                    (abs(block - quote.block), block, column),
                )
        if best is None:
            return None
        _, block, column = best
        last, stop = self.position(self.offset(block, column) + len(quote.exact))
        return Place(block, column, last, stop)

    def _locate(self, sought: _Sought) -> Place | None:
        if not sought.exact:
            return None
        assert self._folded is not None
        text = self._folded.folded
        best = self._in_context(text, sought)
        if best is None:
            found = _all(text, sought.exact, 0, MAX_CANDIDATES)
            if not found:
                return None
            best = found[0]
            if len(found) > 1:
                best = max(found, key=lambda at: self._score(text, at, sought))
        first, column = self.position(self._folded.origin(best))
        last, end = self.position(self._folded.origin(best + len(sought.exact)))
        return Place(first, column, last, end)

    def _in_context(self, text: str, sought: _Sought) -> int | None:
        """The best place with the whole context around it (less `EDGE` characters at its far
        ends, which may fold otherwise in the body); None when there is none.

        Looked for first in the paragraphs near its own: a place there in a paragraph with the
        quote's opening words is the best of all (any other is farther), so the whole body is
        searched only when the passage moved far or its paragraph changed.
        """
        before = sought.prefix[EDGE:] if len(sought.prefix) > EDGE else sought.prefix
        after = sought.suffix[:-EDGE] if len(sought.suffix) > EDGE else sought.suffix
        if not before and not after:
            return None
        needle = before + sought.exact + after
        near = self._near(sought.block, len(needle))
        found = _all(text, needle, len(before), MAX_CANDIDATES, *near)
        if found:
            best = found[0]
            score = self._paragraph_score(best, sought)
            if len(found) > 1:
                score, best = max((self._paragraph_score(at, sought), at) for at in found)
            if score[0] >= len(sought.opening) - EDGE:
                return best
        found = _all(text, needle, len(before), MAX_CANDIDATES)
        if len(found) > 1:
            return max(found, key=lambda at: self._paragraph_score(at, sought))
        return found[0] if found else None

    def _near(self, block: int, reach: int) -> tuple[int, int]:
        """The folded span of the paragraphs within NEAR of `block`, widened by `reach`."""
        assert self._folded is not None
        starts = self._folded_starts
        start = max(starts[min(max(block - NEAR, 0), len(starts) - 1)] - reach, 0)
        after = block + NEAR + 1
        return start, starts[after] + reach if after < len(starts) else len(self._folded.folded)

    def _score(self, text: str, at: int, sought: _Sought) -> tuple[int, int, int]:
        before = text[max(0, at - len(sought.prefix)) : at]
        end = at + len(sought.exact)
        after = text[end : end + len(sought.suffix)]
        context = _common_tail(before, sought.prefix) + _common_head(after, sought.suffix)
        return (context, *self._paragraph_score(at, sought))

    def _paragraph_score(self, at: int, sought: _Sought) -> tuple[int, int]:
        """How well the paragraph at folded offset `at` is the quote's: opening words that
        agree, then closeness of its index (paragraphs are renumbered more than reworded)."""
        block = max(bisect_right(self._folded_starts, at) - 1, 0)
        if not sought.opening:
            return 0, -abs(block - sought.block)
        opening = self._openings.get(block)
        if opening is None:
            opening = self._openings[block] = fold(self.texts[block][: 2 * OPENING])
        return _common_head(opening, sought.opening), -abs(block - sought.block)


def _all(
    text: str, needle: str, shift: int, limit: int, start: int = 0, end: int | None = None
) -> list[int]:
    """Where `needle` occurs in `text[start:end]` (at most `limit` places), each plus `shift`."""
    found: list[int] = []
    end = len(text) if end is None else end
    at = text.find(needle, start, end)
    while at >= 0 and len(found) < limit:
        found.append(at + shift)
        at = text.find(needle, at + 1, end)
    return found


def _common_head(a: str, b: str) -> int:
    if a.startswith(b) or b.startswith(a):
        return min(len(a), len(b))
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_tail(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n
