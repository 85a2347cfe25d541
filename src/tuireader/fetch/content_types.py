"""Which bodies tuireader reads: the Content-Type it claims, checked against its first bytes.

Only HTML (and XML whose root is <html>) and plain text are read; a PDF or an image is refused
whatever its Content-Type says, because a wrong header must not put binary on the screen.
"""

from __future__ import annotations

import re

from tuireader.charset import decode_text
from tuireader.fetch.errors import UnsupportedContent, show, show_server

ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.8,*/*;q=0.5"

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
XML_TYPES = frozenset({"application/xml", "text/xml"})  # read only when the root element is <html>

SNIFF_BYTES = 1024  # how much of the decoded body is looked at to tell what it really is

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"%!PS", "application/postscript"),
    (b"OggS", "audio/ogg"),
    (b"\x1a\x45\xdf\xa3", "video/webm"),
)

# WHATWG's "sniff for HTML" patterns: a known tag opener after optional whitespace.
_HTML_START = re.compile(
    rb"\s*(?:<!--|<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style"
    rb"|title|b|br|p|meta)(?=[\s/>]|$))",
    re.IGNORECASE,
)
_XML_FIRST_ELEMENT = re.compile(rb"<(?![?!/])(?:[\w.-]+:)?([\w.-]+)")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def parse_content_type(value: str) -> tuple[str, str]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"; ("", "") when missing or garbled."""
    mime, _, params = value.partition(";")
    mime = mime.strip().lower()
    if not re.fullmatch(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+", mime):
        mime = ""
    charset = ""
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip()
            break
    return mime, charset


def what_is(head: bytes, mime: str, url: str) -> str:
    """The content type to read a body as, judged by its first bytes, or UnsupportedContent."""
    real = binary_type(head)
    if real:
        raise unsupported(url, real, claimed=mime)
    if mime in HTML_TYPES or mime in TEXT_TYPES:
        return mime
    if not mime and not head.strip():
        return "text/html"  # nothing, of no type: an empty page, which the reader says it is
    text, _ = decode_text(head[:SNIFF_BYTES], html=False) if head[:2] in _UTF16_BOMS else ("", "")
    sample = text.encode("ascii", "ignore") if text else head.removeprefix(b"\xef\xbb\xbf")
    if mime in XML_TYPES:
        match = _XML_FIRST_ELEMENT.search(sample)
        if match and match.group(1).lower() == b"html":
            return mime
        raise unsupported(url, mime)
    if _HTML_START.match(sample):
        return "text/html"
    raise UnsupportedContent(
        f"{show(url)} has no content type and does not look like a web page (unknown type): "
        "open it in a browser",
        url=url,
    )


def unsupported(url: str, mime: str, *, claimed: str = "") -> UnsupportedContent:
    """The error for a body that is `mime`, and not what it `claimed` to be (when it claimed)."""
    if claimed:
        message = (
            f"{show(url)} says it is {show_server(claimed)} but is really {mime}, "
            "not a web page tuireader can read; open it in a browser"
        )
    else:
        message = (
            f"{show_server(mime)} is not a web page tuireader can read ({show(url)}); "
            "open it in a browser"
        )
    return UnsupportedContent(message, url=url, content_type=mime)


def binary_type(head: bytes) -> str:
    """The MIME type of a known binary format `head` starts with (PDF, images...), else ""."""
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    return ""
