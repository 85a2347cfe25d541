"""The format is found from the content; an unknown file says what it looked like, in one line."""

from __future__ import annotations

import pytest

from support.interchange_files import fixture, omnivore_zip, zipped
from tuireader.interchange.detect import detect_format
from tuireader.interchange.model import BadImport, UnknownFormat
from tuireader.interchange.read import read_import


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pocket.csv", "pocket-csv"),
        ("ril_export.html", "pocket-html"),
        ("instapaper.csv", "instapaper-csv"),
        ("instapaper-tags.csv", "instapaper-csv"),
        ("wallabag.json", "wallabag-json"),
        ("bookmarks.html", "netscape-html"),
        ("subscriptions.opml", "opml"),
        ("urls.txt", "urls"),
    ],
)
def test_each_fixture_is_recognised_whatever_its_name(name: str, expected: str) -> None:
    data = fixture(name)
    assert detect_format(data) == expected
    assert detect_format(data, "download (3).bin") == expected


def test_an_omnivore_zip_is_recognised() -> None:
    assert detect_format(omnivore_zip()) == "omnivore-zip"


def test_an_empty_wallabag_export_is_one() -> None:
    assert detect_format(b"[]\n") == "wallabag-json"
    assert detect_format(b"[ ]") == "wallabag-json"


def test_a_byte_order_mark_and_leading_blank_lines_are_skipped() -> None:
    assert detect_format(b"\xef\xbb\xbf\n\n" + fixture("pocket.csv")) == "pocket-csv"
    utf16 = fixture("instapaper.csv").decode().encode("utf-16")
    assert detect_format(utf16) == "instapaper-csv"
    assert read_import(utf16).items[0].url == "https://moss.example/guide"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "", "the file is empty"),
        (b"   \n\n", "", "the file is empty"),
        (b"\x00\x01\x02binary", "", "the file is binary data, not an export tuireader reads"),
        (
            b'[{"url": "https://a.example/"}]',
            "",
            "a JSON file, but not a Wallabag export (it names no is_archived or is_starred)",
        ),
        (
            b"<html><body><p>Hello</p></body></html>",
            "",
            "an HTML or XML document, but not a bookmark file, Pocket export or OPML list",
        ),
        (
            b"name,address\nx,y\n",
            "contacts.csv",
            "a CSV file whose header is neither Pocket's (title,url,time_added,tags,status) "
            "nor Instapaper's (URL,Title,Selection,Folder): 'name,address'",
        ),
        (
            b"Dear reader,\nthis is a letter.\n",
            "",
            "plain text whose lines are not URLs (it starts 'Dear reader,')",
        ),
        (zipped({"notes.txt": b"hi"}), "", "a zip file, but not an Omnivore export"),
        (b"PK\x03\x04 damaged", "", "a damaged zip file"),
    ],
)
def test_an_unknown_file_says_what_it_looked_like(data: bytes, name: str, message: str) -> None:
    with pytest.raises(UnknownFormat) as caught:
        detect_format(data, name)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_control_character_in_an_unknown_file_is_not_quoted_raw() -> None:
    with pytest.raises(UnknownFormat) as caught:
        detect_format(b"\x1b]0;pwned\x07 hello\nworld\n")
    assert "\x1b" not in str(caught.value) and "\x07" not in str(caught.value)


def test_the_name_breaks_a_tie_for_a_pocket_page_without_its_headings() -> None:
    page = b'<html><ul><li><a href="https://a.example/" time_added="1">A</a></li></ul></html>'
    with pytest.raises(UnknownFormat):
        detect_format(page, "page.html")
    assert detect_format(page, "ril_export.html") == "pocket-html"


def test_a_forced_format_is_used_as_given() -> None:
    # a URL list read as Pocket's CSV: its first line is taken as the header
    result = read_import(fixture("urls.txt"), "urls")
    assert len(result.items) == 3
    forced = read_import(b"https://a.example/\nhttps://b.example/\n", "pocket-csv")
    assert forced.format == "pocket-csv"
    assert forced.items == ()
    assert [str(s) for s in forced.skipped] == ["line 2 has no URL"]


def test_an_unknown_forced_format_is_refused_in_one_line() -> None:
    with pytest.raises(BadImport) as caught:
        read_import(b"x", "pinboard")
    assert str(caught.value).startswith("unknown format 'pinboard' (one of: pocket-csv,")


@pytest.mark.parametrize(
    ("data", "format", "message"),
    [
        (b"[1, 2", "wallabag-json", "not a readable Wallabag export (JSON: "),
        (b'{"a": 1}', "wallabag-json", "not a Wallabag export (its JSON is not a list of entries)"),
        (b"[" * 100_000 + b"]" * 100_000, "wallabag-json", "not a readable Wallabag export ("),
        (b"not a zip", "omnivore-zip", "not a readable zip file ("),
        (zipped({"a.txt": b"x"}), "omnivore-zip", "not an Omnivore export (the zip holds no"),
        (b"<html/>", "opml", "not an OPML file"),
    ],
)
def test_a_file_that_is_not_its_format_raises_one_line(
    data: bytes, format: str, message: str
) -> None:
    with pytest.raises(BadImport) as caught:
        read_import(data, format)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
