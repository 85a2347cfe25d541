"""The reading list in the real store: saved URLs, their state, tags, and read = archived."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuireader.cache import SavedRow, Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.feeds.model import FeedEntry, ParsedFeed
from tuireader.models import Article, Page, PageInfo

A, B, C = (f"https://example.org/{name}" for name in ("a", "b", "c"))


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def cache(store: Store, url: str, title: str) -> None:
    store.save(
        Page(PageInfo(url=url, final_url=url), "<p>x</p>"),
        Article(title=title, text="x", extractor_version=EXTRACTOR_VERSION),
    )


def test_saving_twice_adds_nothing_but_new_tags(store: Store) -> None:
    rows = [
        SavedRow(A, "Saved A", tags=("news",), saved_at="2025-01-01T00:00:00+00:00"),
        SavedRow(
            B, "Saved B", state="archived", starred=True, saved_at="2025-01-02T00:00:00+00:00"
        ),
    ]
    assert store.save_urls(rows, source="pocket-csv") == (2, 0)
    again = [*rows, SavedRow(A, "Other title", state="archived", tags=("news", "#World "))]
    assert store.save_urls(again) == (0, 3)
    item = store.saved_item(A)
    assert item is not None
    assert (item.title, item.state, item.tags) == ("Saved A", "unread", ("news", "World"))
    assert store.count_saved("unread") == 1 and store.count_saved("archived") == 1
    assert [i.url for i in store.reading_list("starred")] == [B]
    assert [i.url for i in store.reading_list("all")] == [B, A]  # newest saved first


def test_views_by_state_star_and_tag(store: Store) -> None:
    store.save_urls([SavedRow(A, tags=("x",)), SavedRow(B, tags=("x", "y")), SavedRow(C)])
    store.set_state(B, "archived")
    store.set_starred(C, True)
    assert {i.url for i in store.reading_list("unread")} == {A, C}
    assert [i.url for i in store.reading_list("archived")] == [B]
    assert [i.url for i in store.reading_list("starred")] == [C]
    assert {i.url for i in store.reading_list("#x")} == {A, B}
    assert [i.url for i in store.reading_list("#Y")] == [B]  # tags ignore case
    assert store.all_tags() == [("x", 2), ("y", 1)]
    assert not store.set_state(B, "archived")  # already
    assert store.set_state(B, "unread") and store.count_saved("unread") == 3


def test_tags_of_any_article_added_and_removed(store: Store) -> None:
    assert store.retag(A, add=["one", "two", "", "  "]) == ("one", "two")
    assert store.retag(A, remove=["one"], add=["three"]) == ("three", "two")
    assert store.saved_item(A) is None  # tagging does not save it
    assert store.tags_of(A) == ("three", "two")


def test_the_title_is_the_articles_once_cached_and_what_is_left_to_fetch(store: Store) -> None:
    store.save_urls([SavedRow(A, "As saved"), SavedRow(B, "Not fetched")])
    cache(store, A, "The article's own title")
    item = store.saved_item(A)
    assert item is not None and item.cached and item.title == "The article's own title"
    assert store.urls_to_fetch() == [B]
    for _ in range(3):
        store.set_saved_error(B, "HTTP 503")
    assert store.urls_to_fetch() == []  # three attempts: left to be opened by hand
    store.set_saved_error(B, "")
    assert store.urls_to_fetch() == [B]
    assert store.unsave(B) and not store.unsave(B) and store.urls_to_fetch() == []


def test_read_and_archived_are_one_fact(store: Store) -> None:
    feed, _ = store.add_feed("https://example.org/feed")
    entries = (FeedEntry(key="a", url=A), FeedEntry(key="b", url=B), FeedEntry(key="c", url=C))
    store.save_check(feed.id, ParsedFeed(kind="rss", entries=entries))
    store.save_urls([SavedRow(A), SavedRow(B), SavedRow(C, state="archived")])
    assert store.unread_counts() == {feed.id: 2}  # saved archived (an import): read
    store.set_state(A, "archived")  # archived on the list: its feed entry is read
    assert store.unread_counts() == {feed.id: 1}
    store.mark_url_read(B)  # read to the end as a feed entry: archived on the list
    assert store.count_saved("unread") == 0
    (entry_a,) = [e for e in store.entries(feed.id) if e.url == A]
    store.mark_entry(entry_a.id, read=False)
    item = store.saved_item(A)
    assert item is not None and item.state == "unread"
    store.mark_feed_read(feed.id)
    assert store.count_saved("unread") == 0


def test_a_version_5_store_gains_the_reading_list(cache_dir: Path) -> None:
    import sqlite3

    store = Store.in_directory(cache_dir)
    path = store.path
    store.close()
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE saved; DROP TABLE tags; PRAGMA user_version = 5;")
    db.close()
    store = Store.in_directory(cache_dir)
    assert store.save_urls([SavedRow(A, tags=("t",))]) == (1, 0)
    assert store.tags_of(A) == ("t",)


def test_eviction_takes_articles_waiting_on_the_list_last(store: Store) -> None:
    for url in (A, B, C):  # A oldest, so the first to go by age
        cache(store, url, url)
    store.save_urls([SavedRow(A), SavedRow(B, state="archived")])
    store.set_starred(C, False)  # saved, read: no longer waiting
    store.set_state(C, "archived")
    _, content = store.size()
    removed = store.evict(content - 1)  # room for all but one
    assert removed == [B]  # archived B goes before unread A, though A is older
    assert store.evict(0) == [C, A]  # A only when nothing else is left
