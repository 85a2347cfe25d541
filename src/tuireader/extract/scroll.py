"""A page that loads the next articles as the reader scrolls: its own article is the first.

Such a page stacks whole articles in blocks of one kind (same tag and first class, each an
<article> or holding just one) one after another; the scorer may prefer a longer one further down.
When the chosen block lies in such a block and an earlier one of the stack holds prose of its
own, the page's article is the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tuireader.extract.content import Stats

_LEVELS = 6  # ancestors of the chosen block looked at
_MIN_TEXT = 200  # characters: the first article must hold prose, not be a stub


def _kind(el: Any) -> tuple[str, str]:
    classes = (el.get("class") or "").split()
    return el.tag, classes[0] if classes else ""


def _is_article(el: Any) -> bool:
    """An <article>, or a block holding exactly one (a list of teasers holds several)."""
    if el.tag == "article":
        return True
    found = el.iterfind(".//article")
    return next(found, None) is not None and next(found, None) is None


def first_of_stack(top: Any, body: Any, stats: dict[Any, Stats]) -> Any:
    """The first article of the stack holding `top`, or `top`."""
    node = top
    for _ in range(_LEVELS):
        if node is None or node is body:
            break
        kind = _kind(node)
        if kind[1] and _is_article(node):
            first = node
            sibling = node.getprevious()
            while sibling is not None:
                if isinstance(sibling.tag, str) and _kind(sibling) == kind and _is_article(sibling):
                    first = sibling
                sibling = sibling.getprevious()
            st = stats.get(first)
            if first is not node and st is not None and st.text - st.links >= _MIN_TEXT:
                return first
        node = node.getparent()
    return top
