"""Text hygiene shared by the extractor: whitespace, unsafe characters, Markdown escaping.

Page text is untrusted: it must never smuggle terminal controls, bidi overrides or Markdown markup
into what the reader shows, so every string leaves the extractor through these functions.
"""

from __future__ import annotations

import re

# Re-exported so the extractor finds all its text tools here.
from tuireader.textsafe import clean_text
from tuireader.textsafe import escape_markdown as escape_markdown

# Invisible characters that split words for no reader's benefit.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")

# What opens a heading, list item, quote or rule at the start of a line (CommonMark).
_MD_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|[+\-](?=\s|$)|\d{1,9}[.)](?=\s|$)|>|[=\-]+\s*$)")

# The one unsafe-character rule, the same that cleans what the screen shows: control, escape,
# bidi-override and lone surrogate characters go; \n and \t stay.
strip_unsafe = clean_text


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and drop invisible characters."""
    return " ".join(_INVISIBLE.sub("", text).split())


def invisible_free(text: str) -> str:
    """Drop soft hyphens and zero-width characters, keeping whitespace as it is."""
    return _INVISIBLE.sub("", text)


def escape_line_start(line: str) -> str:
    """Escape what would start a heading, list, quote or rule at the beginning of a line."""
    match = _MD_LINE_START.match(line)
    if match is None:
        return line
    if line[0].isdigit():
        end = match.end() - 1
        return f"{line[:end]}\\{line[end:]}"
    return "\\" + line


def word_count(text: str) -> int:
    return len(text.split())


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string, for long vocabularies."""
    return frozenset(words.split())
