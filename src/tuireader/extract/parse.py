"""Bytes or text in, an lxml tree out, whatever the input looks like.

Pages arrive mislabelled, truncated or with NUL bytes; parsing must never fail, so bytes are
decoded by `tuireader.charset` (the rules fetched pages follow) and characters that libxml2
rejects are removed before it sees them.
"""

from __future__ import annotations

import codecs
import re
import threading
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from lxml import etree, html

from tuireader.charset import decode_text
from tuireader.extract.textclean import word_set

_CONTROL_BYTES = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20))
_local = threading.local()


def _parser() -> Any:
    """One parser per thread: lxml parsers must not be shared between threads."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = html.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False
        )
        _local.parser = parser
    return parser


def _utf8(source: str | bytes) -> bytes:
    """The page as UTF-8 bytes without the control characters libxml2 rejects."""
    if isinstance(source, bytes):
        text, codec = decode_text(source)
        if codec == "utf-8" and "\ufffd" not in text:  # valid as it is: spare the encode
            data = source.removeprefix(codecs.BOM_UTF8)
        else:
            data = text.encode("utf-8", "replace")
    else:
        data = str(source).encode("utf-8", "replace")
    return data.translate(None, _CONTROL_BYTES)


def parse_html(source: str | bytes) -> Any:
    """The page as an lxml <html> element with a <body>; an empty document when nothing parses."""
    data = _utf8(source)
    root: Any = None
    if data.strip():
        try:
            root = etree.fromstring(data, _parser())
        except (etree.LxmlError, ValueError):
            root = None
    if root is None or not isinstance(root.tag, str):
        root = html.document_fromstring("<html><body></body></html>")
    if root.tag != "html":
        wrapper = html.document_fromstring("<html><body></body></html>")
        wrapper.find("body").append(root)
        root = wrapper
    if root.find("body") is None:
        etree.SubElement(root, "body")
    return root


def parse_truncated() -> bool:
    """True when the last parse in this thread stopped at libxml2's nesting limit (256 levels),
    losing whatever was nested deeper."""
    return any("depth" in entry.message for entry in _parser().error_log)


def base_url(root: Any, url: str | None) -> str:
    """The URL relative links resolve against: <base href> joined to the page URL."""
    page = url or ""
    for base in root.iter("base"):
        href = str(base.get("href") or "").strip()
        if href:
            try:
                return urljoin(page, href)
            except ValueError:
                return page
    return page


_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters lxml refuses to store (a page's "&#7;" parses into one)."""
    return _XML_UNSAFE.sub("", text)


def drop(el: Any) -> None:
    """Remove `el` and its subtree, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = xml_safe((previous.tail or "") + tail)
        else:
            parent.text = xml_safe((parent.text or "") + tail)
    parent.remove(el)


_INVISIBLE_TAGS = frozenset(("head", "script", "style", "noscript", "template", "title"))
_BREAKING_TAGS = word_set(
    """address article aside blockquote br button dd div dl dt figcaption figure footer form h1 h2
    h3 h4 h5 h6 header hr label li main nav ol option p pre section table td th tr ul"""
)


class _VisibleText(HTMLParser):
    """Text outside scripts, styles and <head>; block tags end lines. Linear, never raises."""

    def __init__(self, invisible: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.invisible = invisible

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.invisible:
            self.hidden += 1
        elif tag in _BREAKING_TAGS:
            self.parts.append("\n\n" if tag in ("p", "div", "br", "li", "tr") else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.invisible:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BREAKING_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(source: str | bytes, *, noscript: bool = False) -> str:
    """The page's visible text without lxml, for when its tree lost part of the page.

    `noscript`: also the <noscript> text, which is what a reader without JavaScript sees.
    """
    parser = _VisibleText(_INVISIBLE_TAGS - {"noscript"} if noscript else _INVISIBLE_TAGS)
    parser.feed(_utf8(source).decode("utf-8", "replace"))
    parser.close()
    return "".join(parser.parts)
