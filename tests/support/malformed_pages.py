"""Malformed pages, built in memory: unclosed tags, 10,000-deep nesting, a 5 MiB attribute,
a 5 MiB line of text with no newline, and one page that mixes them all (under the 10 MiB limit).

Each page knows its title and a few phrases its article text must hold, so a test can check that
the text came through, not just that nothing crashed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

MIB = 1 << 20
DEPTH = 10_000
FIRST_WORDS = "Opening words of the long line"
LAST_WORD = "LASTWORDOFTHELINE"
PARAGRAPH = (
    "A paragraph of ordinary prose, here so the extractor finds an article to keep: long enough"
    " to read as an article and not as a sign-in form or an empty page that needs JavaScript."
)


@dataclass(frozen=True)
class MalformedPage:
    name: str
    html: str
    title: str
    phrases: tuple[str, ...]  # each must be in the extracted text


def _head(title: str) -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body><article>"


def _unclosed(count: int) -> str:
    """Paragraphs whose inline tags are never closed, a table and list left open."""
    parts = [
        f'<p>Paragraph {n} opens <b>bold <i>italic <a href="/x{n}">a link to page {n}'
        for n in range(count)
    ]
    return "".join(parts) + "<table><tr><td>An open cell<td>another<ul><li>an open item"


def _deep(text: str, closed: bool) -> str:
    return "<div>" * DEPTH + f"<p>{text}</p>" + ("</div>" * DEPTH if closed else "")


def _line(size: int) -> str:
    """`size` characters of words, no newline: the first and last words are known."""
    words = [FIRST_WORDS]
    length = len(FIRST_WORDS) + len(LAST_WORD) + 1
    n = 0
    while length < size:
        word = f"word{n % 997}"
        words.append(word)
        length += len(word) + 1
        n += 1
    words.append(LAST_WORD)
    return " ".join(words)


@cache
def pages() -> tuple[MalformedPage, ...]:
    deep_text = "Deep text, far down in the page, still a paragraph."
    return (
        MalformedPage(
            "unclosed",
            _head("Unclosed Tags") + _unclosed(200) + "<!-- a comment never closed <p>hidden",
            "Unclosed Tags",
            ("Paragraph 0 opens bold italic a link to page 0", "Paragraph 199 opens"),
        ),
        MalformedPage(
            "deep",
            _head("Deep Nesting") + f"<p>{PARAGRAPH}</p>" + _deep(deep_text, closed=True),
            "Deep Nesting",
            (PARAGRAPH, deep_text),
        ),
        MalformedPage(
            "attribute",
            _head("Huge Attribute")
            + f'<p data-blob="{"a" * (5 * MIB)}">{PARAGRAPH}</p><p title="x{"b" * MIB}">After.</p>',
            "Huge Attribute",
            (PARAGRAPH, "After."),
        ),
        MalformedPage(
            "line",
            _head("One Long Line") + f"<p>{_line(5 * MIB)}</p>",
            "One Long Line",
            (FIRST_WORDS, LAST_WORD),
        ),
        MalformedPage(
            "mixed",
            _head("Everything Wrong At Once")
            + f'<p class="{"c" * (3 * MIB)}">{PARAGRAPH}'
            + _unclosed(50)
            + f"<p>{_line(3 * MIB)}"
            + _deep(deep_text, closed=False),
            "Everything Wrong At Once",
            (PARAGRAPH, "Paragraph 49 opens", FIRST_WORDS, LAST_WORD, deep_text),
        ),
    )


def page(name: str) -> MalformedPage:
    return next(p for p in pages() if p.name == name)
