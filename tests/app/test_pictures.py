"""Pictures in the reader's body: fetched from 127.0.0.1 after the words, decoded in a worker and
drawn as half blocks; alt text where pictures are off or the terminal lacks colours; the toggle
key; drawn offline from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color
from textual.pilot import Pilot

from support.colour_terminal import colour_terminal
from support.fixture_site import FixtureSite
from support.picture_pages import BLUE, GREEN, NETS_ALT, RED, picture_page, uncaptioned_page
from support.pilot import notifications, settle, wait_until
from tuireader.settings import Settings
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.layout.half_blocks import UPPER_HALF
from tuireader.ui.screens.reader.pictures import SHOWN_FROM_CACHE
from tuireader.ui.widgets.body_pane import BodyPane

__all__ = ["colour_terminal"]  # the fixture, used by name

SIZE = (120, 40)


def app_with(
    cache_dir: Path, url: str, images: str = "blocks", *, offline: bool = False
) -> TuiReaderApp:
    settings = Settings(images=images)
    return TuiReaderApp(
        cache_dir, start_url=url, settings=settings, import_samples=False, offline=offline
    )


def picture_rows(body: BodyPane) -> list[int]:
    """The lines of the content the first picture takes."""
    layout = body.text_layout
    assert layout is not None
    if not layout.pictures:
        return []
    first, place = layout.pictures[0]
    return list(range(first, first + place.rows))


def cells(body: BodyPane, line: int) -> list[tuple[str, Color | None, Color | None]]:
    """(text, colour, background) of each segment of the content's `line` as the body paints it."""
    strip = body.render_line(line - round(body.scroll_y))
    return [
        (segment.text, segment.style.color, segment.style.bgcolor)
        for segment in strip
        if segment.style is not None and segment.text.strip(" ")
    ]


def drawn(body: BodyPane) -> bool:
    rows = picture_rows(body)
    return bool(rows) and any(UPPER_HALF in text for text, _, _ in cells(body, rows[0]))


def body_texts(body: BodyPane) -> list[str]:
    layout = body.text_layout
    assert layout is not None
    return [line.text for line in layout.lines]


async def wait_drawn(pilot: Pilot[None]) -> BodyPane:
    body = pilot.app.screen.query_one(BodyPane)
    await wait_until(pilot, lambda: drawn(body), "the picture drawn")
    return body


