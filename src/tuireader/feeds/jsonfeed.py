"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into a ParsedFeed.

The standard library's json reads it; every field is checked for its type, since a feed
is whatever its server sent.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from tuireader.feeds.fields import (
    AUTHOR_CHARS,
    SUMMARY_CHARS,
    TITLE_CHARS,
    bounded_html,
    entry_key,
    entry_url,
    html_line,
    iso_utc,
    line,
    text_as_html,
    without_duplicates,
)
from tuireader.feeds.model import FeedEntry, ParsedFeed

VERSIONS = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
FEED_TYPES = ("application/feed+json",)
_DATE_CHARS = 64


class NotJSONFeed(ValueError):
    """The document is not a JSON Feed; the message says why in one line."""


def read_json(data: bytes) -> Any:
    """The JSON value in `data` (UTF-8, -16 or -32; undecodable bytes replaced)."""
    try:
        return json.loads(data.decode(json.detect_encoding(data), "replace"))
    except RecursionError:
        raise NotJSONFeed("JSON nested too deeply") from None
    except ValueError as exc:
        raise NotJSONFeed(f"invalid JSON ({str(exc)[:100]})") from None


def read_json_feed(data: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The JSON Feed in `data` (fetched from `url`); NotJSONFeed if it is not one.

    A document without the jsonfeed.org version is read only when its media type says it is
    a JSON Feed, and `malformed` says the version is missing.
    """
    document = read_json(data)
    if not isinstance(document, dict):
        raise NotJSONFeed("JSON, but not a JSON Feed (not an object)")
    version = document.get("version")
    malformed = ""
    if not (isinstance(version, str) and version.startswith(VERSIONS)):
        if content_type not in FEED_TYPES or not isinstance(document.get("items"), list):
            raise NotJSONFeed("JSON, but not a JSON Feed (no jsonfeed.org version)")
        malformed = "no JSON Feed version"
    items = document.get("items")
    if not isinstance(items, list):
        items = []
        malformed = malformed or "no items list"
    feed_authors = _authors(document)
    entries = [_entry(item, url, feed_authors) for item in items if isinstance(item, dict)]
    return ParsedFeed(
        kind="json",
        title=line(document.get("title"), TITLE_CHARS),
        site_url=entry_url(document.get("home_page_url"), url),
        description=line(document.get("description"), SUMMARY_CHARS),
        entries=without_duplicates([entry for entry in entries if entry is not None]),
        malformed=malformed,
    )


def _entry(item: dict[str, Any], feed_url: str, feed_authors: str) -> FeedEntry | None:
    url = entry_url(item.get("url"), feed_url) or entry_url(item.get("external_url"), feed_url)
    title = line(item.get("title"), TITLE_CHARS)
    content_html = item.get("content_html")
    content_text = item.get("content_text")
    if isinstance(content_html, str) and content_html.strip():
        content = bounded_html(content_html, feed_url)
    elif isinstance(content_text, str) and content_text.strip():
        content = bounded_html(text_as_html(content_text))
    else:
        content = ""
    summary = line(item.get("summary"), SUMMARY_CHARS)
    if not summary and isinstance(content_text, str):
        summary = line(content_text, SUMMARY_CHARS)
    if not summary and content:
        summary = html_line(content, SUMMARY_CHARS)
    guid = item.get("id")
    if not (url or title or summary or content or guid):
        return None
    return FeedEntry(
        key=entry_key(guid, url, title, summary, content),
        url=url,
        title=title,
        author=_authors(item) or feed_authors,  # the feed's authors are its items' by default
        published=_date(item.get("date_published")) or _date(item.get("date_modified")),
        summary=summary,
        content_html=content,
        updated=_date(item.get("date_modified")),
    )


def _authors(node: dict[str, Any]) -> str:
    """1.1's `authors` list, else 1.0's `author` object: the names, comma-separated."""
    authors = node.get("authors")
    if not isinstance(authors, list):
        authors = [node.get("author")]
    names = [
        author["name"]
        for author in authors
        if isinstance(author, dict) and isinstance(author.get("name"), str)
    ]
    return line(", ".join(name for name in names if name.strip()), AUTHOR_CHARS)


def _date(value: object) -> str:
    """An RFC 3339 date in UTC (one without an offset is taken as UTC), or ""."""
    if not isinstance(value, str) or len(value) > _DATE_CHARS:
        return ""
    try:
        return iso_utc(datetime.fromisoformat(value.strip()))
    except ValueError:
        return ""
