"""The quick lxml reader of plain RSS 2.0 and Atom 1.0 gives what feedparser gives, or passes.

Every document is read twice, by the quick reader (`plain=True`, the default) and by feedparser
alone (`plain=False`): the ParsedFeeds must be equal. The generated documents mix what the quick
reader reads (text with entities, markup, CDATA, Latin-1 misread as UTF-8, windows-1252
controls, authors with e-mail addresses, links, GUIDs, dates) with what it leaves to feedparser
(elements it does not know, duplicates, xml:base, XHTML), in any order.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support.fuzz_settings import fuzz_settings
from support.hostile_strategies import TEXT, URLS
from support.paths import FIXTURE_DIR
from tuireader.feeds.model import ParsedFeed
from tuireader.feeds.plain_xml import read_plain_xml
from tuireader.feeds.prolog import read_prolog
from tuireader.feeds.syndication import read_syndication

FEED_URL = "https://example.org/journal/feed.xml"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
ATOM_NS = "http://www.w3.org/2005/Atom"


def both(data: bytes, url: str = FEED_URL) -> tuple[ParsedFeed | None, ParsedFeed | None, bool]:
    """(quick reader's result, feedparser's result, whether the quick reader took it)."""
    prolog = read_prolog(data, "application/xml")
    plain = read_plain_xml(prolog.data) is not None
    return read_syndication(prolog, url), read_syndication(prolog, url, plain=False), plain


@pytest.mark.parametrize(
    "name", ["rss20.xml", "atom10.xml", "rss091.xml", "rss10.rdf", "hostile_titles.xml"]
)
def test_the_fixtures_read_the_same(name: str) -> None:
    quick, slow, _ = both((FIXTURE_DIR / "feeds" / name).read_bytes())
    assert quick == slow


RSS_ITEM = """<item>
  <title>Caf\u00c3\u00a9 &amp; <![CDATA[<b>bold</b> &amp; more]]></title>
  <link>  https:///example.org/a?x=1&amp;amp;y=2&amp;utm_source=rss  </link>
  <guid isPermaLink="false">tag:example.org,2024:1</guid>
  <pubDate>Tue, 02 Jan 2024 10:30:00 +0200</pubDate>
  <dc:creator>ada@example.org (Ada Brennan)</dc:creator>
  <dc:creator>Tom</dc:creator>
  <category domain="x">News</category>
  <description>&lt;p&gt;The &lt;em&gt;lead&lt;/em&gt;, \u0093quoted\u0094.&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>The whole <a href="/b">story</a>.</p>]]></content:encoded>
  <enclosure url="https://example.org/a.mp3" length="1" type="audio/mpeg"/>
