"""RSS 0.9x, 1.0, 2.0 and Atom 0.3, 1.0 through feedparser (or its quick lxml twin for plain
RSS 2.0 and Atom 1.0, feeds/plain_xml.py), into a ParsedFeed.

feedparser runs without its HTML sanitizer and without resolving links inside content: both
are pure-Python passes over every entry's HTML that cost three quarters of the parse, and the
extractor does both anyway when content_html is read (it drops scripts and resolves links
against the `<base href>` that leads each content_html).
"""

from __future__ import annotations

import io
import re
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

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
from tuireader.feeds.model import FeedEntry, FeedKind, ParsedFeed
from tuireader.feeds.prolog import Prolog
from tuireader.textsafe import clip_line

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SCHEDULE_CHARS = 8192  # a <skipHours> holds at most 24 short elements
_HOUR = re.compile(rb"<hour>\s*(\d{1,2})\s*</hour>", re.IGNORECASE)
_DAY = re.compile(rb"<day>\s*([A-Za-z]{1,12})\s*</day>", re.IGNORECASE)
_ITEM_START = re.compile(rb"<item[\s>]", re.IGNORECASE)


def read_syndication(prolog: Prolog, url: str, *, plain: bool = True) -> ParsedFeed | None:
    """The RSS or Atom feed in `prolog.data` (fetched from `url`), or None if it is neither.

    A well-formed RSS 2.0 or Atom 1.0 feed of common elements is read with lxml
    (feeds/plain_xml.py), to the same result; anything else, or `plain` False, by feedparser.
    """
    from tuireader.feeds.plain_xml import read_plain_xml

    found = read_plain_xml(prolog.data) if plain else None
    if found is not None:
        kind, feed, raw_entries = found
        result: Any = {}
    else:
        read = _feedparser(prolog)
        if read is None:
            return None
        kind, result = read
        feed, raw_entries = result.get("feed") or {}, list(result.get("entries") or ())
    site_url = entry_url(_site_link(feed), url)
    # Atom: an entry without an author has the feed's (RSS's channel has no such rule).
    feed_author = _author(feed) if kind == "atom" else ""
    entries = [_entry(raw, url, feed_author) for raw in raw_entries]
    skip_hours, skip_days = _schedule(prolog.data) if kind == "rss" else (frozenset(), frozenset())
    return ParsedFeed(
        kind=kind,
        title=_text(feed, "title", TITLE_CHARS),
        site_url=site_url,
        description=_text(feed, "subtitle", SUMMARY_CHARS),
        ttl_minutes=_ttl(feed.get("ttl")) if kind == "rss" else None,
        skip_hours=skip_hours,
        skip_days=skip_days,
        entries=without_duplicates([entry for entry in entries if entry is not None]),
        malformed=_malformed(result, prolog),
    )


