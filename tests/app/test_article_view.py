"""The line-API article view driven with Textual's pilot: links, keys, blocks, find, resizing."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot

import tuireader.ui.widgets
from tuireader.models import Article, CacheState, PageInfo, Reading
from tuireader.ui.messages import FollowLink
from tuireader.ui.widgets.article_view import ArticleView

CSS = Path(tuireader.ui.widgets.__file__).parent / "article_view.tcss"
PARAGRAPH = " ".join(f"word{n}" for n in range(60))
MARKDOWN = "\n\n".join(
    [
        "Intro with a [harbour link](https://harbour.example/log) and [mail](mailto:a@b.org).",
        *(f"## Section {n}\n\n{PARAGRAPH} needle {n}." for n in range(12)),
    ]
)


class ViewApp(App[None]):
    CSS_PATH = CSS

    def compose(self) -> ComposeResult:
        yield ArticleView()


def reading(markdown: str = MARKDOWN) -> Reading:
    words = len(markdown.split())  # an article, not a page without one (which shows a card)
    article = Article(title="The Title", byline="Jane Doe", markdown=markdown, word_count=words)
    return Reading(article, PageInfo("https://x.org/a", "https://x.org/a"), CacheState.CACHED)


async def shown(pilot: Pilot[None]) -> ArticleView:
    view = pilot.app.query_one(ArticleView)
    await view.show(reading())
    view.focus()
    await pilot.pause()
    return view


def link_cell(view: ArticleView, number: int) -> tuple[int, int]:
    """(line, column in the content) of the first cell of link `number`."""
    layout = view.text_layout
    assert layout is not None
    for y, line in enumerate(layout.lines):
        x = layout.offset
        for text, _, link in line.segments:
            if link == number:
                return y, x
            x += len(text)
    raise AssertionError(f"link {number} not drawn")


async def test_clicking_a_link_posts_follow_link() -> None:
    posted: list[Message] = []
    app = ViewApp()
    async with app.run_test(size=(100, 20), message_hook=posted.append) as pilot:
        view = await shown(pilot)
        assert view.links[1].url == "https://harbour.example/log"
        assert len(view.links) == 1  # mailto: is shown as text, never followed
        y, x = link_cell(view, 1)
        assert await pilot.click(ArticleView, offset=(x + 2, y))
        await pilot.pause()
        follows = {id(m): m for m in posted if isinstance(m, FollowLink)}  # one per node passed
        assert [m.url for m in follows.values()] == ["https://harbour.example/log"]
        await pilot.click(ArticleView, offset=(0, y))  # beside the text: nothing
        await pilot.pause()
        assert len({id(m) for m in posted if isinstance(m, FollowLink)}) == 1


async def test_scroll_keys_move_the_view() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = await shown(pilot)
        assert view.max_scroll_y > 40
        await pilot.press("j", "j")
        await pilot.pause()
        assert view.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert view.scroll_y == 1
        await pilot.press("space")
        await pilot.wait_for_scheduled_animations()
        assert view.scroll_y > 10
        await pilot.press("G")
        await pilot.wait_for_scheduled_animations()
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        await pilot.wait_for_scheduled_animations()
        assert view.scroll_y == 0


async def test_scroll_to_block_and_top_block_agree() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = await shown(pilot)
        headings = view.headings
        assert [text for _, text, _ in headings][:2] == ["Section 0", "Section 1"]
        _, _, block = headings[5]
        view.scroll_to_block(block)
        await pilot.pause()
        assert view.top_block() == block
        assert view.text_layout is not None
        assert view.text_layout.lines[round(view.scroll_y)].text == "Section 5"
        assert view.current_paragraph() == "Section 5"


async def test_find_highlights_and_find_next_wraps_around() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = await shown(pilot)
        assert view.set_find("needle") == 12
        assert view.set_find("Needle") == 0
        assert view.find_next(1) == (-1, 0)
        assert view.set_find("needle") == 12
        assert view.find_next(1) == (0, 12)
        assert view.find_next(-1) == (11, 12)  # wraps backwards
        assert view.find_next(1) == (0, 12)  # and forwards
        for expected in range(1, 12):
            assert view.find_next(1) == (expected, 12)
        await pilot.pause()
        line, start, end = view.text_layout.find("needle")[11]  # type: ignore[union-attr]
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height
        strip = view.render_line(line - round(view.scroll_y))
        current = view.get_component_rich_style("article-view--match-current")
        matched = strip.crop(start, end)
        assert matched.text == "needle"
        assert all(
            seg.style is not None and seg.style.bgcolor == current.bgcolor for seg in matched
        )
        assert view.find_next(1) == (0, 12)
        view.clear_find()
        assert view.find_next(1) == (-1, 0)


async def test_resizing_rewraps_and_keeps_the_place() -> None:
    app = ViewApp()
    async with app.run_test(size=(100, 24)) as pilot:
        view = await shown(pilot)
        wide = view.text_layout
        assert wide is not None and wide.width == 80
        block = view.headings[4][2]
        view.scroll_to_block(block)
        await pilot.pause()
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        narrow = view.text_layout
        assert narrow is not None and narrow.width < 50
        assert len(narrow.lines) > len(wide.lines)
        assert max(len(line.text) for line in narrow.lines) <= narrow.width
        assert view.top_block() == block  # the same paragraph stays on top
        assert view.virtual_size.height == len(narrow.lines)


async def test_say_shows_text_only_until_an_article_is_shown() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.say("Opening [b]https://x.org[/b] …")
        await pilot.pause()
        assert view.plain_text() == "Opening [b]https://x.org[/b] …"
        await shown(pilot)
        view.say("Opening something else …")
        assert view.document.title == "The Title"
