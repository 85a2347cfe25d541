"""Which nodes hold the article: readability-style scoring of containers by their paragraphs.

Each paragraph-like block of 25+ characters scores by length and commas and credits its
ancestors (parent fully, grandparent half, then less). Containers start from their tag and the
words in their class/id, and end scaled by (1 - link density), so link farms lose. The best
container wins, widened to an ancestor when several good candidates share it or when it is one
of a series of like blocks (posts of a thread), then joined by siblings that score well or read
like paragraphs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from tuireader.extract.leads import lead_before
from tuireader.extract.scroll import first_of_stack
from tuireader.extract.textclean import word_set
from tuireader.extract.widen import widen

STANDFIRST = "data-standfirst"  # boilerplate marks what it kept of an article's <header>

BLOCK_TAGS = word_set(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol p pre section summary table tbody td tfoot th thead tr ul"""
)
_UNIT_TAGS = word_set("p pre td li dd blockquote h2 h3 h4 h5 h6")
_INLINE = word_set("span font")
_HEADINGS = word_set("h2 h3 h4 h5 h6")
_SELF_SCORED = word_set("div section article main center body font span")
_POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story", re.I
)
_NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|footnote|"
    r"gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|"
    r"sponsor|shopping|tags|tool|widget",
    re.I,
)
_TAG_WEIGHT = {
    "div": 5,
    "article": 8,
    "main": 5,
    "section": 3,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "aside": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
    "header": -5,
    "footer": -5,
    "nav": -5,
}
_COMMAS = (",", "，", "،", "、")
MIN_PARAGRAPH = 25
_SERIES_LEVELS = 4  # levels above the best candidate searched for a series of like blocks
_SERIES_SHARE = 0.3  # ... whose other items have this share of the best one's score and text


class Stats:
    """Text measures of one node: all text, text inside links, text outside block children."""

    __slots__ = ("commas", "inline", "links", "text")

    def __init__(self, text: int, links: int, inline: int, commas: int) -> None:
        self.text = text
        self.links = links
        self.inline = inline
        self.commas = commas

    @property
    def link_density(self) -> float:
        return self.links / self.text if self.text else 0.0


def _count_commas(text: str) -> int:
    return sum(text.count(c) for c in _COMMAS)


def measure(root: Any) -> dict[Any, Stats]:
    """Stats of every element under `root`, children before parents, in one pass."""
    stats: dict[Any, Stats] = {}
    for el in reversed(list(root.iter())):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        own = el.text
        text = len(own.strip()) if own else 0
        commas = _count_commas(own) if own else 0
        inline = text
        links = 0
        for child in el:
            tail = child.tail
            if tail:
                tail_len = len(tail.strip())
                text += tail_len
                inline += tail_len
                if tail_len:
                    commas += _count_commas(tail)
            child_stats = stats.get(child)
            if child_stats is None:
                continue
            text += child_stats.text
            links += child_stats.links
            if child.tag not in BLOCK_TAGS:
                inline += child_stats.inline
                commas += child_stats.commas
        if tag == "a":
            links = text
        stats[el] = Stats(text, links, inline, commas)
    return stats


@lru_cache(maxsize=8192)
def _name_weight(value: str) -> int:
    weight = 0
    if _NEGATIVE.search(value):
        weight -= 25
    if _POSITIVE.search(value):
        weight += 25
    return weight


def class_weight(el: Any) -> int:
    """+25 for article-like class/id words, -25 for chrome-like ones (class and id each)."""
    weight = 0
    for attr in ("class", "id"):
        value = el.get(attr)
        if value:
            weight += _name_weight(value)
    if (el.get("itemprop") or "").lower() == "articlebody":
        weight += 30
    return weight


def _initial_score(el: Any) -> float:
    """Its tag's weight and its class/id words'; an inline element's class says how it looks."""
    if el.tag in _INLINE:
        return 0.0
    return float(_TAG_WEIGHT.get(el.tag, 0) + class_weight(el))


def score_candidates(body: Any, stats: dict[Any, Stats]) -> dict[Any, float]:
    """Content score of every container credited by at least one paragraph."""
    scores: dict[Any, float] = {}
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        st = stats.get(el)
        if st is None or st.inline < MIN_PARAGRAPH:
            continue
        if tag in _UNIT_TAGS:
            node = el.getparent()
        elif tag in _SELF_SCORED:
            node = el
        else:
            continue
        points = 1.0 + st.commas + min(st.inline / 100.0, 3.0)
        if tag == "li":
            points /= 2
        level = 0
        while node is not None and level < 5 and node.tag != "html":
            if node not in scores:
                scores[node] = _initial_score(node)
            scores[node] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
            node = node.getparent()
            level += 1
    for node in scores:
        st = stats.get(node)
        if st is not None:
            scores[node] *= 1.0 - st.link_density
    return scores