def _feedparser(prolog: Prolog) -> tuple[FeedKind, Any] | None:
    """(kind, feedparser's result), or None when feedparser finds no feed."""
    import feedparser

    # No Content-Location: feedparser would resolve every relative GUID against it, and an
    # entry's key must not change with the feed's address. Links are resolved here instead.
    result = feedparser.parse(
        io.BytesIO(prolog.data),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    version = str(result.get("version") or "")
    if not version:
        return None
    return ("atom" if version.startswith("atom") else "rss"), result


def _site_link(feed: Any) -> object:
    """The feed's first alternate link: in a broken feed a later one may be an item's."""
    for link in feed.get("links") or ():
        if isinstance(link, dict) and link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return feed.get("link")


def _entry(raw: Any, feed_url: str, feed_author: str) -> FeedEntry | None:
    url = entry_url(raw.get("link"), feed_url)
    title = _text(raw, "title", TITLE_CHARS)
    summary = _text(raw, "summary", SUMMARY_CHARS)
    content = _content(raw, feed_url)
    if not (url or title or summary or content or raw.get("id")):
        return None
    if not summary and content:
        summary = html_line(content, SUMMARY_CHARS)
    return FeedEntry(
        key=entry_key(raw.get("id"), url, title, summary, content),
        url=url,
        title=title,
        author=_author(raw) or feed_author,
        published=_date(raw),
        summary=summary,
        content_html=content,
        updated=_date(raw, ("updated_parsed",)),
    )


def _text(node: Any, field: str, limit: int) -> str:
    """A text construct as one line: HTML read as text, plain text as written."""
    detail = node.get(f"{field}_detail")
    if not detail:  # feedparser copies an entry's content into a missing summary, untyped
        return ""
    if "html" in str(detail.get("type") or ""):
        return html_line(detail.get("value"), limit)
    return line(detail.get("value"), limit)


def _content(raw: Any, feed_url: str) -> str:
    """The fullest body the entry gives, as bounded HTML: its content, else its summary."""
    bodies = [*(raw.get("content") or ()), raw.get("summary_detail") or {}]
    for body in bodies:
        value = body.get("value")
        if not isinstance(value, str) or not value.strip():
            continue
        base = urljoin(feed_url, str(body.get("base") or ""))
        if "html" in str(body.get("type") or ""):
            return bounded_html(value, base)
        return bounded_html(text_as_html(value), base)
    return ""


def _author(raw: Any) -> str:
    names = [
        author["name"]
        for author in raw.get("authors") or ()
        if isinstance(author, dict) and isinstance(author.get("name"), str)
    ]
    return line(", ".join(names) if names else raw.get("author"), AUTHOR_CHARS)


def _date(
    raw: Any, fields: tuple[str, ...] = ("published_parsed", "updated_parsed", "created_parsed")
) -> str:
    """The entry's first date of `fields` (published, else updated, else created) in UTC, or ""."""
    for field in fields:
        moment = dict.get(raw, field)  # not feedparser's aliases, which warn
        if isinstance(moment, time.struct_time):
            try:
                return iso_utc(datetime(*moment[:5], min(moment[5], 59), tzinfo=UTC))
            except (ValueError, OverflowError):
                continue
    return ""


def _ttl(value: object) -> int | None:
    """RSS <ttl> in minutes, or None when missing or not a positive whole number."""
    text = value.strip() if isinstance(value, str) else ""
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return None
    minutes = int(text)
    return minutes if minutes > 0 else None


def _schedule(data: bytes) -> tuple[frozenset[int], frozenset[str]]:
    """RSS <skipHours> and <skipDays>, read from the channel only (never from an item's text).

    feedparser keeps only the last <hour> of them, so they are read here: outside the items
    (before the first <item>, after the last </item>), each list bounded.
    """
    first_item = _ITEM_START.search(data)
    last_item_end = data.rfind(b"</item>")
    channel = [data[: first_item.start() if first_item else len(data)]]
    if first_item and last_item_end > first_item.start():
        channel.append(data[last_item_end:])
    hours = set()
    days = set()
    for part in channel:
        for hour in _HOUR.findall(_element(part, b"skipHours")):
            if int(hour) <= 24:
                hours.add(int(hour) % 24)  # some feeds write midnight as 24
        for day in _DAY.findall(_element(part, b"skipDays")):
            name = day.decode("ascii").capitalize()
            if name in DAYS:
                days.add(name)
    return frozenset(hours), frozenset(days)


def _element(data: bytes, name: bytes) -> bytes:
    """The content of the first <name> element of `data`, at most _SCHEDULE_CHARS long."""
    start = re.search(b"<" + name + rb"\s*>", data, re.IGNORECASE)
    if start is None:
        return b""
    body = data[start.end() : start.end() + _SCHEDULE_CHARS]
    end = body.lower().find(b"</" + name.lower())
    return body[:end] if end >= 0 else b""


def _malformed(result: Any, prolog: Prolog) -> str:
    """What was wrong with the document, in one line, or ""."""
    notes = []
    if prolog.entities_dropped:
        notes.append("its DTD was ignored (entities a feed declares are not expanded)")
    error = result.get("bozo_exception") if result.get("bozo") else None
    if error is not None and not _harmless(error):
        notes.append(f"broken XML ({_describe(error, prolog.line_shift)}): read what could be read")
    return clip_line("; ".join(notes), 300)


def _harmless(error: BaseException) -> bool:
    """feedparser's remarks on the media type or a declared encoding: not the document's fault."""
    from feedparser.exceptions import CharacterEncodingOverride, NonXMLContentType

    return isinstance(error, CharacterEncodingOverride | NonXMLContentType)


def _describe(error: BaseException, line_shift: int) -> str:
    """The parser's complaint, with the line and column (from 1) in the document as sent."""
    get_message = getattr(error, "getMessage", None)
    get_line = getattr(error, "getLineNumber", None)
    get_column = getattr(error, "getColumnNumber", None)
    if callable(get_message) and callable(get_line) and callable(get_column):
        line_number = max(1, int(get_line()) - line_shift)
        return f"{get_message()} at line {line_number}, column {int(get_column()) + 1}"
    return str(error) or type(error).__name__
