"""When a feed says an entry last changed (FeedEntry.updated), in each format: a refresh
refetches the article of an entry whose date moved."""

from __future__ import annotations

import pytest

from support.paths import FIXTURE_DIR
from tuireader.feeds.parse import parse_feed
from tuireader.feeds.prolog import read_prolog
from tuireader.feeds.syndication import read_syndication

FEEDS = FIXTURE_DIR / "feeds"


def test_atom_updated_in_utc_and_empty_when_unreadable() -> None:
    feed = parse_feed((FEEDS / "atom10.xml").read_bytes(), "https://atom.example/feed")
    chase, xhtml, text, related = feed.entries
    assert chase.updated == "2024-03-02T14:00:00+00:00"  # <updated>, not <published>
    assert xhtml.updated == "2024-02-28T22:30:00+00:00"
    assert text.updated == "2024-02-27T00:00:00+00:00"
    assert related.updated == ""  # "not a date"


def test_json_feed_date_modified_and_not_date_published() -> None:
    published, modified = parse_feed(
        (FEEDS / "jsonfeed11.json").read_bytes(), "https://json11.example/feed.json"
    ).entries
    assert published.updated == ""
    assert modified.updated == "2024-05-02T00:00:00+00:00"


ITEM = "<item><title>T</title><link>https://example.org/a</link>{}</item>"
RSS = (
    '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>F</title>{}</channel></rss>'
)


@pytest.mark.parametrize(
    ("dates", "updated"),
    [
        ("<pubDate>Mon, 28 Oct 2024 08:00:00 GMT</pubDate>", ""),  # published only
        ("<dc:date>2024-10-28T10:00:00+02:00</dc:date>", "2024-10-28T08:00:00+00:00"),
        (
            "<pubDate>Mon, 28 Oct 2024 08:00:00 GMT</pubDate>"
            "<atom:updated>2024-10-29T09:00:00Z</atom:updated>",
            "2024-10-29T09:00:00+00:00",
        ),
    ],
)
def test_rss_updated_from_dc_date_or_atom_updated(dates: str, updated: str) -> None:
    data = RSS.format(ITEM.format(dates)).encode()
    (entry,) = parse_feed(data, "https://example.org/feed").entries
    assert entry.updated == updated
    prolog = read_prolog(data, "application/rss+xml")  # the quick reader agrees with feedparser
    assert read_syndication(prolog, "https://example.org/feed") == read_syndication(
        prolog, "https://example.org/feed", plain=False
    )
