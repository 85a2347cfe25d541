"""Turning what a person types into an FTS5 query that cannot be a syntax error, and marking hits.

Every word becomes a quoted FTS5 string, so operators, quotes and brackets in the input are just
text. With `prefix` the last word also matches as a prefix, so results appear while it is being
typed; that costs more (about twice a whole-word search with 10,000 articles), so the library
uses it only for search as you type.

FTS5 ranks the matches; the snippets and marked titles are made here, from a bounded window of the
text around the first hit. FTS5's own snippet() weighs every pair of hits in a column, so a page
repeating one word 40,000 times took seconds a search; this costs one regular-expression scan.
"""

from __future__ import annotations

import re
from functools import cache

HIT_START = "\x02"  # marks around a matched word in snippets; page text never holds controls
HIT_END = "\x03"
SNIPPET_WORDS = 12  # words in a snippet, as FTS5's snippet() would give
SNIPPET_LEAD = 3  # of them, words shown before the first hit
_WINDOW = 400  # characters looked at on each side of the first hit: bounds the work per article
ELLIPSIS = "…"

_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[^\W_]+")  # a word as FTS5's unicode61 tokenizer sees it: no underscores
_LETTER = "[^\\W_]"


def fts_query(text: str, prefix: bool = False) -> str:
    """An FTS5 MATCH expression for the words in `text` (all must match), or "" for no words."""
    words = _WORD.findall(text)
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    if prefix and _WORD.fullmatch(text[-1]):  # still typing the last word
        quoted[-1] += "*"
    return " ".join(quoted)


def hit_pattern(text: str, prefix: bool = False) -> re.Pattern[str] | None:
    """A pattern for the words FTS5 matches for `text`: whole tokens, case and accents folded.

    It finds what fts_query(text, prefix) matched, to mark it; None when there are no words.
    """
    tokens = [_fold(token) for token in _TOKEN.findall(text)]
    if not tokens:
        return None
    typing = prefix and _WORD.fullmatch(text[-1]) is not None
    alternatives = [
        "".join(_folded_class(char) for char in token)
        + (f"{_LETTER}*" if typing and token == tokens[-1] else "")
        for token in sorted(set(tokens), key=len, reverse=True)
    ]
    return re.compile(f"(?<!{_LETTER})(?:{'|'.join(alternatives)})(?!{_LETTER})", re.IGNORECASE)


def snippet(text: str, pattern: re.Pattern[str] | None) -> str:
    """About SNIPPET_WORDS words of `text` from just before its first hit, hits marked, "…"
    where cut.

    Looks at no more than _WINDOW characters on each side of that hit, whatever `text` holds;
    with no hit in `text` (the match was in the title or byline) it is the opening words.
    """
    found = pattern.search(text) if pattern is not None else None
    at = found.start() if found is not None else 0
    lead = list(_TOKEN.finditer(text, max(0, at - _WINDOW), at))[-SNIPPET_LEAD:]
    start = lead[0].start() if lead else at
    if start <= _WINDOW and _TOKEN.search(text, 0, start) is None:
        start = 0  # nothing but spaces and punctuation before: keep them, as FTS5 does
    end = at
    for count, token in enumerate(_TOKEN.finditer(text, at, at + _WINDOW), len(lead)):
        if count >= SNIPPET_WORDS:
            break
        end = token.end()
    if end == at:
        end = min(len(text), at + _WINDOW)
    if len(text) - end <= _WINDOW and _TOKEN.search(text, end) is None:
        end = len(text)
    window = highlight(text[start:end], pattern)
    return f"{ELLIPSIS if start else ''}{window}{ELLIPSIS if end < len(text) else ''}"


def highlight(text: str, pattern: re.Pattern[str] | None) -> str:
    """`text` with every hit of `pattern` between HIT_START and HIT_END."""
    if pattern is None:
        return text
    return pattern.sub(lambda m: f"{HIT_START}{m.group()}{HIT_END}", text)


def split_hits(snippet: str) -> list[tuple[str, bool]]:
    """`snippet` as (text, is_match) runs, for highlighting."""
    runs: list[tuple[str, bool]] = []
    for i, part in enumerate(re.split(f"[{HIT_START}{HIT_END}]", snippet)):
        if part:
            runs.append((part, i % 2 == 1))
    return runs


def _fold(text: str) -> str:
    """`text` lower-cased and without accents, as the index's `remove_diacritics 2` keeps it."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _folded_class(char: str) -> str:
    """A regular-expression class of `char` and every accented letter that folds to it."""
    variants = _accented().get(char, "")
    return f"[{re.escape(char + variants)}]" if variants else re.escape(char)


@cache
def _accented() -> dict[str, str]:
    """Each unaccented letter, and the accented Latin letters that fold to it."""
    table: dict[str, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        base = _fold(char)
        if len(base) == 1 and base != char.lower():
            table[base] = table.get(base, "") + char
    return table
