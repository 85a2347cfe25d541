"""Exports other tools read, and that tuireader reads back into the same items."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tuireader.interchange.detect import detect_format
from tuireader.interchange.model import BadImport, Highlight, SavedItem
from tuireader.interchange.read import read_import
from tuireader.interchange.write import EXPORT_FORMATS, write_export

ITEMS = (
    SavedItem(
        url="https://moss.example/guide",
        title='Moss & "Lichen" <b>[bold]</b>',
        state="unread",
        starred=True,
        tags=("nature", "reading list"),
        added_at="2023-11-14T22:13:20+00:00",
        content_html="<p>Moss grows where it is damp.</p>",
        highlights=(Highlight("Moss grows", "north side", "2023-11-16T09:00:00+00:00"),),
    ),
    SavedItem(
        url="https://tides.example/explained?page=2",
        title="Tides, Explained",
        state="archived",
        content_markdown="# Tides\n\nThe moon pulls the sea.\n",
    ),
    SavedItem(url="https://stars.example/", state="archived", starred=True, tags=("sky",)),
)
DETECTED = {"wallabag-json": "wallabag-json", "netscape-html": "netscape-html", "csv": "pocket-csv"}


def carried(item: SavedItem, format: str) -> SavedItem:
    """What of `item` the format carries: the bookmark file and the CSV have no content."""
    item = item._replace(where="")
    if format == "wallabag-json":
        return item
    return item._replace(content_html="", content_markdown="", highlights=())


@pytest.mark.parametrize("format", EXPORT_FORMATS)
def test_a_round_trip_changes_nothing(format: str) -> None:
    written = write_export(ITEMS, format)
    assert detect_format(written.encode()) == DETECTED[format]
    result = read_import(written.encode())
    assert result.skipped == ()
    back = sorted(item._replace(where="") for item in result.items)
    assert back == sorted(carried(item, format) for item in ITEMS)


def test_wallabag_json_is_wallabag_s_shape() -> None:
    entries = json.loads(write_export(ITEMS, "wallabag-json"))
    assert entries[0] == {
        "title": 'Moss & "Lichen" <b>[bold]</b>',
        "url": "https://moss.example/guide",
        "is_archived": 0,
        "is_starred": 1,
        "tags": ["nature", "reading list"],
        "created_at": "2023-11-14T22:13:20+00:00",
        "content": "<p>Moss grows where it is damp.</p>",
        "mimetype": "text/html",
        "annotations": [
            {
                "annotator_schema_version": "v1.0",
                "quote": "Moss grows",
                "text": "north side",
                "created_at": "2023-11-16T09:00:00+00:00",
                "updated_at": None,
                "ranges": [],
            }
        ],
    }
    assert entries[1]["is_archived"] == 1
    assert entries[1]["created_at"] is None
    assert entries[1]["content_markdown"] == "# Tides\n\nThe moon pulls the sea.\n"


def test_the_bookmark_file_puts_states_in_folders_and_tags_in_tags() -> None:
    written = write_export(ITEMS, "netscape-html")
    assert written.startswith("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n")
    unread, archive = written.split('<DT><H3 TUIREADER_STATE="archived">Archive</H3>')
    assert '<DT><H3 TUIREADER_STATE="unread">Unread</H3>' in unread
    assert (
        '<DT><A HREF="https://moss.example/guide" ADD_DATE="1700000000" '
        'TAGS="nature,reading list" TUIREADER_STARRED="true">'
        'Moss &amp; "Lichen" &lt;b&gt;[bold]&lt;/b&gt;</A>'
    ) in unread
    assert '<DT><A HREF="https://tides.example/explained?page=2">Tides, Explained</A>' in archive


def test_a_browser_style_folder_named_archive_is_a_tag_not_a_state() -> None:
    data = (
        b"<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p><DT><H3>Archive</H3><DL><p>"
        b'<DT><A HREF="https://a.example/" TUIREADER_STARRED="no">A</A></DL><p></DL>'
    )
    (item,) = read_import(data).items
    assert item.state == "unread" and item.tags == ("Archive",) and not item.starred


def test_the_csv_is_pocket_s_columns_and_starred() -> None:
    rows = list(csv.reader(io.StringIO(write_export(ITEMS, "csv"))))
    assert rows[0] == ["title", "url", "time_added", "tags", "status", "starred"]
    assert rows[1] == [
        'Moss & "Lichen" <b>[bold]</b>',
        "https://moss.example/guide",
        "1700000000",
        "nature|reading list",
        "unread",
        "1",
    ]
    assert rows[2][2:] == ["", "", "archive", "0"]


def test_nothing_written_gives_an_empty_list() -> None:
    for format in EXPORT_FORMATS:
        assert read_import(write_export([], format).encode(), DETECTED[format]).items == ()


def test_an_unknown_export_format_is_refused_in_one_line() -> None:
    with pytest.raises(BadImport, match=r"^unknown export format 'pdf' \(one of: wallabag-json,"):
        write_export(ITEMS, "pdf")


def test_a_csv_cell_a_spreadsheet_would_run_is_written_inert_and_read_back_whole() -> None:
    risky = SavedItem(
        url="https://formula.example/",
        title='=HYPERLINK("http://evil.example","click")',
        tags=("+cmd", "-rf"),
        added_at="2024-01-02T03:04:05+00:00",
    )
    text = write_export([risky], "csv")
    (row,) = list(csv.reader(io.StringIO(text)))[1:]
    assert row[0] == "'" + risky.title and row[3] == "'+cmd|-rf"
    (back,) = read_import(text.encode(), "pocket-csv").items
    assert back.title == risky.title and back.tags == risky.tags
