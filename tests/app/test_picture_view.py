"""The full view of a picture (PictureScreen) with the pilot: drawn in half blocks of the picture's
own colours, its caption as plain text, one line when it cannot be drawn, Esc back; opened from
the reader screen."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from rich.color import Color
from textual.pilot import Pilot

from support import hostile_images as images
from support.fixture_site import FixtureSite
from support.pilot import notifications, settle, wait_until
from support.sample_article import CAPTION, SAMPLE_URL
from support.screen_text import foreign_bytes, rendered_strips, screen_lines
from tuireader.models import Image
from tuireader.settings import Settings
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.layout.half_blocks import UPPER_HALF
from tuireader.ui.screens.picture import PictureCanvas, PictureScreen
from tuireader.ui.screens.reader import ReaderScreen
from tuireader.ui.widgets.article_view import ArticleView
from tuireader.ui.widgets.body_pane import BodyPane

SIZE = (120, 40)
HARBOUR = Image(
    url="https://news.example.org/harbour.png",
    caption="The [bold]harbour[/bold] at dawn\x1b[31m",
    credit="Photo: [link=https://evil.example]A. Person[/link]",
    alt="Boats in the harbour",
)

RGB = tuple[int, int, int]


def _colour(color: Color | None) -> RGB | None:
    return None if color is None else color.get_truecolor()[:3]


def picture_cells(app: TuiReaderApp) -> list[list[tuple[RGB | None, RGB | None]]]:
    """Per screen line with half blocks: the (top, bottom) colour of each half-block cell."""
    rows = []
    for strip in rendered_strips(app):
        cells = [
            (_colour(seg.style.color), _colour(seg.style.bgcolor))
            for seg in strip
            if seg.style is not None
            for char in seg.text
            if char == UPPER_HALF
        ]
        if cells:
            rows.append(cells)
    return rows


async def shown(pilot: Pilot[None], screen: PictureScreen) -> None:
    await settle(pilot)
    await pilot.app.push_screen(screen)

    def done() -> bool:
        return bool(screen.query_one(PictureCanvas).rows) or bool(screen.problem)

    await wait_until(pilot, done, "the picture decoded")
    await pilot.pause()


def reader_app(cache_dir: Path) -> TuiReaderApp:
    return TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)


async def test_the_picture_is_drawn_in_its_own_colours(cache_dir: Path) -> None:
    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, PictureScreen(HARBOUR, lambda: images.red_over_blue_png(80, 40)))
        rows = picture_cells(app)
        assert len(rows) == 20 and all(len(row) == 80 for row in rows)  # 80 x 40: not enlarged
        red, blue = images.RED, images.BLUE
        assert all(cell == (red, red) for row in rows[:10] for cell in row)
        assert all(cell == (blue, blue) for row in rows[10:] for cell in row)


async def test_a_resize_draws_it_again_to_fit(cache_dir: Path) -> None:
    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = PictureScreen(HARBOUR, lambda: images.red_over_blue_png(80, 40))
        await shown(pilot, screen)
        await pilot.resize_terminal(40, 20)
        await wait_until(pilot, lambda: len(screen.query_one(PictureCanvas).rows) < 20, "redraw")
        await settle(pilot)
        rows = picture_cells(app)
        assert rows and all(len(row) <= 40 for row in rows) and len(rows) <= 17
        assert rows[0][0] == (images.RED, images.RED) and rows[-1][0][0] == images.BLUE


async def test_only_the_latest_size_is_drawn(cache_dir: Path) -> None:
    """The first decoding (for 120 x 40) is held back until the one after a resize is drawn:
    its late answer, for a size gone, is not drawn over it."""
    release = threading.Event()
    calls: list[int] = []

    def source() -> bytes:
        calls.append(1)
        if len(calls) == 1:
            release.wait(30)
        return images.red_over_blue_png(80, 40)

    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = PictureScreen(HARBOUR, source)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: len(calls) == 1, "the first decoding started")
        await pilot.resize_terminal(40, 20)
        canvas = screen.query_one(PictureCanvas)
        await wait_until(pilot, lambda: bool(canvas.rows), "the second decoding drawn")
        small = len(canvas.rows)
        release.set()
        await settle(pilot)
        assert len(calls) >= 2 and small < 20 and len(canvas.rows) == small


async def test_the_caption_and_credit_are_plain_text(cache_dir: Path) -> None:
    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, PictureScreen(HARBOUR, lambda: images.red_over_blue_png()))
        lines = "\n".join(screen_lines(app))
        assert "The [bold]harbour[/bold] at dawn" in lines
        assert "Photo: [link=https://evil.example]A. Person[/link]" in lines
        written = foreign_bytes(app)
        assert "\x1b]8;" not in written and "\x1b[31m" not in written  # no link, no colour


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (images.truncated_png(), "[image: Boats in the harbour] — a damaged image"),
        (images.svg(), "[image: Boats in the harbour] — an SVG drawing"),
        (images.png_bomb(), "[image: Boats in the harbour] — too large to decode"),
        (None, "[image: Boats in the harbour] — not in the cache"),
    ],
    ids=["damaged", "svg", "bomb", "missing"],
)
async def test_what_cannot_be_drawn_is_one_line(
    cache_dir: Path, data: bytes | None, said: str
) -> None:
    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, PictureScreen(HARBOUR, lambda: data))
        lines = screen_lines(app)
        assert sum(said in line for line in lines) == 1
        assert not picture_cells(app)


async def test_a_failing_store_is_one_line_too(cache_dir: Path) -> None:
    def broken() -> bytes:
        raise OSError("disk I/O error\nsecond line")

    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, PictureScreen(HARBOUR, broken))
        said = [line for line in screen_lines(app) if "[image: " in line]
        assert len(said) == 1 and "unreadable: disk I/O error" in said[0]


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_escape_and_q_go_back_to_the_article(cache_dir: Path, key: str) -> None:
    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, PictureScreen(HARBOUR, lambda: images.red_over_blue_png()))
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.is_running


async def test_headless_the_terminal_path_falls_back_to_half_blocks(cache_dir: Path) -> None:
    """Asked to try the terminal's graphics first, a headless app cannot suspend: drawn here."""
    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = PictureScreen(HARBOUR, lambda: images.red_over_blue_png(), terminal=True)
        await shown(pilot, screen)
        assert app.screen is screen and picture_cells(app)[0][0] == (images.RED, images.RED)


