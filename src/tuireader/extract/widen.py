"""A small box chosen where an ancestor holds the article: widen to that ancestor.

A box whose class says "content" can outscore the text around it (a list of ingredients above the
steps of a recipe, one block of a page made of blocks). When the box holds little prose and an
ancestor close above holds several times as much, in paragraphs, and is not a link list, the
article is the ancestor. A row of a table is never an article by itself: when the block holding
the table holds more prose, the article is that block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tuireader.extract.content import Stats

_TABLE_PARTS = frozenset(("tr", "tbody", "thead", "tfoot", "td"))
_PROSE_TAGS = frozenset(("p", "td", "pre", "blockquote", "div", "section", "dd"))
_PROSE_LINE = 80  # characters of a paragraph's own text
_LINKY = 0.25  # link density above which a paragraph or an ancestor is navigation
_LEVELS = 3  # ancestors looked at
_TIMES = 2.0  # ... one of which must hold this many times the chosen box's prose
_SMALL = 1000  # characters of prose: a box with more is an article of its own


def _prose(el: Any, stats: dict[Any, Stats]) -> int:
    """Characters in paragraphs of prose under `el` (each paragraph's own text)."""
    total = 0
    for node in el.iter(*_PROSE_TAGS):
        st = stats.get(node)
        if st is not None and st.inline >= _PROSE_LINE and st.link_density < _LINKY:
            total += st.inline
    return total


def widen(top: Any, body: Any, stats: dict[Any, Stats]) -> Any:
    """`top`, or the block holding its table, or the nearest ancestor holding several times its
    prose."""
    own = _prose(top, stats)
    if top.tag in _TABLE_PARTS:
        table = next((up for up in top.iterancestors() if up.tag == "table"), None)
        holder = table.getparent() if table is not None else None
        if holder is not None and holder is not body and _prose(holder, stats) > own + _PROSE_LINE:
            return holder
    if own >= _SMALL:
        return top
    node = top
    for _ in range(_LEVELS):
        node = node.getparent()
        if node is None or node is body or node.tag == "html":
            break
        st = stats.get(node)
        if st is None or st.link_density >= _LINKY:
            continue
        if _prose(node, stats) >= _TIMES * own + _PROSE_LINE:
            return node
    return top
