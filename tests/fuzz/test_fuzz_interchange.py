"""Reading lists: whatever an export holds, items come out clean and nothing but BadImport is
raised; any items, written in any export format and read back, are the same items."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from support.fuzz_settings import fuzz_settings
from support.hostile_strategies import TEXT, URLS
from support.interchange_files import zipped
from tuireader.interchange import fields
from tuireader.interchange.detect import FORMATS, detect_format
from tuireader.interchange.model import BadImport, SavedItem, State, UnknownFormat
from tuireader.interchange.read import read_import
from tuireader.interchange.write import EXPORT_FORMATS, write_export
from tuireader.textsafe import clean_line, is_clean

pytestmark = pytest.mark.fuzz

PATHS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._~/%?=&", max_size=30)
HTTP_URLS = (
    st.builds(
        "{}://{}.example/{}".format,
        st.sampled_from(["http", "https", "HTTPS"]),
        st.sampled_from(["moss", "tides", "a-b", "xn--bcher-kva"]),
        PATHS,
    )
    | URLS
)
DATES = st.none() | st.integers(0, 253_402_300_799)
STATES: st.SearchStrategy[State] = st.sampled_from(["unread", "archived"])


@st.composite
def saved_items(draw: st.DrawFn) -> SavedItem:
    """An item as a reader builds it: raw hostile fields through the shared cleaning."""
    url = draw(HTTP_URLS)
    try:
        item_url = fields.item_url(url)
    except fields.BadRow:
        assume(False)
    when = draw(DATES)
    notes = draw(
        st.lists(st.tuples(TEXT, TEXT, st.sampled_from(["", "2024-01-02T03:04:05Z"])), max_size=3)
    )
    return fields.saved_item(
        item_url,
        where="",
        title_text=draw(TEXT),
        state=draw(STATES),
        starred=draw(st.booleans()),
        tag_values=draw(st.lists(TEXT, max_size=4)),
        added_at="" if when is None else fields.epoch_date(when),
        content_html=draw(st.sampled_from(["", "<p>x</p>"]) | TEXT),
        content_markdown=draw(st.sampled_from(["", "# x\n"]) | TEXT),
        highlights=[fields.highlight(*note) for note in notes],
    )


ITEM_LISTS = st.lists(saved_items(), max_size=6, unique_by=lambda item: item.url)


def carried(item: SavedItem, format: str) -> SavedItem:
    if format == "wallabag-json":
        return item
    return item._replace(content_html="", content_markdown="", highlights=())


@fuzz_settings(200)
@given(ITEM_LISTS, st.sampled_from(EXPORT_FORMATS))
def test_any_items_survive_a_round_trip(items: list[SavedItem], format: str) -> None:
    result = read_import(write_export(items, format).encode("utf-8"))
    assert result.skipped == ()
    back = sorted(item._replace(where="") for item in result.items)
    assert back == sorted(carried(item, format) for item in items)


def assert_clean(item: SavedItem) -> None:
    for text in (item.url, item.title, *item.tags, item.added_at, item.where):
        assert clean_line(text) == text
    assert item.url.startswith(("http://", "https://"))
    assert is_clean(item.content_html) and is_clean(item.content_markdown)
    for note in item.highlights:
        assert is_clean(note.quote) and is_clean(note.note)
    assert all(tag and "," not in tag and "|" not in tag for tag in item.tags)


TEXT_FORMATS = [format for format in FORMATS if format not in ("omnivore-zip", "opml")]


@fuzz_settings(300)
@given(
    st.binary(max_size=2000) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([None, *TEXT_FORMATS]),
)
def test_any_bytes_give_clean_items_or_bad_import(data: bytes, format: str | None) -> None:
    try:
        result = read_import(data, format)
    except BadImport as exc:
        assert "\n" not in str(exc)
        return
    for item in result.items:
        assert_clean(item)
    for skipped in result.skipped:
        assert clean_line(str(skipped)) == str(skipped)
    assert "\n" not in result.summary()


ROW = st.lists(TEXT | URLS | st.integers().map(str), min_size=0, max_size=6)


@fuzz_settings(200)
@given(
    st.sampled_from(["title,url,time_added,tags,status", "URL,Title,Selection,Folder,Timestamp"]),
    st.lists(ROW, max_size=5),
)
def test_any_csv_rows_give_clean_items(header: str, rows: list[list[str]]) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header.split(","))
    writer.writerows(rows)
    result = read_import(out.getvalue().encode("utf-8", "surrogatepass"))
    for item in result.items:
        assert_clean(item)


METADATA_ITEM = st.fixed_dictionaries(
    {
        "url": URLS | TEXT,
        "title": TEXT,
        "labels": st.lists(TEXT, max_size=3),
        "state": st.sampled_from(["Active", "Archived", "SUCCEEDED", ""]),
        "slug": TEXT,
        "savedAt": st.sampled_from(["2024-01-01T00:00:00.000Z", "", "soon"]),
    }
)


@fuzz_settings(100)
@given(
    st.lists(METADATA_ITEM, max_size=4), st.dictionaries(TEXT, st.binary(max_size=50), max_size=3)
)
def test_any_omnivore_zip_gives_clean_items(
    entries: list[dict[str, object]], members: dict[str, bytes]
) -> None:
    import json

    files = {"metadata_0_to_9.json": json.dumps(entries).encode()}
    for name, data in members.items():
        if name.split("\x00")[0].strip("/"):  # zipfile cannot write a member without a name
            files[name.encode("utf-8", "replace").decode()] = data
    try:
        result = read_import(zipped(files))
    except BadImport as exc:
        assert "\n" not in str(exc)
        return
    for item in result.items:
        assert_clean(item)


@fuzz_settings(300)
@given(st.binary(max_size=3000), TEXT)
def test_detection_names_a_format_or_says_what_it_saw(data: bytes, name: str) -> None:
    try:
        assert detect_format(data, name) in FORMATS
    except UnknownFormat as exc:
        assert "\n" not in str(exc)
        assert is_clean(str(exc))
