"""The reader's layout at every terminal size, its overlays, and the mouse.

Geometry comes from the compositor (what is really on screen), never from the body's internals:
the body is `#body`, the side panes `#related` and `#source` in the column `#side`.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from textual import events
from textual.errors import NoWidget
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from support.fixture_site import FixtureSite
from support.pilot import settle
from support.sample_article import SAMPLE_URL
from support.screen_text import rendered_strips
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.messages import FollowLink
from tuireader.ui.screens.reader import ReaderScreen
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.related_sidebar import RelatedSidebar
from tuireader.ui.widgets.source_panel import SourcePanel

SIZES = [(60, 20), (80, 24), (120, 40), (200, 60)]
NARROW, MEDIUM, WIDE = (80, 24), (120, 40), (200, 60)
TEXT_WIDTH = 80 + 2  # the article's widest line, plus the article column's own padding
PANES = ("#body", "#related", "#source")


def sample_app(cache_dir: Path) -> TuiReaderApp:
    return TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)


def reader(app: TuiReaderApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def on_screen(app: TuiReaderApp, widget: Widget) -> Region | None:
    """Where the compositor put `widget`, or None when it is not on screen at all."""
    try:
        return app.screen.find_widget(widget).region
    except NoWidget:
        return None


def shown(app: TuiReaderApp) -> dict[str, Region]:
    """The panes on screen, by id selector, with their regions."""
    regions = {selector: on_screen(app, app.screen.query_one(selector)) for selector in PANES}
    return {selector: region for selector, region in regions.items() if region is not None}


def text_span(app: TuiReaderApp, widget: Widget) -> int:
    """How many columns the text inside `widget` spans, read off the rendered screen."""
    content = widget.content_region
    strips = rendered_strips(app)  # what the terminal would show
    lefts, rights = [], []
    for y in range(content.y, content.bottom):
        text = strips[y].crop(content.x, content.right).text
        if text.strip():
            lefts.append(len(text) - len(text.lstrip()))
            rights.append(len(text.rstrip()))
    return max(rights) - min(lefts) if lefts else 0


def click_offset_of_first_link(sidebar: RelatedSidebar) -> tuple[int, int]:
    """A point on the first followable link (row 0 is the border, then the group heading)."""
    first = next(i for i, option in enumerate(sidebar.options) if not option.disabled)
    assert first == 1  # the heading "Related articles" comes first
    return (3, 2)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_panes_fit_the_screen_without_overlapping(
    cache_dir: Path, size: tuple[int, int]
) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen_region = app.screen.region
        panes = shown(app)
        assert "#body" in panes
        for selector, region in panes.items():
            assert screen_region.contains_region(region), selector
            assert region.width >= 20 and region.height >= 5, (selector, region)
        for (a, region_a), (b, region_b) in combinations(panes.items(), 2):
            assert not region_a.overlaps(region_b), (a, b)
        footer = on_screen(app, app.screen.query_one(Footer))
        assert footer is not None and footer.bottom == screen_region.bottom
        assert all(region.bottom <= footer.y for region in panes.values())
        body = app.screen.query_one(BodyPane)
        assert 40 <= text_span(app, body) <= TEXT_WIDTH


def footer_keys(app: TuiReaderApp) -> list[tuple[str, Region]]:
    """The footer's keys on screen: (key, region), left to right."""
    keys = [(key.key, on_screen(app, key)) for key in app.screen.query(FooterKey) if key.display]
    return sorted(((k, r) for k, r in keys if r is not None), key=lambda kr: kr[1].x)


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("library", [False, True], ids=["reader", "library"])
async def test_footer_shows_whole_keys_and_always_the_help_key(
    cache_dir: Path, size: tuple[int, int], library: bool
) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if library:
            await pilot.press("L")
            await settle(pilot)
        footer = on_screen(app, app.screen.query_one(Footer))
        assert footer is not None
        keys = footer_keys(app)
        assert "question_mark" in [key for key, _ in keys]  # the help lists what did not fit
        for key, region in keys:
            assert footer.contains_region(region), (key, region, footer)
        for (a, region_a), (b, region_b) in combinations(keys, 2):
            assert not region_a.overlaps(region_b), (a, b)
        if not library:  # the reader's keys fit side by side only in a wide terminal
            hidden = [key.key for key in app.screen.query(FooterKey) if not key.display]
            assert bool(hidden) == (size[0] < 160), hidden


