"""Plain records for feeds, shared by the parser, the store, the refresh and the screens.

NamedTuples, as in models.py, and for the same reason: cheap to import and to build.
"""

from typing import Literal, NamedTuple

FeedKind = Literal["rss", "atom", "json"]


class FeedLink(NamedTuple):
    """A feed a page declares (`<link rel="alternate" type="application/rss+xml" ...>`)."""

    url: str  # absolute http(s)
    title: str = ""
    type: str = ""  # the declared media type


class FeedEntry(NamedTuple):
    """One item of a feed, as the feed says it; text fields are clean single lines.

    `key` identifies the entry within its feed (the GUID or id, else the link, else a hash of
    title and summary). `url` is the article's absolute http(s) link with tracking parameters
    (utm_*) removed, or "" for an entry that has none (a feed-only entry: its content is all
    there is). `content_html` is the fullest body the feed gives (content:encoded, Atom content,
    JSON Feed content_html / content_text as escaped HTML, else the summary): shown when the
    article itself cannot be fetched. It leads with `<base href>` naming what its relative
    links resolve against (xml:base or the feed's URL), for the extractor. `updated` is when
    the feed says the entry last changed (Atom <updated>, RSS <dc:date> or <atom:updated>, JSON
    Feed date_modified): a later check that finds another date refetches its article.
    """

    key: str
    url: str = ""
    title: str = ""
    author: str = ""
    published: str = ""  # ISO 8601 in UTC, or "" when missing or unreadable
    updated: str = ""  # ISO 8601 in UTC, or "" when the feed does not say
    summary: str = ""  # plain text, one paragraph, clipped
    content_html: str = ""


class ParsedFeed(NamedTuple):
    """A feed document read: its facts, its entries in document order, and what was odd."""

    kind: FeedKind
    title: str = ""
    site_url: str = ""  # the site the feed belongs to (channel link, Atom alternate, home_page_url)
    description: str = ""
    ttl_minutes: int | None = None  # RSS <ttl>: do not refresh more often than this
    skip_hours: frozenset[int] = frozenset()  # RSS <skipHours>, hours 0..23 in UTC
    skip_days: frozenset[str] = frozenset()  # RSS <skipDays>, "Monday" .. "Sunday"
    entries: tuple[FeedEntry, ...] = ()
    malformed: str = ""  # "" or one line saying what was wrong (what could be read is kept)


class OpmlFeed(NamedTuple):
    """A subscription in an OPML file: its feed URL, title and the outline folders above it."""

    url: str
    title: str = ""
    site_url: str = ""
    tags: tuple[str, ...] = ()  # the enclosing outlines' titles, outermost first
