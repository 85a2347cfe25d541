"""Sentences of a block's plain text: the steps a keyboard selection grows and shrinks by.

A sentence ends after ".", "!", "?" or "…" (with any closing quotes or brackets) followed by
white space and then a capital, a digit, an opening quote or bracket, or the end of the text;
initials, dotted abbreviations and titles ("J.", "e.g.", "U.S.", "Dr.") end none. A text with
no such end is one sentence. Spans are character offsets into the text, end exclusive, without
the white space between sentences.
"""

from __future__ import annotations

import re

_END = re.compile(
    r"""[.!?…]+["'”’»)\]]*(?=\s+[\"'“‘«(\[\d\w]|\s*$)""",
)
_WORD_BEFORE = re.compile(r"[\w.]*$")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "prof",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "no",
        "fig",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "capt",
        "sgt",
        "mt",
    ]
)
_SPACE = re.compile(r"\s+")


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the sentences of `text`, in order; [] for blank text."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for found in _END.finditer(text):
        end = found.end()
        if end <= start or not _ends_sentence(text, found.start(), end):
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
    tail = text.rstrip()
    if start < len(tail):
        spans.append((start, len(tail)))
    return spans


def _skip_space(text: str, at: int) -> int:
    space = _SPACE.match(text, at)
    return space.end() if space else at


def _ends_sentence(text: str, stop: int, end: int) -> bool:
    """Whether the stop at `stop` ends a sentence: not an abbreviation or initial, and what
    follows (if anything) starts like a sentence."""
    following = text[_skip_space(text, end) : _skip_space(text, end) + 1]
    if following and following.isalpha() and not following.isupper():
        return False
    if text[stop] != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, stop - 12), stop)
    before = word.group() if word else ""
    if "." in before or (len(before) == 1 and before.isalpha()):
        return False  # "U.S.", "e.g.", an initial
    return before.lower() not in _ABBREVIATIONS
