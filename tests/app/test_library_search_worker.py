"""The library's full-text search runs in a worker: typing never waits for it, stale results die.

A search that is still running is stood for by holding the store's search lock, which every
search takes (one search at a time): the keys typed meanwhile must all land, and only the last
query's results may ever reach the table.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from support.library import fill, open_library, titles
from support.pilot import SIZE
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.library import SEARCH_GROUP, SearchDone


def heading(app: TuiReaderApp) -> str:
    return str(app.screen.query_one("#library-heading", Static).render())


async def test_typing_while_a_search_runs_lands_and_only_the_last_query_answers(
    cache_dir: Path,
) -> None:
    fill(cache_dir)
    flowed: list[SearchDone] = []
    states: dict[str, list[WorkerState]] = {}  # by the search's arguments

    def hook(message: Message) -> None:
        if isinstance(message, SearchDone):
            flowed.append(message)
        elif isinstance(message, Worker.StateChanged) and message.worker.group == SEARCH_GROUP:
            states.setdefault(message.worker.description, []).append(message.state)

    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        screen = await open_library(pilot)
        await pilot.press("slash")
        lock = app.store._search_lock
        lock.acquire()  # a search is running: the next ones must wait for it
        released = threading.Event()

        def release() -> None:
            if not released.is_set():
                released.set()
                lock.release()

        # A search on the UI thread would wait for the lock there: let go after a minute, so
        # that fails the assertions instead of hanging the test.
        safety = threading.Timer(60, release)
        safety.start()
        try:
            await pilot.press("t")  # "t*" matches every article
            await pilot.press("w")  # "tw*": only "Two extra crossings"
            await pilot.pause()
            assert screen.query_one("#library-query", Input).value == "tw"
            assert heading(app).startswith("Searching every article")
            assert [name.split("(")[1] for name in states] == ["'t', 1)", "'tw', 2)"]
            first, second = states.values()
            assert first[-1] == WorkerState.CANCELLED  # the "t" search, superseded
            assert WorkerState.CANCELLED not in second
            assert flowed == []
        finally:
            safety.cancel()
            release()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [message.number for message in flowed] == [screen._search_number]
        assert titles(app) == ["Ferry timetable for winter"]
        assert heading(app).startswith("Search: 1 article contains every word.")


async def test_results_of_an_older_search_are_never_shown(cache_dir: Path) -> None:
    fill(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("slash", *"sensor")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert titles(app) == ["Council budget deferred"]
        older = app.store.search("ferry", prefix=True)  # what an older search would bring
        assert len(older) == 2
        screen.post_message(SearchDone(screen._search_number - 1, older))
        await pilot.pause()
        assert titles(app) == ["Council budget deferred"]
        await pilot.press("escape")  # ends the search
        await pilot.pause()
        screen.post_message(SearchDone(screen._search_number, older))  # after the search ended
        await pilot.pause()
        assert len(titles(app)) == 3 and not screen.searching
