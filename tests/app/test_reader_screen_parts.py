"""The reader screen's parts: store reads off the UI thread, latest answers win, pane reactives.

After start-up (whose first cached article may be read on the UI thread, so it is drawn in the
first frame), every read the screen asks of the store runs in a worker whose answer comes back
as a message.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.widgets import Static

from support.fixture_site import FixtureSite
from support.pilot import settle
from support.threads import record_threads
from tuireader.cache import Store
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.reader import ReaderScreen
from tuireader.ui.screens.reader.loader import Loader
from tuireader.ui.screens.reader.lookups import CacheLookups
from tuireader.ui.screens.reader.navigator import Navigator
from tuireader.ui.widgets.related_sidebar import RelatedSidebar
from tuireader.ui.widgets.source_panel import NOT_CACHED

SIZE = (120, 40)
STORE_READS = ("ready", "open", "position", "cached_among", "cached_article")


def option_index(sidebar: RelatedSidebar, url: str) -> int:
    for index, option in enumerate(sidebar.options):
        found = sidebar.number_of(option.id) if option.id else None
        if found is not None and found[1].url == url:
            return index
    raise AssertionError(f"{url} is not in the sidebar")


def source_text(app: TuiReaderApp) -> str:
    return str(app.screen.query_one("#source-lines", Static).render())


async def test_after_start_up_the_store_is_read_in_workers_only(
    site: FixtureSite, cache_dir: Path
) -> None:
    flowed: list[Message] = []
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    second, third = site.url("/second.html"), site.url("/third.html")
    app.reader.open(second)  # cached before the reader starts
    async with app.run_test(size=SIZE, message_hook=flowed.append) as pilot:
        await settle(pilot)
        calls = record_threads(app.reader, STORE_READS)
        flowed.clear()
        sidebar = app.screen.query_one(RelatedSidebar)
        await pilot.press("tab")  # the sidebar: the highlighted link is previewed
        sidebar.highlighted = option_index(sidebar, second)
        await settle(pilot)
        assert "Title: Island Ferry Adds a Winter Timetable" in source_text(app)
        await pilot.press("enter")  # a cached article, opened through the load worker
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.url == second
        await pilot.press("backspace")
        await settle(pilot)
        sidebar.focus()
        sidebar.highlighted = option_index(sidebar, third)
        await settle(pilot)
        assert NOT_CACHED in source_text(app)

    asked = {name for name, _ in calls}
    assert {"open", "position", "cached_among", "cached_article"} <= asked
    assert [name for name, on_ui_thread in calls if on_ui_thread] == []
    kinds = {type(message) for message in flowed}
    assert {CacheLookups.Previewed, CacheLookups.Marked, Loader.Loaded} <= kinds


async def test_only_the_latest_preview_reaches_the_source_panel(
    site: FixtureSite, cache_dir: Path
) -> None:
    """Two highlights while the store is busy: the first answer is never shown."""
    previews: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, CacheLookups.Previewed):
            previews.append(message.preview.url)

    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    second, third = site.url("/second.html"), site.url("/third.html")
    app.reader.open(second)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(RelatedSidebar)
        await pilot.press("tab")
        sidebar.highlighted = option_index(sidebar, third)  # then a change to each link
        await settle(pilot)
        previews.clear()
        lock = app.store._lock
        lock.acquire()  # a writer holds the store: the lookups wait in their threads
        try:
            sidebar.highlighted = option_index(sidebar, second)
            await pilot.pause()
            sidebar.highlighted = option_index(sidebar, third)
            await pilot.pause()
        finally:
            lock.release()
        await settle(pilot)
        text = source_text(app)
        assert f"URL: {third}" in text and "Island Ferry" not in text
        assert previews == [third]


async def test_navigator_posts_each_step_shown(site: FixtureSite, cache_dir: Path) -> None:
    shown: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Navigator.Shown):
            shown.append(message.entry.reading.url)

    first, second = site.url("/article.html"), site.url("/second.html")
    app = TuiReaderApp(cache_dir, start_url=first)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(pilot)
        app.reader_screen.load(second)
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
    assert shown == [first, second, first, second]


async def test_pane_state_is_reactive_and_drives_the_layout_classes(cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # the library opens over an empty reader
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and not screen.narrow
        screen.hidden_panes = frozenset({"links"})
        await pilot.pause()
        assert screen.has_class("-hide-links") and not screen.has_class("-hide-source")
        assert not screen.query_one(RelatedSidebar).display or not screen.pane_shown("links")
        await pilot.press("i")
        assert screen.hidden_panes == {"links", "source"}
        assert screen.has_class("-hide-source")
        await pilot.press("e", "i")
        assert screen.hidden_panes == frozenset()
        assert not screen.has_class("-hide-links") and not screen.has_class("-hide-source")

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.narrow
        screen.open_overlay = "source"
        await pilot.pause()
        assert screen.has_class("-show-source") and screen.overlay == "source"
        await pilot.resize_terminal(*SIZE)  # an overlay does not outlive the narrow layout
        await pilot.pause()
        await pilot.pause()
        assert screen.open_overlay is None and not screen.has_class("-show-source")


async def test_the_app_writes_positions_off_the_ui_thread_and_the_last_at_quit(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = site.url("/article.html")
    app = TuiReaderApp(cache_dir, start_url=url, import_samples=False)
    on_ui_thread: list[bool] = []
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        mark_read = app.store.mark_read

        def recorded(*args: Any, **kw: Any) -> None:
            on_ui_thread.append(threading.current_thread() is threading.main_thread())
            time.sleep(0.2)  # a slow disk: the store must not close under the last save
            mark_read(*args, **kw)

        app.store.mark_read = recorded  # type: ignore[method-assign]
        await pilot.press("pagedown")
        app.reader_screen.remember_position()
        await pilot.press("G", "q")  # the last position, saved as the app closes
    assert on_ui_thread and not any(on_ui_thread)
    store = Store.in_directory(cache_dir)
    assert store.library()[0].progress == 1.0
    store.close()
