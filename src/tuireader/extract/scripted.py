"""The article of a page built by scripts: its text read from the data the page carries as JSON.

Some pages send little more than a shell, with the article in JSON-LD `articleBody`, a Next.js
`__NEXT_DATA__` payload or a Nuxt payload (`__NUXT_DATA__`, or `window.__NUXT__=` when it is a
JSON literal; the `window.__NUXT__=(function(a,b,...){...}(...))` form is JavaScript and is
skipped: nothing here evaluates script). The rule: the page's article is the longest text held
under a field named like a body ("body", "content", "articleBody", "bodyHtml", "text"): a string,
or the strings of a structure under it in order. HTML strings go through the extractor's own
renderer, so paragraphs, links and emphasis survive; plain text becomes paragraphs. It is used
only when the HTML itself gave too little: no article, or much less text.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, NamedTuple

from tuireader.extract.boilerplate import strip_junk_tags
from tuireader.extract.markdown import Renderer, body_images
from tuireader.extract.metadata import Metadata
from tuireader.extract.parse import parse_html
from tuireader.extract.textclean import word_count
from tuireader.extract.tidy import assemble, tidy
from tuireader.models import Article, Image

MAX_SCRIPT_CHARS = 5_000_000  # a payload larger than this is not read
MAX_NODES = 200_000  # JSON values visited per payload
MAX_DEPTH = 64  # levels of nesting followed
MAX_PIECES = 5_000  # strings gathered under one body field
_MIN_WORDS = 20  # fewer words are a label or a teaser, not an article
_THIN = 2  # the HTML's text counts as thin when the payload's holds this many times as much

_BODY_KEY = re.compile(
    r"^(?:article|post|story|main|full|rich)?(?:body|content|text|html)"
    r"(?:html|text|markdown|md|json)?$"
)
_TAG = re.compile(r"<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|a|em|strong|b|i|figure|span)\b", re.I)
_LEADING_TAG = re.compile(r"\s*" + _TAG.pattern, re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)
_NEXT_ID = "__NEXT_DATA__"
_NUXT_ID = "__NUXT_DATA__"
_NUXT_ASSIGN = re.compile(r"^\s*window\.__NUXT__\s*=\s*")
# devalue's wrappers around a value (Nuxt 3): ["Reactive", index] and the like.
_WRAPPERS = frozenset(("Reactive", "ShallowReactive", "Ref", "ShallowRef", "EmptyRef"))


class Payload(NamedTuple):
    """A script's JSON text and where it came from ("json-ld", "next-data", "nuxt")."""

    source: str
    text: str
    devalue: bool = False  # Nuxt 3's flat array whose objects point at values by index


def script_payloads(root: Any) -> list[Payload]:
    """The scripts of the page that may carry its article as JSON (read before scripts go)."""
    found: list[Payload] = []
    for script in root.iter("script"):
        text = script.text or ""
        if not text or len(text) > MAX_SCRIPT_CHARS:
            continue
        kind = (script.get("type") or "").lower()
        ident = script.get("id") or ""
        if "ld+json" in kind:
            if "articleBody" in text or '"text"' in text:
                found.append(Payload("json-ld", text))
        elif ident == _NEXT_ID:
            found.append(Payload("next-data", text))
        elif ident == _NUXT_ID:
            found.append(Payload("nuxt", text, devalue=True))
        elif kind in ("", "text/javascript", "application/javascript", "module"):
            match = _NUXT_ASSIGN.match(text)
            if match:
                found.append(Payload("nuxt", text[match.end() :]))
    return found


def _decode(payload: Payload) -> Any:
    """The payload's JSON value; None when it is not JSON (a script, not data) or too deep."""
    text = payload.text.strip()
    for junk in ("<!--", "-->", "//<![CDATA[", "//]]>"):
        text = text.replace(junk, "")
    try:
        value, _ = json.JSONDecoder(strict=False).raw_decode(text.strip())
    except (ValueError, RecursionError):
        return None
    return _hydrate(value) if payload.devalue else value


def _hydrate(table: Any) -> Any:
    """A devalue table (Nuxt 3) as the nested value it stands for, within the node budget."""
    if not isinstance(table, list) or not table:
        return None
    budget = [MAX_NODES]

    def value(index: Any, depth: int) -> Any:
        if not isinstance(index, int) or not 0 <= index < len(table) or depth > MAX_DEPTH:
            return None
        budget[0] -= 1
        if budget[0] < 0:
            return None
        item = table[index]
        if isinstance(item, dict):
            return {key: value(ref, depth + 1) for key, ref in item.items()}
        if isinstance(item, list):
            if len(item) == 2 and item[0] in _WRAPPERS:
                return value(item[1], depth + 1)
            if item and isinstance(item[0], str):  # Date, Set, Map and other tagged values
                return None
            return [value(ref, depth + 1) for ref in item]
        return item

    return value(0, 0)


