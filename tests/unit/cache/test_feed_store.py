"""Subscriptions and entries in the real store: one check one transaction, no duplicates."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tuireader.cache import Store
from tuireader.feeds.model import FeedEntry, ParsedFeed

FEED = "https://news.example/feed.xml"
OTHER = "https://other.example/rss"


def entry(n: int, url: str | None = None, title: str = "") -> FeedEntry:
    link = f"https://news.example/story/{n}" if url is None else url
    return FeedEntry(key=f"guid-{n}", url=link, title=title or f"Story {n}")


def parsed(*entries: FeedEntry, title: str = "News") -> ParsedFeed:
    return ParsedFeed(kind="rss", title=title, entries=entries)


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def test_a_feed_is_followed_once(store: Store) -> None:
    first, added = store.add_feed(FEED, tags=("news", "world"))
    again, added_again = store.add_feed(FEED, title="ignored")
    assert added and not added_again and first.id == again.id
    assert [(f.url, f.tags, f.entries, f.unread) for f in store.feeds()] == [
        (FEED, ("news", "world"), 0, 0)
    ]


def test_a_check_keeps_new_entries_and_says_which_are_new(store: Store) -> None:
    feed, _ = store.add_feed(FEED)
    new = store.save_check(feed.id, parsed(entry(1), entry(2)), etag='"v1"')
    assert [e.title for e in new] == ["Story 1", "Story 2"]
    assert all(e.feed_title == "News" and not e.read for e in new)
    again = store.save_check(feed.id, parsed(entry(1, title="Story 1, updated"), entry(2)))
    assert again == []
    titles = {e.title for e in store.entries(feed.id)}
    assert titles == {"Story 1, updated", "Story 2"}
    (kept,) = store.feeds()
    assert (kept.title, kept.etag, kept.entries, kept.unread) == ("News", "", 2, 2)
    assert kept.last_checked and not kept.last_error


def test_not_modified_keeps_entries_and_the_validators(store: Store) -> None:
    feed, _ = store.add_feed(FEED)
    store.save_check(feed.id, parsed(entry(1)), etag='"v1"', last_modified="Mon, 01 Jan 2024")
    assert store.save_check(feed.id, None) == []  # a 304
    (kept,) = store.feeds()
    assert (kept.etag, kept.last_modified, kept.entries) == ('"v1"', "Mon, 01 Jan 2024", 1)
    store.save_check(feed.id, None, error="could not connect", not_before="2030-01-01")
    (failed,) = store.feeds()
    assert failed.last_error == "could not connect" and failed.not_before == "2030-01-01"
    assert failed.entries == 1 and failed.etag == '"v1"'


def test_a_changed_guid_with_the_same_link_is_the_same_entry(store: Store) -> None:
    feed, _ = store.add_feed(FEED)
    store.save_check(feed.id, parsed(entry(1)))
    moved = FeedEntry(key="a-new-guid", url="https://news.example/story/1", title="Story 1")
    assert store.save_check(feed.id, parsed(moved)) == []
    assert store.count_entries(feed.id) == 1


def test_the_same_article_in_two_feeds_is_one_unread_item(store: Store) -> None:
    news, _ = store.add_feed(FEED)
    other, _ = store.add_feed(OTHER)
    shared = "https://news.example/story/1"
    store.save_check(news.id, parsed(entry(1), entry(2)))
    store.save_check(other.id, parsed(FeedEntry(key="x", url=shared, title="Story 1 (copy)")))
    assert store.unread_counts() == {news.id: 2, other.id: 1}
    assert sorted(e.url for e in store.entries(unread_only=True)) == [
        shared,
        "https://news.example/story/2",
    ]
    copy = store.entries(other.id)[0]
    store.mark_entry(copy.id)  # read in one feed: read in both
    assert store.unread_counts() == {news.id: 1}
    late, _ = store.add_feed("https://third.example/feed")
    (arrived,) = store.save_check(late.id, parsed(FeedEntry(key="y", url=shared)))
    assert arrived.read  # already read elsewhere
    store.mark_entry(copy.id, read=False)
    assert store.unread_counts() == {news.id: 2, other.id: 1, late.id: 1}


def test_removing_a_feed_shows_the_copy_another_feed_has(store: Store) -> None:
    news, _ = store.add_feed(FEED)
    other, _ = store.add_feed(OTHER)
    shared = "https://news.example/story/1"
    store.save_check(news.id, parsed(entry(1)))
    store.save_check(other.id, parsed(FeedEntry(key="x", url=shared, title="Copy")))
    assert [e.feed_id for e in store.entries()] == [news.id]
    assert store.remove_feed(news.id)
    assert not store.remove_feed(news.id)
    assert [(e.feed_id, e.title) for e in store.entries()] == [(other.id, "Copy")]
    assert [f.url for f in store.feeds()] == [OTHER]


def test_an_entry_without_a_link_keeps_the_feeds_content(store: Store) -> None:
    feed, _ = store.add_feed(FEED)
    only = FeedEntry(key="note-1", title="A note", content_html="<p>All there is.</p>")
    (kept,) = store.save_check(feed.id, parsed(only))
    assert kept.url == "" and store.entry_content(kept.id) == "<p>All there is.</p>"
    assert store.entry_content(kept.id + 1000) == ""


def test_marking_a_feed_or_an_article_read(store: Store) -> None:
    news, _ = store.add_feed(FEED)
    other, _ = store.add_feed(OTHER)
    store.save_check(news.id, parsed(entry(1), entry(2), entry(3)))
    store.save_check(other.id, parsed(entry(3), entry(4)))
    assert store.mark_feed_read(news.id) == 3
    assert store.unread_counts() == {other.id: 1}  # story 3 is read in both
    assert store.mark_url_read("https://news.example/story/4") == 1
    assert store.unread_counts() == {}
    assert store.count_entries(unread_only=True) == 0 and store.count_entries() == 4


def test_old_read_entries_are_forgotten_unless_the_feed_still_has_them(store: Store) -> None:
    feed, _ = store.add_feed(FEED)
    store.save_check(feed.id, parsed(entry(1), entry(2)))
    store.mark_feed_read(feed.id)
    assert store.forget_read_entries("2000-01-01T00:00:00+00:00") == 0  # read after that
    assert store.forget_read_entries("2999-01-01T00:00:00+00:00") == 2
    assert store.count_entries(feed.id) == 0
    new = store.save_check(feed.id, parsed(entry(3)))
    assert [e.title for e in new] == ["Story 3"]


def test_a_check_is_one_transaction(store: Store) -> None:
    """An entry that cannot be written rolls back the whole check: no half-kept feed."""
    feed, _ = store.add_feed(FEED)
    store._db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON entries WHEN NEW.key = 'guid-2' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(Exception, match="refused"):
        store.save_check(feed.id, parsed(entry(1), entry(2)), etag='"v1"')
    assert store.count_entries(feed.id) == 0
    assert store.feeds()[0].etag == "" and store.feeds()[0].last_checked == ""


def sqlite_steps(store: Store, action: Callable[[], object]) -> int:
    """How many hundreds of SQLite VM instructions `action` ran on the store's connection."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    store._db.set_progress_handler(count, 100)
    try:
        action()
    finally:
        store._db.set_progress_handler(None, 100)
    return steps


