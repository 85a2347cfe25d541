"""Inside the chosen article: blocks that are mostly links, or hold no text of their own, go.

Readability's "conditional cleaning": a box with few commas whose text is largely link text
(a "Related" list, a row of section links, a "Main article: X" note) is navigation even when
it sits inside the article container. Lists keep their links (a list of sources is content),
and so do data tables and code.
"""

from __future__ import annotations

from typing import Any

from tuireader.extract.content import class_weight
from tuireader.extract.parse import drop
from tuireader.extract.textclean import squash

_CLEANED = ("div", "section", "ul", "ol", "table", "form", "fieldset", "aside")
_CELLS = frozenset(("td", "th"))
_LISTS = frozenset(("ul", "ol"))
_KEEP_INSIDE = frozenset(("pre", "code", "figure", "blockquote"))
_MANY_COMMAS = 10
_LINKY = 0.2  # link density above which a plain box is navigation
_LINKY_POSITIVE = 0.5  # ... and a box whose name says it is content
_TINY = 25  # characters: a box this small with a link in it is a stray widget


def _text_len(el: Any) -> int:
    return len(squash(el.text_content()))


def _link_density(el: Any, text_len: int) -> float:
    """Link text over all text; in-page (#) links count 0.3, as Readability counts them."""
    if not text_len:
        return 0.0
    total = 0.0
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        total += len(squash(a.text_content())) * (0.3 if href.startswith("#") else 1.0)
    return total / text_len


def _list_like(el: Any, text_len: int) -> bool:
    """A list, or a box that is a list and its label (more than 90% of its text in lists)."""
    if el.tag in _LISTS:
        return True
    outer = [x for x in el.iter("ul", "ol") if not any(a.tag in _LISTS for a in x.iterancestors())]
    return bool(text_len) and sum(_text_len(x) for x in outer) / text_len > 0.9


def _data_table(table: Any) -> bool:
    """A table of data, not of layout: headed or captioned, or a real grid of cells."""
    if (table.get("role") or "").lower() == "presentation" or table.find(".//table") is not None:
        return False
    if table.find(".//caption") is not None or table.find(".//th") is not None:
        return True
    rows = table.findall(".//tr")
    columns = max((sum(1 for c in row if c.tag in _CELLS) for row in rows), default=0)
    return len(rows) >= 10 or columns > 4 or len(rows) * columns > 10


def _protected(el: Any) -> bool:
    """Code, figures, quotes (an embedded post cites its links) and data tables stay whole."""
    for up in el.iterancestors():
        if up.tag in _KEEP_INSIDE or (up.tag == "table" and _data_table(up)):
            return True
    if el.tag == "table" and _data_table(el):
        return True
    if el.find(".//pre") is not None or el.find(".//blockquote") is not None:
        return True
    return any(_data_table(t) for t in el.iter("table"))


def _navigation(el: Any) -> bool:
    """Few commas (not prose) and: over half links though named like content; or, for a box
    that is not a list, a tiny linked scrap or over a fifth links."""
    text = squash(el.text_content())
    text_len = len(text)
    if text.count(",") + text.count("，") + text.count("、") >= _MANY_COMMAS:
        return False
    density = _link_density(el, text_len)
    weight = class_weight(el)
    if weight >= 25:
        return density > _LINKY_POSITIVE
    if _list_like(el, text_len):
        return False
    if text_len < _TINY and density > 0 and el.find(".//img") is None:
        return True
    return density > _LINKY


def clean_conditionally(nodes: list[Any]) -> None:
    """Drop link boxes inside the article nodes, innermost first, never the nodes themselves."""
    for node in nodes:
        boxes = [el for el in node.iter(*_CLEANED) if el is not node]
        for el in reversed(boxes):
            if el.getparent() is None or _protected(el):
                continue
            if _navigation(el):
                drop(el)