def _strings(value: Any, pieces: list[str], budget: list[int], depth: int = 0) -> None:
    """The prose strings of a structure, in order: list items, and fields named like text."""
    if depth > MAX_DEPTH or budget[0] <= 0 or len(pieces) >= MAX_PIECES:
        return
    budget[0] -= 1
    if isinstance(value, str):
        if value.strip():
            pieces.append(value)
    elif isinstance(value, list):
        for item in value:
            _strings(item, pieces, budget, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and not _is_body_key(key) and key != "value":
                continue
            _strings(item, pieces, budget, depth + 1)


def _is_body_key(key: Any) -> bool:
    return isinstance(key, str) and bool(_BODY_KEY.match(re.sub(r"[\W_]", "", key).lower()))


def _candidates(data: Any) -> list[list[str]]:
    """The strings under every field named like a body, one list per field."""
    found: list[list[str]] = []
    budget = [MAX_NODES]
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack and budget[0] > 0:
        value, depth = stack.pop()
        budget[0] -= 1
        if depth > MAX_DEPTH:
            continue
        if isinstance(value, dict):
            items = list(value.items())
        elif isinstance(value, list):
            items = [(None, item) for item in value]
        else:
            continue
        for key, item in reversed(items):
            if key is not None and _is_body_key(key):
                pieces: list[str] = []
                _strings(item, pieces, budget, depth + 1)
                if pieces:
                    found.append(pieces)
            if isinstance(item, (dict, list)):
                stack.append((item, depth + 1))
    return found


def _plain_length(pieces: list[str]) -> int:
    return sum(len(_ANY_TAG.sub("", piece)) for piece in pieces)


def _as_html(pieces: list[str]) -> str:
    """The pieces as one HTML fragment: HTML kept, plain text as escaped paragraphs."""
    parts: list[str] = []
    for piece in pieces:
        text = html.unescape(piece) if _ENTITY.search(piece) else piece
        if _TAG.search(piece) or _LEADING_TAG.match(text):  # HTML, or HTML escaped once more
            parts.append(piece if _TAG.search(piece) else text)
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        blocks = re.split(r"\n[ \t]*\n", text) if "\n\n" in text else text.split("\n")
        for block in blocks:
            if block.strip():
                lines = (html.escape(line.strip()) for line in block.split("\n"))
                parts.append(f"<p>{'<br>'.join(lines)}</p>")
    return "".join(parts)


def _render(
    pieces: list[str], meta: Metadata, base: str, page_url: str, lead_url: str
) -> tuple[str, str, Renderer, tuple[Image, ...]]:
    root = parse_html(f"<html><body><article>{_as_html(pieces)}</article></body></html>")
    strip_junk_tags(root)
    renderer = Renderer(base, page_url, lead_url)
    blocks = tidy(renderer.render([root.find("body")]), meta.title, meta.byline, meta.authors)
    markdown, text = assemble(blocks)
    return markdown, text, renderer, body_images(blocks)


def from_scripts(
    article: Article, payloads: list[Payload], meta: Metadata, base: str, page_url: str
) -> Article:
    """`article`, or the article held in the page's script data when the HTML gave too little."""
    have = len(article.text) if article.found else 0
    if sum(len(payload.text) for payload in payloads) <= _THIN * have:
        return article  # JSON text is never shorter than the text it holds
    best: tuple[int, str, list[str]] | None = None
    for payload in payloads:
        data = _decode(payload)
        for pieces in _candidates(data) if data is not None else ():
            length = _plain_length(pieces)
            if best is None or length > best[0]:
                best = (length, payload.source, pieces)
    if best is None or best[0] <= _THIN * have:
        return article
    _, source, pieces = best
    lead_url = article.lead_image.url if article.lead_image is not None else ""
    markdown, text, renderer, images = _render(pieces, meta, base, page_url, lead_url)
    words = word_count(text)
    if words < _MIN_WORDS or len(text) <= _THIN * have:
        return article
    return article._replace(
        markdown=markdown,
        text=text,
        body_links=tuple(renderer.body_links.links()),
        word_count=words,
        text_from=source,
        images=images,
    )
