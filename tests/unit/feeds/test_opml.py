"""OPML lists: folders read as tags, tags written as folders, and nothing a file declares runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from support.paths import FIXTURE_DIR
from tuireader.feeds.model import OpmlFeed
from tuireader.feeds.opml import MAX_TAGS, OpmlError, read_opml, write_opml

SECRET = "SECRET-51d0e2-LOCAL-FILE-CONTENT"


def test_the_fixture_folders_become_tags_outermost_first() -> None:
    feeds = read_opml((FIXTURE_DIR / "feeds" / "subscriptions.opml").read_bytes())
    assert feeds == [
        OpmlFeed("https://top.example/feed.xml", "Top-level feed", "https://top.example/", ()),
        OpmlFeed("https://python.example/rss", "Python & friends", "", ("Tech", "Languages")),
        OpmlFeed("https://rust.example/atom.xml", "Title only", "", ("Tech", "Languages")),
        OpmlFeed("https://hn.example/rss", "Hacker feed", "", ("Tech",)),
        OpmlFeed("https://unnamed.example/feed", "In an unnamed folder", "", ()),
    ]


def test_write_then_read_gives_the_same_feeds() -> None:
    feeds = [
        OpmlFeed("https://a.example/f", 'A & <B> "quoted"', "https://a.example/", ("X", "Y")),
        OpmlFeed("https://b.example/f?a=1&b=2", "", "", ("X", "Y")),
        OpmlFeed("https://c.example/f", "C", "", ("X",)),
        OpmlFeed("https://d.example/f", "D", "", ()),
        OpmlFeed("https://e.example/f", "E", "", ("Z & <z>",)),
    ]
    assert read_opml(write_opml(feeds).encode("utf-8")) == feeds


def test_written_opml_is_2_0_with_nested_folders() -> None:
    text = write_opml(
        [OpmlFeed("https://a.example/f", "A", "", ("Tech", "News"))], title="Mine & yours"
    )
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n')
    assert "<title>Mine &amp; yours</title>" in text
    assert (
        '    <outline text="Tech" title="Tech">\n'
        '      <outline text="News" title="News">\n'
        '        <outline type="rss" text="A" title="A" xmlUrl="https://a.example/f"/>\n'
        "      </outline>\n"
        "    </outline>\n"
    ) in text


def test_written_text_holds_no_control_characters() -> None:
    feed = OpmlFeed("https://a.example/\x1b[2J", "T\x1b]0;x\x07\ufffe", "", ("F\x00\u202e",))
    text = write_opml([feed], title="\x9b31m")
    assert not any((ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in text)
    assert read_opml(text.encode()) == [OpmlFeed("https://a.example/ [2J", "T ]0;x", "", ("F",))]


def test_folders_deeper_than_the_limit_add_no_tag() -> None:
    tags = tuple(f"level {n}" for n in range(MAX_TAGS + 5))
    [feed] = read_opml(write_opml([OpmlFeed("https://deep.example/f", "Deep", "", tags)]).encode())
    assert feed.tags == tags[:MAX_TAGS]


def test_deep_nesting_is_read_without_recursion() -> None:
    depth = 50_000
    data = (
        '<opml version="2.0"><body>'
        + '<outline text="f">' * depth
        + '<outline xmlUrl="https://deep.example/f"/>'
        + "</outline>" * depth
        + "</body></opml>"
    ).encode()
    [feed] = read_opml(data)
    assert feed.tags == ("f",) * MAX_TAGS


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not an OPML file (it is empty)"),
        (b"<opml><body><outline text='a'></body></opml>", "mismatched tag, line 1, column 33"),
        (b"<opml><body>", "no element found, line 1, column 13"),
        (b"<rss version='2.0'/>", "not an OPML file (its root element is <rss>)"),
        (b"\xff\xfe\x00garbage", "not a readable OPML file"),
        (b"<opml>&nbsp;</opml>", "undefined entity"),
    ],
)
def test_what_cannot_be_read_raises_opml_error_in_one_line(data: bytes, message: str) -> None:
    with pytest.raises(OpmlError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        read_opml(data)
    assert "\n" not in str(caught.value)


def test_entity_declarations_are_refused_the_billion_laughs_among_them() -> None:
    laughs = (FIXTURE_DIR / "feeds" / "billion_laughs.xml").read_text()
    doctype = laughs[laughs.index("<!DOCTYPE") : laughs.index("]>") + 2].replace("rss", "opml")
    data = f'{doctype}<opml version="2.0"><body><outline text="&lol9;" xmlUrl="https://x/"/></body></opml>'
    with pytest.raises(OpmlError, match=r"^OPML file declares an entity \(lol\): refused$"):
        read_opml(data.encode())


def test_an_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    data = (
        f'<!DOCTYPE opml [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        '<opml><body><outline text="&xxe;" xmlUrl="https://x.example/"/></body></opml>'
    )
    with pytest.raises(OpmlError, match="declares an entity"):
        read_opml(data.encode())


def test_an_external_dtd_is_not_loaded_from_a_file_or_over_http(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    dtd = tmp_path / "secret.dtd"
    dtd.write_text(f'<!ENTITY secret "{SECRET}">', encoding="utf-8")
    httpserver.expect_request("/secret.dtd").respond_with_data(dtd.read_text())
    for system_id in (dtd.as_uri(), httpserver.url_for("/secret.dtd")):
        data = (
            f'<!DOCTYPE opml SYSTEM "{system_id}">'
            '<opml><body><outline text="A&secret;" xmlUrl="https://x.example/"/></body></opml>'
        )
        assert SECRET not in repr(read_opml(data.encode()))
    assert httpserver.log == []


def test_the_url_is_kept_as_written_and_a_site_url_only_when_http() -> None:
    data = (
        b'<opml><body><outline xmlUrl=" feed://odd.example/rss " htmlUrl="file:///etc/passwd"'
        b' text="Odd"/></body></opml>'
    )
    assert read_opml(data) == [OpmlFeed("feed://odd.example/rss", "Odd", "", ())]
