"""A hostile page in the running reader: every state shows its text inert, and markup stays text.

Each state is checked on what the compositor draws (the text of every cell) and on what the app
would write to the terminal, so a widget that forgot to clean or escape page text is caught
wherever it sits.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from textual.pilot import Pilot

from support.fixture_site import FixtureSite
from support.hostile_page import MARKUP, NON_HTTP, serve_hostile, stored_article, unsafe_in
from support.pilot import settle, wait_until
from support.screen_text import find_on_screen, foreign_bytes, screen_lines
from tuireader.cache import Store
from tuireader.models import Page
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.messages import FollowLink
from tuireader.ui.screens.contents import ContentsScreen
from tuireader.ui.screens.help import HelpScreen
from tuireader.ui.screens.history import HistoryScreen
from tuireader.ui.screens.library import LibraryScreen
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.related_sidebar import RelatedSidebar
from tuireader.ui.widgets.source_panel import SourcePanel

SIZE = (160, 50)  # wide: the body, the links and the source stand side by side


def assert_inert(app: TuiReaderApp, state: str) -> str:
    """The screen holds no unsafe character and writes no foreign sequence; returns its text."""
    text = "\n".join(screen_lines(app))
    bad = [line for line in text.splitlines() if unsafe_in(line)]
    assert not bad, f"{state}: {unsafe_in(text)} in {bad}"
    written = foreign_bytes(app)
    assert "\x1b" not in written, f"{state}: {written[written.index(chr(27)) :][:40]!r}"
    assert not unsafe_in(written.replace("\r", "")), f"{state}: {unsafe_in(written)}"
    for line in (app.title, app.sub_title):
        assert not unsafe_in(line), f"{state}: title {line!r}"
    return text


async def check_reader_states(pilot: Pilot[None], app: TuiReaderApp) -> str:
    """The article, each sidebar link's preview, a typed number, the contents and the history.

    Returns the article screen's text.
    """
    text = assert_inert(app, "article")
    sidebar = app.screen.query_one(RelatedSidebar)
    app.screen.set_focus(sidebar)
    await pilot.pause()
    links = [n for n, option in enumerate(sidebar.options) if not option.disabled]
    assert links
    for index in links:
        sidebar.highlighted = index
        await settle(pilot)  # the preview is read from the cache in a worker
        preview = app.screen.query_one(SourcePanel).preview
        assert preview is not None
        assert_inert(app, f"preview of {preview.url!r}")
    await pilot.press("1")
    assert "Link 1: " in assert_inert(app, "link number")
    await pilot.press("escape")
    app.screen.set_focus(app.screen.query_one(BodyPane))
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(app.screen, ContentsScreen)
    assert_inert(app, "contents")
    await pilot.press("escape")
    await app.reader_screen.run_action("history")
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    assert "▶ " in assert_inert(app, "history")
    await pilot.press("escape")
    await pilot.press("y")  # copy the URL: the clipboard gets no controls either
    await pilot.pause()
    assert app.clipboard and not unsafe_in(app.clipboard)
    assert_inert(app, "copied URL")
    return text


@pytest.mark.slow
async def test_every_pane_shows_the_page_inert(site: FixtureSite, cache_dir: Path) -> None:
    raw_url, refs_url = serve_hostile(site)
    app = TuiReaderApp(cache_dir, start_url=raw_url, import_samples=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.url == raw_url
        text = await check_reader_states(pilot, app)
        for shown in ("Hostile headline", "First paragraph", "Section heading", "List item one"):
            assert shown in text
        for markup in MARKUP:
            assert markup in text, markup
        assert "Hostile headline" in app.sub_title

        # The related link to the same page spelt with character references.
        sidebar = app.screen.query_one(RelatedSidebar)
        app.screen.set_focus(sidebar)
        sidebar.highlighted = next(
            n
            for n, option in enumerate(sidebar.options)
            if (found := sidebar.number_of(option.id)) and found[1].url == refs_url
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader_screen.reading.url == refs_url  # type: ignore[union-attr]
        text = await check_reader_states(pilot, app)
        assert "[@click=app.quit]quit[/]" in text
        assert len(app.reader_screen.history) == 2


@pytest.mark.slow
async def test_an_uncleaned_article_from_the_cache_is_shown_inert(
    site: FixtureSite, cache_dir: Path
) -> None:
    """Whatever a cache file holds, every pane cleans it again before showing it."""
    info, article = stored_article(site.base)
    # Untitled, so its URL stands for the title; the URL itself holds bidi and C1 characters.
    untitled = info._replace(url=f"{site.base}/untitled\u202e\x9b.html")
    with closing(Store.in_directory(cache_dir)) as store:
        store.save(Page(info, "<p>stored</p>"), article)
        store.save(Page(untitled, "<p>untitled</p>"), article._replace(title=""))
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert "Stored title" in assert_inert(app, "library")
        await pilot.press("slash", *"paragraph")
        await app.workers.wait_for_complete()  # the search runs in a worker
        await pilot.pause()
        assert "Stored paragraph" in assert_inert(app, "library search")
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert app.reader_screen.reading.url == info.url  # type: ignore[union-attr]
        text = await check_reader_states(pilot, app)
        for shown in ("Stored title", "Stored paragraph", "Stored heading", "Stored quote"):
            assert shown in text
        for markup in MARKUP:
            assert markup in text, markup
        await pilot.press("L")
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        library.table.move_cursor(library.rows.index(untitled.url))
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader_screen.reading.url == untitled.url  # type: ignore[union-attr]
        await check_reader_states(pilot, app)


async def test_library_rows_and_search_snippets_are_inert(
    site: FixtureSite, cache_dir: Path
) -> None:
    raw_url, refs_url = serve_hostile(site)
    app = TuiReaderApp(cache_dir, start_url=raw_url, import_samples=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.reader_screen.load(refs_url)
        await settle(pilot)
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.rows and set(app.screen.rows) == {raw_url, refs_url}
        assert assert_inert(app, "library").count("Hostile headline") == 2
        await pilot.press("slash", *"paragraph")
        await app.workers.wait_for_complete()  # the search runs in a worker
        await pilot.pause()
        text = assert_inert(app, "library search")
        assert "Search: 2 articles" in text
        assert "paragraph" in text
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_inert(app, "help")


async def test_click_on_markup_text_runs_no_action(site: FixtureSite, cache_dir: Path) -> None:
    raw_url, _ = serve_hostile(site)
    app = TuiReaderApp(cache_dir, start_url=raw_url, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        clicked = 0
        for markup in ("[@click=app.quit]", "[link=http://evil]"):
            for _ in range(30):  # scroll until a line shows it
                where = find_on_screen(app, markup)
                if where is not None and body.region.contains(where.x, where.y):
                    break
                await pilot.press("j")
                await pilot.pause()
            assert where is not None, markup
            assert await pilot.click(offset=(where.x + 2, where.y))
            await pilot.pause()
            clicked += 1
            assert not app._exit and app.is_running, markup
            assert app.reader_screen.reading.url == raw_url  # type: ignore[union-attr]
        assert clicked == 2


async def test_warnings_and_errors_that_name_a_hostile_url_are_inert(
    site: FixtureSite, cache_dir: Path
) -> None:
    raw_url, _ = serve_hostile(site)
    app = TuiReaderApp(cache_dir, start_url=raw_url, import_samples=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # A link of another scheme, followed: a warning that names it, and nothing loads.
        for url in NON_HTTP:
            app.reader_screen.post_message(FollowLink(url + "\x1b]52;c;ZXZpbA==\x07\u202e"))
            await settle(pilot)
            text = assert_inert(app, f"following {url}")
            assert "Only http and https links are followed" in text
            assert url[:10] in text
            assert app.reader_screen.reading.url == raw_url  # type: ignore[union-attr]
        assert not any(path.startswith(("/etc", "alert")) for path in site.paths_requested())
        # An http link with escapes in its address, which the server does not have.
        await pilot.press("1", "enter")
        await settle(pilot)
        text = assert_inert(app, "a failed load")
        assert "next%1b%5b2J" in text and "404" in text


async def test_read_ahead_requests_only_the_http_links(site: FixtureSite, cache_dir: Path) -> None:
    """`p` on the hostile page, then on an uncleaned cached one that keeps a javascript: link."""
    raw_url, _ = serve_hostile(site)
    info, article = stored_article(site.base)
    with closing(Store.in_directory(cache_dir)) as store:
        store.save(Page(info, "<p>stored</p>"), article)
    app = TuiReaderApp(cache_dir, start_url=raw_url, import_samples=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None
        http_paths = {
            urlsplit(link.url).path
            for link in (*reading.article.related_links, *reading.article.body_links)
        }
        assert len(http_paths) == 3  # the page with references and two addresses with escapes
        # The page's own picture comes with it, before the read-ahead asks for anything.
        await wait_until(pilot, lambda: "/hostile.jpg" in site.paths_requested(), "the picture")
        await settle(pilot)
        before = len(site.requests)
        await pilot.press("p")
        await settle(pilot)
        # The pages read ahead, and their picture (the same figure as this page's).
        assert set(site.paths_requested()[before:]) == http_paths | {"/hostile.jpg"}
        assert "Read ahead" in assert_inert(app, "read ahead")

        app.reader_screen.load(info.url, offline=True)
        await settle(pilot)
        assert any(link.url.startswith("javascript:") for link in article.body_links)
        before = len(site.requests)
        await pilot.press("p")
        await settle(pilot)
        # Addresses with raw controls are no URL to read: only the plain one is requested.
        assert site.paths_requested()[before:] == ["/stored-plain.html"]
        assert_inert(app, "read ahead from the uncleaned article")