</item>"""


def rss_document(items: str, channel: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="{CONTENT_NS}" '
        f'xmlns:dc="{DC_NS}" xmlns:atom="{ATOM_NS}"><channel><title>A &amp; B</title>'
        f'<atom:link href="{FEED_URL}" rel="self" type="application/rss+xml"/>'
        f"<link>https://example.org/?a=1&amp;b;=2</link><description>News &lt;b&gt;"
        f"</description><ttl> 60 </ttl><image><url>https://example.org/i.png</url>"
        f"<title>Logo</title><link>https://example.org/</link></image>{channel}{items}"
        f"</channel></rss>"
    ).encode()


def test_a_plain_rss_feed_takes_the_quick_reader_and_reads_the_same() -> None:
    quick, slow, plain = both(rss_document(RSS_ITEM * 2 + RSS_ITEM.replace("false", "true")))
    assert plain
    assert quick == slow
    assert quick is not None and quick.entries[0].author == "Ada Brennan, Tom"


def test_a_plain_atom_feed_takes_the_quick_reader_and_reads_the_same() -> None:
    entry = """<entry><id>https://example.org/1</id><title type="html">A &amp;amp; B</title>
      <link rel="alternate" type="text/html" href="https://example.org/1.html"/>
      <link rel="enclosure" href="https://example.org/1.mp3"/>
      <author><name>Ann</name><email>ann@example.org</email></author><author><email>b@e.org
      </email></author><published>2024-03-01T16:00:00+02:00</published>
      <updated>2024-03-02T00:00:00Z</updated><summary>Plain &lt;b&gt; text</summary>
      <content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>"""
    document = (
        f'<feed xmlns="{ATOM_NS}"><title>T</title><subtitle type="html">S &amp;amp; s</subtitle>'
        f'<link href="https://example.org/"/><author><name>Feed Author</name></author>'
        f"<id>urn:x</id><updated>2024-03-02T00:00:00Z</updated>{entry}{entry}</feed>"
    ).encode()
    quick, slow, plain = both(document)
    assert plain
    assert quick == slow


@pytest.mark.parametrize(
    "oddity",
    [
        "<title>Second title</title>",  # a duplicate: feedparser keeps the first
        "<media:title xmlns:media='http://search.yahoo.com/mrss/'>M</media:title>",
        "<description>a <b>child</b></description>",  # markup, not text
        "<title>a<!-- comment -->b</title>",
        "<guid ispermalink='false'>x</guid>",
        "<source url='https://e.org/'><title>S</title></source>",
    ],
)
def test_what_the_quick_reader_does_not_know_goes_to_feedparser(oddity: str) -> None:
    item = RSS_ITEM.replace("<link>", oddity + "<link>", 1).replace("<title>Caf", "<title>Caf", 1)
    if oddity.startswith(("<title>", "<description>")):
        tag = oddity[1 : oddity.index(">")]
        item = item.replace(f"<{tag}>", f"{oddity}<{tag}>", 1)
    prolog = read_prolog(rss_document(item), "application/xml")
    assert read_plain_xml(prolog.data) is None


def test_xml_base_and_malformed_xml_go_to_feedparser() -> None:
    based = rss_document(RSS_ITEM).replace(b"<channel>", b'<channel xml:base="https://b.org/">')
    assert read_plain_xml(read_prolog(based, "").data) is None
    broken = rss_document(RSS_ITEM).replace(b"</item>", b"</itme>")
    assert read_plain_xml(read_prolog(broken, "").data) is None


# Generated documents ---------------------------------------------------------------------------

WORDS = (
    TEXT
    | URLS
    | st.sampled_from(
        [
            "Caf\u00c3\u00a9",  # UTF-8 read as Latin-1: feedparser repairs it
            "\u0093quoted\u0094 \u0080",  # windows-1252 characters in the C1 range
            "<b>bold</b> &amp; <em>it</em>",
            "a &lt; b",
            "ada@example.org (Ada)",
            "Ada <ada@example.org>",
            "https:///e.org//x?a=1&amp;b=2",
            "&copy; 2024",
            "Tue, 02 Jan 2024 10:30:00 GMT",
            "2024-01-05T12:00:00Z",
            "  spaced  ",
            "",
        ]
    )
)


def _text(value: str, cdata: bool) -> str:
    value = "".join(c for c in value if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff"))
    value = "".join(c for c in value if not 0xD800 <= ord(c) <= 0xDFFF)
    if cdata and "]]>" not in value:
        return f"<![CDATA[{value}]]>"
    return escape(value)


RSS_TAGS = [
    "title",
    "link",
    "description",
    "guid",
    'guid isPermaLink="false"',
    'guid isPermaLink="true"',
    "pubDate",
    "author",
    "dc:creator",
    "dc:date",
    "content:encoded",
    "category",
    "comments",
]
RSS_TAGS = [
    *RSS_TAGS,
    *RSS_TAGS,
    "dc:subject",
]  # one unknown element in 29: feedparser reads that one
ATOM_TAGS = [
    "id",
    "title",
    'title type="html"',
    'title type="text"',
    "summary",
    'summary type="html"',
    'content type="html"',
    "content",
    "published",
    "updated",
    "author",
    "link",
    'link rel="alternate" type="text/html"',
    'link rel="related"',
    "category",
]

ELEMENT = st.tuples(st.integers(0, 100), WORDS, st.booleans())


def _rss_item(parts: list[tuple[int, str, bool]]) -> str:
    inner = []
    for pick, value, cdata in parts:
        tag = RSS_TAGS[pick % len(RSS_TAGS)]
        name = tag.split(" ")[0]
        inner.append(f"<{tag}>{_text(value, cdata)}</{name}>")
    return "<item>" + "".join(inner) + "</item>"


def _atom_entry(parts: list[tuple[int, str, bool]]) -> str:
    inner = []
    for pick, value, cdata in parts:
        tag = ATOM_TAGS[pick % len(ATOM_TAGS)]
        name = tag.split(" ")[0]
        if name == "link":
            inner.append(f"<{tag} href={quoteattr(_text(value, False))}/>")
        elif name == "author":
            who = _text(value, cdata)
            inner.append(
                f"<author><name>{who}</name></author>"
                if cdata
                else f"<author>{who}<email>{who}</email></author>"
            )
        else:
            inner.append(f"<{tag}>{_text(value, cdata)}</{name}>")
    return "<entry>" + "".join(inner) + "</entry>"


def _entries(tags: list[str]) -> st.SearchStrategy[list[list[tuple[int, str, bool]]]]:
    """Entries of up to 8 elements, mostly each element once (a duplicate goes to feedparser)."""
    once = st.lists(ELEMENT, max_size=8, unique_by=lambda e: tags[e[0] % len(tags)].split()[0])
    return st.lists(once | st.lists(ELEMENT, max_size=4), max_size=4)


RSS_ENTRIES = _entries(RSS_TAGS)
ATOM_ENTRIES = _entries(ATOM_TAGS)


def atom_document(title: str, entries: list[list[tuple[int, str, bool]]]) -> bytes:
    body = "".join(_atom_entry(parts) for parts in entries)
    return f'<feed xmlns="{ATOM_NS}"><title>{_text(title, False)}</title>{body}</feed>'.encode()


def rss_generated(title: str, entries: list[list[tuple[int, str, bool]]]) -> bytes:
    body = "".join(_rss_item(parts) for parts in entries)
    data = rss_document(body).decode().replace("<title>A &amp; B</title>", "", 1)
    return data.replace("<channel>", f"<channel><title>{_text(title, True)}</title>", 1).encode()


@fuzz_settings(200)
@given(WORDS, RSS_ENTRIES)
def test_generated_rss_reads_the_same_by_both_readers(
    title: str, entries: list[list[tuple[int, str, bool]]]
) -> None:
    quick, slow, _ = both(rss_generated(title, entries))
    assert quick == slow


@fuzz_settings(200)
@given(WORDS, ATOM_ENTRIES)
def test_generated_atom_reads_the_same_by_both_readers(
    title: str, entries: list[list[tuple[int, str, bool]]]
) -> None:
    quick, slow, _ = both(atom_document(title, entries))
    assert quick == slow
