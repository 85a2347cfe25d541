"""Turning what a person types into an FTS5 query that cannot be a syntax error.

Every word becomes a quoted FTS5 string, so operators, quotes and brackets in the input are just
text. With `prefix` the last word also matches as a prefix, so results appear while it is being
typed; that costs more (about twice a whole-word search with 10,000 articles), so the library
uses it only for search as you type.
"""

from __future__ import annotations

import re

HIT_START = "\x02"  # marks around a matched word in snippets; page text never holds controls
HIT_END = "\x03"

_WORD = re.compile(r"\w+")


def fts_query(text: str, prefix: bool = False) -> str:
    """An FTS5 MATCH expression for the words in `text` (all must match), or "" for no words."""
    words = _WORD.findall(text)
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    if prefix and _WORD.fullmatch(text[-1]):  # still typing the last word
        quoted[-1] += "*"
    return " ".join(quoted)


def split_hits(snippet: str) -> list[tuple[str, bool]]:
    """`snippet` as (text, is_match) runs, for highlighting."""
    runs: list[tuple[str, bool]] = []
    for i, part in enumerate(re.split(f"[{HIT_START}{HIT_END}]", snippet)):
        if part:
            runs.append((part, i % 2 == 1))
    return runs
