"""Feeds in the app never read or write the store on the UI thread (issue 17's rule).

Every method of the store the feed views, the marks and the entry loads use is wrapped to note
the thread it runs on; a session that uses each of them must leave no note of the UI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from support.feeds import fill_feeds
from support.pilot import SIZE, settle
from support.threads import record_threads
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.dialogs.confirm import ConfirmDialog
from tuireader.ui.screens.library import LibraryScreen

FEED_CALLS = (
    "feeds",
    "count_entries",
    "view_items",
    "count_view",
    "list_counts",
    "entry",
    "entry_for",
    "entry_content",
    "cached_urls",
    "mark_entry",
    "mark_url_read",
    "mark_feed_read",
    "load",
    "library",
    "count",
)


async def test_every_store_call_of_the_feed_views_runs_in_a_worker(cache_dir: Path) -> None:
    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    calls = record_threads(app.store, FEED_CALLS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and len(screen.listed) == 4
        await pilot.press("m")  # marked read, counts read again
        await settle(pilot)
        await pilot.press("tab", "down", "down")  # Harbour Gazette
        await settle(pilot)
        await pilot.press("M")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("down")  # Town Notes
        await settle(pilot)
        await pilot.press("tab", "enter")  # the feed-only note, from the feed's content
        await settle(pilot)
        assert app.reader_screen.reading is not None
        await pilot.press("m")  # in the reader
        await settle(pilot)
        await pilot.press("L", "tab", "home")  # Unread
        await settle(pilot)
        await pilot.press("down")  # All articles: the cached ferry article alone
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.article.title == "Ferry returns after refit"
        await pilot.press("L")
        await settle(pilot)
        app.reader.positions.flush(5)

    names = {name for name, _ in calls}
    assert names >= {"feeds", "view_items", "count_entries", "entry_content", "mark_entry"}
    assert names >= {"mark_feed_read", "cached_urls", "entry", "load", "library", "count"}
    assert [name for name, on_ui_thread in calls if on_ui_thread] == []


async def test_unread_rows_read_at_launch_are_drawn_at_once_and_a_fresh_read_replaces_them(
    cache_dir: Path,
) -> None:
    """The library's first frame shows Unread's rows as last read (at launch), while its worker
    waits on a slow store; the worker's answer then replaces them."""
    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, start_url="about:blank", import_samples=False, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the launch worker has read the overview and Unread's first rows
        assert app.reader.views.last_unread is not None
        gone = app.reader.views.last_unread[0].entry
        assert gone is not None
        app.store.mark_entry(gone.id)  # behind the library's back: its memory is stale now
        held, let_go = threading.Event(), threading.Event()

        def writer() -> None:  # a slow store: the library's worker waits for it
            with app.store._lock:
                held.set()
                let_go.wait(60)

        holder = threading.Thread(target=writer)
        holder.start()
        held.wait()
        try:
            app.reader_screen.action_library()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LibraryScreen) and screen.waiting
            assert screen.table.rows[0].key == str(gone.id)  # from memory
            assert len(screen.table.rows) == 4
        finally:
            let_go.set()
            holder.join()
        await settle(pilot)
        assert len(screen.table.rows) == 3 and not screen.waiting
