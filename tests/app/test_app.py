"""The reader driven with Textual's pilot: panes, links, history, library, prompts and errors."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from support.fixture_site import FixtureSite
from support.pilot import SIZE, app_for, notifications, settle
from support.sample_article import SAMPLE_URL, TITLE
from tuireader.cache import Store
from tuireader.models import CacheState
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.help import HelpScreen
from tuireader.ui.screens.library import LibraryScreen
from tuireader.ui.widgets.article_list import ArticleList
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.related_sidebar import RelatedSidebar
from tuireader.ui.widgets.source_panel import SourcePanel


def screen_text(app: TuiReaderApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


async def test_tab_cycles_through_the_three_sections(site: FixtureSite, cache_dir: Path) -> None:
    app = app_for(cache_dir, site.url("/article.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = [type(app.focused).__name__]
        for _ in range(3):
            await pilot.press("tab")
            seen.append(type(app.focused).__name__)
        assert seen == ["BodyPane", "RelatedSidebar", "SourcePanel", "BodyPane"]
        await pilot.press("shift+tab")
        assert isinstance(app.focused, SourcePanel)


async def test_article_fills_the_three_panes(site: FixtureSite, cache_dir: Path) -> None:
    app = app_for(cache_dir, site.url("/article.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        assert body.document.title == "Fog Rolls In Earlier Each Year, Harbour Town Says"
        header = [(block.kind, block.text) for block in body.document.blocks[:4]]
        assert header[:2] == [
            ("title", "Fog Rolls In Earlier Each Year, Harbour Town Says"),
            ("byline", "By Jane Doe · October 14, 2025"),
        ]
        assert header[2][0] == "image"  # the lead picture, above its caption
        assert header[3][0] == "caption" and "Photo: Sam Park" in header[3][1]
        text = body.plain_text()
        assert "Harbour master Tomas Reyes" in text
        assert "Island Ferry Adds a Winter Timetable" not in text
        assert "Accept all" not in text and "All rights reserved" not in text
        sidebar = app.screen.query_one(RelatedSidebar)
        texts = [link.text for link in sidebar.links]
        assert texts[:2] == [
            "Island Ferry Adds a Winter Timetable",
            "Council Minutes: The Breakwater Sensor",
        ]
        assert [link.kind for link in sidebar.links[:2]] == ["related", "related"]
        assert all(link.url.startswith("http") for link in sidebar.links)
        assert len({link.url for link in sidebar.links}) == len(sidebar.links)
        source = str(app.screen.query_one("#source-lines", Static).render())
        for expected in (
            "fresh",
            "The Eastwick Gazette",
            "Jane Doe",
            "October 14, 2025",
            "200",
            "text/html",
            site.url("/article.html"),
            "Photo: Sam Park",
            "Coast Wire",
        ):
            assert expected in source, expected


async def test_enter_on_a_related_link_then_back_restores_scroll(
    site: FixtureSite, cache_dir: Path
) -> None:
    app = app_for(cache_dir, site.url("/article.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        for _ in range(6):
            await pilot.press("j")
        await pilot.press("pagedown")
        await pilot.pause()
        scrolled = body.scroll_y
        paragraph = body.top_block()
        assert scrolled > 5 and paragraph > 0
        await pilot.press("tab")
        assert isinstance(app.focused, RelatedSidebar)
        await pilot.press("enter")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert (
            reading is not None and reading.article.title == "Island Ferry Adds a Winter Timetable"
        )
        assert reading.state is CacheState.FRESH
        assert body.scroll_y == 0
        assert app.reader.store.contains(site.url("/second.html"))
        await pilot.press("backspace")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.article.title.startswith("Fog Rolls In")
        assert body.top_block() == paragraph  # back at the same paragraph
        assert 0 < body.scroll_y <= scrolled
        await pilot.press("l")
        await settle(pilot)
        assert app.reader_screen.reading.article.title == "Island Ferry Adds a Winter Timetable"  # type: ignore[union-attr]


async def test_a_link_in_the_body_is_followed(site: FixtureSite, cache_dir: Path) -> None:
    app = app_for(cache_dir, site.url("/article.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        links = app.screen.query_one(RelatedSidebar).links
        body_link = next(link for link in links if link.kind == "body")
        body = app.screen.query_one(BodyPane)
        number = next(n for n, link in body.links.items() if link.url == body_link.url)
        layout = body.text_layout
        assert layout is not None
        line, column = next(
            (y, layout.offset + sum(len(t) for t, _, _ in layout.lines[y].segments[:i]))
            for y in range(len(layout.lines))
            for i, (_, _, link) in enumerate(layout.lines[y].segments)
            if link == number
        )
        body.scroll_to(y=line, animate=False)
        await pilot.pause()
        gutter = body.gutter  # border and padding: clicks are relative to the outer edge
        assert await pilot.click(body, offset=(gutter.left + column + 1, gutter.top))
        await settle(pilot)
        assert app.reader_screen.reading.page.url == body_link.url  # type: ignore[union-attr]


async def test_library_lists_the_sample_and_reads_it_offline(cache_dir: Path) -> None:
    app = app_for(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(ArticleList)
        assert table.row_count == 1
        assert table.rows[0].lines[0][0] == [(TITLE, "")]
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, LibraryScreen)
        reading = app.reader_screen.reading
        assert reading is not None and reading.url == SAMPLE_URL
        assert reading.state is CacheState.CACHED
        assert "from cache" in str(app.screen.query_one("#source-lines", Static).render())
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LibraryScreen)


async def test_open_prompt_explains_bad_urls_and_reads_good_ones(
    site: FixtureSite, cache_dir: Path
) -> None:
    app = app_for(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # leave the (empty) library
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"ftp://x.org", "enter")
        await pilot.pause()
        assert "unsupported scheme" in str(app.screen.query_one("#open-url-error", Static).render())
        app.focused.value = site.url("/third.html")
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader_screen.reading.article.title == "Council Minutes: The Breakwater Sensor"  # type: ignore[union-attr]


async def test_failures_show_a_message_not_a_traceback(site: FixtureSite, cache_dir: Path) -> None:
    app = app_for(cache_dir, site.url("/missing"), import_samples=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        status = app.screen.query_one(FetchStatus)
        assert status.display and status.has_class("-error")
        label = str(status.query_one("#fetch-label", Static).render())
        assert "404" in label and "Could not read" in label
        assert any("404" in n.message for n in notifications(app))
        said = app.screen.query_one(BodyPane).plain_text()
        assert said.startswith("Could not read the page.") and "404" in said
        assert app.is_running


async def test_refetch_and_offline_fallback(site: FixtureSite, cache_dir: Path) -> None:
    app = app_for(cache_dir, site.url("/article.html"), import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        requests = len(site.requests)
        await pilot.press("r")
        await settle(pilot)
        assert len(site.requests) == requests + 1
        assert len(app.reader_screen.history) == 1
        site.stop()
        await pilot.press("r")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.state is CacheState.FALLBACK
        source = str(app.screen.query_one("#source-lines", Static).render())
        assert "offline copy of" in source and "Fetch failed" in source


async def test_progress_shows_while_a_slow_page_loads(site: FixtureSite, cache_dir: Path) -> None:
    app = app_for(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        app.reader_screen.load(site.url("/slow.html"))
        labels = set()
        said = []
        for _ in range(40):
            await pilot.pause(0.05)
            said.append(app.screen.query_one(BodyPane).plain_text())
            status = app.screen.query_one(FetchStatus)
            if status.display:
                labels.add(str(status.query_one("#fetch-label", Static).render()))
            if app.reader_screen.reading is not None:
                break
        assert any(label.startswith("Received ") for label in labels), labels
        assert f"Opening {site.url('/slow.html')} …" in said
        await settle(pilot)
        assert not app.screen.query_one(FetchStatus).display


async def test_a_cached_article_opens_with_no_opening_flash(
    site: FixtureSite, cache_dir: Path
) -> None:
    """After start-up a cached article is read in the load worker, which answers within a frame
    or two: the body goes straight to it, never through "Opening …"."""
    app = app_for(cache_dir, site.url("/article.html"), import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the library
        app.reader_screen.load(site.url("/second.html"))
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        said: list[str] = []
        shown = body.say

        def say(text: str) -> None:
            said.append(text)
            shown(text)

        body.say = say  # type: ignore[method-assign]
        app.reader_screen.load(site.url("/article.html"))  # cached now, young
        await settle(pilot)
        assert app.reader_screen.reading is not None
        assert app.reader_screen.reading.url == site.url("/article.html")
        assert said == []
        assert not app.screen.query_one(FetchStatus).display


async def test_help_lists_every_binding(site: FixtureSite, cache_dir: Path) -> None:
    app = app_for(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        for expected in (
            "Backspace",
            "Open URL",
            "Refetch",
            "Library",
            "Quit",
            "Follow link",
            "Tab",
            "Page down",
            "Read ahead",
            "Search text",
            "Delete",
            "Sort",
            "Find",
            "Contents",
            "Follow link n",
            "Open link n in the browser",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(cache_dir: Path) -> None:
    app = app_for(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_reading_progress_is_kept_in_the_store(site: FixtureSite, cache_dir: Path) -> None:
    url = site.url("/article.html")
    app = app_for(cache_dir, url, import_samples=False)
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        app.reader_screen.remember_position()
        assert app.reader.positions.flush(timeout=30)  # written on the writer's thread
        top = app.store.library()[0].progress
        await pilot.press("G")
        await pilot.wait_for_scheduled_animations()
        await pilot.press("q")
    assert 0 < top < 0.6
    store = Store.in_directory(cache_dir)
    entry = store.library()[0]
    assert entry.url == url and entry.progress == 1.0  # saved when the app closed
    assert entry.last_read_at > entry.fetched_at[:10]


async def test_the_garbage_collector_waits_while_a_page_scrolls(
    site: FixtureSite, cache_dir: Path
) -> None:
    """A full collection can take longer than a frame: none runs mid-scroll, and none is lost."""
    import gc

    app = app_for(cache_dir, site.url("/article.html"))
    async with app.run_test(size=(120, 16)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        collecting: list[bool] = []
        app.screen.watch(body, "scroll_y", lambda: collecting.append(gc.isenabled()), init=False)
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert body.scroll_y > 0
        assert collecting and not any(collecting)
        assert gc.isenabled()


async def test_a_cached_article_needing_no_request_is_shown_without_the_load_worker(
    site: FixtureSite, cache_dir: Path
) -> None:
    """Young enough and made by this extractor: read from the store at once, no "Opening" step."""
    url = site.url("/article.html")
    first = app_for(cache_dir, url)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
    again = app_for(cache_dir, url)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the load worker ran")

    again.reader.open = no_open  # type: ignore[method-assign, assignment]
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = again.screen.query_one(BodyPane)
        assert body.document.title == "Fog Rolls In Earlier Each Year, Harbour Town Says"
        assert again.reader_screen.reading is not None
        assert again.reader_screen.reading.state is CacheState.CACHED
        await pilot.press("r")  # a refetch still goes through the worker
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Could not read" in screen_text(again)
