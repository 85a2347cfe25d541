"""The reading list in the app never reads or writes the store on the UI thread (issue 17's rule).

Every method of the store the views, the keys, the tags prompt, the filter and the loads use is
wrapped to note the thread it runs on; a session that uses each of them must leave no note of the
UI thread.
"""

from __future__ import annotations

from pathlib import Path

from support.pilot import SIZE, settle
from support.reading_list import add_long_essay, fill_list
from support.threads import record_threads
from tuireader.settings import Settings
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.dialogs.tags import TagsDialog
from tuireader.ui.screens.library import LibraryScreen
from tuireader.ui.screens.reader import ReaderScreen

LIST_CALLS = (
    "view_items",
    "count_view",
    "list_counts",
    "view_item",
    "saved_item",
    "set_state",
    "set_starred",
    "retag",
    "tags_of",
    "all_tags",
    "set_saved_error",
    "feeds",
    "count_entries",
    "entry_for",
    "mark_entry",
    "mark_url_read",
    "library",
    "count",
    "load",
)


async def test_every_store_call_of_the_reading_list_runs_in_a_worker(cache_dir: Path) -> None:
    fill_list(cache_dir)
    add_long_essay(cache_dir)
    settings = Settings(archive_when_finished=True)
    app = TuiReaderApp(cache_dir, import_samples=False, settings=settings, offline=True)
    calls = record_threads(app.store, LIST_CALLS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and len(screen.listed) == 8
        await pilot.press("down", "a", "asterisk")  # On slow reading: archived, starred
        await settle(pilot)
        await pilot.press("m")  # back in Unread
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
        assert isinstance(app.screen, TagsDialog)
        await pilot.press(*"+fresh", "enter")
        await settle(pilot)
        await pilot.press("number_sign", *"news")  # the filter
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("tab", "down")  # Starred
        await settle(pilot)
        await pilot.press("tab", "down", "enter")  # Tide tables, read from the cache
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.reader_screen.reading is not None
        await pilot.press("asterisk", "a")  # from the reader
        await settle(pilot)
        await pilot.press("L", "tab", "home")  # Unread
        await settle(pilot)
        await pilot.press("tab", "home", "enter")  # the long essay, on top
        await settle(pilot)
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("L")  # finished: archived by the position writer
        await settle(pilot)
        app.reader.positions.flush(5)
        on_ui_thread = [name for name, on_ui_thread in calls if on_ui_thread]
        item = app.store.saved_item("https://essays.example/a-long-essay")
        assert item is not None and item.state == "archived"

    names = {name for name, _ in calls}
    assert names >= {"view_items", "count_view", "list_counts", "saved_item", "set_state"}
    assert names >= {"set_starred", "retag", "tags_of", "all_tags", "load"}
    assert on_ui_thread == []
