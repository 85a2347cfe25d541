"""The lead paragraph before the article's text, named as such, belongs to the article.

Pages often set their standfirst apart from the body ("lead", "intro", "standfirst"...) in a box
of its own just before it; the content scorer picks the body and would leave the lead behind.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from tuireader.extract.textclean import word_set

if TYPE_CHECKING:
    from tuireader.extract.content import Stats

_LEAD_WORDS = word_set(
    """lead leadin leader intro introduction standfirst abstract summary excerpt dek deck chapo
    chapeau"""
)
_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_MIN_CHARS = 80  # a lead is a sentence or two, not a label
_LINKY = 0.3
_LEVELS = 4  # `top` and its three nearest ancestors
_SIBLINGS = 3  # previous siblings looked at, each level


def _named_lead(el: Any) -> bool:
    names = f"{el.get('class', '')} {el.get('id', '')}"
    tokens = [t for t in _SPLIT.split(_CAMEL.sub(r"\1 \2", names).lower()) if t]
    found = set(tokens) | {a + b for a, b in pairwise(tokens)}  # "lead In" -> leadin
    return bool(found & _LEAD_WORDS)


def is_lead(el: Any, stats: dict[Any, Stats]) -> bool:
    """A box named like a lead that holds a line of prose, hardly any of it link text."""
    st = stats.get(el)
    if st is None or st.text < _MIN_CHARS or st.link_density >= _LINKY:
        return False
    return _named_lead(el)


def lead_before(top: Any, body: Any, stats: dict[Any, Stats]) -> list[Any]:
    """[the lead] when one stands just before `top` or before one of its three nearest
    ancestors (a few siblings back at most); else []."""
    node = top
    for _ in range(_LEVELS):
        sibling = node.getprevious()
        for _ in range(_SIBLINGS):
            if sibling is None:
                break
            if isinstance(sibling.tag, str) and is_lead(sibling, stats):
                return [sibling]
            sibling = sibling.getprevious()
        node = node.getparent()
        if node is None or node is body:
            break
    return []