@pytest.mark.usefixtures("colour_terminal")
async def test_blocks_mode_draws_the_lead_picture_in_its_colours(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = picture_page(site)
    app = app_with(cache_dir, url)
    async with app.run_test(size=SIZE) as pilot:
        body = await wait_drawn(pilot)
        rows = picture_rows(body)
        assert len(rows) == 10  # 20 pixels high, two a line
        assert cells(body, rows[0]) == [
            (UPPER_HALF * 40, Color.from_rgb(*RED), Color.from_rgb(*BLUE))
        ]
        assert cells(body, rows[-1]) == [
            (UPPER_HALF * 40, Color.from_rgb(*GREEN), Color.from_rgb(*GREEN))
        ]
        texts = body_texts(body)
        assert texts[rows[-1] + 1] == "▌ Boats at the quay at dawn."  # its caption right under
        assert "/harbour.png" in site.paths_requested()
        assert body.pictures_on_screen() == [site.url("/harbour.png")]


@pytest.mark.usefixtures("colour_terminal")
async def test_the_words_come_before_the_picture_and_nothing_moves_when_it_arrives(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = picture_page(site)
    async with app_with(cache_dir, url).run_test(size=SIZE) as pilot:
        await wait_drawn(pilot)
    # opened again from the cache: the room is known from the start, the pixels come later
    app = app_with(cache_dir, url)
    async with app.run_test(size=SIZE) as pilot:
        body = pilot.app.screen.query_one(BodyPane)
        await wait_until(pilot, lambda: body.text_layout is not None, "the first layout")
        before = body_texts(body)
        rows = picture_rows(body)
        assert len(rows) == 10
        await wait_drawn(pilot)
        assert body_texts(body) == before
        assert picture_rows(body) == rows


@pytest.mark.usefixtures("colour_terminal")
async def test_images_off_shows_the_alt_line_and_fetches_nothing(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = uncaptioned_page(site)
    async with app_with(cache_dir, url, images="off").run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = pilot.app.screen.query_one(BodyPane)
        assert "[image]" in body_texts(body)  # the lead
        assert f"[image: {NETS_ALT}]" in body_texts(body)  # the body's figure
        assert picture_rows(body) == []
        assert "/harbour.png" not in site.paths_requested()
        assert "/nets.png" not in site.paths_requested()


@pytest.mark.usefixtures("colour_terminal")
async def test_no_color_shows_the_alt_line(
    site: FixtureSite, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    url = uncaptioned_page(site)
    async with app_with(cache_dir, url).run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = pilot.app.screen.query_one(BodyPane)
        assert "[image]" in body_texts(body)
        assert f"[image: {NETS_ALT}]" in body_texts(body)
        assert picture_rows(body) == []


@pytest.mark.usefixtures("colour_terminal")
async def test_sixteen_colours_show_the_alt_line(
    site: FixtureSite, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLORTERM")
    monkeypatch.setenv("TERM", "xterm")
    url = uncaptioned_page(site)
    async with app_with(cache_dir, url).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.console.color_system == "standard"
        body = pilot.app.screen.query_one(BodyPane)
        assert "[image]" in body_texts(body)
        assert picture_rows(body) == []


@pytest.mark.usefixtures("colour_terminal")
async def test_the_toggle_key_hides_and_shows_the_pictures(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = uncaptioned_page(site)
    async with app_with(cache_dir, url).run_test(size=SIZE, notifications=True) as pilot:
        body = await wait_drawn(pilot)
        await wait_until(pilot, lambda: body.pictures_wanted() == [], "both pictures decoded")
        layout = body.text_layout
        assert layout is not None
        assert [place.src for _, place in layout.pictures] == [
            site.url("/harbour.png"),
            site.url("/nets.png"),
        ]
        await pilot.press("I")
        await pilot.pause()
        assert picture_rows(body) == []
        assert "[image]" in body_texts(body)
        assert f"[image: {NETS_ALT}]" in body_texts(body)
        assert notifications(pilot.app)[-1].message == "Pictures hidden"
        await pilot.press("I")
        await wait_drawn(pilot)
        assert notifications(pilot.app)[-1].message == "Pictures shown"


@pytest.mark.usefixtures("colour_terminal")
async def test_toggled_on_with_images_off_the_cached_pictures_are_shown(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = picture_page(site)
    async with app_with(cache_dir, url).run_test(size=SIZE) as pilot:
        await wait_drawn(pilot)
    requests = len(site.requests)
    app = app_with(cache_dir, url, images="off")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        body = pilot.app.screen.query_one(BodyPane)
        assert picture_rows(body) == []
        await pilot.press("I")
        await wait_drawn(pilot)
        assert notifications(pilot.app)[-1].message == SHOWN_FROM_CACHE
    assert len(site.requests) == requests  # nothing fetched: drawn from the cache


@pytest.mark.usefixtures("colour_terminal")
async def test_offline_the_cached_picture_is_still_drawn(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = picture_page(site)
    async with app_with(cache_dir, url).run_test(size=SIZE) as pilot:
        await wait_drawn(pilot)
    site.stop()
    app = app_with(cache_dir, url, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        body = await wait_drawn(pilot)
        rows = picture_rows(body)
        assert cells(body, rows[0]) == [
            (UPPER_HALF * 40, Color.from_rgb(*RED), Color.from_rgb(*BLUE))
        ]


@pytest.mark.usefixtures("colour_terminal")
async def test_the_worker_makes_the_lines_of_the_pictures_in_view_ready(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = uncaptioned_page(site)
    async with app_with(cache_dir, url).run_test(size=SIZE) as pilot:
        body = await wait_drawn(pilot)
        await wait_until(pilot, lambda: body.pictures_wanted() == [], "both pictures decoded")
        await wait_until(pilot, lambda: body.lines_wanted() == [], "their lines made ready")
        assert cells(body, picture_rows(body)[0]) == [
            (UPPER_HALF * 40, Color.from_rgb(*RED), Color.from_rgb(*BLUE))
        ]
