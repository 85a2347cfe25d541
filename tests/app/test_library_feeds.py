"""The library with feeds, driven with the pilot: views, counts, entries opened offline, marks.

The store is a real file in tmp_path, filled through its own API (tests/support/feeds.py); no
test here has a server: every article opens from the cache or from the feed's own content.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Static

from support.feeds import (
    CACHED_URL,
    FAILURE,
    UNREAD_TITLES,
    feed_ids,
    fill_feeds,
)
from support.fixture_site import FixtureSite
from support.library import fill
from support.pilot import SIZE, notifications, settle
from tuireader.cache import Store
from tuireader.feeds.model import FeedEntry, ParsedFeed
from tuireader.models import CacheState
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.dialogs.confirm import ConfirmDialog
from tuireader.ui.screens.library import LibraryScreen
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.feed_views import ALL, UNREAD, FeedViews, feed_view

MARK, TITLE, FEED, DATE, OFFLINE = range(5)  # the columns of an entry view


def column(app: TuiReaderApp, index: int) -> list[str]:
    """The text of one column of the library's rows."""
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return ["".join(text for text, _ in row.lines[0][index]) for row in screen.table.rows]


def views(app: TuiReaderApp) -> list[tuple[str, ...]]:
    """The views list as it reads: (name, unread count)."""
    rows = app.screen.query_one(FeedViews).rows
    return [tuple("".join(t for t, _ in cell) for cell in row.lines[0]) for row in rows]


def heading(app: TuiReaderApp) -> str:
    return str(app.screen.query_one("#library-heading", Static).render())


async def library(pilot: Pilot[None]) -> LibraryScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


async def open_row(pilot: Pilot[None], title: str) -> None:
    """Enter on the entry titled `title`, then wait for the reader to show it."""
    app = pilot.app
    assert isinstance(app, TuiReaderApp)
    screen = await library(pilot)
    screen.table.move_cursor(column(app, TITLE).index(title))
    await pilot.press("enter")
    await settle(pilot)


def source_text(app: TuiReaderApp) -> str:
    return str(app.reader_screen.query_one("#source-lines", Static).render())


async def test_without_feeds_the_library_has_no_views(cache_dir: Path) -> None:
    fill(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        assert screen.view == ALL and not screen.has_feeds
        assert not screen.query_one(FeedViews).display
        assert heading(app).startswith("Library: 3 cached articles")
        assert "m" not in screen.active_bindings  # typing m filters, as it always did
        await pilot.press("m")
        assert screen.query_text == "m"


async def test_with_feeds_it_opens_on_unread_with_the_counts(cache_dir: Path) -> None:
    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        assert screen.view == UNREAD and screen.query_one(FeedViews).display
        assert views(app) == [
            ("Unread (4)", ""),
            ("All articles", ""),
            ("Harbour Gazette", "3"),
            ("Town Notes", "1"),
        ]
        assert column(app, TITLE) == UNREAD_TITLES
        assert column(app, MARK) == ["●"] * 4
        assert column(app, FEED) == ["Town Notes", *["Harbour Gazette"] * 3]
        assert column(app, DATE) == ["2025-03-04", "2025-03-03", "2025-03-02", "2025-03-01"]
        offline = column(app, OFFLINE)
        assert offline[:2] == ["feed content only", "cached"]
        assert offline[2].startswith("failed: the server") and offline[3] == "feed content only"
        assert heading(app).startswith("Unread: 4 articles from 2 feeds, newest first.")


async def test_a_feed_view_lists_its_entries_read_or_not(cache_dir: Path) -> None:
    fill_feeds(cache_dir)
    ids = feed_ids(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        await pilot.press("tab")
        assert screen.views.has_focus
        await pilot.press("down", "down", "down")  # All articles, Harbour Gazette, Town Notes
        await settle(pilot)
        assert screen.view == feed_view(ids["Town Notes"])
        assert column(app, TITLE) == ["Lighthouse walk", "Council minutes"]
        assert column(app, MARK) == ["●", ""]  # the minutes were read
        assert heading(app).startswith("Town Notes: 1 unread of 2 articles")
        await pilot.press("up")  # Harbour Gazette
        await settle(pilot)
        assert column(app, TITLE) == UNREAD_TITLES[1:]
        await pilot.press("up")  # All articles: the cached articles, as without feeds
        await settle(pilot)
        assert screen.view == ALL
        assert column(app, 0) == ["Ferry returns after refit"]
        assert heading(app).startswith("Library: 1 cached article")
        await pilot.press("tab")
        assert screen.table.has_focus


async def test_enter_opens_a_cached_entry_offline(cache_dir: Path) -> None:
    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "Ferry returns after refit")
        reading = app.reader_screen.reading
        assert reading is not None and reading.state is CacheState.CACHED
        assert reading.url == CACHED_URL
        assert "The winter ferry returned" in app.reader_screen.query_one(BodyPane).plain_text()
        assert "Shown from the feed" not in source_text(app)


async def test_offline_an_entry_whose_fetch_failed_shows_the_feeds_content_and_says_why(
    cache_dir: Path,
) -> None:
    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "Bridge closed for inspection")
        reading = app.reader_screen.reading
        assert reading is not None and reading.state is CacheState.FEED
        body = app.reader_screen.query_one(BodyPane).plain_text()
        assert "The old bridge is closed to traffic until further notice" in body
        said = f"Shown from the feed's own content: the page could not be fetched ({FAILURE})"
        assert said in source_text(app)
        await pilot.press("L")
        await open_row(pilot, "Market day moves indoors")  # no content: the summary
        body = app.reader_screen.query_one(BodyPane).plain_text()
        assert "Summary of Market day moves indoors." in body
        assert "No article found" not in body  # a feed's few words are no failed page
        assert "Shown from the feed's own content: the page was not fetched yet" in source_text(app)