def steps_beside(directory: Path, stored: int) -> tuple[int, int]:
    """The SQLite work of a check of 50 new linked entries, then of marking one of them read,
    beside `stored` entries of another feed (feed-only ones, quick to store)."""
    store = Store.in_directory(directory)
    try:
        big, _ = store.add_feed(OTHER)
        store.save_check(big.id, parsed(*(entry(n, url="") for n in range(stored))))
        feed, _ = store.add_feed(FEED)
        fifty = parsed(*(entry(n) for n in range(50)))
        save = sqlite_steps(store, lambda: store.save_check(feed.id, fifty))
        assert store.count_entries(feed.id) == 50
        mark = sqlite_steps(store, lambda: store.mark_url_read("https://news.example/story/3"))
        assert store.count_entries(feed.id, unread_only=True) == 49
        return save, mark
    finally:
        store.close()


def test_a_check_and_a_mark_do_not_read_every_stored_entry(tmp_path: Path) -> None:
    """Saving 50 new entries, and marking one read, cost the same beside 500 or 5,000 stored
    ones: the lookups by URL (the same entry in this feed, the same article in another) use the
    index, not a scan."""
    small = steps_beside(tmp_path / "small", 500)
    large = steps_beside(tmp_path / "large", 5_000)
    assert large[0] < 1.5 * small[0], (small, large)
    assert large[1] <= small[1] + 1, (small, large)


def test_a_version_4_store_gains_the_feed_tables(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    path = store.path
    store.close()
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE entry_content; DROP TABLE entries; DROP TABLE feeds;")
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()
    store = Store.in_directory(cache_dir)
    feed, added = store.add_feed(FEED)
    assert added and store.save_check(feed.id, parsed(entry(1)))


def test_articles_to_fetch_are_the_newest_of_each_feed_not_cached_unread_and_not_failed(
    store: Store,
) -> None:
    from tuireader.extractor_version import EXTRACTOR_VERSION
    from tuireader.models import Article, Page, PageInfo

    news, _ = store.add_feed(FEED)
    other, _ = store.add_feed(OTHER)
    dated = [entry(n)._replace(published=f"2024-01-{n:02d}T00:00:00+00:00") for n in range(1, 6)]
    store.save_check(news.id, parsed(*dated, FeedEntry(key="note", title="No link")))
    shared = "https://news.example/story/5"
    store.save_check(other.id, parsed(FeedEntry(key="x", url=shared), entry(9, OTHER + "/9")))
    assert [e.url for e in store.articles_to_fetch(3)] == [
        OTHER + "/9",  # undated: first seen now
        "https://news.example/story/5",
        "https://news.example/story/4",
        "https://news.example/story/3",
    ]  # the shared story once, story 2 and 1 are older than the newest 3, the note has no link
    cached = "https://news.example/story/4"
    store.save(
        Page(PageInfo(cached, cached), "<p>x</p>"),
        Article(title="Four", markdown="x", text="x", extractor_version=EXTRACTOR_VERSION),
    )
    store.set_fetch_error("https://news.example/story/3", "HTTP 404")
    store.mark_url_read(shared)
    assert [e.url for e in store.articles_to_fetch(3)] == [OTHER + "/9"]
    assert store.articles_to_fetch(0) == []
