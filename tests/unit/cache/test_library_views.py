"""The library's views in the real store: Unread of the list and the feeds together, Starred,
Archive, a tag, a feed; narrowed by tags and words; counted."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from support.feeds import CACHED_URL, PENDING_URL, feed_ids
from support.reading_list import (
    ARCHIVED_URL,
    BROKEN_URL,
    BROKEN_WHY,
    SLOW_URL,
    TIDE_URL,
    UNREAD_TITLES,
    fill_list,
)
from tuireader.cache import Store, ViewItem


@pytest.fixture
def store(cache_dir: Path) -> Store:
    fill_list(cache_dir)
    return Store.in_directory(cache_dir)


def titles(items: list[ViewItem]) -> list[str]:
    return [item.title for item in items]


def test_unread_holds_the_list_and_the_feeds_newest_first_each_article_once(store: Store) -> None:
    items = store.view_items("unread")
    assert titles(items) == UNREAD_TITLES
    assert store.count_view("unread") == len(UNREAD_TITLES) == 7
    market = items[-1]  # saved, and an entry of the Gazette: its saved row, with the entry
    assert market.url == PENDING_URL and market.saved and market.entry is not None
    assert market.site == "Harbour Gazette" and market.tags == ("news",)
    assert market.date == "2025-02-28T08:00:00+00:00"  # when it was saved
    tide = items[3]
    assert (tide.saved, tide.starred, tide.cached, tide.site) == (True, True, True, "Tide News")
    broken = items[5]
    assert broken.fetch_error == BROKEN_WHY and not broken.cached
    ferry = items[2]  # an entry, tagged without being saved
    assert not ferry.saved and ferry.tags == ("news",) and ferry.cached


def test_windows_follow_on_without_a_gap_or_a_repeat(store: Store) -> None:
    first = store.view_items("unread", limit=3)
    rest = store.view_items("unread", limit=10, offset=3)
    assert titles(first + rest) == UNREAD_TITLES


def test_archiving_a_saved_article_takes_its_entry_out_of_unread_too(store: Store) -> None:
    store.set_state(PENDING_URL, "archived")
    assert PENDING_URL not in [i.url for i in store.view_items("unread")]
    assert store.count_view("unread") == 6
    archived = {i.url for i in store.view_items("archived")}  # both archived this second
    assert archived == {PENDING_URL, ARCHIVED_URL}
    entry = store.entry_for(PENDING_URL)
    assert entry is not None and entry.read


def test_starred_archive_and_a_tag(store: Store) -> None:
    assert [i.url for i in store.view_items("starred")] == [TIDE_URL, ARCHIVED_URL]
    assert [i.url for i in store.view_items("archived")] == [ARCHIVED_URL]
    news = store.view_items("#news")  # saved, in a feed, or only cached: every tagged article
    assert [i.url for i in news] == [CACHED_URL, TIDE_URL, PENDING_URL]
    assert store.count_view("#News") == 3  # tags ignore case
    assert [i.url for i in store.view_items("#essays")] == [SLOW_URL, ARCHIVED_URL]
    assert store.view_items("#nothing") == [] and store.count_view("#nothing") == 0


def test_a_view_narrowed_by_tags_and_words(store: Store) -> None:
    assert [i.url for i in store.view_items("unread", tags=["news"])] == [
        CACHED_URL,
        TIDE_URL,
        PENDING_URL,
    ]
    assert store.count_view("unread", tags=["news"]) == 3
    assert [i.url for i in store.view_items("unread", tags=["essays", "long"])] == [SLOW_URL]
    assert store.view_items("starred", tags=["long"]) == []
    assert titles(store.view_items("unread", words="BRIDGE")) == ["Bridge closed for inspection"]
    assert titles(store.view_items("unread", words="tide")) == ["Tide tables explained"]
    assert store.count_view("unread", words="tide") == 1
    assert titles(store.view_items("unread", words="100%")) == []  # % is no wildcard


def test_a_feeds_view_shows_the_lists_state_of_its_entries(store: Store, cache_dir: Path) -> None:
    gazette = feed_ids(cache_dir)["Harbour Gazette"]
    items = store.view_items(f"feed:{gazette}")
    assert titles(items) == [
        "Ferry returns after refit",
        "Bridge closed for inspection",
        "Market day moves indoors",
    ]
    assert [(i.saved, i.tags) for i in items] == [
        (False, ("news",)),
        (False, ()),
        (True, ("news",)),
    ]
    assert store.count_view(f"feed:{gazette}") == 3


def test_the_lists_counts_and_one_article(store: Store) -> None:
    counts = store.list_counts()
    assert counts[:4] == (5, 4, 2, 1)  # saved, unread, starred, archived
    assert counts.tags == (("essays", 2), ("long", 1), ("news", 3))
    item = store.view_item(BROKEN_URL)
    assert item is not None and item.saved and item.fetch_error == BROKEN_WHY
    ferry = store.view_item(CACHED_URL)
    assert ferry is not None and ferry.entry is not None and not ferry.saved
    assert store.view_item("https://nowhere.example/") is None


def test_without_feeds_unread_is_the_lists(cache_dir: Path) -> None:
    fill_list(cache_dir, feeds=False)
    store = Store.in_directory(cache_dir)
    assert titles(store.view_items("unread")) == [
        "On slow reading",
        "Tide tables explained",
        "A page that failed",
    ]
    assert store.count_view("unread") == 3


def test_a_bad_view_name_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="no view named"):
        store.view_items("everything")


def _read_unread(store: Store, into: list[ViewItem]) -> None:
    into.extend(store.view_items("unread"))


def _steps(store: Store, action: Callable[[], object]) -> int:
    """SQLite steps `action` takes on the store's connection, in hundreds."""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    store._db.set_progress_handler(tick, 100)
    try:
        action()
    finally:
        store._db.set_progress_handler(None, 0)
    return count


def test_the_first_window_of_unread_costs_the_same_however_many_rows(cache_dir: Path) -> None:
    """Unread saved URLs and entries, 2,000 of each then 8,000: the first window of Unread takes
    about as many SQLite steps either way (the merge reads each part in its index's order and
    stops), where a test of every unread entry takes four times as many."""
    from tuireader.cache import SavedRow
    from tuireader.feeds.model import FeedEntry, ParsedFeed

    store = Store.in_directory(cache_dir)
    feed, _ = store.add_feed("https://feed.example/rss")
    figures = []
    for start, end in ((0, 2000), (2000, 8000)):
        entries = tuple(
            FeedEntry(key=str(n), url=f"https://feed.example/{n}", published=f"2025-01-01T{n:06d}")
            for n in range(start, end)
        )
        store.save_check(feed.id, ParsedFeed(kind="rss", entries=entries))
        store.save_urls(
            SavedRow(f"https://saved.example/{n}", saved_at=f"2025-01-01T{n:06d}+")
            for n in range(start, end)
        )
        scan = _steps(
            store,
            lambda: store._db.execute(
                "SELECT count(*) FROM entries e WHERE e.read = 0 AND NOT EXISTS "
                "(SELECT 1 FROM saved s WHERE s.url = e.url)"
            ).fetchone(),
        )
        window: list[ViewItem] = []
        figures.append((scan, _steps(store, partial(_read_unread, store, window))))
        assert [i.saved for i in window[:4]] == [True, False, True, False]  # merged, newest first
        assert store.count_view("unread") == 2 * end
    (small_scan, small_window), (large_scan, large_window) = figures
    assert large_scan > 3 * small_scan  # the store grew enough for a scan to show
    assert large_window < 1.2 * small_window
