"""An export is a file from anyone: huge fields, deep folders, zip bombs, paths that climb out,
escape sequences and markup, entity bombs, bytes that are not UTF-8. Each is bounded, skipped
with its reason, or read as plain data; none raises past read_import or stops the rest."""

from __future__ import annotations

import html
import io
import json
import sys
import zipfile
from collections.abc import Iterator
from types import FrameType
from typing import Any

import pytest

from support.interchange_files import omnivore_zip, zipped
from tuireader.interchange import omnivore
from tuireader.interchange.fields import MAX_TAGS, TAG_CHARS, TITLE_CHARS
from tuireader.interchange.model import SavedItem, Skipped
from tuireader.interchange.netscape import MAX_FOLDER_TAGS
from tuireader.interchange.read import read_import
from tuireader.interchange.write import write_export
from tuireader.textsafe import clean_line

MEGABYTE = 1024 * 1024
HOSTILE = "\x1b]8;;https://evil.example/\x07[bold red]Click[/] <b>me</b>\x1b[2J\u202e\x9b31m"


def clean(item: SavedItem) -> bool:
    return all(clean_line(text) == text for text in (item.url, item.title, *item.tags))


# --- huge CSV fields -------------------------------------------------------------------------


def test_a_csv_with_1_mb_fields_skips_those_rows_and_reads_the_rest() -> None:
    big = "x" * MEGABYTE
    data = (
        "title,url,time_added,tags,status\n"
        "First,https://a.example/1,1700000000,,unread\n"
        f'"{big}",https://a.example/2,1700000000,,unread\n'
        f"Third,https://a.example/3?{big},1700000000,,unread\n"
        f"Fourth,https://a.example/4,1700000000,{big},unread\n"
        "Fifth,https://a.example/5,1700000000,,unread\n"
    ).encode()
    result = read_import(data)
    assert [item.url for item in result.items] == ["https://a.example/1", "https://a.example/5"]
    reason = "has a field longer than 131,072 characters"
    assert result.skipped == (
        Skipped("line 3", reason),
        Skipped("line 4", reason),
        Skipped("line 5", reason),
    )


def test_long_fields_under_the_csv_limit_are_clipped() -> None:
    title = "T" * 100_000
    tags = "|".join(f"tag{n}" for n in range(5_000))
    data = f"title,url,time_added,tags,status\n{title},https://a.example/,1,{tags},unread\n"
    (item,) = read_import(data.encode()).items
    assert len(item.title) == TITLE_CHARS and item.title.endswith("…")
    assert len(item.tags) == MAX_TAGS
    long_tag = "t" * 10_000
    data = f"URL,Title,Selection,Folder,Timestamp\nhttps://a.example/,A,,{long_tag},1\n"
    (item,) = read_import(data.encode()).items
    assert len(item.tags[0]) == TAG_CHARS


# --- deep bookmark folders -------------------------------------------------------------------


def test_100000_nested_folders_are_read_without_recursion_and_the_tags_are_capped() -> None:
    depth = 100_000
    data = (
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n"
        + "".join(f"<DT><H3>f{n}</H3>\n<DL><p>\n" for n in range(depth))
        + '<DT><A HREF="https://deep.example/" ADD_DATE="1700000000">Deep</A>\n'
        + "</DL><p>\n" * depth
        + '<DT><A HREF="https://shallow.example/">Shallow</A>\n</DL>\n'
    ).encode()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # a recursive reader would fail at once
    try:
        result = read_import(data)
    finally:
        sys.setrecursionlimit(limit)
    deep, shallow = result.items
    assert deep.tags == tuple(f"f{n}" for n in range(MAX_FOLDER_TAGS))
    assert shallow.tags == ()  # every folder was closed again
    assert result.skipped == ()


def test_unclosed_folders_and_links_still_give_their_bookmarks() -> None:
    data = (
        b"<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><DT><H3>Open</H3><DL>"
        b'<DT><A HREF="https://a.example/">A<DT><A HREF="https://b.example/">B'
    )
    result = read_import(data)
    assert [(item.url, item.title, item.tags) for item in result.items] == [
        ("https://a.example/", "A", ("Open",)),
        ("https://b.example/", "B", ("Open",)),
    ]


# --- entity bombs ----------------------------------------------------------------------------

LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))


