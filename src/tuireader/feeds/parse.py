"""A feed document in, a ParsedFeed out: RSS, Atom or JSON Feed, whichever it is.

Importing this module imports no parser: feedparser loads on the first XML feed, so a module
that only names NotAFeed costs nothing at start-up.
"""

from __future__ import annotations

from tuireader.feeds.jsonfeed import NotJSONFeed, read_json_feed
from tuireader.feeds.model import ParsedFeed
from tuireader.feeds.prolog import read_prolog
from tuireader.feeds.syndication import read_syndication

JSON_TYPES = ("application/feed+json", "application/json")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_BOM = b"\xef\xbb\xbf"
_WHITESPACE = b" \t\r\n"


class NotAFeed(ValueError):
    """The document is no feed. `html` says it is a web page: look for the feeds it declares."""

    def __init__(self, reason: str, *, html: bool = False) -> None:
        super().__init__(f"not a feed: {reason}")
        self.html = html


def parse_feed(data: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The feed in `data`, fetched from `url` (relative links resolve against it).

    `content_type` is the response's Content-Type header: its charset is used, and
    application/feed+json or application/json marks JSON. Raises NotAFeed.
    """
    media_type = content_type.partition(";")[0].strip().lower()
    start = data.removeprefix(_BOM).lstrip(_WHITESPACE)[:1]
    if not start:
        raise NotAFeed("the document is empty")
    if start == b"{" or (media_type in JSON_TYPES and start != b"<"):
        try:
            return read_json_feed(data, url, media_type)
        except NotJSONFeed as exc:
            raise NotAFeed(str(exc)) from None
    prolog = read_prolog(data, content_type)
    if prolog.root == "html" or prolog.doctype_html:
        raise NotAFeed("an HTML page", html=True)
    feed = read_syndication(prolog, url)
    if feed is None:
        if media_type in HTML_TYPES:
            raise NotAFeed("an HTML page", html=True)
        raise NotAFeed("no RSS, Atom or JSON Feed in the document")
    return feed
