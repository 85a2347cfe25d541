"""The refresh against real feeds on 127.0.0.1 and a real store: what is kept, what is fetched,
and when a feed is left alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from support.feed_site import FeedSite, page_declaring
from support.fixture_site import FixtureSite, Route
from tuireader.cache import Store
from tuireader.models import CacheState
from tuireader.reading.reader import Reader
from tuireader.reading.refresh import Refresher, RefreshProgress, is_due
from tuireader.settings import Settings


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


@pytest.fixture
def feeds(site: FixtureSite) -> FeedSite:
    return FeedSite(site)


def refresh(store: Store, settings: Settings | None = None, **options: object) -> Refresher:
    return Refresher(Reader(store, settings=settings), **options)  # type: ignore[arg-type]


def test_new_entries_are_kept_and_their_articles_cached(store: Store, feeds: FeedSite) -> None:
    harbour = feeds.feed("harbour", 3)
    fog = feeds.feed("fog", 1)
    store.add_feed(harbour)
    store.add_feed(fog)
    seen: list[RefreshProgress] = []
    summary = refresh(store, progress=seen.append).run()
    assert summary.line() == (
        "2 feeds: 0 unchanged, 2 updated, 4 new articles fetched, 0 articles failed, 0 feeds failed"
    )
    assert {f.title: (f.entries, f.unread, f.last_error) for f in store.feeds()} == {
        "Harbour": (3, 3, ""),
        "Fog": (1, 1, ""),
    }
    for entry in store.entries():
        reading = Reader(store).open(entry.url, offline=True)
        assert reading.state is CacheState.CACHED and reading.article.title == entry.title
    feed_steps = [s for s in seen if s.phase == "feeds"]
    assert feed_steps[-1].done == feed_steps[-1].total == 2
    assert {s.finished for s in feed_steps if s.outcome == "updated"} == {"Harbour", "Fog"}
    article_steps = [s for s in seen if s.phase == "articles"]
    assert article_steps[-1].done == 4 and article_steps[-1].failed == 0


def test_a_second_refresh_is_all_304_and_fetches_nothing(
    store: Store, feeds: FeedSite, site: FixtureSite
) -> None:
    store.add_feed(feeds.feed("harbour", 3))
    refresh(store).run()
    asked = len(site.requests)
    summary = refresh(store).run()
    assert summary.line() == (
        "1 feed: 1 unchanged, 0 updated, 0 new articles fetched, 0 articles failed, 0 feeds failed"
    )
    (path, headers), *more = site.requests[asked:]
    assert more == [] and path == "/harbour/feed.xml" and headers["If-None-Match"] == '"v1"'
    assert store.feeds()[0].etag == '"v1"'


def test_only_the_newest_articles_of_each_feed_are_fetched(store: Store, feeds: FeedSite) -> None:
    store.add_feed(feeds.feed("harbour", 5))
    summary = refresh(store, Settings(feed_max_articles=2)).run()
    assert summary.articles_fetched == 2 and summary.new_entries == 5
    assert sorted(feeds.article_requests("harbour")) == ["/harbour/0.html", "/harbour/1.html"]


def test_no_articles_when_the_settings_or_the_caller_say_so(store: Store, feeds: FeedSite) -> None:
    store.add_feed(feeds.feed("harbour", 2))
    assert refresh(store, Settings(feed_fetch_articles=False)).run().articles_fetched == 0
    assert refresh(store, articles=False, force=True).run().articles_fetched == 0
    assert feeds.article_requests("harbour") == []
    assert refresh(store, force=True).run().articles_fetched == 2  # what was missed is fetched


def test_an_article_that_fails_is_recorded_counted_and_not_a_failed_feed(
    store: Store, feeds: FeedSite, site: FixtureSite
) -> None:
    store.add_feed(feeds.feed("harbour", 2))
    del site.routes["/harbour/1.html"]  # 404
    summary = refresh(store).run()
    assert summary.line() == (
        "1 feed: 0 unchanged, 1 updated, 1 new article fetched, 1 article failed, 0 feeds failed"
    )
    assert not summary.nothing_refreshed
    errors = {e.url.rsplit("/", 1)[1]: e.fetch_error for e in store.entries()}
    assert errors["0.html"] == "" and "was not found (HTTP 404)" in errors["1.html"]
    assert summary.articles_failed[0][0] == site.url("/harbour/1.html")
    for _ in range(3):  # tried again by the next refreshes, three times in all
        refresh(store, force=True).run()
    assert feeds.article_requests("harbour").count("/harbour/1.html") == 3


def test_an_article_that_failed_once_is_fetched_by_the_next_refresh(
    store: Store, feeds: FeedSite, site: FixtureSite
) -> None:
    store.add_feed(feeds.feed("harbour", 1))
    page = site.routes.pop("/harbour/0.html")  # the server is down for that one
    refresh(store).run()
    assert store.entries()[0].fetch_error
    site.routes["/harbour/0.html"] = page  # back up
    summary = refresh(store, force=True).run()
    assert summary.articles_fetched == 1 and not summary.articles_failed
    (entry,) = store.entries()
    assert entry.fetch_error == "" and store.load(entry.url) is not None


def test_every_feed_failing_is_nothing_refreshed(store: Store, site: FixtureSite) -> None:
    store.add_feed(site.url("/gone.xml"))
    store.add_feed(site.url("/also-gone.xml"))
    summary = refresh(store).run()
    assert summary.nothing_refreshed
    assert summary.line() == (
        "2 feeds: 0 unchanged, 0 updated, 0 new articles fetched, 0 articles failed, 2 feeds failed"
    )
    assert all("was not found (HTTP 404)" in f.last_error for f in store.feeds())


def test_a_web_page_where_the_feed_was_says_which_feeds_it_declares(
    store: Store, site: FixtureSite
) -> None:
    page = site.add("/blog", page_declaring(("/blog/rss.xml", "Posts"), ("/c.xml", "Comments")))
    store.add_feed(page)
    summary = refresh(store).run()
    assert summary.feeds_failed == (
        (
            page,
            f"this is a web page; it declares {site.url('/blog/rss.xml')} (and 1 more): "
            "feed add it",
        ),
    )
    assert store.feeds()[0].last_error == summary.feeds_failed[0][1]


def test_a_short_retry_after_is_waited_for_once_in_the_run(
    store: Store, feeds: FeedSite, site: FixtureSite
) -> None:
    url = feeds.feed("harbour", 1)
    good = site.routes["/harbour/feed.xml"]
    feeds.answering("/harbour/feed.xml", Route(429, b"", {"Retry-After": "0"}), good)
    store.add_feed(url)
    summary = refresh(store).run()
    assert (summary.updated, summary.feeds_failed) == (1, ())
    assert site.paths_requested().count("/harbour/feed.xml") == 2


def test_a_long_retry_after_is_kept_and_honoured_even_when_forced(
    store: Store, feeds: FeedSite, site: FixtureSite
) -> None:
    url = feeds.feed("harbour", 1)
    feeds.answering("/harbour/feed.xml", Route(503, b"", {"Retry-After": "7200"}))
    store.add_feed(url)
    before = datetime.now(UTC)
    summary = refresh(store).run()
    assert summary.nothing_refreshed and "try again in 2 h" in summary.feeds_failed[0][1]
    (feed,) = store.feeds()
    waited = datetime.fromisoformat(feed.not_before) - before
    assert timedelta(seconds=7190) <= waited <= timedelta(seconds=7300)
    assert site.paths_requested().count("/harbour/feed.xml") == 1  # too long to wait in the run
    again = refresh(store, force=True).run()
    assert (again.checked, again.not_due) == (0, 1) and not again.nothing_refreshed
    assert again.line().endswith("0 feeds failed, 1 not due yet")
    assert site.paths_requested().count("/harbour/feed.xml") == 1


def test_a_feeds_ttl_and_skip_hours_are_respected_unless_forced(
    store: Store, feeds: FeedSite, site: FixtureSite
) -> None:
    now = datetime.now(UTC)
    store.add_feed(feeds.feed("ttl", 1, ttl=60))
    store.add_feed(feeds.feed("night", 1, skip_hours=((now.hour + 3) % 24,)))
    first = refresh(store).run()  # never checked: due whatever they say
    assert first.checked == 2
    later = refresh(store, clock=lambda: now + timedelta(minutes=30)).run()
    assert later.checked == 1 and later.not_due == 1  # within the ttl; the other's hour is free
    skipped = refresh(store, clock=lambda: now + timedelta(hours=3)).run()
    assert skipped.checked == 1 and skipped.not_due == 1  # ttl passed; the other skips this hour
    forced = refresh(store, force=True, clock=lambda: now + timedelta(minutes=30)).run()
    assert forced.checked == 2


def test_is_due_reads_the_stored_times() -> None:
    from tuireader.cache.feeds import Subscription

    now = datetime(2024, 10, 28, 8, 0, tzinfo=UTC)  # a Monday
    never = Subscription(
        id=1, url="https://a.example/feed", ttl_minutes=600, skip_hours=frozenset({8})
    )
    assert is_due(never, now)
    checked = never._replace(last_checked="2024-10-28T07:00:00+00:00", skip_hours=frozenset())
    assert not is_due(checked, now) and is_due(checked, now, force=True)
    assert is_due(checked._replace(ttl_minutes=30), now)
    assert not is_due(checked._replace(ttl_minutes=None, skip_days=frozenset({"Monday"})), now)
    waiting = checked._replace(ttl_minutes=None, not_before="2024-10-28T09:00:00+00:00")
    assert not is_due(waiting, now, force=True)
    assert is_due(waiting._replace(not_before="2024-10-28T07:59:00+00:00"), now)


def test_read_entries_gone_from_the_feed_are_forgotten_after_keep_read(
    store: Store, feeds: FeedSite, site: FixtureSite
) -> None:
    store.add_feed(feeds.feed("harbour", 2))
    refresh(store, articles=False).run()
    oldest = next(e for e in store.entries() if e.url.endswith("/1.html"))
    store.mark_entry(oldest.id)
    feeds.feed("harbour", 1, etag='"v2"')  # the older story leaves the feed
    soon = refresh(store, articles=False, force=True).run()
    assert soon.forgotten == 0 and store.count_entries() == 2
    month = datetime.now(UTC) + timedelta(days=31)
    late = refresh(store, articles=False, force=True, clock=lambda: month).run()
    assert late.forgotten == 1 and [e.url for e in store.entries()] == [site.url("/harbour/0.html")]


def test_a_cancelled_refresh_leaves_the_rest_for_next_time(store: Store, feeds: FeedSite) -> None:
    for name in ("a", "b", "c", "d", "e"):
        store.add_feed(feeds.feed(name, 1))
    stop: list[bool] = []

    def progress(snapshot: RefreshProgress) -> None:
        if snapshot.outcome:
            stop.append(True)

    summary = refresh(store, progress=progress, cancelled=lambda: bool(stop)).run()
    assert summary.cancelled and "; stopped with " in summary.line()
    assert summary.articles_fetched == 0  # no article phase after a cancel
    unchecked = [f for f in store.feeds() if not f.last_checked]
    assert len(unchecked) >= 2
    again = refresh(store).run()  # every feed is due again (no ttl): the rest are new
    assert (again.checked, again.updated, again.unchanged) == (
        5,
        len(unchecked),
        5 - len(unchecked),
    )
    assert all(f.last_checked and f.entries == 1 for f in store.feeds())


def test_at_most_two_feeds_of_one_host_are_checked_at_once(
    store: Store, feeds: FeedSite, site: FixtureSite
) -> None:
    import threading
    import time

    lock = threading.Lock()
    active = [0, 0]  # now, most ever

    def slowly(route: Route) -> Route:
        with lock:
            active[0] += 1
            active[1] = max(active[1], active[0])
        time.sleep(0.2)  # long enough for the others to pile up, if they were let through
        with lock:
            active[0] -= 1
        return route

    for name in ("a", "b", "c", "d", "e", "f"):
        url = feeds.feed(name, 1, articles=False)
        route = site.routes.pop(f"/{name}/feed.xml")
        site.on(f"/{name}/feed.xml", lambda route=route: slowly(route))  # type: ignore[misc]
        store.add_feed(url)
    summary = refresh(store, articles=False).run()
    assert summary.updated == 6 and active[1] == 2


@pytest.mark.parametrize(("status", "follows"), [(301, True), (308, True), (302, False)])
def test_a_feed_that_moved_for_good_is_checked_at_its_new_address(
    store: Store, feeds: FeedSite, site: FixtureSite, status: int, follows: bool
) -> None:
    new = feeds.feed("harbour", 2)
    old = site.add("/old/feed.xml", "", status, Location=new)
    store.add_feed(old)
    refresh(store).run()
    (feed,) = store.feeds()
    assert feed.url == (new if follows else old) and feed.entries == 2
    site.requests.clear()
    refresh(store, force=True).run()
    assert ("/old/feed.xml" in site.paths_requested()) is not follows


def test_a_move_onto_a_feed_already_followed_keeps_both_subscriptions(
    store: Store, feeds: FeedSite, site: FixtureSite
) -> None:
    new = feeds.feed("harbour", 2)
    old = site.add("/old/feed.xml", "", 301, Location=new)
    store.add_feed(new)
    store.add_feed(old)
    summary = refresh(store).run()
    assert sorted(f.url for f in store.feeds()) == sorted([new, old])
    assert "0 feeds failed" in summary.line()
