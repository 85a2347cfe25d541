"""The feeds a page declares, found in broken HTML as in clean."""

from __future__ import annotations

import pytest

from support.paths import FIXTURE_DIR
from tuireader.feeds.discover import discover_feeds
from tuireader.feeds.model import FeedLink

PAGE = "https://blog.example/posts/today"


def test_the_fixture_page_declares_rss_and_atom() -> None:
    html = (FIXTURE_DIR / "feeds" / "page.html").read_bytes()
    assert discover_feeds(html, PAGE) == [
        FeedLink("https://blog.example/feed.xml", "Posts (RSS)", "application/rss+xml"),
        FeedLink("https://blog.example/atom.xml", "Posts (Atom)", "application/atom+xml"),
    ]


def test_the_four_feed_types_in_document_order_each_once() -> None:
    html = """<html><head>
      <link rel="alternate" type="application/feed+json" href="feed.json">
      <link rel="ALTERNATE" type="Application/RSS+XML; charset=utf-8" href="/rss">
      <link rel="alternate" type="application/rdf+xml" href="index.rdf">
      <link rel="alternate" type="application/atom+xml" href="https://blog.example/rss">
      <link rel="alternate" type="application/rss+xml" href="/rss" title="again">
      <link rel="alternate home" type="application/atom+xml" href="//cdn.example/a.atom">
    </head></html>"""
    assert discover_feeds(html, PAGE) == [
        FeedLink("https://blog.example/posts/feed.json", "", "application/feed+json"),
        FeedLink("https://blog.example/rss", "", "application/rss+xml"),
        FeedLink("https://blog.example/posts/index.rdf", "", "application/rdf+xml"),
        FeedLink("https://cdn.example/a.atom", "", "application/atom+xml"),
    ]


@pytest.mark.parametrize(
    "link",
    [
        '<link rel="stylesheet" type="application/rss+xml" href="/a">',
        '<link rel="alternate" type="text/html" href="/fr/">',
        '<link rel="alternate" type="application/json" href="/api">',
        '<link rel="alternate" type="application/rss+xml">',
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">',
        '<link rel="alternate" type="application/rss+xml" href="data:text/xml,<rss/>">',
        '<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">',
        '<link rel="alternate" type="application/rss+xml" href="ftp://files.example/rss">',
        '<a rel="alternate" type="application/rss+xml" href="/a">',
    ],
)
def test_what_is_not_a_feed_link(link: str) -> None:
    assert discover_feeds(f"<html><head>{link}</head></html>", PAGE) == []


def test_broken_html_and_a_base_href() -> None:
    html = (
        "<title>x</title></head></head><div><p><base href='/sub/'>"
        "<link rel=alternate type=application/atom+xml "
        "href=feed.atom title='A \x1b[31mfeed\u202e'><table><td><p>unclosed"
    )
    assert discover_feeds(html, PAGE) == [
        FeedLink("https://blog.example/sub/feed.atom", "A [31mfeed", "application/atom+xml")
    ]


def test_a_base_href_that_is_no_http_url_is_ignored() -> None:
    html = '<base href="javascript:void(0)"><link rel=alternate type=application/rss+xml href=/f>'
    assert [link.url for link in discover_feeds(html, PAGE)] == ["https://blog.example/f"]


@pytest.mark.parametrize(
    "html",
    [
        b"",
        "",
        "   ",
        b"\x00\xff\xfe",
        "no markup at all",
        '<?xml version="1.0" encoding="latin-1"?>',
    ],
)
def test_nothing_to_read_gives_no_feeds(html: str | bytes) -> None:
    assert discover_feeds(html, PAGE) == []


def test_str_with_a_declared_encoding_and_bytes_with_a_meta_charset() -> None:
    link = '<link rel="alternate" type="application/rss+xml" href="/f" title="Café">'
    declared = f'<?xml version="1.0" encoding="latin-1"?><html><head>{link}</head></html>'
    assert discover_feeds(declared, PAGE)[0].title == "Café"
    meta = f'<html><head><meta charset="latin-1">{link}</head></html>'.encode("latin-1")
    assert discover_feeds(meta, PAGE)[0].title == "Café"


def test_a_big_page_is_read_once() -> None:
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="/f{n}">' for n in range(5_000)
    )
    html = f"<html><head>{links}</head><body>{'<p>text</p>' * 50_000}</body></html>"
    found = discover_feeds(html, PAGE)
    assert len(found) == 5_000
    assert found[-1].url == "https://blog.example/f4999"
