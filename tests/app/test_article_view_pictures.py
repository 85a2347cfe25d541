"""The article view's pictures without the screen: room reserved before the pixels, only the
picture's rows painted again when they come, clicks, what is on screen, positions kept."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot

import tuireader.ui.widgets
from tuireader.body.model import Block, Document, Run
from tuireader.models import Picture
from tuireader.pictures.pixels import Pixels
from tuireader.ui.layout.half_blocks import UPPER_HALF, ReadyLines
from tuireader.ui.widgets.article_view import ArticleView

CSS = Path(tuireader.ui.widgets.__file__).parent / "article_view.tcss"
SRC = "https://img.example.org/quay.png"
WORDS = " ".join(f"word{n}" for n in range(50))


class ViewApp(App[None]):
    CSS_PATH = CSS

    def compose(self) -> ComposeResult:
        yield ArticleView()


def document() -> Document:
    """Paragraphs 0-3, the picture (block 4), paragraphs 5-14."""
    paragraphs = [Block("paragraph", [Run(f"Paragraph {n}. {WORDS}")]) for n in range(15)]
    paragraphs[4] = Block("image", [Run("Boats at the quay")], src=SRC)
    return Document(blocks=paragraphs)


async def showing(pilot: Pilot[None], *, draw: bool = True) -> ArticleView:
    view = pilot.app.query_one(ArticleView)
    view.set_picture_options(draw=draw, image_height=50)
    view.show_document(document())
    view.update_pictures([Picture(SRC, "image/png", 60, 24)])  # 60 x 24 pixels: 12 lines
    view.focus()
    await pilot.pause()
    return view


def picture_lines(view: ArticleView) -> range:
    layout = view.text_layout
    assert layout is not None and layout.pictures
    first, place = layout.pictures[0]
    return range(first, first + place.rows)


def pixels() -> Pixels:
    return Pixels(60, 24, bytes((90, 120, 150)) * 60 * 24)


async def test_the_room_is_kept_and_only_the_picture_rows_change_when_its_pixels_come() -> None:
    async with ViewApp().run_test(size=(80, 40)) as pilot:
        view = await showing(pilot)
        lines = picture_lines(view)
        assert len(lines) == 12
        layout = view.text_layout
        assert layout is not None
        before = [line.text for line in layout.lines]
        (place,) = view.pictures_wanted()
        assert view.render_line(lines[0]).text.strip() == ""  # blank until decoded
        other = lines[-1] + 2
        painted = view.render_line(other)
        view.picture_decoded(place, pixels())
        await pilot.pause()
        assert view.pictures_wanted() == []
        assert view.text_layout is layout  # no new layout: nothing moved
        assert [line.text for line in layout.lines] == before
        assert view.render_line(lines[0]).text.strip() == UPPER_HALF * 60
        assert view.render_line(other) is painted  # the text around it is not painted again


async def test_a_picture_is_capped_at_its_share_of_the_pane() -> None:
    async with ViewApp().run_test(size=(80, 20)) as pilot:
        view = await showing(pilot)  # 50% of 20 lines: 10 at most
        assert len(picture_lines(view)) == 10


async def test_clicking_a_picture_posts_picture_chosen() -> None:
    posted: list[Message] = []
    async with ViewApp().run_test(size=(80, 40), message_hook=posted.append) as pilot:
        view = await showing(pilot)
        lines = picture_lines(view)
        await pilot.click(ArticleView, offset=(30, lines[3]))
        await pilot.pause()
        await pilot.click(ArticleView, offset=(5, 1))  # the first paragraph: nothing
        await pilot.pause()
        chosen = {id(m): m for m in posted if isinstance(m, ArticleView.PictureChosen)}
        assert [m.src for m in chosen.values()] == [SRC]


async def test_pictures_on_screen_are_those_in_view() -> None:
    async with ViewApp().run_test(size=(80, 40)) as pilot:
        view = await showing(pilot)
        assert view.pictures_on_screen() == [SRC]
        view.scroll_to_block(8)
        await pilot.pause()
        assert view.pictures_on_screen() == []


async def test_pictures_arriving_keep_the_paragraph_at_the_top() -> None:
    async with ViewApp().run_test(size=(80, 40)) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.set_picture_options(draw=True, image_height=50)
        view.show_document(document())
        await pilot.pause()
        view.scroll_to_block(6)
        await pilot.pause()
        assert view.top_block() == 6
        top = round(view.scroll_y)
        view.update_pictures([Picture(SRC, "image/png", 60, 24)])
        await pilot.pause()
        assert view.top_block() == 6
        assert round(view.scroll_y) == top + 11  # 12 lines of picture for its one alt line


async def test_undrawn_undecodable_and_tracking_pictures() -> None:
    async with ViewApp().run_test(size=(80, 40)) as pilot:
        view = await showing(pilot, draw=False)
        layout = view.text_layout
        assert layout is not None and layout.pictures == []
        assert "[image: Boats at the quay]" in [line.text for line in layout.lines]
        assert view.pictures_on_screen() == [SRC]  # the alt line names it
        view.set_picture_options(draw=True)
        await pilot.pause()
        assert len(picture_lines(view)) == 12
        view.picture_failed(SRC)
        await pilot.pause()
        layout = view.text_layout
        assert layout is not None and layout.pictures == []
        assert "[image: Boats at the quay]" in [line.text for line in layout.lines]
        view.update_pictures([Picture(SRC, "image/gif", 1, 1, problem="a tracking pixel")])
        await pilot.pause()
        layout = view.text_layout
        assert layout is not None
        assert not any("image" in line.text for line in layout.lines)
        assert view.pictures_on_screen() == []


FAR = "https://img.example.org/nets.png"


def long_document() -> Document:
    """Picture SRC at block 4, picture FAR at block 60, paragraphs around them (some 6 lines
    each at 80 columns: the two pictures are screens apart)."""
    blocks = [Block("paragraph", [Run(f"Paragraph {n}. {WORDS}")]) for n in range(80)]
    blocks[4] = Block("image", [Run("Boats at the quay")], src=SRC)
    blocks[60] = Block("image", [Run("Nets")], src=FAR)
    return Document(blocks=blocks)


async def test_the_lines_of_pictures_near_the_view_are_asked_for_as_it_scrolls() -> None:
    posted: list[Message] = []
    async with ViewApp().run_test(size=(80, 40), message_hook=posted.append) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.set_picture_options(draw=True, image_height=50)
        view.show_document(long_document())
        pictures = [Picture(SRC, "image/png", 60, 24), Picture(FAR, "image/png", 60, 24)]
        view.update_pictures(pictures)
        await pilot.pause()
        layout = view.text_layout
        assert layout is not None
        _, (far, far_place) = layout.pictures
        assert far > 5 * 40  # more than the three screens below the view ahead
        assert [place.src for place in view.lines_wanted()] == [SRC]
        for _, place in layout.pictures:
            view.picture_decoded(place, pixels())
        await pilot.pause()
        posted.clear()
        view.scroll_to(y=far - 60, animate=False)  # within three screens of the far one
        await pilot.pause()
        assert any(isinstance(m, ArticleView.PicturesNeeded) for m in posted)
        assert [place.src for place in view.lines_wanted()] == [FAR]
        # once answered, the picture's rows are painted from its ready lines
        lines = [[Segment(UPPER_HALF * 60, Style.parse("red on blue"))] for _ in range(12)]
        view.picture_decoded(far_place, pixels(), ReadyLines(None, lines))
        await pilot.pause()
        posted.clear()
        view.scroll_to(y=far, animate=False)
        await pilot.pause()
        assert not any(isinstance(m, ArticleView.PicturesNeeded) for m in posted)
        assert view.lines_wanted() == []
        row = view.render_line(0)
        assert any(segment.style is lines[0][0].style for segment in row)
