"""The rules every feed format shares for the fields of a FeedEntry.

A feed's text is page text: every title, author and summary leaves here as one clean line,
clipped, and HTML leaves bounded. Links are absolute http(s) without tracking parameters.
"""

from __future__ import annotations

import hashlib
import html
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin

from tuireader.feeds.model import FeedEntry
from tuireader.textsafe import clean_text, clip_line
from tuireader.urls import BadURL, as_browsers_read, is_followable, normalize_url, strip_tracking

TITLE_CHARS = 300
AUTHOR_CHARS = 200
SUMMARY_CHARS = 500
KEY_CHARS = 512  # a longer GUID is stored as its hash
MAX_CONTENT_CHARS = 1_000_000  # content_html per entry: a feed may carry whole books


def entry_url(link: object, base: str) -> str:
    """`link` as an article URL: absolute, http(s), no tracking parameters; else ""."""
    url = http_url(link, base)
    return strip_tracking(url) if url else ""


def http_url(link: object, base: str) -> str:
    """`link` resolved against `base` and normalised, if it is an http(s) URL; else ""."""
    if not isinstance(link, str) or not link.strip():
        return ""
    link = as_browsers_read(link)
    try:
        absolute = urljoin(base, link)
    except ValueError:
        return ""
    if not is_followable(absolute):
        return ""
    try:
        return normalize_url(absolute)
    except BadURL:
        return ""


def entry_key(guid: object, url: str, title: str, summary: str, content: str) -> str:
    """The entry's identity in its feed: the GUID or id, else the link, else a hash of its text."""
    if isinstance(guid, int | float) and not isinstance(guid, bool):
        guid = str(guid)
    if isinstance(guid, str) and guid.strip():
        key = clip_line(guid, KEY_CHARS + 1)
        return key if len(key) <= KEY_CHARS else "sha256:" + _digest(guid)
    if url:
        return url
    text = f"{title}\n{summary}" if title or summary else content
    return "sha256:" + _digest(text)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def line(value: object, limit: int) -> str:
    """A plain-text field as one clean line of at most `limit` characters."""
    return clip_line(value, limit) if isinstance(value, str) else ""


def html_line(value: object, limit: int) -> str:
    """An HTML field's text (tags dropped, entities read) as one clean line."""
    return clip_line(html_text(value, limit), limit) if isinstance(value, str) else ""


def iso_utc(moment: datetime | None) -> str:
    """`moment` in UTC as ISO 8601 to the second (as clock.now_iso writes), or ""."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError):  # year 1 at a positive offset is before year 1 in UTC
        return ""


def bounded_html(markup: str, base: str = "") -> str:
    """HTML for content_html: at most MAX_CONTENT_CHARS, no half tag at a cut, no controls.

    `base` (where its relative links point) leads as `<base href>`: the extractor resolves
    against it, since the parser leaves relative links as the feed wrote them.
    """
    if len(markup) > MAX_CONTENT_CHARS:
        markup = markup[:MAX_CONTENT_CHARS]
        open_tag = markup.rfind("<")
        if open_tag > markup.rfind(">"):
            markup = markup[:open_tag]
    if base and markup and is_followable(base):
        markup = f'<base href="{html.escape(base, quote=True)}">' + markup
    return clean_text(markup)


def text_as_html(text: str) -> str:
    """Plain text as HTML paragraphs (blank lines part them), escaped."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(part)}</p>" for part in paragraphs if part)


def without_duplicates(entries: list[FeedEntry]) -> tuple[FeedEntry, ...]:
    """Entries in order, the first of each key kept: a key names one entry in its feed."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            kept.append(entry)
    return tuple(kept)


# Tags that flow inside a line of text; any other tag parts words ("<p>a</p><p>b</p>": "a b").
_INLINE_NAMES = "a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strong"
_INLINE = frozenset(f"{_INLINE_NAMES} sub sup time tt u var wbr".split())
_HIDDEN = frozenset({"script", "style", "template", "noscript", "title", "head"})
_CHUNK = 4096


class _TextCollector(HTMLParser):
    """The text of an HTML fragment, without what a browser would not show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
            self.size += len(data)


def html_text(markup: object, limit: int) -> str:
    """The visible text of `markup`, read until about 4 x `limit` characters are found.

    Read in chunks and stopped early, so a summary that is a whole article costs no more than
    the start of one.
    """
    if not isinstance(markup, str):
        return ""
    if "<" not in markup and "&" not in markup:
        return markup
    collector = _TextCollector()
    enough = 4 * limit
    for start in range(0, len(markup), _CHUNK):
        collector.feed(markup[start : start + _CHUNK])
        if collector.size > enough:
            break
    else:
        collector.close()
    return "".join(collector.parts)
