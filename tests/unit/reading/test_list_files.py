"""Reading-list files into a real store and out of it: what an import keeps, the progress of the
content it carries, and what an export gives back."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.feed_site import ARTICLE_WORDS
from tuireader.cache import Store
from tuireader.interchange.model import ImportResult, SavedItem, Skipped
from tuireader.reading.list_files import exported_items, store_import

A, B, C = (f"https://example.org/{name}" for name in ("a", "b", "c"))
CONTENT = "".join(f"<p>{ARTICLE_WORDS}</p>" for _ in range(3))


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def result(*items: SavedItem, skipped: tuple[Skipped, ...] = ()) -> ImportResult:
    return ImportResult("wallabag-json", items, skipped)


def test_an_import_keeps_states_stars_tags_dates_and_content(store: Store) -> None:
    found = result(
        SavedItem(A, "A", "archived", True, ("x",), "2024-01-01T00:00:00+00:00", CONTENT),
        SavedItem(B, "B", added_at="2024-01-02T00:00:00+00:00", content_markdown="Some *words*."),
        SavedItem(C, "C", added_at="2024-01-03T00:00:00+00:00"),
        skipped=(Skipped("entry 4", "has no URL"),),
    )
    steps: list[tuple[int, int]] = []
    stored = store_import(store, found, progress=lambda done, total: steps.append((done, total)))
    assert stored == (3, 0, 2)
    assert stored.line(found) == (
        "3 saved, 2 readable offline from the file's content, 1 skipped: entry 4 has no URL"
    )
    assert steps == [(1, 2), (2, 2)]  # only the items that carry content
    item = store.saved_item(A)
    assert item is not None
    assert (item.state, item.starred, item.tags, item.saved_at, item.cached) == (
        "archived",
        True,
        ("x",),
        "2024-01-01T00:00:00+00:00",
        True,
    )
    assert store.urls_to_fetch() == [C]  # what the file carried no content for
    again = store_import(store, found)
    assert again == (0, 3, 0) and again.line(found).startswith("0 saved, 3 already saved, 1 ")


def test_an_export_is_the_whole_list_oldest_first_with_content_when_asked(store: Store) -> None:
    store_import(
        store,
        result(
            SavedItem(B, "B", tags=("t",), added_at="2024-02-01T00:00:00+00:00"),
            SavedItem(A, "A", added_at="2024-01-01T00:00:00+00:00", content_html=CONTENT),
        ),
    )
    plain = list(exported_items(store))
    assert [(i.url, i.tags, i.added_at, i.content_markdown) for i in plain] == [
        (A, (), "2024-01-01T00:00:00+00:00", ""),
        (B, ("t",), "2024-02-01T00:00:00+00:00", ""),
    ]
    with_content = list(exported_items(store, content=True))
    assert "harbour master" in with_content[0].content_markdown
    assert with_content[0].content_html.startswith("<p>The harbour master")
    assert with_content[1].content_html == ""  # not cached: nothing to give


def test_an_export_pages_through_a_long_list_in_order(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tuireader.reading.list_files.PAGE", 7)
    items = [
        SavedItem(f"https://example.org/{n}", added_at=f"2024-01-01T00:{n:02d}:00+00:00")
        for n in range(30)
    ]
    store_import(store, result(*items))
    assert [i.url for i in exported_items(store)] == [i.url for i in items]