async def test_a_feed_only_entry_opens_from_its_content(cache_dir: Path) -> None:
    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "Lighthouse walk")
        reading = app.reader_screen.reading
        assert reading is not None and reading.state is CacheState.FEED
        assert reading.article.title == "Lighthouse walk"
        assert reading.article.site_name == "Town Notes"
        body = app.reader_screen.query_one(BodyPane).plain_text()
        assert "Bring a lantern to the lighthouse walk on Friday." in body
        assert "Shown from the feed's own content: the entry links to no page" in source_text(app)
        assert "URL:" not in source_text(app)  # it has none worth showing
        await pilot.press("r")  # nothing to fetch, and the article stays
        await settle(pilot)
        assert app.reader_screen.reading is reading


async def test_m_toggles_an_entry_and_the_counts_follow(cache_dir: Path) -> None:
    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        await pilot.press("m")  # Lighthouse walk, of Town Notes
        await settle(pilot)
        assert column(app, MARK) == ["", "●", "●", "●"]  # still listed, marked read
        assert views(app)[0] == ("Unread (3)", "") and views(app)[3] == ("Town Notes", "")
        assert app.store.count_entries(unread_only=True) == 3
        await pilot.press("m")
        await settle(pilot)
        assert column(app, MARK) == ["●"] * 4
        assert views(app)[0] == ("Unread (4)", "") and views(app)[3] == ("Town Notes", "1")
        await pilot.press("escape")  # to the reader, and back: the read one is gone from Unread
        await pilot.press("L")
        await settle(pilot)
        assert screen.view == UNREAD and column(app, TITLE) == UNREAD_TITLES


async def test_M_marks_the_highlighted_feed_read_after_asking(cache_dir: Path) -> None:
    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        await pilot.press("tab", "down", "down")  # Harbour Gazette
        await settle(pilot)
        await pilot.press("M")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Mark the 3 unread articles of “Harbour Gazette” read?"
        await pilot.press("y")
        await settle(pilot)
        assert views(app) == [
            ("Unread (1)", ""),
            ("All articles", ""),
            ("Harbour Gazette", ""),
            ("Town Notes", "1"),
        ]
        assert column(app, MARK) == ["", "", ""]
        assert screen.view == feed_view(feed_ids(cache_dir)["Harbour Gazette"])
        assert "Marked 3 articles of Harbour Gazette read." in [
            n.message for n in notifications(app)
        ]
        await pilot.press("M")  # nothing left to mark: no question
        assert app.screen is screen


