"""Which entries a feed changed, in the real store: its updated date when it gives one, else its
title and content; only for an article the cache holds; never at first sight."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tuireader.cache import Store
from tuireader.cache.feeds import ARTICLE_ATTEMPTS
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.feeds.model import FeedEntry, ParsedFeed
from tuireader.models import Article, Page, PageInfo

FEED = "https://news.example/feed.xml"
URL = "https://news.example/story/1"
MORNING = "2024-10-28T08:00:00+00:00"
EVENING = "2024-10-28T19:30:00+00:00"


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def check(store: Store, *entries: FeedEntry) -> None:
    feed = store.feed(FEED) or store.add_feed(FEED)[0]
    store.save_check(feed.id, ParsedFeed(kind="atom", entries=entries))


def entry(updated: str = "", content: str = "<p>One.</p>", url: str = URL) -> FeedEntry:
    return FeedEntry(key=url, url=url, title="Story", updated=updated, content_html=content)


def cache(store: Store, url: str = URL) -> None:
    article = Article(title="Story", text="One.", extractor_version=EXTRACTOR_VERSION)
    store.save(Page(PageInfo(url=url, final_url=url), "<p>One.</p>"), article)


def to_refetch(store: Store) -> list[str]:
    return [e.url for e in store.articles_to_refetch(20)]


def test_a_new_updated_date_marks_a_cached_article(store: Store) -> None:
    check(store, entry(MORNING))
    cache(store)
    check(store, entry(MORNING))
    assert to_refetch(store) == []  # seen again as it was
    check(store, entry(EVENING))
    assert to_refetch(store) == [URL]
    check(store, entry(EVENING))
    assert to_refetch(store) == [URL]  # still to do: a check does not undo it
    store.refetched(URL)
    assert to_refetch(store) == []


def test_the_date_decides_when_the_feed_gives_one(store: Store) -> None:
    check(store, entry(MORNING, "<p>One.</p>"))
    cache(store)
    check(store, entry(MORNING, "<p>One, and a comment count.</p>"))
    assert to_refetch(store) == []


def test_without_a_date_a_new_title_or_content_marks_it(store: Store) -> None:
    check(store, entry())
    cache(store)
    moved = '<base href="https://news.example/new-feed.xml"><p>One.</p>'
    check(store, entry(content=moved))  # the feed moved: its text did not change
    assert to_refetch(store) == []
    check(store, entry(content="<p>One, corrected.</p>"))
    assert to_refetch(store) == [URL]


def test_an_article_not_cached_is_left_to_the_new_articles(store: Store) -> None:
    check(store, entry(MORNING))
    check(store, entry(EVENING))
    assert to_refetch(store) == []
    assert [e.url for e in store.articles_to_fetch(20)] == [URL]
    cache(store)  # fetched as a new article, as it is now: nothing to fetch again
    assert to_refetch(store) == []


def test_a_failing_refetch_is_tried_a_few_times_then_left_until_it_changes_again(
    store: Store,
) -> None:
    check(store, entry(MORNING))
    cache(store)
    check(store, entry(EVENING))
    for _ in range(ARTICLE_ATTEMPTS):
        assert to_refetch(store) == [URL]
        store.refetched(URL, failed=True)
    assert to_refetch(store) == []
    check(store, entry("2024-10-29T07:00:00+00:00"))
    assert to_refetch(store) == [URL]


def test_a_version_7_store_gains_the_columns_and_its_entries_start_unchanged(
    store: Store, cache_dir: Path
) -> None:
    check(store, entry(MORNING))
    cache(store)
    path = store.path
    store.close()
    db = sqlite3.connect(path)
    db.executescript(
        "DROP INDEX entries_refetch; ALTER TABLE entries DROP COLUMN refetch; "
        "ALTER TABLE entries DROP COLUMN updated; ALTER TABLE entries DROP COLUMN content_hash; "
        "PRAGMA user_version = 7;"
    )
    db.close()

    again = Store.in_directory(cache_dir)
    check(again, entry(EVENING))  # what the feed said before is not known: no change
    assert to_refetch(again) == []
    check(again, entry("2024-10-29T07:00:00+00:00"))
    assert to_refetch(again) == [URL]