def test_an_entity_bomb_in_a_bookmark_file_is_not_expanded() -> None:
    data = (
        '<!DOCTYPE NETSCAPE-Bookmark-file-1 [<!ENTITY lol0 "lol">' + LAUGHS + "]>\n"
        "<DL><p><DT><H3>&lol9;</H3><DL><p>"
        '<DT><A HREF="https://a.example/" TAGS="&lol9;">Laughs &lol9; &amp; more</A>'
        "</DL><p></DL>"
    ).encode()
    result = read_import(data)
    (item,) = result.items
    assert "lollol" not in repr(result)
    assert item.title == "Laughs &lol9; & more"  # the reference as written, inert
    assert item.tags == ("&lol9;",)


def test_an_entity_bomb_in_a_pocket_page_is_not_expanded() -> None:
    data = (
        '<!DOCTYPE html [<!ENTITY lol0 "lol">' + LAUGHS + "]>\n<h1>Unread</h1><ul>"
        '<li><a href="https://a.example/" time_added="1" tags="&lol9;">&lol9;</a></li></ul>'
    ).encode()
    result = read_import(data)
    assert "lollol" not in repr(result)
    assert result.items[0].title == "&lol9;"


# --- zip bombs and paths ---------------------------------------------------------------------


METADATA = (
    b'[{"slug": "bomb", "url": "https://bomb.example/", "title": "Bomb"},'
    b' {"slug": "fine", "url": "https://fine.example/", "title": "Fine"}]'
)


def test_a_member_bigger_than_its_cap_is_skipped_and_the_rest_read() -> None:
    data = _export_with_bomb(64 * MEGABYTE)
    assert len(data) < MEGABYTE  # 64 MB of article in well under 1 MB of zip
    result = read_import(data)
    items = {item.url: item for item in result.items}
    assert items["https://bomb.example/"].content_html == ""
    assert items["https://fine.example/"].content_html == "<p>fine</p>"
    assert result.skipped == (
        Skipped("content/bomb.html", "is larger than 10 MB uncompressed: skipped"),
    )


