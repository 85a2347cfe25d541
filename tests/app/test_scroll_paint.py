"""Rows kept between scroll steps, and the quiet scrollbar: reused only while still right.

Each check sets what the view draws from its kept rows against a full repaint by Textual's own
pipeline (ScrollView.render_lines after `refresh()`), after whatever could make a kept row stale:
scrolling, the theme, focus, find, a resize.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input

import tuireader.ui.widgets
from tuireader.models import Article, CacheState, PageInfo, Reading
from tuireader.ui.widgets.article_view import ArticleView

CSS = Path(tuireader.ui.widgets.__file__).parent / "article_view.tcss"
PARAGRAPHS = "\n\n".join(
    f"## Part {n}\n\nA [link {n}](https://x.org/{n}) and " + " ".join(["words"] * 40)
    for n in range(150)
)


class ViewApp(App[None]):
    CSS_PATH = CSS
    CSS = "ArticleView { border: round $panel; } ArticleView:focus { border: round $accent; }"

    def compose(self) -> ComposeResult:
        yield ArticleView()
        yield Input()


async def shown(pilot: Pilot[None]) -> ArticleView:
    view = pilot.app.query_one(ArticleView)
    article = Article(title="Title", byline="Someone", markdown=PARAGRAPHS)
    page = PageInfo("https://x.org/a", "https://x.org/a")
    await view.show(Reading(article, page, CacheState.CACHED))
    view.focus()
    await pilot.pause()
    return view


def drawn(view: ArticleView) -> list[list[Segment]]:
    return [list(strip) for strip in view.render_lines(Region(0, 0, *view.region.size))]


async def repainted(pilot: Pilot[None], view: ArticleView) -> list[list[Segment]]:
    """What Textual draws for the view without its kept rows."""
    view.refresh()
    await pilot.pause()
    rows = ScrollView.render_lines(view, Region(0, 0, *view.region.size))
    return [list(strip) for strip in rows]


async def test_kept_rows_are_what_a_full_repaint_draws() -> None:
    async with ViewApp().run_test(size=(90, 24)) as pilot:
        view = await shown(pilot)
        for y in (3, 4, 40, 4, 0):
            view.scroll_to(y=y, animate=False)
            await pilot.pause()
            before = drawn(view)
            assert before == await repainted(pilot, view), f"scrolled to {y}"

        changes: list[Callable[[], object]] = [
            lambda: setattr(pilot.app, "theme", "textual-light"),
            lambda: pilot.app.query_one(Input).focus(),  # the border changes colour
            lambda: view.set_find("words"),
        ]
        for change in changes:
            view.scroll_to(y=2, animate=False)
            await pilot.pause()
            drawn(view)  # kept rows for this position, then the change
            change()
            await pilot.pause()
            before = drawn(view)
            assert before == await repainted(pilot, view)

        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        before = drawn(view)
        assert before == await repainted(pilot, view)


async def test_scrolling_one_line_paints_one_row() -> None:
    async with ViewApp().run_test(size=(90, 24)) as pilot:
        view = await shown(pilot)
        drawn(view)
        painted: list[int] = []
        render_line = view.render_line

        def counted(y: int) -> Strip:
            painted.append(y)
            return render_line(y)

        view.render_line = counted  # type: ignore[method-assign]
        view.scroll_to(y=1, animate=False)
        await pilot.pause()
        drawn(view)
        height = view.scrollable_content_region.height
        assert painted == [height - 1]  # only the line scrolled into view


async def test_the_scrollbar_repaints_when_its_thumb_moves() -> None:
    async with ViewApp().run_test(size=(90, 24)) as pilot:
        view = await shown(pilot)
        bar = view.vertical_scrollbar
        refreshed: list[bool] = []
        refresh = bar.refresh

        def counted(*regions: Region, **options: bool) -> object:
            refreshed.append(True)
            return refresh(*regions, **options)

        bar.refresh = counted  # type: ignore[assignment,method-assign]
        full = Region(0, 0, *bar.region.size)
        # Start-up may still repaint the bar (the focus style, a late layout): wait it out.
        quiet = 0
        for _ in range(40):
            refreshed.clear()
            await pilot.pause(0.05)
            quiet = quiet + 1 if not refreshed else 0
            if quiet == 2:
                break
        assert quiet == 2, "the scrollbar never stopped repainting"
        view.scroll_to(y=1, animate=False)  # a small fraction of a cell on this long article
        await pilot.pause()
        assert bar.position == 1
        assert refreshed == []
        for y in (view.max_scroll_y // 2, view.max_scroll_y, 0):
            view.scroll_to(y=y, animate=False)
            await pilot.pause()
            assert bar.position == y
            assert refreshed
            shown_bar = [list(strip) for strip in bar.render_lines(full)]
            refresh()
            await pilot.pause()
            assert shown_bar == [list(strip) for strip in bar.render_lines(full)]
            refreshed.clear()


def test_past_the_limit_the_rows_near_the_view_are_kept() -> None:
    from tuireader.ui.widgets.scroll_paint import PaintedRows

    painted: list[tuple[int, int]] = []  # (first row, rows) of each region painted

    def render_rows(region: Region) -> list[Strip]:
        painted.append((region.y, region.height))
        return [Strip([Segment(f"row {region.y + y}")]) for y in range(region.height)]

    kept = PaintedRows(40)
    for first_line in range(0, 100, 10):  # scrolled down ten lines at a time, to line 90
        kept.render(Region(0, 0, 10, 10), "same", range(10), first_line, render_rows)
    painted.clear()
    kept.render(Region(0, 0, 10, 10), "same", range(10), 55, render_rows)  # up 35 lines
    assert painted == [(0, 6)]  # lines 61-64, kept when line 80 was at the top, still are
    kept.render(Region(0, 0, 10, 10), "same", range(10), 0, render_rows)
    assert painted == [(0, 6), (0, 10)]  # the top was far: dropped
