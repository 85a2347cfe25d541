"""Any Article, however hostile, paints as plain cells: no control or bidi character, no markup
interpreted, no line wider than the pane, at any width.

The many-example test keeps one App and paints through the body pane's own painter at random
widths (an App per example would cost a second each); a smaller one resizes a real App.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.strip import Strip

import tuireader.ui.widgets
from support.fuzz_settings import fuzz_settings
from support.hostile_strategies import ARTICLES, BLOCK, MARKUP_PROBES, UNSAFE, hostile_text
from support.screen_text import rendered_strips
from tuireader.models import Article, CacheState, PageInfo, Reading
from tuireader.textsafe import clean_text
from tuireader.ui.layout.document import article_document
from tuireader.ui.layout.wrap import MIN_WIDTH, layout_document
from tuireader.ui.widgets.body_pane import BodyPane

pytestmark = pytest.mark.fuzz

CSS = Path(tuireader.ui.widgets.__file__).parent / "article_view.tcss"
PROBE_LINE = " ".join(MARKUP_PROBES)
PAGE = PageInfo("https://x.example/a", "https://x.example/a")


class BodyApp(App[None]):
    CSS_PATH = CSS

    def compose(self) -> ComposeResult:
        yield BodyPane(id="body")


def assert_plain_cells(strips: list[Strip], width: int) -> None:
    """Every strip exactly `width` cells of text that steers nothing: no controls, no links."""
    for strip in strips:
        assert strip.cell_length == width
        for segment in strip:
            assert not UNSAFE.search(segment.text), repr(segment.text)
            assert segment.control is None
            style = segment.style
            assert style is None or (not style.link and "@click" not in (style.meta or {}))


@st.composite
def probed_articles(draw: st.DrawFn) -> Article:
    """A hostile Article whose body has a paragraph of markup after a random block."""
    article = draw(ARTICLES)
    return article._replace(markdown=f"{draw(BLOCK)}\n\n{PROBE_LINE}\n\n{article.markdown}")


def _content(strips: list[Strip], offset: int) -> str:
    """The strips' text without the centering margin and padding, lines run together."""
    return "".join(strip.text[offset:].rstrip(" ") for strip in strips)


@pytest.mark.slow
async def test_any_article_paints_as_plain_cells_at_any_width() -> None:
    app = BodyApp()
    async with app.run_test(size=(100, 30)):
        view = app.query_one(BodyPane)

        @fuzz_settings(700, long_share=0.1)
        @example(  # a find for a zero-width character matched no cell and broke painting
            article=Article(byline="🏻"), width=1, max_width=40, query="🏻"
        )
        @given(
            article=probed_articles(),
            width=st.integers(1, 200),
            max_width=st.integers(40, 200),
            query=hostile_text(2),
        )
        def paints(article: Article, width: int, max_width: int, query: str) -> None:
            # A link reference definition ("[bold]: /x") would rightly make "[bold]" a link.
            assume("]:" not in clean_text(article.markdown))
            document = article_document(article, "https://fallback.example/")
            view.show_document(document)  # laid out for the pane, as the reader shows it
            view.set_find(query)
            pane = view.scrollable_content_region.width
            assert_plain_cells([view.render_line(y) for y in range(view.size.height)], pane)

            layout = layout_document(document, width, max_width)
            assert layout.offset + layout.width <= max(width, MIN_WIDTH)
            assert all(cell_len(line.text) <= layout.width for line in layout.lines)
            marks: dict[int, list[tuple[int, int, bool]]] = {}
            for n, (line, start, end) in enumerate(layout.find(query)):
                marks.setdefault(line, []).append((start, end, n == 0))
            strips = [
                view.paint_line(layout, index, width, marks.get(index, ()))
                for index in range(len(layout.lines))
            ]
            assert_plain_cells(strips, width)
            if width >= MIN_WIDTH:
                shown = _content(strips, layout.offset)
                for probe in MARKUP_PROBES:
                    assert probe in shown, probe

        paints()


@fuzz_settings(12, long_share=0.001)
@given(
    article=ARTICLES,
    sizes=st.lists(st.tuples(st.integers(30, 200), st.integers(5, 60)), min_size=1, max_size=3),
    keys=st.lists(st.sampled_from(["j", "space", "G", "b", "g", "tab"]), max_size=4),
)
async def test_a_real_app_shows_any_article_after_resizes_and_keys(
    article: Article, sizes: list[tuple[int, int]], keys: list[str]
) -> None:
    article = article._replace(title=f"{PROBE_LINE} {article.title}")
    app = BodyApp()
    async with app.run_test(size=sizes[0]) as pilot:
        view = app.query_one(BodyPane)
        view.focus()
        await view.show(Reading(article, PAGE, CacheState.CACHED))
        for size in sizes:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            screen = rendered_strips(app)  # what the terminal would show
            assert_plain_cells(screen, size[0])
            shown = "\n".join(strip.text for strip in screen)
            assert all(probe in shown for probe in MARKUP_PROBES), shown
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert_plain_cells(rendered_strips(app), sizes[-1][0])
