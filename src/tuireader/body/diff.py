"""What changed between two versions of an article's text: by paragraph, and word by word.

Pure and plain: paragraphs are the texts of blocks (or "\\n\\n"-separated text), words are runs of
non-space characters with the spaces after them, so joining a side's pieces gives its text back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Literal, NamedTuple

Op = Literal["same", "added", "removed"]
Kind = Literal["same", "changed", "added", "removed"]
MAX_WORD_DIFF = 2000  # words on either side of a changed stretch compared word by word


class Change(NamedTuple):
    """One stretch of paragraphs in a comparison of two versions.

    "same", "added" and "removed" stretches hold the paragraphs as they are; a "changed" one
    holds both sides and, unless it is too long to compare word by word (`MAX_WORD_DIFF`: the
    view then shows the old paragraphs, then the new), the word-level pieces.
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
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


def compare(old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """The paragraphs of two versions as stretches of same, changed, added and removed."""
    changes: list[Change] = []
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = tuple(old[i1:i2]), tuple(new[j1:j2])
        if tag == "equal":
            changes.append(Change("same", before, after))
        elif not after:
            changes.append(Change("removed", before))
        elif not before:
            changes.append(Change("added", (), after))
        else:
            small = sum(len(words(p)) for p in (*before, *after)) <= 2 * MAX_WORD_DIFF
            pieces = tuple(word_diff("\n\n".join(before), "\n\n".join(after))) if small else None
            changes.append(Change("changed", before, after, pieces))
    return changes