async def test_the_reader_opens_a_picture_with_the_articles_caption(cache_dir: Path) -> None:
    """The sample's lead picture: its caption is the article's; the cache has no bytes for it,
    so the view says so in one line rather than a picture."""
    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.reading is not None
        lead = reader.reading.article.lead_image
        assert lead is not None and lead.caption == CAPTION
        reader.picture_opener.open(lead.url)
        await pilot.pause()
        view = app.screen
        assert isinstance(view, PictureScreen) and view.image == lead
        await wait_until(pilot, lambda: bool(view.problem), "the picture looked up")
        await pilot.pause()
        lines = screen_lines(app)
        assert any(CAPTION in line for line in lines)
        assert sum(line.strip().startswith("[image: ") for line in lines) == 1


async def test_z_says_when_no_picture_is_on_screen(cache_dir: Path) -> None:
    from support.sample_article import SAMPLE_URL as url

    app = TuiReaderApp(cache_dir, start_url=url, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")  # the end of the article: no picture there
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert "No picture on screen" in [n.message for n in notifications(app)]


async def test_a_click_on_a_picture_opens_it(cache_dir: Path) -> None:
    app = reader_app(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.reading is not None
        lead = reader.reading.article.lead_image
        assert lead is not None
        body = reader.query_one(ArticleView)
        body.post_message(body.PictureChosen(lead.url))
        await pilot.pause()
        assert isinstance(app.screen, PictureScreen) and app.screen.image == lead


@pytest.mark.parametrize("mode", ["blocks", "auto"])
async def test_z_opens_the_picture_on_screen_from_the_cache(
    site: FixtureSite, cache_dir: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end, offline: the article's picture as the cache holds it, in its colours (each
    cell of its top half red over blue, its bottom half green), its caption under it. "auto"
    in a headless app cannot suspend: the same view."""
    from support import picture_pages as pages

    monkeypatch.setenv("COLORTERM", "truecolor")  # the body draws pictures in true colour only
    monkeypatch.delenv("NO_COLOR", raising=False)
    url = await pages.cache_a_picture_article(site, cache_dir)
    site.stop()
    app = TuiReaderApp(
        cache_dir, start_url=url, offline=True, settings=Settings(images=mode), import_samples=False
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PictureScreen)
        await wait_until(pilot, lambda: bool(screen.query_one(PictureCanvas).rows), "drawn")
        await pilot.pause()
        rows = picture_cells(app)
        assert len(rows) == 10 and all(len(row) == 40 for row in rows)
        assert {cell for row in rows[:5] for cell in row} == {(pages.RED, pages.BLUE)}
        assert {cell for row in rows[5:] for cell in row} == {(pages.GREEN, pages.GREEN)}
        assert any("Boats at the quay at dawn." in line for line in screen_lines(app))


async def test_with_no_color_the_full_view_is_the_alt_line(
    site: FixtureSite, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in the body: NO_COLOR means the alt text, with why, and nothing is decoded. (The body
    shows the figure as its alt line; a click on it opens the full view.)"""
    from support import picture_pages as pages

    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.setenv("NO_COLOR", "1")
    url = pages.uncaptioned_page(site)
    app = TuiReaderApp(cache_dir, start_url=url, settings=Settings(), import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        body.post_message(body.PictureChosen(site.url("/nets.png")))
        await wait_until(pilot, lambda: isinstance(app.screen, PictureScreen), "the full view")
        screen = app.screen
        assert isinstance(screen, PictureScreen)
        await settle(pilot)
        assert not screen.query_one(PictureCanvas).rows
        lines = screen_lines(app)
        assert any(f"[image: {pages.NETS_ALT}] — NO_COLOR is set" in line for line in lines)
