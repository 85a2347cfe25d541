"""A feed is a document from anyone: entity bombs stay small, no local file or URL is read,
and a huge feed is read in one pass.

Real payloads: the billion laughs, the quadratic blowup (one big entity referenced many
times, which expat refuses but feedparser's fallback parser expanded), external entities
and DTDs naming /etc/passwd, a file of the test's own and a URL on a local server.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from support.paths import FIXTURE_DIR
from tuireader.feeds.model import ParsedFeed
from tuireader.feeds.parse import parse_feed
from tuireader.feeds.prolog import without_doctypes

FEEDS = FIXTURE_DIR / "feeds"
SECRET = "SECRET-7f3a9c-LOCAL-FILE-CONTENT"
BOMB_VALUE = "x" * 1_000  # with 10,000 references: 10 MB if expanded


def everything(feed: ParsedFeed) -> str:
    return repr(feed)


def secret_dtd(tmp_path: Path) -> Path:
    path = tmp_path / "secret.dtd"
    path.write_text(f'<!ENTITY secret "{SECRET}">\n', encoding="utf-8")
    return path


def test_billion_laughs_stays_small() -> None:
    feed = parse_feed((FEEDS / "billion_laughs.xml").read_bytes(), "https://laughs.example/f")
    assert "lollol" not in everything(feed)
    assert len(everything(feed)) < 5_000
    assert feed.entries[0].title == "Item &lol9;"  # inert: the reference as written
    assert feed.malformed.startswith(
        "its DTD was ignored (entities a feed declares are not expanded)"
    )


def quadratic_bomb(references: int = 10_000) -> str:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss [\n<!ENTITY a "{BOMB_VALUE}">\n]>\n'
        '<rss version="2.0"><channel><title>Q</title><item><title>A &a;</title>'
        f"<description>{'&a;' * references}</description></item></channel></rss>"
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-32"])
def test_the_quadratic_blowup_is_not_expanded(encoding: str) -> None:
    document = quadratic_bomb()
    if encoding != "utf-8":
        document = document.replace('version="1.0"?>', f'version="1.0" encoding="{encoding}"?>')
    feed = parse_feed(document.encode(encoding), "")
    assert BOMB_VALUE not in everything(feed)
    assert feed.entries[0].title == "A &a;"


@pytest.mark.parametrize(
    "prolog",
    [
        # the DOCTYPE on one line, after junk, twice, and declared in lower case
        f'<!DOCTYPE rss [<!ENTITY a "{BOMB_VALUE}">]>',
        f'<-junk\n<!DOCTYPE rss [\n<!ENTITY a "{BOMB_VALUE}">\n]>',
        f'<!DOCTYPE x>\n<!DOCTYPE rss [\n<!ENTITY a "{BOMB_VALUE}">\n]>',
        f'<!doctype rss [\n<!ENTITY a "{BOMB_VALUE}">\n]>',
        f'<!-- <b> -->\n<!DOCTYPE rss [\n<!ENTITY a "{BOMB_VALUE}">\n]>',
        f'<!DOCTYPE rss [\n<!-- ]> -->\n<!ENTITY a "{BOMB_VALUE}">\n<!ENTITY b "]>">\n]>',
    ],
    ids=["one-line", "after-junk", "second", "lower-case", "after-a-comment", "tricky-subset"],
)
def test_a_doctype_is_cut_wherever_the_prolog_hides_it(prolog: str) -> None:
    body = '<rss version="2.0"><channel><title>Q</title><item><title>A</title>'
    body += f"<description>{'&a;' * 10_000}</description></item></channel></rss>"
    feed = parse_feed(f"{prolog}\n{body}".encode(), "")
    assert BOMB_VALUE not in everything(feed)
    assert [entry.title for entry in feed.entries] == ["A"]


@pytest.mark.parametrize("name", ["xxe_entity.xml", "xxe_external_dtd.xml", "xxe_parameter.xml"])
def test_external_entities_naming_etc_passwd_are_inert(name: str) -> None:
    feed = parse_feed((FEEDS / name).read_bytes(), "https://xxe.example/feed")
    assert "root:" not in everything(feed)
    assert feed.entries[0].url == "https://xxe.example/1"
    assert "&" in feed.entries[0].title  # the reference left as written


def test_an_external_entity_naming_a_local_file_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    document = (FEEDS / "xxe_entity.xml").read_text().replace("file:///etc/passwd", secret.as_uri())
    assert SECRET not in everything(parse_feed(document.encode(), ""))


def test_an_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    dtd = secret_dtd(tmp_path).as_uri()
    document = (FEEDS / "xxe_external_dtd.xml").read_text().replace("file:///etc/passwd", dtd)
    feed = parse_feed(document.encode(), "")
    assert SECRET not in everything(feed)
    assert feed.entries[0].title == "Item &secret;"


def test_a_parameter_entity_is_not_loaded(tmp_path: Path) -> None:
    dtd = secret_dtd(tmp_path).as_uri()
    document = (FEEDS / "xxe_parameter.xml").read_text().replace("file:///etc/passwd", dtd)
    assert SECRET not in everything(parse_feed(document.encode(), ""))


def test_no_entity_or_dtd_is_fetched_over_http(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/secret.dtd").respond_with_data(
        f'<!ENTITY secret "{SECRET}">', content_type="application/xml-dtd"
    )
    dtd = httpserver.url_for("/secret.dtd")
    for name in ("xxe_entity.xml", "xxe_external_dtd.xml", "xxe_parameter.xml"):
        document = (FEEDS / name).read_text().replace("file:///etc/passwd", dtd)
        assert SECRET not in everything(parse_feed(document.encode(), dtd))
    assert httpserver.log == []


def test_without_doctypes_cuts_them_whole_keeping_lines_and_the_root() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "> ]>">\n]>\n<rss><![CDATA[x]]></rss>'
    )
    prolog = without_doctypes(data)
    assert prolog.data == b'<?xml version="1.0"?>\n \n\n\n<rss><![CDATA[x]]></rss>'
    assert (prolog.root, prolog.entities_dropped, prolog.doctype_html) == ("rss", True, False)
    html = without_doctypes(b"<!DOCTYPE html>\n<html><body/></html>")
    assert (html.root, html.doctype_html, html.entities_dropped) == ("html", True, False)
    plain = b'<feed xmlns="http://www.w3.org/2005/Atom"/>'
    assert without_doctypes(plain).data is plain
    assert without_doctypes(b'<!DOCTYPE rss [ <!ENTITY a "never closed').data == b" "


def big_rss(count: int, broken: bool) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>https://big.example/{n}?utm_source=x</link>"
        f"<guid>id-{n}</guid><pubDate>Tue, 02 Jan 2024 10:30:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Summary {n}&lt;/p&gt;</description></item>"
        for n in range(count)
    )
    head = "<title>Big &nbsp; feed</title>" if broken else "<title>Big feed</title>"
    return f'<rss version="2.0"><channel>{head}{items}</channel></rss>'.encode()


@pytest.mark.slow
@pytest.mark.parametrize("broken", [False, True], ids=["well-formed", "read-leniently"])
def test_ten_thousand_entries(broken: bool) -> None:
    feed = parse_feed(big_rss(10_000, broken), "https://big.example/feed")
    assert len(feed.entries) == 10_000
    assert bool(feed.malformed) == broken
    last = feed.entries[-1]
    assert (last.key, last.url, last.summary) == (
        "id-9999",
        "https://big.example/9999",
        "Summary 9999",
    )


def test_ten_thousand_json_feed_items() -> None:
    items = [{"id": str(n), "url": f"https://big.example/{n}"} for n in range(10_000)]
    document = {"version": "https://jsonfeed.org/version/1.1", "items": items}
    feed = parse_feed(json.dumps(document).encode(), "")
    assert [entry.key for entry in feed.entries] == [str(n) for n in range(10_000)]
