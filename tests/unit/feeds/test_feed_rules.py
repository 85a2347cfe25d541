"""The rules every feed's entries keep: links, keys, dates, text as data, bounds; what is not
a feed."""

from __future__ import annotations

import json

import pytest

from support.paths import FIXTURE_DIR
from tuireader.feeds import parse
from tuireader.feeds.fields import MAX_CONTENT_CHARS, html_text
from tuireader.feeds.model import FeedEntry, ParsedFeed
from tuireader.feeds.parse import NotAFeed, parse_feed
from tuireader.feeds.prolog import Prolog
from tuireader.feeds.syndication import read_syndication
from tuireader.textsafe import clean_line, is_clean

FEEDS = FIXTURE_DIR / "feeds"
FEED_URL = "https://example.org/journal/feed.xml"


def rss20() -> dict[str, FeedEntry]:
    feed = parse_feed((FEEDS / "rss20.xml").read_bytes(), FEED_URL)
    return {entry.title: entry for entry in feed.entries}


def rss(items: str, channel: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{channel}'
        f"{items}</channel></rss>"
    ).encode()


def test_a_relative_link_resolves_against_the_feed_url() -> None:
    assert rss20()["A relative link"].url == "https://example.org/journal/posts/relative.html"


@pytest.mark.parametrize("title", ["A javascript: link", "A data: link", "A file: link"])
def test_only_http_links_are_kept_the_entry_stays_feed_only(title: str) -> None:
    entry = rss20()[title]
    assert entry.url == ""
    assert entry.key.startswith("sha256:")  # not the refused link
    assert entry.summary in ("Must not become a URL.", "Nor this.")


def test_an_entry_without_link_is_feed_only_with_its_content() -> None:
    entry = rss20()["No link at all"]
    assert entry.url == ""
    assert entry.summary == "A feed-only note: this text is all there is."
    assert entry.content_html.endswith("A feed-only note: this text is all there is.")


def test_tracking_parameters_leave_the_url_but_a_guid_is_kept_as_written() -> None:
    entry = rss20()[""]
    assert entry.url == "https://example.org/journal/permalink?id=7"  # the permalink GUID
    assert entry.key == "https://example.org/journal/permalink?utm_campaign=x&id=7"


def test_the_key_is_the_guid_else_the_link_else_a_hash_of_title_and_summary() -> None:
    feed = parse_feed(
        rss(
            "<item><guid>g</guid><link>https://e.org/a</link><title>A</title></item>"
            "<item><link>https://e.org/b?utm_source=x</link><title>B</title></item>"
            "<item><title>C</title><description>c</description></item>"
        ),
        FEED_URL,
    )
    guid, link, hashed = feed.entries
    assert guid.key == "g"
    assert link.key == "https://e.org/b"
    assert hashed.key.startswith("sha256:")
    again = parse_feed(rss("<item><title>C</title><description>c</description></item>"), "")
    other = parse_feed(rss("<item><title>C</title><description>d</description></item>"), "")
    assert again.entries[0].key == hashed.key  # stable: the same entry on the next fetch
    assert other.entries[0].key != hashed.key


def test_a_relative_guid_is_not_resolved_so_the_key_survives_a_move_of_the_feed() -> None:
    items = '<item><guid isPermaLink="false">1234</guid><title>A</title></item>'
    here = parse_feed(rss(items), "https://old.example/feed")
    there = parse_feed(rss(items), "https://new.example/rss")
    assert here.entries[0].key == there.entries[0].key == "1234"


def test_an_overlong_guid_becomes_its_hash() -> None:
    entry = parse_feed(rss(f"<item><guid>{'g' * 5000}</guid><title>A</title></item>"), "")
    assert entry.entries[0].key.startswith("sha256:")


def test_a_key_seen_twice_keeps_the_first_entry() -> None:
    feed = parse_feed(
        rss(
            "<item><guid>same</guid><title>First</title></item>"
            "<item><guid>other</guid><title>Other</title></item>"
            "<item><guid>same</guid><title>Second</title></item>"
        ),
        "",
    )
    assert [entry.title for entry in feed.entries] == ["First", "Other"]


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("Tue, 02 Jan 2024 10:30:00 +0200", "2024-01-02T08:30:00+00:00"),
        ("Tue, 02 Jan 2024 10:30:00 GMT", "2024-01-02T10:30:00+00:00"),
        ("2024-01-05T12:00:00Z", "2024-01-05T12:00:00+00:00"),
        ("2024-01-05T23:59:60Z", "2024-01-06T00:00:00+00:00"),  # a leap second: the next one
        ("the day after tomorrow", ""),
        ("Mon, 31 Feb 2024 10:00:00 GMT", ""),
        ("", ""),
        ("0000-00-00T00:00:00Z", ""),
    ],
)
def test_dates_are_iso_8601_in_utc_or_empty(written: str, iso: str) -> None:
    feed = parse_feed(rss(f"<item><title>A</title><pubDate>{written}</pubDate></item>"), "")
    assert feed.entries[0].published == iso


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-04-02T10:00:00+02:00", "2024-04-02T08:00:00+00:00"),
        ("2024-04-02T10:00:00.5Z", "2024-04-02T10:00:00+00:00"),
        ("2024-04-02", "2024-04-02T00:00:00+00:00"),
        ("0001-01-01T00:00:00+01:00", ""),  # before year 1 in UTC
        ("April 1st", ""),
        (20240402, ""),
    ],
)
def test_json_feed_dates(written: object, iso: str) -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": "1", "title": "A", "date_published": written}],
    }
    feed = parse_feed(json.dumps(document).encode(), "")
    assert feed.entries[0].published == iso


