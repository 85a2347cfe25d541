"""Each feed format, as its specification writes it, read into the same records.

The fixtures in tests/fixtures/feeds/ are written by hand from the specifications: RSS 0.91,
0.92, 1.0 (RDF) and 2.0, Atom 0.3 and 1.0, JSON Feed 1.0 and 1.1.
"""

from __future__ import annotations

import pytest

from support.paths import FIXTURE_DIR
from tuireader.feeds.model import FeedEntry, ParsedFeed
from tuireader.feeds.parse import parse_feed

FEEDS = FIXTURE_DIR / "feeds"


def parsed(
    name: str, url: str = "https://feeds.example/feed", content_type: str = ""
) -> ParsedFeed:
    return parse_feed((FEEDS / name).read_bytes(), url, content_type)


def by_title(feed: ParsedFeed) -> dict[str, FeedEntry]:
    return {entry.title: entry for entry in feed.entries}


def test_rss_091_in_latin_1_with_the_netscape_doctype() -> None:
    feed = parsed("rss091.xml")
    assert feed.kind == "rss"
    assert feed.title == "WriteTheWeb"
    assert feed.site_url == "http://writetheweb.com/"
    assert feed.description == "News for web users that write back"
    first, second = feed.entries
    assert first.url == first.key == "http://writetheweb.com/read.php?item=24"
    # An HTML entity its DTD would have declared, and a Latin-1 byte: both read.
    assert second.title == "Café syndication"
    assert second.summary == "Café au lait & RSS, written in Latin-1."


def test_rss_092_an_item_may_be_a_description_alone() -> None:
    feed = parsed("rss092.xml")
    assert feed.title == "Dave Winer: Grateful Dead"
    bare, linked = feed.entries
    assert (bare.title, bare.url) == ("", "")
    assert bare.key.startswith("sha256:")
    assert bare.summary == (
        "It's been a few days since I added a song to the Grateful Dead channel. "
        "Weather Report Suite."
    )
    assert '<a href="http://www.scripting.com/mp3s/weatherReportSuite.mp3">' in bare.content_html
    assert linked.url == "http://www.scripting.com/mp3s/touchOfGrey.mp3"


def test_rss_10_rdf() -> None:
    feed = parsed("rss10.rdf")
    assert (feed.kind, feed.title, feed.site_url) == ("rss", "XML.com", "http://xml.com/pub")
    xslt, rdf = feed.entries
    assert xslt == xslt._replace(
        key="http://xml.com/pub/2000/08/09/xslt/xslt.html",
        url="http://xml.com/pub/2000/08/09/xslt/xslt.html",
        title="Processing Inclusions with XSLT",
        author="Bob DuCharme",
        published="2000-08-09T08:30:00+00:00",  # dc:date at +02:00, in UTC
        summary="Processing document inclusions with general XML tools can be problematic.",
    )
    assert rdf.title == "Putting RDF to Work"
    assert rdf.published == ""


def test_rss_20_channel_facts() -> None:
    feed = parsed("rss20.xml", "https://example.org/journal/feed.xml")
    assert feed.kind == "rss"
    assert feed.title == "Example Journal"
    assert feed.site_url == "https://example.org/journal/"  # relative, and its utm_ dropped
    assert feed.description == "Notes & essays, with markup."
    assert feed.ttl_minutes == 90
    assert feed.skip_hours == {0, 1}  # 24 is midnight; 99 is no hour
    assert feed.skip_days == {"Saturday", "Sunday"}  # "sunday" read; "Caturday" is no day
    assert feed.malformed == ""


def test_rss_20_item_with_content_encoded() -> None:
    feed = parsed("rss20.xml", "https://example.org/journal/feed.xml")
    full = by_title(feed)["Full content"]
    assert full.key == "tag:example.org,2024:full"
    assert full.url == "https://example.org/journal/full?page=2"  # utm_* and fbclid gone
    assert full.author == "Edith Editor"
    assert full.published == "2024-01-02T08:30:00+00:00"
    assert full.summary == "The summary, with markup."  # the script's text is not text
    assert full.content_html == (
        '<base href="https://example.org/journal/feed.xml">'
        '<p>The <em>whole</em> article, with an <img src="/img/a.png" alt="a"> image.</p>'
    )


def test_atom_03() -> None:
    feed = parsed("atom03.xml")
    assert (feed.kind, feed.title) == ("atom", "dive into mark")
    assert feed.site_url == "http://diveintomark.org/"
    assert feed.description == "A lot of effort went into making this effortless."
    escaped, xhtml = feed.entries
    assert escaped.key == "tag:diveintomark.org,2003:3.2397"
    assert escaped.url == "http://diveintomark.org/2003/12/13/atom03"
    assert escaped.published == "2003-12-13T12:29:29+00:00"  # <issued> at -04:00
    assert escaped.summary == "An escaped-free summary."
    assert escaped.content_html.endswith("<p>The <strong>escaped</strong> content.</p>")
    assert escaped.author == "Mark Pilgrim"  # the feed's author, for an entry without one
    assert xhtml.published == "2003-12-12T10:00:00+00:00"  # only <modified>
    assert xhtml.summary == "Inline XHTML content."  # from the content: it has no summary
    assert "<p>Inline <em>XHTML</em> content.</p>" in xhtml.content_html


