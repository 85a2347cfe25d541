"""Hypothesis strategies for hostile HTML: random element trees with the names, attributes and
metadata the extractor looks at, hostile text inside, closing tags sometimes left out.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from support.hostile_strategies import TEXT, URLS


def _words(text: str) -> list[str]:
    return text.split()


TAGS = _words(
    "p div span a b i em strong h1 h2 h3 h6 ul ol li blockquote pre code table thead tr td th "
    "article section main header footer nav aside figure figcaption img picture source br hr "
    "script style title meta time svg math template noscript iframe form button sup sub dl dt dd "
    "address cite q abbr del ins mark small wbr body html head"
)
NAMES = _words(
    "content article post-body comment byline author related nav footer share ad caption credit "
    "date promo hidden"
)
ENTITIES = _words(
    "&#27; &#x1b;[2J &#0; &#x202e; &#xd800; &#1114112; &#x9b; &amp; &nbsp; &lt;b&gt; "
    "&bogus; &# &#x;"
)
_ATTRIBUTE = st.sampled_from(
    _words(
        "class id href src srcset alt title datetime itemprop rel property name content role "
        "hidden style lang dir type data-x"
    )
)
_VALUE = st.sampled_from(NAMES) | URLS | TEXT
PROSE = (
    "The harbour master said the fog arrived earlier this year than in any year on record. ",
    "Residents of the town met on Tuesday evening to discuss the new breakwater sensor. ",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 mixed-direction text, more words. ",
    "漢字かな交じり文の例です。長い段落が続きます。",
)
_TEXT = TEXT | st.sampled_from(ENTITIES) | st.sampled_from(PROSE)


@st.composite
def _attributes(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        value = draw(_VALUE).replace('"', "&quot;")
        quote = draw(st.sampled_from(['"', "'", ""]))
        parts.append(f" {draw(_ATTRIBUTE)}={quote}{value}{quote}")
    return "".join(parts)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def element(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(TAGS))
        inner = "".join(draw(st.lists(children, max_size=4)))
        closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</div>"]))
        return f"<{tag}{draw(_attributes())}>{inner}{closing}"

    return element()


TREES = st.recursive(_TEXT, _element, max_leaves=16)

_JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["@type", "headline", "author", "name", "datePublished", "image", "url"]
            )
            | TEXT,
            inner,
            max_size=4,
        )
    ),
    max_leaves=10,
)
_META = st.sampled_from(["og:title", "og:site_name", "author", "article:published_time"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page: maybe a head with metadata and JSON-LD, then a random body tree."""
    head = f"<title>{draw(_TEXT)}</title>" if draw(st.booleans()) else ""
    for _ in range(draw(st.integers(0, 2))):
        head += f'<meta property="{draw(_META)}" content="{draw(TEXT).replace(chr(34), "")}">'
    if draw(st.booleans()):
        data = json.dumps(draw(_JSON), ensure_ascii=draw(st.booleans()))
        head += f'<script type="application/ld+json">{data}</script>'
    body = draw(st.sampled_from(["", "<article>", '<div class="post-body">'])) + draw(TREES)
    return draw(st.sampled_from([f"<html><head>{head}</head><body>{body}", head + body]))
