"""Fetch a web page. Every network rule tuireader follows lives in this package; nothing else
imports httpx.

`fetch(url)` returns a `Page` (response info plus the body decoded to text) or raises a
`FetchError` whose `str()` is one line a person can read: what failed and what to try.

The rules, and the module that keeps each:
- only http and https, for the URL asked for and for every redirect hop (each hop is checked
  before it is requested); at most `max_redirects` hops (redirects, transfer);
- a connect timeout, and a read timeout that is also the longest stall allowed between chunks
  (client);
- a cap on the decoded body: refused up front when Content-Length is over it, otherwise as soon
  as the decoded total passes it (transfer). gzip, deflate and brotli are decoded in bounded
  steps, so a compression bomb is refused before it is inflated into memory (content_encoding);
- only HTML (text/html, application/xhtml+xml, XML whose root is <html>) and text/plain are read;
  anything else is refused before its body is read, and a body whose first bytes show it is a
  PDF or an image is refused whatever its Content-Type says (content_types);
- bytes become text by the browser's order (`tuireader.charset`, shared with the extractor):
  byte-order mark, Content-Type charset, <meta> declaration, then UTF-8, then windows-1252, except
  that a valid UTF-8 body labelled latin-1 or another Latin charset is UTF-8; bad bytes are
  replaced, never raised.

`fetch_feed(url)` is the same fetch for a feed: a feed type or an HTML page (to find the feeds it
declares) is accepted, and the body comes back as bytes (`RawPage`) for the feed parser, which
reads the encoding its XML prolog names (feed_types).

`fetch_image(url)` is the same fetch for a picture of an article: any Content-Type is read (the
bytes say what they are, `pictures.probe`), but a web page or a PDF is refused as not an image,
and the body comes back as bytes under the caller's cap (images).

fetch, fetch_feed, fetch_image, user_agent and ACCEPT_LANGUAGE come from `client`, which loads
httpx, so it is imported only when one of them is first used: decode_text, the errors, the
options and RawPage never load httpx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tuireader.charset import decode_text
from tuireader.fetch.content_encoding import ACCEPT_ENCODING
from tuireader.fetch.content_types import ACCEPT, HTML_TYPES, TEXT_TYPES, XML_TYPES
from tuireader.fetch.errors import (
    BadRedirect,
    BadResponse,
    ConnectFailed,
    FetchCancelled,
    FetchError,
    FetchTimeout,
    HostNotFound,
    HTTPStatusError,
    InvalidURL,
    TooLarge,
    TooManyRedirects,
    UnsupportedContent,
)
from tuireader.fetch.feed_types import FEED_TYPES, RawPage
from tuireader.fetch.options import DEFAULT_MAX_BYTES, FetchOptions, ProgressCallback

if TYPE_CHECKING:
    from tuireader.fetch.client import (
        ACCEPT_LANGUAGE,
        fetch,
        fetch_feed,
        fetch_image,
        user_agent,
    )

__all__ = [
    "ACCEPT",
    "ACCEPT_ENCODING",
    "ACCEPT_LANGUAGE",
    "DEFAULT_MAX_BYTES",
    "FEED_TYPES",
    "HTML_TYPES",
    "TEXT_TYPES",
    "XML_TYPES",
    "BadRedirect",
    "BadResponse",
    "ConnectFailed",
    "FetchCancelled",
    "FetchError",
    "FetchOptions",
    "FetchTimeout",
    "HTTPStatusError",
    "HostNotFound",
    "InvalidURL",
    "ProgressCallback",
    "RawPage",
    "TooLarge",
    "TooManyRedirects",
    "UnsupportedContent",
    "decode_text",
    "fetch",
    "fetch_feed",
    "fetch_image",
    "user_agent",
]

_FROM_CLIENT = frozenset({"ACCEPT_LANGUAGE", "fetch", "fetch_feed", "fetch_image", "user_agent"})


def __getattr__(name: str) -> object:
    """Import `client` (and httpx) the first time one of its names is asked for."""
    if name in _FROM_CLIENT:
        from tuireader.fetch import client

        return getattr(client, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _FROM_CLIENT)
