"""The library screen with the pilot: filtering, full-text search, sorting, deleting, paging."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from support.library import ARTICLES, fill, open_library, titles
from support.pilot import SIZE, settle
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.dialogs.confirm import ConfirmDialog
from tuireader.ui.screens.library import PAGE, LibraryScreen
from tuireader.ui.widgets.article_list import ArticleList


async def test_typing_filters_by_title_and_site(cache_dir: Path) -> None:
    fill(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        assert titles(app) == [a[0] for a in reversed(ARTICLES)]  # newest first
        await pilot.press("w", "i", "n")  # w is no binding: typing starts the filter
        assert screen.query_one("#library-query", Input).value == "win"
        await settle(pilot)
        assert titles(app) == ["Ferry timetable for winter"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(titles(app)) == 3 and isinstance(app.screen, LibraryScreen)
        await pilot.press("question_mark")  # the app's keys stay keys, not filter text
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.press("escape")
        assert not isinstance(app.screen, LibraryScreen)


async def test_slash_searches_the_full_text_with_highlights(cache_dir: Path) -> None:
    fill(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot)
        await pilot.press("slash", *"sensor")
        await app.workers.wait_for_complete()  # the search runs in a worker
        await pilot.pause()
        assert titles(app) == ["Council budget deferred"]
        snippet = app.screen.query_one(ArticleList).rows[0].lines[1][0]
        assert [text for text, style in snippet if style == "article-list--hit"] == ["sensor"]
        heading = str(app.screen.query_one("#library-heading", Static).render())
        assert heading.startswith("Search: 1 article contains every word.")
        await pilot.press("enter", "enter")  # leave the box, then read the row
        await app.workers.wait_for_complete()
        await pilot.pause()
        reading = app.reader_screen.reading
        assert reading is not None and reading.article.title == "Council budget deferred"


async def test_sort_cycles_through_orders(cache_dir: Path) -> None:
    fill(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "title"
        assert titles(app) == sorted(a[0] for a in ARTICLES)
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "site"
        assert titles(app)[0].split()[0] in ("Harbour", "Ferry")


async def test_delete_asks_first(cache_dir: Path) -> None:
    fill(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot)
        first = titles(app)[0]
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert titles(app)[0] == first
        await pilot.press("d", "y")
        await settle(pilot)
        assert first not in titles(app) and len(titles(app)) == 2
        assert app.store.count() == 2


async def test_rows_load_a_page_at_a_time(cache_dir: Path) -> None:
    many = [(f"Article {n:04d}", "Example", f"word{n}") for n in range(PAGE + 50)]
    fill(cache_dir, many)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        table = screen.query_one(ArticleList)
        assert table.row_count == PAGE
        table.move_cursor(PAGE - 1)
        await settle(pilot)
        assert table.row_count == PAGE + 50
