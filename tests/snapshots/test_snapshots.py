"""The main screens at 120x40 (pytest-textual-snapshot; `pytest --snapshot-update` accepts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from support.paths import FIXTURE_DIR
from support.pilot import settle, wait_until
from support.sample_article import SAMPLE_URL
from tuireader.ui.app import TuiReaderApp

SIZE = (120, 40)


def test_reader_with_the_sample(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_library(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


async def _searched(pilot: Pilot[None]) -> None:
    """The search runs in a worker: typed here, so its results are in before the screenshot."""
    await settle(pilot)
    await pilot.press("slash", *"pyongyang")
    await settle(pilot)


def test_library_search_results(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir)
    assert snap_compare(app, terminal_size=SIZE, run_before=_searched)


def test_reader_narrow(snap_compare: Any, cache_dir: Path) -> None:
    """80x24: the article alone, the full width."""
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_reader_narrow_links_overlay(snap_compare: Any, cache_dir: Path) -> None:
    """80x24 after `e`: the related links open over the article, focused."""
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, press=["e"], terminal_size=(80, 24), run_before=settle)


def test_reader_wide(snap_compare: Any, cache_dir: Path) -> None:
    """200x60: article | related links | source, side by side."""
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, terminal_size=(200, 60), run_before=settle)


def test_reader_with_the_find_bar(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, press=["slash", *"korea"], terminal_size=SIZE, run_before=settle)


def test_reader_with_the_contents(snap_compare: Any, cache_dir: Path) -> None:
    """The sample has no headings: a fixture page with some, cached under a fixed URL."""
    from tuireader.cache import Store
    from tuireader.extract.pipeline import extract_article
    from tuireader.models import Page, PageInfo

    url = "https://news.example.org/city/harbour-bridge-reopens"
    html = (FIXTURE_DIR / "extract" / "gazette-structure.html").read_text()
    info = PageInfo(url=url, final_url=url, fetched_at="2026-11-28T00:00:00+00:00")
    store = Store.in_directory(cache_dir)
    store.save(Page(info, html), extract_article(html, url))
    store.close()
    app = TuiReaderApp(cache_dir, start_url=url, offline=True, import_samples=False)
    assert snap_compare(app, press=["t"], terminal_size=SIZE, run_before=settle)


def test_reader_with_a_front_page(snap_compare: Any, cache_dir: Path) -> None:
    """A front page as a page of links: its headlines by section, numbered. The page the fixture
    site serves (tests/app/test_page_of_links.py fetches it there), cached under a fixed URL
    and time so that the picture does not change with the server's port."""
    from tuireader.cache import Store
    from tuireader.extract.pipeline import extract_article
    from tuireader.models import Page, PageInfo

    url = "https://news.example.org/"
    html = (FIXTURE_DIR / "site" / "front-page.html").read_text()
    info = PageInfo(url=url, final_url=url, fetched_at="2026-11-28T00:00:00+00:00")
    store = Store.in_directory(cache_dir)
    store.save(Page(info, html), extract_article(html, url))
    store.close()
    app = TuiReaderApp(cache_dir, start_url=url, offline=True, import_samples=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_help_screen(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=settle)


async def _with_the_views(pilot: Pilot[None]) -> None:
    """Settled, once the first listing's answer has laid the views out (a loaded machine may
    take longer than one settle to start the listing worker)."""
    from tuireader.ui.screens.library import LibraryScreen

    def views_shown() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, LibraryScreen) and screen.has_views

    await wait_until(pilot, views_shown, "the views list")
    await settle(pilot)


def test_library_with_feeds_on_unread(snap_compare: Any, cache_dir: Path) -> None:
    """With feeds the library opens on Unread: the views at the left, the entries beside."""
    from support.feeds import fill_feeds

    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_with_the_views)


async def _to_the_gazette(pilot: Pilot[None]) -> None:
    """Tab to the views, down to the first feed: its entries are read in a worker."""
    await _with_the_views(pilot)
    await pilot.press("tab", "down", "down")
    await settle(pilot)


def test_library_feed_view(snap_compare: Any, cache_dir: Path) -> None:
    from support.feeds import fill_feeds

    fill_feeds(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_to_the_gazette)


def test_library_with_a_reading_list_on_unread(snap_compare: Any, cache_dir: Path) -> None:
    """With a reading list: Unread of the saved URLs and the feeds together, stars and tags,
    and the views for Starred, Archive and each tag."""
    from support.reading_list import fill_list

    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_with_the_views)


async def _tags_prompt(pilot: Pilot[None]) -> None:
    """+ on the first article: its tags are read in a worker, then the prompt completes."""
    await settle(pilot)
    await pilot.press("plus")
    await settle(pilot)
    await pilot.press(*"-long +ne")
    await settle(pilot)


def test_tags_prompt(snap_compare: Any, cache_dir: Path) -> None:
    from support.reading_list import fill_list

    fill_list(cache_dir)
    app = TuiReaderApp(cache_dir, import_samples=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_tags_prompt)


CARD_URL = "https://news.example.org/harbour/council-meets"


def test_reader_no_article_card(snap_compare: Any, cache_dir: Path) -> None:
    """A paywalled page read from the cache: the card that says why, and its keys."""
    from support.no_article_site import PAYWALL
    from tuireader.cache import Store
    from tuireader.extract.page import article_from_page
    from tuireader.models import Page, PageInfo

    info = PageInfo(url=CARD_URL, final_url=CARD_URL, fetched_at="2024-01-05T10:30:00+00:00")
    page = Page(info, PAYWALL)
    store = Store.in_directory(cache_dir)
    store.save(page, article_from_page(page))
    store.close()
    app = TuiReaderApp(cache_dir, start_url=CARD_URL, offline=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_reader_with_a_picture_in_blocks_mode(
    snap_compare: Any, cache_dir: Path, site: Any, monkeypatch: Any
) -> None:
    """80x24, the article alone: its lead picture (stripes of known colours over green) drawn
    in half blocks from the cache, offline. The site's port shows nowhere at this width."""
    import asyncio

    from support.picture_pages import cache_a_picture_article
    from tuireader.settings import Settings
    from tuireader.ui.layout.half_blocks import UPPER_HALF
    from tuireader.ui.widgets.body_pane import BodyPane

    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)
    url = asyncio.run(cache_a_picture_article(site, cache_dir))
    site.stop()

    async def drawn(pilot: Pilot[None]) -> None:
        def decoded() -> bool:
            found = pilot.app.screen.query(BodyPane)
            if not found:
                return False
            body = found.first()
            layout = body.text_layout
            if layout is None or not layout.pictures:
                return False
            first = layout.pictures[0][0] - round(body.scroll_y)
            return UPPER_HALF in body.render_line(first).text

        await wait_until(pilot, decoded, "the picture drawn")
        await settle(pilot)

    settings = Settings(images="blocks")
    app = TuiReaderApp(
        cache_dir, start_url=url, offline=True, import_samples=False, settings=settings
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=drawn)