async def test_reading_an_entry_to_its_end_marks_it_read(cache_dir: Path) -> None:
    fill_feeds(cache_dir)
    long_url = "https://gazette.example/2025/long-read"
    paragraphs = "".join(
        f"<p>Paragraph {n} of a long story about the harbour.</p>" for n in range(120)
    )
    _add_long_entry(cache_dir, long_url, paragraphs)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "A long read")
        await pilot.press("L")  # left at its top: still unread
        await settle(pilot)
        assert "A long read" in column(app, TITLE)
        await open_row(pilot, "A long read")
        await pilot.press("end")  # to its end
        await pilot.pause()
        await pilot.press("L")
        await settle(pilot)
        assert "A long read" not in column(app, TITLE)
        entry = app.store.entry_for(long_url)
        assert entry is not None and entry.read


def _add_long_entry(cache_dir: Path, url: str, html: str) -> None:
    """An entry of the Gazette whose page is cached and long enough to scroll."""
    from tuireader.extract.page import article_from_page
    from tuireader.feeds.model import FeedEntry, ParsedFeed
    from tuireader.models import Page, PageInfo

    store = Store.in_directory(cache_dir)
    try:
        gazette = store.feeds()[0]
        entry = FeedEntry(key="long", url=url, title="A long read", published="2025-03-05")
        store.save_check(gazette.id, ParsedFeed(kind="rss", title=gazette.title, entries=(entry,)))
        page = Page(
            PageInfo(url=url, final_url=url), f"<html><body><article>{html}</article></body></html>"
        )
        store.save(page, article_from_page(page)._replace(title="A long read"))
    finally:
        store.close()


async def test_m_in_the_reader_toggles_the_open_entry_only(cache_dir: Path) -> None:
    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "Lighthouse walk")
        assert "m" in app.screen.active_bindings
        await pilot.press("m")
        await settle(pilot)
        assert app.store.count_entries(unread_only=True) == 3
        await pilot.press("m")
        await settle(pilot)
        assert app.store.count_entries(unread_only=True) == 4
        await pilot.press("L")  # left unread by hand: reading it whole leaves it so
        await settle(pilot)
        assert column(app, TITLE)[0] == "Lighthouse walk" and column(app, MARK)[0] == "●"


async def test_m_is_not_offered_on_an_article_that_is_no_feed_entry(cache_dir: Path) -> None:
    fill(cache_dir)
    app = TuiReaderApp(cache_dir, start_url="https://example.org/0", offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.reader_screen.reading is not None
        assert "m" not in app.screen.active_bindings


async def test_the_help_lists_the_feed_keys_when_there_are_feeds(cache_dir: Path) -> None:
    from tuireader.ui.screens.help import HelpScreen

    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await library(pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        feeds = dict(help_screen.sections)["Feeds (library and reader)"]
        assert [b.action for b in feeds if isinstance(b, Binding)] == [
            "switch_pane",
            "toggle_read",
            "mark_feed_read",
            "refresh_feeds",
            "toggle_read",
            "refresh_feeds",
        ]


async def test_online_an_entry_not_fetched_yet_is_fetched_when_opened(
    cache_dir: Path, site: FixtureSite
) -> None:
    """Enter on an entry whose page is not cached fetches it, as following any link does; a page
    that cannot be fetched shows the feed's own content, and why, and the reason is kept."""
    page, missing = site.url("/article.html"), site.url("/missing")
    store = Store.in_directory(cache_dir)
    feed, _ = store.add_feed(site.url("/feed.xml"))
    entries = (
        FeedEntry(key="a", url=page, title="Fetched now", published="2025-03-02"),
        FeedEntry(
            key="b",
            url=missing,
            title="Gone",
            published="2025-03-01",
            content_html="<p>The feed's own words about it.</p>",
        ),
    )
    store.save_check(feed.id, ParsedFeed(kind="rss", title="Local", entries=entries))
    store.close()
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "Fetched now")
        reading = app.reader_screen.reading
        assert reading is not None and reading.state is CacheState.FRESH
        assert "/article.html" in site.paths_requested()
        assert app.store.load(page) is not None  # kept: it reads offline from now on
        await pilot.press("L")
        await open_row(pilot, "Gone")
        reading = app.reader_screen.reading
        assert reading is not None and reading.state is CacheState.FEED
        assert (
            "The feed's own words about it." in app.reader_screen.query_one(BodyPane).plain_text()
        )
        assert "Shown from the feed's own content: the page could not be fetched" in source_text(
            app
        )
        entry = app.store.entry_for(missing)
        assert entry is not None and "404" in entry.fetch_error