def test_atom_10_text_constructs_by_type() -> None:
    feed = parsed("atom10.xml", "https://atom.example/blog/feed.atom")
    assert feed.title == "Tom & Jerry <b>not bold</b>"  # type="text": the characters written
    assert feed.description == "A cat and a mouse"  # type="html": its text
    chase, xhtml, text, _related = feed.entries
    assert chase.title == "HTML title: chase & run"
    assert chase.summary == "Plain text with <b> that stays literal."
    assert xhtml.title == "XHTML title"
    assert text.summary == "First paragraph <not a tag>. Second paragraph."
    assert text.content_html.endswith(
        "<p>First paragraph &lt;not a tag&gt;.</p><p>Second paragraph.</p>"
    )


def test_atom_10_xml_base_resolves_links_and_leads_the_content() -> None:
    feed = parsed("atom10.xml", "https://elsewhere.example/feed.atom")
    chase, xhtml, text, related = feed.entries
    assert feed.site_url == "https://atom.example/blog/"  # xml:base on the feed
    assert chase.url == "https://atom.example/blog/2024/chase"  # and its utm_medium gone
    assert chase.content_html == (
        '<base href="https://atom.example/blog/">'
        '<p>HTML content with a <a href="rel/link">relative link</a>.</p>'
    )
    assert xhtml.url == "https://other.example/elsewhere/post.html"  # xml:base on the entry
    assert xhtml.content_html.startswith('<base href="https://other.example/elsewhere/">')
    assert '<a href="x.html">a link</a>' in xhtml.content_html
    assert text.url == "https://atom.example/blog/text"  # the alternate, not the enclosure
    assert related.url == ""  # a related link is not the entry's
    assert related.key == "tag:atom.example,2024:related"


def test_atom_10_authors_and_dates() -> None:
    chase, xhtml, _text, related = parsed("atom10.xml").entries
    assert chase.author == "Tom, Jerry"
    assert xhtml.author == "Tom"  # the feed's
    assert chase.published == "2024-03-01T14:00:00+00:00"  # <published>, not <updated>
    assert xhtml.published == "2024-02-28T22:30:00+00:00"  # <updated> when unpublished
    assert related.published == ""  # "not a date"


def test_json_feed_10() -> None:
    feed = parsed("jsonfeed10.json", "https://json.example/feed.json", "application/feed+json")
    assert feed.kind == "json"
    assert feed.title == "JSON Feed 1.0 [31mred"  # the escape character is gone
    assert feed.site_url == "https://json.example/"
    second, first, bad_link, odd = feed.entries
    assert second == FeedEntry(
        key="2",
        url="https://json.example/posts/two",
        title="Second post",
        author="Item Author",
        published="2024-04-02T08:00:00+00:00",
        summary="Hello, world.",
        content_html='<base href="https://json.example/feed.json">'
        '<p>Hello, <b>world</b>. <img src="pic.png"></p>',
    )
    assert first.key == "1"  # a number as id
    assert first.author == "Feed Author"  # 1.0's feed-level author object
    assert (
        first.content_html
        == "<p>Text only, no title.</p><p>Two paragraphs &lt;with&gt; brackets.</p>"
    )
    assert first.summary == "Text only, no title. Two paragraphs <with> brackets."
    assert (bad_link.url, bad_link.summary, bad_link.published) == ("", "A summary of its own.", "")
    assert (odd.key, odd.title, odd.url, odd.summary) == ("4", "", "", "odd types")
    assert len(feed.entries) == 4  # "not an item" is skipped


def test_json_feed_11() -> None:
    feed = parsed("jsonfeed11.json", content_type="application/feed+json; charset=utf-8")
    two_authors, link_blog = feed.entries
    assert two_authors.author == "Ann, Bob"  # 1.1's authors list; a nameless one skipped
    assert two_authors.published == "2024-05-01T19:00:00+00:00"
    assert two_authors.summary == "Summary A"
    assert link_blog.url == "https://elsewhere.example/linked"  # external_url, no url
    assert link_blog.author == "Feed One, Feed Two"  # the feed's authors
    assert link_blog.published == "2024-05-02T00:00:00+00:00"  # no offset: taken as UTC


@pytest.mark.parametrize("content_type", ["", "application/json", "text/plain"])
def test_json_feed_is_known_by_its_version_whatever_the_media_type(content_type: str) -> None:
    assert parsed("jsonfeed11.json", content_type=content_type).kind == "json"


def test_a_feed_served_as_html_is_still_read() -> None:
    assert parsed("rss20.xml", content_type="text/html; charset=utf-8").title == "Example Journal"