def test_markup_and_escapes_in_titles_are_literal_text_without_controls() -> None:
    feed = parse_feed((FEEDS / "hostile_titles.xml").read_bytes(), FEED_URL)
    ansi, escaped = feed.entries
    assert feed.title == "Hostile ]0;pwned channel"
    assert feed.description == "Desc [2J cleared?"
    assert ansi.title == "[bold red]Rich markup[/bold red] and [31mANSI red [0m"
    assert ansi.author == "evil author›31m"  # U+009B read as windows-1252's "›" by feedparser
    assert ansi.summary == "Line one line two ."
    assert "\x07" not in ansi.content_html and "\x00" not in ansi.content_html
    assert escaped.title == "Escaped tag [link=https://evil.example]click[/link]"
    assert escaped.key == "id- [2J-two"
    assert feed.malformed.startswith("broken XML (not well-formed (invalid token) at line 4")
    for text in (feed.title, feed.description, *ansi[:-1], *escaped[:-1]):
        assert clean_line(text) == text


def test_summaries_are_one_clipped_paragraph_and_content_is_bounded() -> None:
    long_text = "word " * 1000
    huge = "<p>" + "x" * (MAX_CONTENT_CHARS + 10) + "</p>"
    feed = parse_feed(
        rss(
            f"<item><title>A</title><description>{long_text}</description>"
            f'<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<![CDATA[{huge}]]></content:encoded></item>"
        ),
        FEED_URL,
    )
    entry = feed.entries[0]
    assert len(entry.summary) == 500
    assert entry.summary.endswith("…")
    base = f'<base href="{FEED_URL}">'
    assert len(entry.content_html) == len(base) + MAX_CONTENT_CHARS
    assert is_clean(entry.content_html)


def test_content_is_not_cut_inside_a_tag() -> None:
    body = "x" * (MAX_CONTENT_CHARS - 5) + '<img src="a.png">'
    document = {
        "version": "https://jsonfeed.org/version/1",
        "items": [{"id": "1", "content_html": body}],
    }
    entry = parse_feed(json.dumps(document).encode(), "").entries[0]
    assert entry.content_html == "x" * (MAX_CONTENT_CHARS - 5)


@pytest.mark.parametrize(
    ("ttl", "minutes"), [("60", 60), (" 5 ", 5), ("0", None), ("-5", None), ("soon", None)]
)
def test_ttl(ttl: str, minutes: int | None) -> None:
    feed = parse_feed(rss("<item><title>A</title></item>", f"<ttl>{ttl}</ttl>"), "")
    assert feed.ttl_minutes == minutes


def test_skip_hours_and_days_are_read_from_the_channel_only() -> None:
    article = (
        "<![CDATA[<skipHours><hour>5</hour></skipHours><skipDays><day>Monday</day></skipDays>]]>"
    )
    items = f"<item><title>About RSS</title><description>{article}</description></item>"
    before = "<skipHours><hour>7</hour></skipHours>"
    after = "<skipDays><day>Friday</day></skipDays>"
    feed = parse_feed(rss(items + after, before), "")
    assert feed.skip_hours == {7}
    assert feed.skip_days == {"Friday"}


def test_malformed_xml_is_read_as_far_as_it_goes_and_said_in_one_line() -> None:
    feed = parse_feed((FEEDS / "malformed.xml").read_bytes(), FEED_URL)
    assert feed.title == "Broken feed"
    assert feed.site_url == "https://broken.example/"  # not a later item's link
    assert [(entry.title, entry.url) for entry in feed.entries][:2] == [
        ("First item, whole", "https://broken.example/1"),
        ("Second item: its description is never closed", "https://broken.example/2"),
    ]
    assert feed.malformed == (
        "broken XML (mismatched tag at line 14, column 7): read what could be read"
    )


def test_line_numbers_are_the_documents_own_without_an_xml_declaration() -> None:
    feed = parse_feed(b'<rss version="2.0"><channel><title>T</title>\n<item>&bad;</item>', "")
    assert "undefined entity at line 2, column 7" in feed.malformed


