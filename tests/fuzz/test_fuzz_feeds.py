"""Whatever a feed says, its text comes out as clean lines, and any bytes give a ParsedFeed or
NotAFeed; OPML lists survive a round trip, and any bytes give feeds or OpmlError.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support.fuzz_settings import fuzz_settings
from support.hostile_strategies import TEXT, URLS
from tuireader.feeds.discover import discover_feeds
from tuireader.feeds.model import OpmlFeed, ParsedFeed
from tuireader.feeds.opml import OpmlError, read_opml, write_opml
from tuireader.feeds.parse import NotAFeed, parse_feed
from tuireader.textsafe import clean_line, is_clean

pytestmark = pytest.mark.fuzz

FIELDS = ("title", "link", "guid", "author", "description", "date")
ENTRY = st.fixed_dictionaries({field: TEXT | URLS for field in FIELDS})
FEED_URLS = st.sampled_from(["https://feeds.example/a/feed", "", "not a url"])


def rss(title: str, entries: list[dict[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{escape(e['title'])}</title><link>{escape(e['link'])}</link>"
        f"<guid>{escape(e['guid'])}</guid><author>{escape(e['author'])}</author>"
        f"<description>{escape(e['description'])}</description>"
        f"<pubDate>{escape(e['date'])}</pubDate></item>"
        for e in entries
    )
    return (
        f'<rss version="2.0"><channel><title>{escape(title)}</title>{items}</channel></rss>'.encode(
            "utf-8", "surrogatepass"
        )
    )


def atom(title: str, entries: list[dict[str, str]]) -> bytes:
    items = "".join(
        f'<entry><title type="html">{escape(e["title"])}</title>'
        f'<link href="{escape(e["link"], {chr(34): "&quot;"})}"/><id>{escape(e["guid"])}</id>'
        f"<author><name>{escape(e['author'])}</name></author>"
        f'<content type="html">{escape(e["description"])}</content>'
        f"<updated>{escape(e['date'])}</updated></entry>"
        for e in entries
    )
    return (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>{items}</feed>'
    ).encode("utf-8", "surrogatepass")


def json_feed(title: str, entries: list[dict[str, str]]) -> bytes:
    items = [
        {
            "id": e["guid"],
            "url": e["link"],
            "title": e["title"],
            "authors": [{"name": e["author"]}],
            "content_html": e["description"],
            "date_published": e["date"],
        }
        for e in entries
    ]
    document = {"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items}
    return json.dumps(document).encode()


def assert_clean(feed: ParsedFeed) -> None:
    for line in (feed.title, feed.site_url, feed.description, feed.malformed):
        assert clean_line(line) == line
    for entry in feed.entries:
        for line in (entry.key, entry.url, entry.title, entry.author, entry.summary):
            assert clean_line(line) == line
        assert entry.published == "" or entry.published.endswith("+00:00")
        assert is_clean(entry.content_html)


@fuzz_settings(150)
@given(st.sampled_from([rss, atom, json_feed]), TEXT, st.lists(ENTRY, max_size=4), FEED_URLS)
def test_feed_text_comes_out_as_clean_lines(
    build: object, title: str, entries: list[dict[str, str]], url: str
) -> None:
    assert callable(build)
    try:
        feed = parse_feed(build(title, entries), url)
    except NotAFeed:
        return
    assert_clean(feed)


@fuzz_settings(300)
@given(st.binary(max_size=3000), st.sampled_from(["", "application/json", "text/html"]))
def test_any_bytes_give_a_feed_or_not_a_feed(data: bytes, content_type: str) -> None:
    try:
        feed = parse_feed(data, "https://feeds.example/f", content_type)
    except NotAFeed as exc:
        assert "\n" not in str(exc)
        return
    assert_clean(feed)


OPML_FEEDS = st.builds(
    OpmlFeed,
    url=URLS | TEXT,
    title=TEXT,
    site_url=st.sampled_from(["", "https://site.example/"]),
    tags=st.lists(TEXT, max_size=3).map(tuple),
)


@fuzz_settings(200)
@given(st.lists(OPML_FEEDS, max_size=5))
def test_opml_round_trip_of_clean_feeds(feeds: list[OpmlFeed]) -> None:
    back = read_opml(write_opml(feeds).encode("utf-8"))
    for feed in back:
        for text in (feed.url, feed.title, *feed.tags):
            assert clean_line(text) == text
    written = [feed for feed in map(_as_written, feeds) if feed.url]
    assert sorted(back) == sorted(written)


def _as_written(feed: OpmlFeed) -> OpmlFeed:
    """What a feed becomes in OPML: clean lines, no empty tag, an untitled feed untitled."""
    url = _xml_line(feed.url)
    title = _xml_line(feed.title)
    tags = tuple(tag for tag in map(_xml_line, feed.tags) if tag)
    return OpmlFeed(url, "" if title == url else title[:300], feed.site_url, tags)


def _xml_line(text: str) -> str:
    return clean_line(text.replace("\ufffe", "").replace("\uffff", ""))


@fuzz_settings(300)
@given(st.binary(max_size=2000))
def test_any_bytes_give_opml_feeds_or_opml_error(data: bytes) -> None:
    try:
        feeds = read_opml(data)
    except OpmlError as exc:
        assert "\n" not in str(exc)
        return
    assert all(isinstance(feed, OpmlFeed) for feed in feeds)


@fuzz_settings(200)
@given(TEXT | st.binary(max_size=2000))
def test_discovery_never_raises(html: str | bytes) -> None:
    for link in discover_feeds(html, "https://page.example/a"):
        assert link.url.startswith(("http://", "https://"))
        assert clean_line(link.url) == link.url
        assert clean_line(link.title) == link.title
