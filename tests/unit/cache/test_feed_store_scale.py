"""Work per call on a store of many entries, counted in SQLite's virtual machine steps: a lookup
by URL, a read mark and a check of one new entry must use an index, not read every entry.

(Counting steps, not timing: a scan of the 20,000 entries takes some 60,000 steps, an
index lookup a few hundred.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tuireader.cache import Store
from tuireader.feeds.model import FeedEntry, ParsedFeed

FEEDS, ENTRIES = 4, 5000
STEP = 100  # the progress handler is called every this many steps
BOUND = 2_000  # steps an indexed call stays under


def url(feed: int, n: int) -> str:
    return f"https://site{feed}.example/story/{n}"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.in_directory(tmp_path_factory.mktemp("cache"))
    for f in range(FEEDS):
        feed, _ = store.add_feed(f"https://site{f}.example/rss")
        entries = tuple(
            FeedEntry(key=f"{f}-{n}", url=url(f, n), title=f"Story {n}") for n in range(ENTRIES)
        )
        store.save_check(feed.id, ParsedFeed(kind="rss", title=f"Site {f}", entries=entries))
    return store


def steps(store: Store, action: Callable[[], object]) -> int:
    """SQLite steps `action` takes on the store's connection (rounded up to STEP)."""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    store._db.set_progress_handler(tick, STEP)
    try:
        action()
    finally:
        store._db.set_progress_handler(None, 0)
    return count * STEP


def test_the_store_is_big_enough_that_a_scan_shows(store: Store) -> None:
    scan = steps(store, lambda: store._db.execute("SELECT count(*) FROM entries WHERE title = ''"))
    assert scan > 20 * BOUND


def test_calls_by_url_use_the_index(store: Store) -> None:
    middle = url(2, ENTRIES // 2)
    assert steps(store, lambda: store.entry_for(middle)) < BOUND
    assert steps(store, lambda: store.mark_url_read(middle)) < BOUND
    assert steps(store, lambda: store.set_fetch_error(middle, "timed out")) < BOUND
    entry = store.entry_for(url(1, 7))
    assert entry is not None
    assert steps(store, lambda: store.mark_entry(entry.id, True)) < BOUND
    assert steps(store, lambda: store.entry(entry.id)) < BOUND


def test_a_check_with_one_new_entry_reads_no_other_entry(store: Store) -> None:
    """The new entry is looked up by its key and its URL in its feed and in every other."""
    feed = store.feeds()[0]
    unread = store.count_entries(unread_only=True)
    new = FeedEntry(key="new", url=url(3, 1), title="Seen in another feed too")
    parsed = ParsedFeed(kind="rss", title=feed.title, entries=(new,))
    assert steps(store, lambda: store.save_check(feed.id, parsed)) < BOUND
    assert store.count_entries(feed.id) == ENTRIES + 1
    assert store.count_entries(unread_only=True) == unread  # site 3's article: one unread item


def test_which_urls_are_cached_is_one_query_a_few_hundred(cache_dir: Path) -> None:
    """A window of entries asks about 80 links at once: one statement, asked or final URLs."""
    from tuireader.models import Article, Page, PageInfo

    store = Store.in_directory(cache_dir)
    for n in range(0, 900, 3):  # every third URL cached, each under a final URL of its own
        asked = url(0, n)
        info = PageInfo(url=asked, final_url=asked + "?moved", fetched_at="2025-01-01")
        store.save(Page(info, "<p>x</p>"), Article(title=f"Story {n}"))
    urls = [url(0, n) for n in range(900)] + [url(0, 3) + "?moved", "https://elsewhere.example/"]
    statements: list[str] = []
    store._db.set_trace_callback(statements.append)
    try:
        found = store.cached_urls(urls)
    finally:
        store._db.set_trace_callback(None)
    assert found == {url(0, n) for n in range(0, 900, 3)} | {url(0, 3) + "?moved"}
    assert len([s for s in statements if s.startswith("SELECT")]) == 3  # 902 URLs, 400 a query
    store.close()
