"""The reading list in the app, driven with the pilot: the views and their counts, Unread of the
list and the feeds together, the keys (archive, star, the tags prompt), `#tag` in the filter.

The store is a real file in tmp_path filled through its own API (tests/support/reading_list.py);
the tests that fetch have a real server on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from support.feeds import CACHED_URL, PENDING_URL
from support.fixture_site import FixtureSite
from support.pilot import SIZE, footer_keys, notifications, settle
from support.reading_list import (
    ARCHIVED_URL,
    BROKEN_URL,
    SLOW_URL,
    TIDE_URL,
    UNREAD_TITLES,
    fill_list,
)
from tuireader.cache import SavedRow, Store
from tuireader.models import CacheState
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.dialogs.tags import TagsDialog
from tuireader.ui.list_marks import NOT_SAVEABLE
from tuireader.ui.screens.library import LibraryScreen
from tuireader.ui.widgets.feed_views import ALL, ARCHIVED, STARRED, UNREAD, FeedViews, tag_view

MARKS, TITLE, SITE, DATE, OFFLINE = range(5)  # the columns of a view once the list is in use
NEWS = ["Ferry returns after refit", "Tide tables explained", "Market day moves indoors"]


def column(app: TuiReaderApp, index: int) -> list[str]:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return ["".join(text for text, _ in row.lines[0][index]) for row in screen.table.rows]


def titles(app: TuiReaderApp) -> list[str]:
    """The titles alone (the tags follow them in the same column)."""
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return [row.lines[0][TITLE][0][0] for row in screen.table.rows]


def views(app: TuiReaderApp) -> list[tuple[str, ...]]:
    rows = app.screen.query_one(FeedViews).rows
    return [tuple("".join(t for t, _ in cell) for cell in row.lines[0]) for row in rows]


def heading(app: TuiReaderApp) -> str:
    return str(app.screen.query_one("#library-heading", Static).render())


def said(app: TuiReaderApp) -> list[str]:
    return [n.message for n in notifications(app)]


async def library(pilot: Pilot[None]) -> LibraryScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


async def to_row(pilot: Pilot[None], title: str) -> LibraryScreen:
    screen = await library(pilot)
    app = pilot.app
    assert isinstance(app, TuiReaderApp)
    screen.table.move_cursor(titles(app).index(title))
    return screen


async def to_view(pilot: Pilot[None], view: str) -> LibraryScreen:
    """Tab to the views, the cursor onto `view`, and back to the rows once they are in."""
    screen = await library(pilot)
    await pilot.press("tab")
    screen.views.move_cursor([row.key for row in screen.views.rows].index(view))
    await settle(pilot)
    await pilot.press("tab")
    assert screen.view == view
    return screen


async def test_the_views_with_their_counts_and_unread_of_the_list_and_the_feeds(
    cache_dir: Path,
) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        assert screen.view == UNREAD
        assert views(app) == [
            ("Unread (7)", ""),
            ("Starred", "2"),
            ("Archive", "1"),
            ("All articles", ""),
            ("#essays", "2"),
            ("#long", "1"),
            ("#news", "3"),
            ("Harbour Gazette", "3"),
            ("Town Notes", "1"),
        ]
        assert titles(app) == UNREAD_TITLES  # the Gazette's Market day once: its saved row
        assert column(app, MARKS) == ["●", "●", "●", "●★", "●", "●", "●"]
        assert column(app, TITLE)[0] == "On slow reading  #essays #long"
        assert column(app, SITE) == [
            "essays.example",  # not fetched: its host
            "Town Notes",
            "Harbour Gazette",
            "Tide News",
            "Harbour Gazette",
            "broken.example",
            "Harbour Gazette",  # saved, and the Gazette's entry
        ]
        assert column(app, DATE)[0] == "2025-03-05" and column(app, DATE)[-1] == "2025-02-28"
        offline = column(app, OFFLINE)
        assert offline[:4] == ["not fetched yet", "feed content only", "cached", "cached"]
        assert offline[4].startswith("failed: the server answered 503")
        assert offline[5] == "failed: the server answered 404 Not Found"
        assert offline[6] == "feed content only"  # not fetched, but its feed gave a summary
        assert heading(app).startswith(
            "Unread: 7 articles (4 saved and 3 from 2 feeds), newest first."
        )
        footer = footer_keys(app)
        assert {"Archive", "Star", "Tags"} <= set(footer)


async def test_without_feeds_it_opens_on_unread_then_on_all_once_nothing_is_unread(
    cache_dir: Path,
) -> None:
    fill_list(cache_dir, feeds=False)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        assert screen.view == UNREAD and screen.query_one(FeedViews).display
        assert titles(app) == ["On slow reading", "Tide tables explained", "A page that failed"]
        assert heading(app).startswith("Unread: 3 articles (3 saved), newest first.")
    store = Store.in_directory(cache_dir)
    for url in (SLOW_URL, TIDE_URL, BROKEN_URL):
        store.set_state(url, "archived")
    store.close()
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        assert screen.view == ALL and screen.query_one(FeedViews).display
        assert views(app)[0] == ("Unread (0)", "")


async def test_starred_archive_and_a_tag(cache_dir: Path) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_view(pilot, STARRED)
        assert titles(app) == ["Tide tables explained", "An archived piece"]
        assert column(app, MARKS) == ["●★", " ★"]  # the archived one is read
        assert heading(app).startswith("Starred: 2 articles, newest saved first.")
        await to_view(pilot, ARCHIVED)
        assert titles(app) == ["An archived piece"]
        assert heading(app).startswith("Archive: 1 article, most recently archived first.")
        await to_view(pilot, tag_view("news"))
        assert titles(app) == NEWS  # saved, or only in a feed: every article tagged news
        assert heading(app).startswith("#news: 3 articles, newest first.")
        await to_view(pilot, ALL)  # the cached articles, newest fetched first
        assert column(app, 0) == ["Ferry returns after refit", "Tide tables explained"]


async def test_a_archives_and_puts_back_and_the_counts_follow(cache_dir: Path) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await library(pilot)
        await pilot.press("a")  # On slow reading
        await settle(pilot)
        item = app.store.saved_item(SLOW_URL)
        assert item is not None and item.state == "archived"
        assert column(app, MARKS)[0] == " "  # still listed, no longer unread
        assert views(app)[:3] == [("Unread (6)", ""), ("Starred", "2"), ("Archive", "2")]
        assert "Archived “On slow reading”." in said(app)
        await pilot.press("a")
        await settle(pilot)
        item = app.store.saved_item(SLOW_URL)
        assert item is not None and item.state == "unread"
        assert views(app)[0] == ("Unread (7)", "") and column(app, MARKS)[0] == "●"
        assert "Back in Unread: “On slow reading”." in said(app)


async def test_archiving_or_starring_a_feed_entry_saves_it(cache_dir: Path) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_row(pilot, "Ferry returns after refit")
        assert app.store.saved_item(CACHED_URL) is None
        await pilot.press("asterisk")
        await settle(pilot)
        item = app.store.saved_item(CACHED_URL)
        assert item is not None and item.starred and item.state == "unread"
        assert column(app, MARKS)[titles(app).index("Ferry returns after refit")] == "●★"
        assert views(app)[1] == ("Starred", "3")
        await pilot.press("a")
        await settle(pilot)
        entry = app.store.entry_for(CACHED_URL)
        assert entry is not None and entry.read  # read and archived are one fact
        assert views(app)[0] == ("Unread (6)", "") and views(app)[7] == ("Harbour Gazette", "2")


async def test_an_entry_without_a_page_cannot_be_saved_and_says_so(cache_dir: Path) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_row(pilot, "Lighthouse walk")
        await pilot.press("asterisk", "a", "plus")
        await settle(pilot)
        assert said(app).count(NOT_SAVEABLE) == 3
        assert app.store.list_counts().saved == 5
        assert not isinstance(app.screen, TagsDialog)


async def test_m_on_a_saved_article_archives_it(cache_dir: Path) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_row(pilot, "Market day moves indoors")  # saved, and a Gazette entry
        await pilot.press("m")
        await settle(pilot)
        item = app.store.saved_item(PENDING_URL)
        entry = app.store.entry_for(PENDING_URL)
        assert item is not None and item.state == "archived" and entry is not None and entry.read
        assert views(app)[0] == ("Unread (6)", "") and views(app)[2] == ("Archive", "2")
        await to_row(pilot, "On slow reading")  # saved, in no feed
        await pilot.press("m")
        await settle(pilot)
        item = app.store.saved_item(SLOW_URL)
        assert item is not None and item.state == "archived"
        assert column(app, MARKS)[0] == " " and views(app)[0] == ("Unread (5)", "")


async def test_the_tags_prompt_completes_and_takes_plus_and_minus(cache_dir: Path) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await library(pilot)
        await pilot.press("plus")  # On slow reading: #essays #long
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TagsDialog)
        assert dialog.current == ("essays", "long")
        shown = str(dialog.query_one("#tags-current", Static).render())
        assert shown == "Tags of “On slow reading”: #essays #long"
        box = dialog.query_one(Input)
        await pilot.press(*"-lo")
        await pilot.pause()
        await pilot.press("tab")  # completes a tag in use
        assert box.value == "-long"
        await pilot.press(*" +NE")
        await pilot.pause()
        await pilot.press("right")
        assert box.value == "-long +news"  # spelt as the tag in use
        await pilot.press(*" fresh", "enter")
        await settle(pilot)
        assert app.store.tags_of(SLOW_URL) == ("essays", "fresh", "news")
        assert column(app, TITLE)[0] == "On slow reading  #essays #fresh #news"
        assert ("#fresh", "1") in views(app) and ("#news", "4") in views(app)
        assert not any(name == "#long" for name, _ in views(app))
        assert "Tags of “On slow reading”: #essays #fresh #news." in said(app)
        await pilot.press("plus")
        await settle(pilot)
        await pilot.press("escape")  # nothing changes
        await settle(pilot)
        assert app.store.tags_of(SLOW_URL) == ("essays", "fresh", "news")


async def test_hash_in_the_filter_narrows_to_a_tag(cache_dir: Path) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        await pilot.press("x")  # in a view, letters are no filter
        assert screen.query_text == ""
        await pilot.press("number_sign")
        await settle(pilot)
        assert heading(app).startswith("Unread: 7 articles")  # nothing to narrow by yet
        await pilot.press("escape")
        screen.table.focus()
        await pilot.pause()
        for key in ("number_sign", *"news"):  # in one burst: before the focus moves
            screen.on_key(events.Key(key, "#" if key == "number_sign" else key))
        await settle(pilot)
        assert screen.query_text == "#news"
        assert titles(app) == NEWS
        assert heading(app).startswith("Unread, narrowed to “#news”: 3 articles.")
        await pilot.press(*" tide")  # and words, in titles, sites and URLs
        await settle(pilot)
        assert titles(app) == ["Tide tables explained"]
        await pilot.press("escape")  # the filter ends
        await settle(pilot)
        assert screen.query_text == "" and titles(app) == UNREAD_TITLES
        await to_view(pilot, ALL)
        await pilot.press("number_sign", *"news")  # All articles: the cached ones tagged news
        await settle(pilot)
        assert column(app, 0) == ["Ferry returns after refit", "Tide tables explained"]
        await pilot.press(*" ferry")
        await settle(pilot)
        assert column(app, 0) == ["Ferry returns after refit"]


async def test_enter_opens_a_saved_article_from_the_cache_offline(cache_dir: Path) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await to_row(pilot, "Tide tables explained")
        await pilot.press("enter")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.state is CacheState.CACHED
        assert reading.url == TIDE_URL
        await pilot.press("L")
        await to_row(pilot, "On slow reading")  # not fetched yet, and offline: says why
        await pilot.press("enter")
        await settle(pilot)
        assert any("was not fetched yet: it opens once tuireader is online" in t for t in said(app))
        await pilot.press("L")
        await to_row(pilot, "Market day moves indoors")  # not fetched; its feed's words
        await pilot.press("enter")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.state is CacheState.FEED


async def test_online_a_saved_url_not_fetched_is_fetched_and_a_failure_kept(
    cache_dir: Path, site: FixtureSite
) -> None:
    page, missing = site.url("/article.html"), site.url("/missing")
    store = Store.in_directory(cache_dir)
    store.save_urls(
        [
            SavedRow(page, "Saved, not fetched", saved_at="2025-03-02T00:00:00+00:00"),
            SavedRow(missing, "Gone for good", saved_at="2025-03-01T00:00:00+00:00"),
        ]
    )
    store.close()
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_row(pilot, "Saved, not fetched")
        await pilot.press("enter")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.state is CacheState.FRESH
        assert app.store.load(page) is not None  # kept: it reads offline from now on
        await pilot.press("L")
        await to_row(pilot, "Gone for good")
        await pilot.press("enter")
        await settle(pilot)
        item = app.store.saved_item(missing)
        assert item is not None and "404" in item.fetch_error
        assert any("404" in text for text in said(app))
        await pilot.press("L")
        await settle(pilot)
        offline = column(app, OFFLINE)
        assert offline[0] == "cached" and offline[1].startswith("failed: http://127.0.0.1")


async def test_the_help_and_the_palette_offer_the_list_keys(cache_dir: Path) -> None:
    from tuireader.ui.commands import reader_commands
    from tuireader.ui.screens.help import HelpScreen

    fill_list(cache_dir, feeds=False)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot)
        titles_offered = [command.title for command in reader_commands(app, screen)]
        assert {"list: Archive", "list: Star", "list: Tags"} <= set(titles_offered)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = dict(help_screen.sections)["Reading list (library and reader)"]
        assert [getattr(b, "action", "") for b in keys] == ["archive", "star", "tags"] * 2


async def test_a_saved_url_archived_elsewhere_leaves_the_archive_view_current(
    cache_dir: Path,
) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_view(pilot, ARCHIVED)
        app.store.set_state(TIDE_URL, "archived")  # as `tuireader` in another terminal would
        await pilot.press("tab")
        await pilot.press("up", "down")  # Starred, then Archive again: listed afresh
        await settle(pilot)
        assert set(titles(app)) == {"Tide tables explained", "An archived piece"}
        assert app.store.saved_item(ARCHIVED_URL) is not None


async def test_starring_a_search_hit_saves_it_and_leaves_the_hits_as_they_are(
    cache_dir: Path,
) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_view(pilot, STARRED)  # Tide tables first, then the hits over it
        await pilot.press("slash", *"tide")
        await settle(pilot)
        await pilot.press("down")  # to the hits
        hits = [row.key for row in screen.table.rows]
        assert hits == [TIDE_URL]
        await pilot.press("asterisk")
        await settle(pilot)
        item = app.store.saved_item(TIDE_URL)
        assert item is not None and not item.starred
        assert [row.key for row in screen.table.rows] == hits and screen.searching
        assert len(screen.table.rows[0].lines) == 2  # still a hit: title, then snippet
        assert "Unstarred “Tide tables explained”." in said(app)


async def test_a_narrow_terminal_keeps_the_title_and_drops_the_columns_at_the_right(
    cache_dir: Path,
) -> None:
    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library(pilot)
        assert [c.label for c in screen.table.columns] == ["", "Title", "Offline"]
        assert sum(c.width + 2 for c in screen.table.columns) <= screen.table.size.width
        assert [row.lines[0][1][0][0] for row in screen.table.rows] == UNREAD_TITLES
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert [c.label for c in screen.table.columns] == ["", "Title", "Site", "Date", "Offline"]
        assert column(app, SITE)[0] == "essays.example"
