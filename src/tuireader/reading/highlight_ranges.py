"""Where highlights stand in the HTML an export carries, as Wallabag's annotator keeps them.

The wallabag-json export carries each article as HTML rendered from its Markdown
(`list_files._html`), and Wallabag keeps an annotation's place as ranges in that HTML: the
XPath of the element a passage starts in and of the one it ends in, from the content's root
("/p[2]", "/ul[1]/li[3]"), with character offsets in their text. A highlight's place is a
paragraph of the body (`body.quotes.Place`); here the elements of the rendered HTML are matched
to the body's paragraphs by their text, in order, and a place becomes a range only where both
of its paragraphs have an element with the very same text (the offsets then agree). Elsewhere
(a picture in a sentence, a table) a highlight goes without ranges: its quote is enough to find
it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tuireader.interchange.model import Range

if TYPE_CHECKING:
    from markdown_it.token import Token

    from tuireader.body.quotes import Place

_TEXT = ("text", "code_inline", "html_inline")  # what an element's text is made of
_BREAKS = ("softbreak", "hardbreak")  # one character in both the HTML's text and the body's


def element_paths(html_markdown: str, texts: Sequence[str]) -> list[str | None]:
    """For each of the body's paragraph `texts`, the XPath of the element of the HTML rendered
    from `html_markdown` that holds the same text, or None."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).parse(html_markdown)
    elements = _text_elements(tokens)
    paths: list[str | None] = []
    at = 0
    for text in texts:
        flat = text.replace("\n", " ")
        match = next((i for i in range(at, len(elements)) if elements[i][1] == flat), None)
        if match is None:
            paths.append(None)
            continue
        paths.append(elements[match][0])
        at = match + 1
    return paths


def ranges_of(
    places: Sequence[Place | None], paths: Sequence[str | None]
) -> list[tuple[Range, ...]]:
    """Each place as Wallabag's ranges (one, or none when it cannot be said)."""
    found: list[tuple[Range, ...]] = []
    for place in places:
        if place is None or max(place.first, place.last) >= len(paths):
            found.append(())
            continue
        start, end = paths[place.first], paths[place.last]
        if start is None or end is None:
            found.append(())
            continue
        found.append((Range(start, place.start, end, place.end),))
    return found


def _text_elements(tokens: Sequence[Token]) -> list[tuple[str, str]]:
    """(XPath, text) of every element that holds inline text, in document order."""
    counts: list[dict[str, int]] = [{}]  # per open element: how many of each tag it holds
    steps: list[str] = []
    opened: list[bool] = []  # per open token: whether it made an element (a tight list's p not)
    elements: list[tuple[str, str]] = []
    for token in tokens:
        if token.nesting == 1:
            made = bool(token.tag) and not token.hidden
            opened.append(made)
            if made:
                steps.append(_step(counts[-1], token.tag))
                counts.append({})
        elif token.nesting == -1:
            if opened.pop():
                steps.pop()
                counts.pop()
        elif token.type == "inline":
            elements.append(("/" + "/".join(steps), _inline_text(token)))
        elif token.type in ("fence", "code_block"):
            pre = _step(counts[-1], "pre")
            text = token.content.rstrip("\n").expandtabs(4)
            elements.append(("/" + "/".join([*steps, pre, "code[1]"]), text))
    return elements


def _step(counts: dict[str, int], tag: str) -> str:
    counts[tag] = counts.get(tag, 0) + 1
    return f"{tag}[{counts[tag]}]"


def _inline_text(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in _TEXT:
            parts.append(child.content.replace("\t", " "))
        elif child.type in _BREAKS:
            parts.append(" ")
        elif child.type == "image":
            parts.append("\x00")  # the HTML's text has no alt: never equal to the body's
    return "".join(parts)
