"""What feed mode reads: feed documents as raw bytes, and web pages (for the feeds they declare).

A feed's bytes go to the parser undecoded, because the XML prolog names the encoding and only the
parser can honour it. Servers label feeds carelessly (text/plain, application/octet-stream,
application/x-rss+xml), so an unknown or generic type is judged by the body's first bytes; a PDF
or an image is refused whatever it is labelled. Standard library only.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tuireader.fetch.content_types import HTML_TYPES, binary_type, unsupported
from tuireader.fetch.errors import UnsupportedContent, show, show_server
from tuireader.models import PageInfo

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "application/json",
    }
)
FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/feed+json,application/rdf+xml;q=0.9,"
    "application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,text/html;q=0.5,*/*;q=0.1"
)
# Read only when the first bytes look like a feed or a page: what servers send feeds as.
_GENERIC_TYPES = frozenset({"text/plain", "application/octet-stream", "binary/octet-stream"})

_XML_ROOT = re.compile(rb"<(?![?!/])(?:[\w.-]+:)?([\w.-]+)")
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf", b"channel"})
_HTML_START = re.compile(rb"\s*<(?:!doctype\s+html|html|head|body)[\s/>]", re.IGNORECASE)


class RawPage(NamedTuple):
    """A feed or a page as received: the body decoded from gzip or brotli, never from its charset.

    `info.content_type` is what the body is read as (the sniffed type when the header was
    vague); `charset` is the one the Content-Type named, "" when none. A 304 has info.status 304
    and no data. `moved_to` is the final URL when every redirect to it was permanent (301,
    308), "" otherwise: where a subscription should follow the feed.
    """

    info: PageInfo
    data: bytes = b""
    charset: str = ""
    moved_to: str = ""

    @property
    def is_html(self) -> bool:
        return self.info.content_type in HTML_TYPES


def accepts_feed(mime: str) -> bool:
    """A Content-Type worth reading the body of in feed mode (judged again by its first bytes)."""
    return (
        mime in FEED_TYPES
        or mime in HTML_TYPES
        or mime in _GENERIC_TYPES
        or mime.endswith(("+xml", "+json"))
    )


def what_feed_is(head: bytes, mime: str, url: str) -> str:
    """The type to hand `head`'s body on as: its declared feed or page type, or the type its first
    bytes show when the header was vague or missing; UnsupportedContent for anything else."""
    real = binary_type(head)
    if real:
        raise unsupported(url, real, claimed=mime)
    if mime in FEED_TYPES or mime in HTML_TYPES:
        return mime
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if sample.startswith(b"{"):
        return "application/json"
    if _HTML_START.match(sample):
        return "text/html"
    root = _XML_ROOT.search(sample)
    if root and root.group(1).lower() in _FEED_ROOTS:
        return "application/xml"
    raise neither_feed_nor_page(url, mime)


def neither_feed_nor_page(url: str, mime: str) -> UnsupportedContent:
    """The error for a body that is neither: named by its type, or by how it looks."""
    what = f"is {show_server(mime)}, " if mime else "has no content type and looks like "
    return UnsupportedContent(
        f"{show(url)} {what}neither a feed nor a web page: check the address",
        url=url,
        content_type=mime,
    )
