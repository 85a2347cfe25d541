"""R and `refresh_every` in the app, against real feeds on 127.0.0.1 and a real store."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import Static

from support.feed_site import FeedSite, rss
from support.fixture_site import FixtureSite, Route
from support.pilot import SIZE, notifications, settle
from tuireader.cache import Store
from tuireader.settings import Settings
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.library import LibraryScreen
from tuireader.ui.widgets.feed_views import FeedViews
from tuireader.ui.widgets.fetch_status import FetchStatus


def follow(cache_dir: Path, *urls: str, checked: bool = False) -> None:
    """Follow `urls`; `checked`: as if a refresh had just read them (and found nothing)."""
    store = Store.in_directory(cache_dir)
    try:
        for url in urls:
            feed, _ = store.add_feed(url)
            if checked:
                store.save_check(feed.id, None)
    finally:
        store.close()


def titles(app: TuiReaderApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return ["".join(text for text, _ in row.lines[0][1]) for row in screen.table.rows]


def said(app: TuiReaderApp) -> list[str]:
    return [str(n.message) for n in notifications(app)]


async def test_R_refreshes_and_the_new_entries_appear(cache_dir: Path, site: FixtureSite) -> None:
    feeds = FeedSite(site)
    follow(cache_dir, feeds.feed("harbour", 3))
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert titles(app) == []
        heading = str(app.screen.query_one("#library-heading", Static).render())
        assert heading.startswith("Nothing unread")
        await pilot.press("R")
        await settle(pilot)
        assert titles(app) == [f"harbour story {n}" for n in range(3)]
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert [listed.cached for listed in screen.listed] == [True] * 3
        rows = screen.query_one(FeedViews).rows
        assert "".join(t for t, _ in rows[0].lines[0][0]) == "Unread (3)"
        assert (
            "1 feed: 0 unchanged, 1 updated, 3 new articles fetched, 0 articles failed, "
            "0 feeds failed" in said(app)
        )
        assert not screen.query_one(FetchStatus).display  # the bar goes when it is done


async def test_a_second_R_while_one_runs_says_so(cache_dir: Path, site: FixtureSite) -> None:
    go_on = threading.Event()
    body = rss("Slow", [("Slow story", site.url("/slow-story.html"))]).encode()

    def slowly() -> Route:
        go_on.wait(30)
        return Route(200, body, {"Content-Type": "application/rss+xml"})

    follow(cache_dir, site.on("/slow/feed.xml", slowly))
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        status = app.screen.query_one(FetchStatus)
        try:
            assert status.text.startswith("Refreshing feeds")
            await pilot.press("R")
            assert any(n.startswith("The feeds are being refreshed already") for n in said(app))
        finally:
            go_on.set()
        await settle(pilot)
        assert titles(app) == ["Slow story"]
        assert site.paths_requested().count("/slow/feed.xml") == 1


async def test_refresh_every_refreshes_on_launch_when_the_last_is_older(
    cache_dir: Path, site: FixtureSite
) -> None:
    feeds = FeedSite(site)
    follow(cache_dir, feeds.feed("harbour", 2))  # never checked
    app = TuiReaderApp(
        cache_dir, import_samples=False, settings=Settings(feed_refresh_seconds=3600)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert titles(app) == ["harbour story 0", "harbour story 1"]


async def test_refresh_every_leaves_a_recent_refresh_alone(
    cache_dir: Path, site: FixtureSite
) -> None:
    feeds = FeedSite(site)
    follow(cache_dir, feeds.feed("harbour", 2), checked=True)
    app = TuiReaderApp(
        cache_dir, import_samples=False, settings=Settings(feed_refresh_seconds=3600)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert titles(app) == [] and site.paths_requested() == []


async def test_with_no_network_a_launch_refresh_says_one_quiet_line(
    cache_dir: Path, site: FixtureSite
) -> None:
    gone = site.url("/feed.xml")
    site.stop()  # nothing listens there any more
    follow(cache_dir, gone)
    app = TuiReaderApp(
        cache_dir, import_samples=False, settings=Settings(feed_refresh_seconds=3600)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        notes = said(app)
        assert len(notes) == 1 and notes[0].startswith("Feeds not refreshed: ")
        assert isinstance(app.screen, LibraryScreen)
