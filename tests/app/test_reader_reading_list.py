"""The reading list from the reader: a, * and + on the article open, m on a saved one, and
finishing an article archives it when `archive_when_finished` is on (and not when it is off)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from support.pilot import SIZE, footer_keys, notifications, settle
from support.reading_list import LONG_URL, TIDE_URL, add_long_essay, fill_list
from tuireader.settings import Settings
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.dialogs.tags import TagsDialog
from tuireader.ui.screens.library import LibraryScreen
from tuireader.ui.screens.reader import ReaderScreen


def titles(app: TuiReaderApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return [row.lines[0][1][0][0] for row in screen.table.rows]


async def open_row(pilot: Pilot[None], title: str) -> None:
    app = pilot.app
    assert isinstance(app, TuiReaderApp)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    screen.table.move_cursor(titles(app).index(title))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ReaderScreen)


async def read_to_the_end_and_back(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, TuiReaderApp)
    await pilot.press("end")
    await pilot.pause()
    await pilot.press("L")  # leaving it: its position, read to the end, is saved
    await settle(pilot)
    app.reader.positions.flush(5)


def state(app: TuiReaderApp, url: str) -> str:
    item = app.store.saved_item(url)
    assert item is not None
    return item.state


async def test_finishing_a_saved_article_archives_it_when_the_settings_say_so(
    cache_dir: Path,
) -> None:
    fill_list(cache_dir, feeds=False)
    add_long_essay(cache_dir)
    settings = Settings(archive_when_finished=True)
    app = TuiReaderApp(cache_dir, import_samples=False, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "A long essay")
        await pilot.press("L")  # left at its top: still unread
        await settle(pilot)
        assert state(app, LONG_URL) == "unread" and "A long essay" in titles(app)
        await open_row(pilot, "A long essay")
        await read_to_the_end_and_back(pilot)
        assert state(app, LONG_URL) == "archived"
        assert "A long essay" not in titles(app)


async def test_finishing_a_saved_article_leaves_it_unread_by_default(cache_dir: Path) -> None:
    fill_list(cache_dir, feeds=False)
    add_long_essay(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    assert not app.settings.archive_when_finished
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "A long essay")
        await read_to_the_end_and_back(pilot)
        assert state(app, LONG_URL) == "unread"
        assert "A long essay" in titles(app)


async def test_put_back_by_hand_it_stays_unread_when_finished(cache_dir: Path) -> None:
    fill_list(cache_dir, feeds=False)
    add_long_essay(cache_dir)
    settings = Settings(archive_when_finished=True)
    app = TuiReaderApp(cache_dir, import_samples=False, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "A long essay")
        await pilot.press("a")  # archived
        await settle(pilot)
        assert state(app, LONG_URL) == "archived"
        await pilot.press("m")  # m on a saved article: back in Unread, kept so
        await settle(pilot)
        assert state(app, LONG_URL) == "unread"
        await read_to_the_end_and_back(pilot)
        assert state(app, LONG_URL) == "unread"


async def test_the_keys_on_the_article_open(cache_dir: Path) -> None:
    fill_list(cache_dir, feeds=False)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "Tide tables explained")
        reader = app.screen
        footer = footer_keys(app)
        assert {"Archive", "Star"} <= set(footer)  # + Tags too, where there is room
        assert "m" in reader.active_bindings  # a saved article: m archives it
        await pilot.press("asterisk")
        await settle(pilot)
        item = app.store.saved_item(TIDE_URL)
        assert item is not None and not item.starred
        assert "Unstarred “Tide tables explained”." in [n.message for n in notifications(app)]
        await pilot.press("plus")
        await settle(pilot)
        assert isinstance(app.screen, TagsDialog)
        await pilot.press(*"-news +tides", "enter")
        await settle(pilot)
        assert app.store.tags_of(TIDE_URL) == ("tides",)
        await pilot.press("a")
        await settle(pilot)
        assert state(app, TIDE_URL) == "archived"


async def test_without_a_reading_list_the_keys_work_but_the_footer_is_as_before(
    cache_dir: Path,
) -> None:
    from support.library import ARTICLES, fill

    fill(cache_dir, [(title, site, f"{text} " * 8) for title, site, text in ARTICLES])  # articles
    app = TuiReaderApp(
        cache_dir, start_url="https://example.org/1", offline=True, import_samples=False
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = footer_keys(app)
        assert not {"Archive", "Star", "Tags"} & set(footer)
        await pilot.press("asterisk")  # the first star starts the list
        await settle(pilot)
        item = app.store.saved_item("https://example.org/1")
        assert item is not None and item.starred
        footer = footer_keys(app)
        assert {"Archive", "Star"} <= set(footer)