async def test_footer_keys_are_as_compact_as_the_footer_through_a_resize(
    cache_dir: Path,
) -> None:
    """Compact when narrow, not when wide; the palette key, which Textual does not bind, always."""
    app = sample_app(cache_dir)
    async with app.run_test(size=NARROW) as pilot:
        for size, compact in ((NARROW, True), (WIDE, False), (NARROW, True)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            footer = app.screen.query_one(Footer)
            assert footer.compact is compact, size
            keys = list(app.screen.query(FooterKey))
            palette = [key for key in keys if key.has_class("-command-palette")]
            bound = [key for key in keys if key not in palette]
            assert len(palette) == 1 and len(bound) >= 5, size
            assert [key.compact for key in bound] == [compact] * len(bound), size
            assert [key.has_class("-compact") for key in bound] == [compact] * len(bound), size
            assert palette[0].compact and palette[0].has_class("-compact"), size


async def test_footer_keys_follow_the_focus_and_are_kept_while_they_stay_the_same(
    cache_dir: Path,
) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)

        async def focus_and_keys(key: str) -> tuple[str, list[FooterKey]]:
            await pilot.press(key)
            await settle(pilot)
            return type(app.focused).__name__, list(app.screen.query(FooterKey))

        body_keys = list(app.screen.query(FooterKey))
        assert isinstance(app.focused, BodyPane)
        focused, sidebar_keys = await focus_and_keys("tab")
        assert focused == "RelatedSidebar"
        assert [k.key for k in sidebar_keys] == ["enter"] + [k.key for k in body_keys]
        assert sidebar_keys[0].description == "Follow link"
        focused, source_keys = await focus_and_keys("tab")
        assert focused == "SourcePanel"
        assert [k.key for k in source_keys] == [k.key for k in body_keys]
        focused, again = await focus_and_keys("tab")  # the body's keys are the source's
        assert focused == "BodyPane"
        assert again == source_keys  # the very same widgets: nothing was composed again
        focused, find_keys = await focus_and_keys("slash")
        assert focused == "Input" and "t" not in [k.key for k in find_keys]


async def test_narrow_the_body_takes_the_whole_screen(cache_dir: Path) -> None:
    for size in ((60, 20), NARROW):
        app = sample_app(cache_dir)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert list(shown(app)) == ["#body"]
            body = shown(app)["#body"]
            assert (body.x, body.width) == (0, size[0])


async def test_medium_puts_links_above_source_right_of_the_body(cache_dir: Path) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=MEDIUM) as pilot:
        await settle(pilot)
        panes = shown(app)
        body, related, source = panes["#body"], panes["#related"], panes["#source"]
        assert related.x == source.x >= body.right
        assert related.bottom <= source.y
        assert source.right == related.right == MEDIUM[0]


async def test_wide_puts_all_three_side_by_side(cache_dir: Path) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        panes = shown(app)
        body, related, source = panes["#body"], panes["#related"], panes["#source"]
        assert body.right <= related.x and related.right <= source.x
        assert body.y == related.y == source.y
        assert body.height == related.height == source.height
        assert source.right == WIDE[0]
        assert body.width >= TEXT_WIDTH + 2  # room for the whole text column and the border


@pytest.mark.slow
@pytest.mark.parametrize("size", [(60, 20), NARROW], ids=["60x20", "80x24"])
async def test_narrow_overlays_open_focused_and_close_with_their_key_or_escape(
    cache_dir: Path, size: tuple[int, int]
) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = reader(app)
        sidebar, source = screen.query_one(RelatedSidebar), screen.query_one(SourcePanel)
        await pilot.press("e")
        await pilot.pause()
        assert screen.overlay == "links" and app.focused is sidebar
        links = on_screen(app, sidebar)
        body = on_screen(app, screen.query_one(BodyPane))
        assert links is not None and body is not None
        assert app.screen.region.contains_region(links) and links.right == size[0]
        assert links.overlaps(body) and links.width < body.width  # over the body, not beside it
        assert on_screen(app, source) is None
        await pilot.press("e")
        await pilot.pause()
        assert screen.overlay is None and isinstance(app.focused, BodyPane)
        assert list(shown(app)) == ["#body"]
        await pilot.press("i")
        await pilot.pause()
        assert screen.overlay == "source" and app.focused is source
        assert on_screen(app, sidebar) is None
        await pilot.press("e")  # the other key swaps one overlay for the other
        await pilot.pause()
        assert screen.overlay == "links" and app.focused is sidebar
        assert on_screen(app, source) is None
        await pilot.press("escape")
        await pilot.pause()
        assert screen.overlay is None and isinstance(app.focused, BodyPane)
        assert list(shown(app)) == ["#body"]


