"""Page text is data: strip what could steer a terminal before any of it is shown or printed."""

from __future__ import annotations

import re

# The one rule for what page text may not carry, on screen, in print or out of the extractor:
# C0 controls (tab and newline are kept where text keeps its lines), DEL, C1 controls (8-bit
# CSI and OSC among them), bidi embeddings/overrides/isolates, the line and paragraph separators
# some terminals take as line breaks, and lone surrogates (half a character: nothing can print or
# encode it).
_OTHER_UNSAFE = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
UNSAFE_CHARACTERS = "\x00-\x1f" + _OTHER_UNSAFE  # as a regex character class, without [ ]
LINE_SEPARATORS = "\u2028\u2029"  # clean_text makes them spaces: the words either side stay apart
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER_UNSAFE}]")  # tab and newline kept
_UNSAFE_IN_LINE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in LINE_SEPARATORS else ""


def clean_text(text: str) -> str:
    """`text` without the unsafe characters: newlines and tabs kept, line separators as spaces."""
    return _UNSAFE.sub(_replacement, text)


def is_clean(text: str) -> bool:
    """Whether `text` holds nothing that clean_text would remove."""
    return _UNSAFE.search(text) is None


def clean_line(text: str) -> str:
    """One line for a title, a label or a notification: no controls, newlines become spaces."""
    return " ".join(_UNSAFE_IN_LINE.sub(" ", text).split())


def clip_url(url: str) -> str:
    """A URL as a one-line message quotes it: cleaned, and cut after 160 characters."""
    return clip_line(url, 160)


def clip_line(text: str, limit: int) -> str:
    """`clean_line(text)` cut to `limit` characters, "…" marking a cut.

    For values a pane lays out: a page can make any field megabytes long, and laying that out
    takes seconds. Only the start is cleaned, so the cost is bounded too.
    """
    head = text[: 4 * limit]  # whitespace runs shrink when cleaned: enough is left to fill `limit`
    line = clean_line(head)
    if len(line) > limit or len(head) < len(text):
        line = line[: limit - 1].rstrip() + "…"
    return line


def escape_json_unsafe(encoded: str) -> str:
    r"""Escape, inside JSON text, the characters that JSON allows raw but a terminal would act on.

    JSON's own structure is ASCII, so these can only occur inside strings, where `\uXXXX` keeps them
    exactly while printing nothing a terminal interprets.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def escape_markdown(text: str) -> str:
    """Escape page text so Markdown never reads it as markup (emphasis, links, HTML, code)."""
    return _MD_ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", text))
