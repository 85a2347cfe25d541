"""Each format read from a file written by hand from its documentation (or its exporter's
source): the items, their states, tags, dates and content, and the rows skipped with why."""

from __future__ import annotations

import pytest

from support.interchange_files import fixture, omnivore_zip
from tuireader.feeds.model import OpmlFeed
from tuireader.interchange.model import Highlight, ImportResult, SavedItem, Skipped
from tuireader.interchange.read import read_import

MOSS = "https://moss.example/guide"
TIDES = "https://tides.example/explained"
STARS = "https://stars.example/"
FEED = "https://moss.example/feed.xml"


def by_url(result: ImportResult) -> dict[str, SavedItem]:
    return {item.url: item for item in result.items}


def test_pocket_csv() -> None:
    result = read_import(fixture("pocket.csv"))
    assert result.format == "pocket-csv"
    assert [item.url for item in result.items] == [MOSS, TIDES, "https://untitled.example/"]
    moss, tides, untitled = result.items
    # the second moss row (its fragment dropped, the same page) merges into the first:
    # tags unioned, the first one's title, date and state kept
    assert moss == SavedItem(
        url=MOSS,
        title="A Field Guide to Moss",
        state="unread",
        tags=("nature", "reading", "garden"),
        added_at="2023-11-14T22:13:20+00:00",
        where="line 2",
    )
    assert tides.state == "archived"
    assert tides.title == "Tides, Explained"
    assert tides.tags == ()
    assert untitled.title == ""
    assert result.skipped == (
        Skipped("line 5", "has no URL"),
        Skipped("line 6", "is not an http(s) URL: 'gopher://old.example/1'"),
        Skipped("line 7", "has an unreadable date: 'yesterday'"),
    )
    assert result.summary() == (
        "3 saved, 3 skipped: line 5 has no URL, "
        "line 6 is not an http(s) URL: 'gopher://old.example/1', … (1 more)"
    )


def test_pocket_html() -> None:
    result = read_import(fixture("ril_export.html"))
    assert result.format == "pocket-html"
    items = by_url(result)
    assert items[MOSS].tags == ("nature", "reading")
    assert items[MOSS].state == "unread"
    assert items[MOSS].added_at == "2023-11-14T22:13:20+00:00"
    assert items["https://lichen.example/"].title == "Lichens & Their Friends"
    assert items[TIDES].state == "archived"
    assert items[TIDES].tags == ("sea",)
    assert result.skipped == (Skipped("link 4", "is not an http(s) URL: 'javascript:alert(1)'"),)


def test_instapaper_csv() -> None:
    result = read_import(fixture("instapaper.csv"))
    assert result.format == "instapaper-csv"
    items = by_url(result)
    assert items[MOSS].state == "unread" and not items[MOSS].starred
    assert items[TIDES].state == "archived"
    assert items[TIDES].highlights == (Highlight("The moon pulls the sea."),)
    assert items[STARS].starred and items[STARS].state == "unread"
    bread = items["https://recipes.example/bread"]
    assert bread.tags == ("Cooking",)  # a folder of the reader's own is a tag
    assert bread.added_at == "2023-11-14T22:18:20+00:00"
    assert result.skipped == (Skipped("line 6", "is not an http(s) URL: 'not a url'"),)


def test_instapaper_csv_with_its_tags_column() -> None:
    items = by_url(read_import(fixture("instapaper-tags.csv")))
    assert items[MOSS].tags == ("nature", "reading")
    assert items["https://recipes.example/bread"].tags == ("Cooking",)


def test_wallabag_json() -> None:
    result = read_import(fixture("wallabag.json"))
    assert result.format == "wallabag-json"
    moss, tides = result.items
    assert moss == SavedItem(
        url=MOSS,
        title="A Field Guide to Moss",
        state="unread",
        starred=True,
        tags=("nature", "reading"),
        added_at="2023-11-14T22:13:20+00:00",
        content_html="<p>Moss grows where it is damp.</p>",
        highlights=(
            Highlight(
                "Moss grows where it is damp.",
                "check the north side",
                "2023-11-16T09:00:00+00:00",
                "2023-11-16T09:00:00+00:00",  # updated_at
            ),
        ),
        where="entry 1",
    )
    assert tides.state == "archived" and not tides.starred
    assert tides.tags == ("sea",)  # an older export's tag objects, by their label
    assert result.skipped == (
        Skipped("entry 3", "has no URL"),
        Skipped("entry 4", "is not an object"),
    )


@pytest.mark.parametrize("folder", ["", "omnivore-export/"])
def test_omnivore_zip(folder: str) -> None:
    result = read_import(omnivore_zip(folder=folder))
    assert result.format == "omnivore-zip"
    items = by_url(result)
    assert list(items) == [MOSS, TIDES, STARS]  # metadata files in cursor order
    moss = items[MOSS]
    assert moss.title == "A Field Guide to Moss"
    assert moss.tags == ("nature", "reading")
    assert moss.state == "unread"
    assert moss.added_at == "2023-11-14T22:13:20+00:00"
    assert moss.content_html == '<div class="page"><p>Moss grows where it is damp.</p></div>'
    assert moss.highlights == (
        Highlight("Moss grows where it is damp.", "check the north side"),
        Highlight("A second paragraph\n\nof one quote."),
    )
    assert moss.where == "metadata_0_to_3.json item 1"
    assert items[TIDES].state == "archived"
    assert items[TIDES].content_markdown == "# Tides, Explained\n\nThe moon pulls the sea.\n"
    assert items[TIDES].content_html == ""
    assert items[STARS].state == "archived"  # archivedAt set, whatever the state says
    assert result.skipped == (Skipped("metadata_0_to_3.json item 3", "has no URL"),)


def test_netscape_bookmarks() -> None:
    result = read_import(fixture("bookmarks.html"))
    assert result.format == "netscape-html"
    items = by_url(result)
    assert items[MOSS].tags == ("Reading", "nature", "green")  # folders, then Firefox's TAGS
    assert items[MOSS].added_at == "2023-11-14T22:13:20+00:00"
    assert items[TIDES].tags == ("Reading", "Sea")  # each enclosing folder, outermost first
    assert items[TIDES].title == "Tides, Explained"  # the <DD> description is not the title
    assert items[STARS].tags == ()  # the browser's own toolbar folder is no tag
    assert result.skipped == (
        Skipped("bookmark 3", "is not an http(s) URL: 'place:parent=toolbar_____&sort=12'"),
    )


def test_url_list() -> None:
    result = read_import(fixture("urls.txt"))
    assert result.format == "urls"
    assert [item.url for item in result.items] == [
        MOSS,
        "https://tides.example/explained?page=2",
        STARS,
    ]
    assert [item.where for item in result.items] == ["line 2", "line 4", "line 5"]
    assert result.skipped == (Skipped("line 6", "is not an http(s) URL: 'moss.example/no-scheme'"),)


def test_opml_goes_to_the_feeds_reader() -> None:
    result = read_import(fixture("subscriptions.opml"))
    assert result == ImportResult(
        "opml",
        (),
        (),
        (
            OpmlFeed(
                "https://moss.example/feed.xml", "Moss Weekly", "https://moss.example/", ("Nature",)
            ),
        ),
    )
    assert result.summary() == "0 saved, 1 feed"