async def test_tab_moves_only_among_what_is_visible(cache_dir: Path) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        assert isinstance(app.focused, BodyPane)  # nothing else is on screen
        await pilot.press("i", "tab")
        assert isinstance(app.focused, BodyPane)
        await pilot.press("tab")
        assert isinstance(app.focused, SourcePanel)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, BodyPane)


@pytest.mark.slow
@pytest.mark.parametrize("size", [MEDIUM, WIDE], ids=["120x40", "200x60"])
async def test_wide_keys_hide_and_show_the_panes(cache_dir: Path, size: tuple[int, int]) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("tab")
        assert isinstance(app.focused, RelatedSidebar)
        await pilot.press("e")
        await pilot.pause()
        assert set(shown(app)) == {"#body", "#source"}
        assert isinstance(app.focused, BodyPane)  # the hidden pane gave its focus back
        assert screen.query_one(RelatedSidebar) not in screen.focus_chain
        await pilot.press("tab")
        assert isinstance(app.focused, SourcePanel)
        await pilot.press("i")
        await pilot.pause()
        assert list(shown(app)) == ["#body"]
        assert shown(app)["#body"].width == size[0]  # the reader has the full width
        assert isinstance(app.focused, BodyPane)
        await pilot.press("e", "i")
        await pilot.pause()
        assert set(shown(app)) == {"#body", "#related", "#source"}
        assert isinstance(app.focused, BodyPane)  # showing a pane does not take the reader away


async def test_hidden_panes_stay_hidden_across_a_resize(cache_dir: Path) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=MEDIUM) as pilot:
        await settle(pilot)
        await pilot.press("i", "tab")
        assert isinstance(app.focused, RelatedSidebar)
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert list(shown(app)) == ["#body"] and isinstance(app.focused, BodyPane)
        await pilot.press("e")
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert reader(app).overlay is None
        assert set(shown(app)) == {"#body", "#related"}


async def test_settings_choose_which_panes_start_open(cache_dir: Path) -> None:
    from tuireader.settings import load_settings

    settings = load_settings()._replace(show_links=False)
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True, settings=settings)
    async with app.run_test(size=MEDIUM) as pilot:
        await settle(pilot)
        assert set(shown(app)) == {"#body", "#source"}


async def test_clicking_a_pane_focuses_it(cache_dir: Path) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=MEDIUM) as pilot:
        await settle(pilot)
        for pane in (SourcePanel, RelatedSidebar, BodyPane):
            widget = app.screen.query_one(pane)
            await pilot.click(widget, offset=(2, 1))
            assert app.focused is widget, pane.__name__


async def test_one_click_on_a_link_follows_it(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"), import_samples=False)
    async with app.run_test(size=MEDIUM) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(RelatedSidebar)
        assert await pilot.click(sidebar, offset=click_offset_of_first_link(sidebar))
        await settle(pilot)
        reading = reader(app).reading
        assert reading is not None
        assert reading.article.title == "Island Ferry Adds a Winter Timetable"


async def test_following_a_link_from_an_overlay_closes_it(cache_dir: Path) -> None:
    followed: list[str] = []

    def hook(message: object) -> None:
        if isinstance(message, FollowLink):
            followed.append(message.url)

    app = sample_app(cache_dir)
    async with app.run_test(size=NARROW, message_hook=hook) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        sidebar = app.screen.query_one(RelatedSidebar)
        await pilot.click(sidebar, offset=click_offset_of_first_link(sidebar))
        await settle(pilot)
        assert set(followed) == {sidebar.links[0].url}  # seen once by each node it passed
        assert reader(app).overlay is None and isinstance(app.focused, BodyPane)


async def test_the_wheel_scrolls_the_body(cache_dir: Path) -> None:
    app = sample_app(cache_dir)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        assert body.scroll_y == 0 and body.max_scroll_y > 0
        x, y = body.content_region.center
        for _ in range(3):
            app.post_message(events.MouseScrollDown(None, x, y, 0, 1, 0, False, False, False, x, y))
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert body.scroll_y > 0