def test_an_html_page_is_not_a_feed_and_says_so() -> None:
    with pytest.raises(NotAFeed, match=r"^not a feed: an HTML page$") as caught:
        parse_feed((FEEDS / "page.html").read_bytes(), "https://blog.example/")
    assert caught.value.html


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"<html><body><p>hi</p></body></html>", ""),
        (b'<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"/>', ""),
        (b"<p>A fragment served as a page</p>", "text/html; charset=utf-8"),
    ],
)
def test_html_in_any_shape_is_html(data: bytes, content_type: str) -> None:
    with pytest.raises(NotAFeed) as caught:
        parse_feed(data, "https://e.org/", content_type)
    assert caught.value.html


@pytest.mark.parametrize(
    ("data", "content_type", "reason"),
    [
        (b"", "", "the document is empty"),
        (b"\xef\xbb\xbf \n", "", "the document is empty"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml", "no RSS, Atom or JSON"),
        (b"just some text", "text/plain", "no RSS, Atom or JSON"),
        (b'{"data": [1, 2]}', "application/json", "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1", ', "", "invalid JSON"),
        (b"[1, 2]", "application/feed+json", "not a JSON Feed"),
        (b"[" * 100_000, "application/json", "nested too deeply"),
        (b'{"version": "2", "items": []}', "application/json", "no jsonfeed.org version"),
    ],
)
def test_what_is_no_feed_raises_not_a_feed_with_one_line(
    data: bytes, content_type: str, reason: str
) -> None:
    with pytest.raises(NotAFeed, match=reason) as caught:
        parse_feed(data, "https://e.org/f", content_type)
    assert not caught.value.html
    assert "\n" not in str(caught.value)


def test_a_json_feed_without_its_version_is_read_when_its_media_type_says_so() -> None:
    data = b'{"title": "T", "items": [{"id": "1", "title": "A"}]}'
    feed = parse_feed(data, "", "application/feed+json")
    assert [entry.title for entry in feed.entries] == ["A"]
    assert feed.malformed == "no JSON Feed version"


def test_utf_16_and_a_bom_are_read() -> None:
    text = (
        '<?xml version="1.0" encoding="utf-16"?>'
        '<rss version="2.0"><channel><title>Ünï</title></channel></rss>'
    )
    assert parse_feed(text.encode("utf-16"), "").title == "Ünï"
    assert parse_feed(b"\xef\xbb\xbf" + text.replace("utf-16", "utf-8").encode(), "").title == "Ünï"


def test_a_document_that_is_a_file_name_is_not_opened() -> None:
    # feedparser opens bytes that name a file: it is handed a stream, never bytes.
    path = str(FEEDS / "rss20.xml").encode()
    with pytest.raises(NotAFeed):
        parse_feed(path, "")
    assert read_syndication(Prolog(path), "") is None


def test_without_a_feed_url_a_relative_link_is_no_url() -> None:
    items = "<item><title>A</title><link>example.org/a</link></item>"
    assert parse_feed(rss(items), "").entries[0].url == ""
    assert (
        parse_feed(rss(items), FEED_URL).entries[0].url
        == "https://example.org/journal/example.org/a"
    )


@pytest.mark.parametrize(
    ("link", "url"),
    [
        ("https://e.org/a\u202egnp.exe", "https://e.org/a%E2%80%AEgnp.exe"),
        ("https://e.org/\x9b31m", "https://e.org/%C2%9B31m"),
        ("https://e.org/a\n  /b c", "https://e.org/a%20%20/b%20c"),
    ],
)
def test_a_link_keeps_no_control_or_bidi_character(link: str, url: str) -> None:
    document = {"version": "https://jsonfeed.org/version/1", "items": [{"id": "1", "url": link}]}
    assert parse_feed(json.dumps(document).encode(), "").entries[0].url == url


def test_a_feed_after_a_servers_warning_is_still_read() -> None:
    warning = b"<br />\n<b>Warning</b>: Cannot modify header information in <b>feed.php</b><br />\n"
    feed = parse_feed(warning + (FEEDS / "rss20.xml").read_bytes(), FEED_URL)
    assert feed.title == "Example Journal"
    assert len(feed.entries) == 8
    assert feed.malformed.startswith("broken XML")


def test_a_page_without_a_feed_element_is_refused_without_being_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # feedparser's lenient parser takes seconds over a big page: it must not be given one.
    calls: list[bytes] = []

    def counted(prolog: Prolog, url: str) -> ParsedFeed | None:
        calls.append(prolog.data)
        return read_syndication(prolog, url)

    monkeypatch.setattr(parse, "read_syndication", counted)
    page = b"<div>" + b"<p>text <a href='/x'>link</a></p>" * 50_000 + b"</div>"
    with pytest.raises(NotAFeed, match="an HTML page") as caught:
        parse_feed(page, "https://e.org/", "text/html")
    assert caught.value.html
    assert calls == []
    parse_feed((FEEDS / "rss20.xml").read_bytes(), FEED_URL, "text/html")
    assert len(calls) == 1


def test_a_summary_that_is_a_whole_book_is_read_only_as_far_as_needed() -> None:
    book = "<p>" + "word " * 1_000_000 + "</p>"
    text = html_text(book, 500)
    assert 2_000 < len(text) <= 2_000 + 4_096  # about 4 x the limit, then one chunk at most