def _best(body: Any, scores: dict[Any, float]) -> Any:
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked:
        return None
    top, top_score = ranked[0]
    if top is body:
        return top
    # Several near-equal candidates under one ancestor: the article is that ancestor.
    alternatives = [
        set(el.iterancestors()) for el, score in ranked[1:5] if score >= 0.75 * top_score
    ]
    if len(alternatives) >= 3:
        parent = top.getparent()
        while parent is not None and parent is not body:
            if sum(parent in ancestors for ancestors in alternatives) >= 3:
                top = parent
                break
            parent = parent.getparent()
    # Climb while the parent scores higher: the top may be one section of the article.
    parent = top.getparent()
    last = scores.get(top, 0.0)
    threshold = last / 3
    while parent is not None and parent is not body and parent.tag != "html":
        if parent not in scores:
            parent = parent.getparent()
            continue
        parent_score = scores[parent]
        if parent_score < threshold:
            break
        if parent_score > last:
            top = parent
            break
        last = parent_score
        parent = parent.getparent()
    # An only child says nothing its parent does not.
    parent = top.getparent()
    while parent is not None and parent is not body and parent.tag != "html" and len(parent) == 1:
        top = parent
        parent = top.getparent()
    return top


def _kind(el: Any) -> tuple[str, str]:
    classes = (el.get("class") or "").split()
    return el.tag, classes[0] if classes else ""


def _series_item(top: Any, body: Any, scores: dict[Any, float], stats: dict[Any, Stats]) -> Any:
    """The item of a series that holds `top`: a thread of posts, an article in numbered parts.

    When an ancestor (or `top` itself) has a sibling of its own kind (tag and first class)
    holding about as much text, scoring nearly as well and not a link list, the ancestor is one of
    several like blocks and the article is all of them; choose_content then gathers the others.
    """
    floor = scores.get(top, 0.0) * _SERIES_SHARE
    best_inside: dict[Any, float] = {}
    for el, score in scores.items():
        if score < floor:
            continue
        for up in (el, *el.iterancestors()):
            if up is body or best_inside.get(up, -1.0) >= score:
                break
            best_inside[up] = score
    node = top
    for _ in range(_SERIES_LEVELS):
        parent = node.getparent()
        if parent is None or parent is body or node is body:
            break
        kind = _kind(node)
        size = stats[node].text * _SERIES_SHARE if node in stats else 0.0
        if kind[1]:
            for sibling in parent:
                st = stats.get(sibling)
                if (
                    sibling is not node
                    and sibling in best_inside
                    and _kind(sibling) == kind
                    and st is not None
                    and st.link_density < 0.3
                    and st.text >= size
                ):
                    return node
        node = parent
    return top


def _reads_like_paragraph(el: Any, st: Stats | None) -> bool:
    if el.tag != "p" or st is None:
        return False
    if st.text > 80:
        return st.link_density < 0.25
    text = el.text_content()
    return st.text > 0 and st.links == 0 and re.search(r"\.( |$)", text) is not None


def _standfirst(top: Any) -> list[Any]:
    """What is left of the header of the article (or <main>) holding `top` (see boilerplate),
    or else the paragraph the article marks as its description (itemprop), when that comes
    before `top`; else []."""
    article = next((up for up in top.iterancestors() if up.tag in ("article", "main")), None)
    if article is None:
        return []
    marked = article.find(f".//*[@{STANDFIRST}]")
    if marked is None:
        marked = next(
            (
                p
                for p in article.iterfind(".//p[@itemprop]")
                if p.get("itemprop", "").lower() == "description"
            ),
            None,
        )
    if marked is None or top in marked.iterancestors() or marked in top.iterancestors():
        return []
    position = {el: i for i, el in enumerate(article.iter())}
    return [marked] if position.get(marked, 0) < position.get(top, 0) else []


def choose_content(body: Any, stats: dict[Any, Stats]) -> list[Any]:
    """The nodes that hold the article, in document order; [body] when nothing stands out."""
    scores = score_candidates(body, stats)
    top = _best(body, scores)
    if top is None or top is body:
        return [body]
    top = widen(_series_item(top, body, scores, stats), body, stats)
    first = first_of_stack(top, body, stats)
    if first is not top:
        return [first]  # the stack's later articles are other pages'
    parent = top.getparent()
    if parent is None:
        return [top]
    top_score = scores.get(top, 0.0)
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class") or ""
    # A sibling counts with the best candidate inside it: an article split into sections
    # puts its paragraphs several levels below each section.
    inner: dict[Any, float] = {}
    for el, score in scores.items():
        node = el
        for _ in range(12):
            up = node.getparent()
            if up is None or up is parent:
                break
            node = up
        if node.getparent() is parent:
            inner[node] = max(inner.get(node, score), score)
    nodes = _standfirst(top) or lead_before(top, body, stats)
    for sibling in parent:
        if not isinstance(sibling.tag, str) or sibling in nodes:
            continue
        if sibling is top:
            nodes.append(sibling)
            continue
        bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0.0
        st = stats.get(sibling)
        if (
            sibling in inner
            and inner[sibling] + bonus >= threshold
            and (st is None or st.link_density < 0.3)
        ) or _reads_like_paragraph(sibling, stats.get(sibling)):
            nodes.append(sibling)
    return _with_headings(nodes, stats)


def _with_headings(nodes: list[Any], stats: dict[Any, Stats]) -> list[Any]:
    """Each chosen sibling but the first with the heading just before it: a heading between
    two parts of the article heads the second."""
    chosen = set(nodes)
    result: list[Any] = nodes[:1]
    for node in nodes[1:]:
        before = node.getprevious()
        while before is not None and not isinstance(before.tag, str):
            before = before.getprevious()
        if before is not None and before.tag in _HEADINGS and before not in chosen:
            st = stats.get(before)
            if st is not None and st.text and st.link_density < 0.5:
                result.append(before)
                chosen.add(before)
        result.append(node)
    return result
