"""The feeds a web page declares: `<link rel="alternate" type="application/rss+xml" href=...>`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from tuireader.feeds.model import FeedLink
from tuireader.textsafe import clip_line
from tuireader.urls import is_followable

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"}
)
TITLE_CHARS = 200


def discover_feeds(html: str | bytes, base_url: str) -> list[FeedLink]:
    """The feeds `html` (fetched from `base_url`) declares, in document order, each once.

    Only http(s) links; relative ones resolve against the page's `<base href>` and `base_url`.
    Broken HTML is read as a browser would (lxml recovers); no HTML at all gives [].
    """
    root = _parse(html)
    if root is None:
        return []
    base = _base(root, base_url)
    found: list[FeedLink] = []
    seen: set[str] = set()
    for element in root.iter("link"):
        rel = str(element.get("rel") or "").lower().split()
        media_type = str(element.get("type") or "").partition(";")[0].strip().lower()
        href = str(element.get("href") or "").strip()
        if "alternate" not in rel or media_type not in FEED_TYPES or not href:
            continue
        try:
            url = urljoin(base, href)
        except ValueError:
            continue
        if url in seen or not is_followable(url):
            continue
        seen.add(url)
        title = clip_line(str(element.get("title") or ""), TITLE_CHARS)
        found.append(FeedLink(url=url, title=title, type=media_type))
    return found


def _parse(html: str | bytes) -> Any:
    """The page's element tree, or None when there is nothing to read."""
    from lxml import etree
    from lxml import html as lxml_html

    if isinstance(html, str):
        html = html.encode("utf-8", "replace")  # lxml refuses str with a declared encoding
        parser = lxml_html.HTMLParser(encoding="utf-8")
    else:
        parser = lxml_html.HTMLParser()  # the page's own <meta charset> decides
    if not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _base(root: Any, page_url: str) -> str:
    """The URL relative links resolve against: the first <base href> joined to the page URL,
    unless that is no http(s) URL."""
    for base in root.iter("base"):
        href = str(base.get("href") or "").strip()
        if href:
            try:
                joined = urljoin(page_url, href)
            except ValueError:
                return page_url
            return joined if is_followable(joined) else page_url
    return page_url
