"""The library reads the store in workers only: typing never waits for SQLite, stale rows die.

A slow store is stood for by another thread holding the store's lock, which every read from a
worker thread waits for (a read on the UI thread would go to its own connection instead and answer
at once): the keys typed meanwhile must all land, the rows on screen stay, and only the latest
query's rows may replace them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import Input

from support.library import ARTICLES, fill, open_library, titles
from support.pilot import SIZE, settle
from support.threads import record_threads
from tuireader.models import LibraryEntry
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.dialogs.confirm import ConfirmDialog
from tuireader.ui.screens.library import PAGE, RowsListed

LIBRARY_READS = ("library", "count", "forget", "search")


async def test_every_store_call_of_the_library_runs_in_a_worker(cache_dir: Path) -> None:
    many = [(f"Article {n:04d}", "Example", f"word{n}") for n in range(PAGE + 10)]
    fill(cache_dir, many)
    app = TuiReaderApp(cache_dir, import_samples=False)
    calls = record_threads(app.reader, LIBRARY_READS)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        assert len(titles(app)) == PAGE
        screen.table.move_cursor(PAGE - 1)  # near the end: the next window
        await settle(pilot)
        assert len(titles(app)) == PAGE + 10
        await pilot.press("s")  # sorted by title
        await settle(pilot)
        assert titles(app)[0] == "Article 0000"
        await pilot.press(*"0007")  # filtering
        await settle(pilot)
        assert titles(app) == ["Article 0007"]
        await pilot.press("escape", "d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert "Article 0000" not in titles(app) and app.store.count() == PAGE + 9
        await pilot.press("slash", *"word85")
        await settle(pilot)
        assert titles(app) == ["Article 0085"]

    assert {name for name, _ in calls} == set(LIBRARY_READS)
    assert [name for name, on_ui_thread in calls if on_ui_thread] == []


async def test_typing_while_the_store_is_slow_lands_and_only_the_last_query_lists(
    cache_dir: Path,
) -> None:
    fill(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        held, let_go = threading.Event(), threading.Event()

        def writer() -> None:  # a write in flight on another thread: worker reads wait for it
            with app.store._lock:
                held.set()
                let_go.wait(60)  # a read that waited on the UI thread would end it here

        holder = threading.Thread(target=writer)
        holder.start()
        held.wait()
        try:
            await pilot.press(*"fe")  # "f" lists, then "fe" lists: both wait for the lock
            await pilot.pause()
            assert screen.query_one("#library-query", Input).value == "fe"
            assert len(titles(app)) == len(ARTICLES)  # the rows shown stay meanwhile
        finally:
            let_go.set()
            holder.join()
        await settle(pilot)
        assert sorted(titles(app)) == ["Council budget deferred", "Ferry timetable for winter"]


async def test_rows_of_an_older_query_are_never_shown(cache_dir: Path) -> None:
    fill(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press(*"win")
        await settle(pilot)
        assert titles(app) == ["Ferry timetable for winter"]
        older: list[LibraryEntry] = app.store.library(limit=PAGE)  # what "" would bring
        assert len(older) == len(ARTICLES)
        screen.post_message(RowsListed(screen._list_number - 1, 0, older, len(older)))
        await pilot.pause()
        assert titles(app) == ["Ferry timetable for winter"]
        screen.post_message(RowsListed(screen._list_number, 5, older, len(older)))  # not next
        await pilot.pause()
        assert titles(app) == ["Ferry timetable for winter"]