def _export_with_bomb(size: int) -> bytes:
    """An Omnivore export one of whose articles is `size` bytes, written a megabyte at a time."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("metadata_0_to_2.json", METADATA)
        archive.writestr("content/fine.html", b"<p>fine</p>")
        chunk = b"a" * MEGABYTE
        with archive.open("content/bomb.html", "w", force_zip64=True) as member:
            for _ in range(size // MEGABYTE):
                member.write(chunk)
    return out.getvalue()


def test_reading_stops_at_the_total_cap_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(omnivore, "MEMBER_BYTES", 2 * MEGABYTE)
    monkeypatch.setattr(omnivore, "TOTAL_BYTES", 5 * MEGABYTE)
    items = [f'{{"slug": "s{n}", "url": "https://a.example/{n}"}}' for n in range(10)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata_0_to_10.json", "[" + ",".join(items) + "]")
        for n in range(10):
            archive.writestr(f"content/s{n}.html", b"<p>" + b"a" * (MEGABYTE + 10) + b"</p>")
    read_sizes: list[int] = []
    real_bounded = omnivore._Export.bounded

    def counting(self: Any, stream: Any, name: str) -> bytes | None:
        result = real_bounded(self, stream, name)
        read_sizes.append(self.total)
        return result

    monkeypatch.setattr(omnivore._Export, "bounded", counting)
    result = read_import(out.getvalue())
    assert [item.url for item in result.items] == [f"https://a.example/{n}" for n in range(4)]
    assert result.skipped[0] == Skipped(
        "the zip", "was read only in part: more than 5 MB uncompressed; the rest was not imported"
    )
    assert result.summary().startswith("4 saved, 1 skipped: the zip was read only in part")
    assert max(read_sizes) <= 5 * MEGABYTE  # counted while decompressing


@pytest.mark.parametrize(
    "name",
    [
        "../metadata_0_to_1.json",
        "../../etc/passwd",
        "/etc/passwd",
        "\\\\server\\share\\x",
        "C:/Windows/x",
        "content/../../x.html",
        "content\\..\\..\\x.html",
    ],
)
def test_a_member_whose_path_climbs_out_is_skipped_and_never_touches_the_disk(
    name: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    opened: list[str] = []
    real_open = open

    def watched_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watched_open)
    result = read_import(omnivore_zip({name: b"[]"}))
    assert len(result.items) == 3
    assert Skipped(f"zip member {name!r}", "has an unsafe path: skipped") in result.skipped
    assert opened == []
    assert list(work.iterdir()) == []


def test_a_slug_that_climbs_out_names_only_a_member_of_the_zip() -> None:
    metadata = b'[{"slug": "../../../etc/passwd", "url": "https://a.example/"}]'
    result = read_import(zipped({"metadata_0_to_1.json": metadata}))
    assert result.items[0].content_html == ""
    assert result.skipped == ()


def test_a_damaged_member_is_skipped_with_its_reason() -> None:
    data = bytearray(omnivore_zip())
    start = data.find(b"Moss grows")  # stored compressed: damage the deflate stream instead
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("content/a-field-guide-to-moss-18b9.html")
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[offset : offset + 8] = b"\xff" * 8
    assert start == -1
    result = read_import(bytes(data))
    assert len(result.items) == 3
    (skip,) = [s for s in result.skipped if s.where.startswith("content/")]
    assert skip.where == "content/a-field-guide-to-moss-18b9.html"
    assert skip.why.startswith("cannot be read (")


# --- escape sequences, markup, invalid UTF-8 -------------------------------------------------


def _every_format_with(text: str) -> Iterator[tuple[str, bytes]]:
    raw = SavedItem("https://a.example/", text, tags=(text, "plain"))
    csv_text = (
        f'title,url,time_added,tags,status\n"{text}",https://a.example/,1,{text}|plain,unread\n'
    )
    yield "pocket-csv", csv_text.encode()
    yield "wallabag-json", write_export([raw], "wallabag-json").encode()
    yield "netscape-html", write_export([raw], "netscape-html").encode()
    yield (
        "instapaper-csv",
        f"URL,Title,Selection,Folder,Timestamp,Tags\n"
        f'https://a.example/,"{text}",,"{text}",1,"[""plain""]"\n'.encode(),
    )
    yield (
        "pocket-html",
        f'<h1>Unread</h1><ul><li><a href="https://a.example/" time_added="1" '
        f'tags="{html.escape(text)},plain">{html.escape(text)}</a></li></ul>'.encode(),
    )
    entry = {"slug": "x", "url": "https://a.example/", "title": text, "labels": [text, "plain"]}
    metadata = json.dumps([entry])
    yield "omnivore-zip", zipped({"metadata_0_to_1.json": metadata.encode()})


@pytest.mark.parametrize(
    "format",
    [
        "pocket-csv",
        "wallabag-json",
        "netscape-html",
        "instapaper-csv",
        "pocket-html",
        "omnivore-zip",
    ],
)
def test_escape_sequences_and_markup_come_out_as_clean_text(format: str) -> None:
    data = dict(_every_format_with(HOSTILE))[format]
    result = read_import(data, format)
    (item,) = result.items
    assert clean(item)
    assert "\x1b" not in repr(result) and "\x9b" not in repr(result)
    # markup stays as written: data, never interpreted
    assert "[bold red]Click[/]" in item.title
    assert "<b>me</b>" in item.title
    assert "plain" in item.tags


def test_controls_and_bidi_marks_in_a_url_are_percent_encoded() -> None:
    data = "https://a.example/\u202egnp.exe\x80 x\n\nhttps://b.example/\x1b[2J\n".encode()
    result = read_import(data, "urls")
    assert [item.url for item in result.items] == [
        "https://a.example/%E2%80%AEgnp.exe%C2%80%20x",
        "https://b.example/%1B[2J",
    ]


def test_invalid_utf8_becomes_replacement_characters() -> None:
    data = (
        b"title,url,time_added,tags,status\n"
        b"Caf\xe9 \xff\xfe,https://a.example/,1,t\xc3\x28ag,unread\n"
        b"\xed\xa0\x80 surrogate,https://b.example/,1,,unread\n"
    )
    result = read_import(data)
    first, second = result.items
    assert first.title == "Caf\ufffd \ufffd\ufffd"
    assert first.tags == ("t\ufffd(ag",)
    assert second.title == "\ufffd\ufffd\ufffd surrogate"
    for format in ("netscape-html", "urls", "instapaper-csv", "pocket-html"):
        garbage = read_import(b"\x80\xfe\xfd\xffgarbage \xc0\xaf\n", format)
        assert garbage.items == ()


# --- size: counted, not timed ----------------------------------------------------------------


def _pocket_csv(rows: int) -> bytes:
    lines = ["title,url,time_added,tags,status"]
    lines += [
        f"Article {n},https://site{n % 50}.example/a/{n},{1_600_000_000 + n},t{n % 7}|x,unread"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def _lines_run(data: bytes) -> int:
    """How many lines of Python run to read `data` (a measure of work that no machine skews)."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        read_import(data)
    finally:
        sys.settrace(None)
    return count


def test_reading_a_pocket_csv_is_linear_in_its_rows() -> None:
    small = _lines_run(_pocket_csv(1_000))
    large = _lines_run(_pocket_csv(10_000))
    assert len(read_import(_pocket_csv(10_000)).items) == 10_000
    assert large < 11 * small  # ten times the rows, about ten times the work
    assert large / 10_000 < 400  # and a bounded amount of it per row
