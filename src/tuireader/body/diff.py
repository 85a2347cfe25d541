"""What changed between two versions of an article's text: by paragraph, and word by word.

Pure and plain: paragraphs are the texts of blocks (or "\\n\\n"-separated text), words are runs of
non-space characters with the spaces after them, so joining a side's pieces gives its text back.

Both levels share one matcher (`_opcodes`): the common start and end set aside, then the
patience idea (items found once on each side, in an order both keep, anchor the match, and the
gaps between them are matched the same way), with difflib's SequenceMatcher only on windows small
enough for it. SequenceMatcher alone is quadratic in the words of a long change: 0.6 s for two
10,000-word texts, against a few milliseconds here (benchmarks/diff.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Hashable, Sequence
from typing import Literal, NamedTuple

Op = Literal["same", "added", "removed"]
Kind = Literal["same", "changed", "added", "removed"]
MAX_WORD_DIFF = 2000  # words on either side of a changed stretch compared word by word
MIN_SHARED = 0.5  # of the longer side's characters a word-level comparison must keep unchanged
MIN_REWRITE = 8  # words on the longer side, below which any comparison reads well enough
_SMALL = 100_000  # a window whose two sides' lengths multiply to no more goes to SequenceMatcher
_DEEPEST = 100  # gaps within gaps matched so deep at most: a hostile text cannot exhaust the stack

_Block = tuple[int, int, int]  # a match: where it starts in `a`, in `b`, and its length
_Opcode = tuple[str, int, int, int, int]  # as SequenceMatcher.get_opcodes gives them


class Change(NamedTuple):
    """One stretch of paragraphs in a comparison of two versions.

    "same", "added" and "removed" stretches hold the paragraphs as they are; a "changed" one
    holds both sides and the word-level pieces, or None when the view should show the old
    paragraphs, then the new: when the stretch is too long to compare word by word
    (`MAX_WORD_DIFF`), or when the two sides share too little (`MIN_SHARED`) for a word-level
    comparison to read as anything but confetti of small shared words.
    """

    kind: Kind
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    pieces: tuple[tuple[Op, str], ...] | None = None


_WORDS = re.compile(r"\S+\s*|\s+")


def words(text: str) -> list[str]:
    """`text` cut into words, each with the spaces that follow it; they join back to `text`."""
    return _WORDS.findall(text)


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """The pieces of text that both have, that `new` added and that it removed, in order."""
    a, b = words(old), words(new)
    pieces: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(b[j1:j2])))
    return pieces


def paragraphs_changed(old: Sequence[str], new: Sequence[str]) -> int:
    """How many paragraphs differ: for each changed stretch, the larger of its two sides."""
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in _opcodes(old, new) if tag != "equal"
    )


def compare(old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """The paragraphs of two versions as stretches of same, changed, added and removed.

    A changed stretch too long to compare word by word as a whole, with as many paragraphs on
    each side, is compared paragraph by paragraph (each edited in place), so that edits
    scattered through every paragraph still read word by word.
    """
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        before, after = tuple(old[i1:i2]), tuple(new[j1:j2])
        if tag == "equal":
            changes.append(Change("same", before, after))
        elif not after:
            changes.append(Change("removed", before))
        elif not before:
            changes.append(Change("added", (), after))
        elif _short(before, after) or len(before) != len(after):
            changes.append(_changed(before, after))
        else:
            changes.extend(_changed((b,), (a,)) for b, a in zip(before, after, strict=True))
    return changes


def _short(before: Sequence[str], after: Sequence[str]) -> bool:
    return sum(len(words(p)) for p in (*before, *after)) <= 2 * MAX_WORD_DIFF


def _changed(before: tuple[str, ...], after: tuple[str, ...]) -> Change:
    if not _short(before, after):
        return Change("changed", before, after, None)
    old, new = "\n\n".join(before), "\n\n".join(after)
    pieces = tuple(word_diff(old, new))
    shared = sum(len(text) for op, text in pieces if op == "same")
    if (
        shared < MIN_SHARED * max(len(old), len(new))
        and max(len(words(old)), len(words(new))) >= MIN_REWRITE
    ):
        return Change("changed", before, after, None)  # rewritten, not edited
    return Change("changed", before, after, pieces)


def _opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[_Opcode]:
    """How to turn `a` into `b`, in SequenceMatcher.get_opcodes' terms."""
    blocks: list[_Block] = []
    _match(a, 0, len(a), b, 0, len(b), blocks)
    opcodes: list[_Opcode] = []
    i = j = 0
    for ai, bj, size in [*_joined(blocks), (len(a), len(b), 0)]:
        if i < ai and j < bj:
            opcodes.append(("replace", i, ai, j, bj))
        elif i < ai:
            opcodes.append(("delete", i, ai, j, bj))
        elif j < bj:
            opcodes.append(("insert", i, ai, j, bj))
        if size:
            opcodes.append(("equal", ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return opcodes


def _joined(blocks: list[_Block]) -> list[_Block]:
    """Matches that touch made one."""
    joined: list[_Block] = []
    for ai, bj, size in blocks:
        if joined and joined[-1][0] + joined[-1][2] == ai and joined[-1][1] + joined[-1][2] == bj:
            last = joined.pop()
            joined.append((last[0], last[1], last[2] + size))
        else:
            joined.append((ai, bj, size))
    return joined


def _match(
    a: Sequence[Hashable],
    alo: int,
    ahi: int,
    b: Sequence[Hashable],
    blo: int,
    bhi: int,
    blocks: list[_Block],
    depth: int = 0,
) -> None:
    """Append the matches of a[alo:ahi] and b[blo:bhi] to `blocks`, in order."""
    start = alo
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        alo, blo = alo + 1, blo + 1
    if alo > start:
        blocks.append((start, blo - (alo - start), alo - start))
    tail = 0
    while alo < ahi - tail and blo < bhi - tail and a[ahi - 1 - tail] == b[bhi - 1 - tail]:
        tail += 1
    ahi, bhi = ahi - tail, bhi - tail
    if alo < ahi and blo < bhi:
        if (ahi - alo) * (bhi - blo) <= _SMALL:
            _match_small(a, alo, ahi, b, blo, bhi, blocks)
        elif depth < _DEEPEST:
            _match_anchored(a, alo, ahi, b, blo, bhi, blocks, depth)
    if tail:
        blocks.append((ahi, bhi, tail))


def _match_small(
    a: Sequence[Hashable],
    alo: int,
    ahi: int,
    b: Sequence[Hashable],
    blo: int,
    bhi: int,
    blocks: list[_Block],
) -> None:
    from difflib import SequenceMatcher  # not on the way to a cached article's first words

    matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
    blocks.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)


def _match_anchored(
    a: Sequence[Hashable],
    alo: int,
    ahi: int,
    b: Sequence[Hashable],
    blo: int,
    bhi: int,
    blocks: list[_Block],
    depth: int,
) -> None:
    """Match a long window on the items found once on each side, then the gaps between them.

    With no such item the window stays unmatched: a long stretch with nothing distinctive in
    common is shown as removed and added rather than spent quadratic time on.
    """
    anchors = _anchors(a, alo, ahi, b, blo, bhi)
    i, j = alo, blo
    for ai, bj in anchors:
        _match(a, i, ai, b, j, bj, blocks, depth + 1)
        blocks.append((ai, bj, 1))
        i, j = ai + 1, bj + 1
    if anchors:
        _match(a, i, ahi, b, j, bhi, blocks, depth + 1)


def _anchors(
    a: Sequence[Hashable], alo: int, ahi: int, b: Sequence[Hashable], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """The longest run of items found once in each window whose order both sides keep."""
    in_a: dict[Hashable, int] = {}
    for i in range(alo, ahi):
        in_a[a[i]] = -1 if a[i] in in_a else i
    in_b: dict[Hashable, int] = {}
    for j in range(blo, bhi):
        item = b[j]
        if in_a.get(item, -1) >= 0:
            in_b[item] = -1 if item in in_b else j
    pairs = [(in_a[item], j) for item, j in in_b.items() if j >= 0]
    pairs.sort()
    # Patience sorting: the longest increasing run of b positions, in a's order.
    tops: list[int] = []  # the smallest last b position of a run of each length
    ends: list[int] = []  # the index in `pairs` of that run's last pair
    back: list[int] = []  # for each pair, the pair before it in its run
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length] = j
            ends[length] = index
        back.append(ends[length - 1] if length else -1)
    run: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        run.append(pairs[index])
        index = back[index]
    run.reverse()
    return run
