"""Pictures in the wrapped layout: the room they take, their alt lines, and half-block lines."""

from __future__ import annotations

from rich.color import Color

from tuireader.body.model import Block, Document, Run
from tuireader.models import Article, Image
from tuireader.pictures.pixels import Pixels
from tuireader.ui.layout.document import article_document
from tuireader.ui.layout.half_blocks import UPPER_HALF, HalfBlocks
from tuireader.ui.layout.pictures import PicturePlace, PictureRoom, picture_cells
from tuireader.ui.layout.wrap import layout_document

SRC = "https://img.example.org/harbour.png"


def document_with_picture(alt: str = "The harbour at dawn") -> Document:
    return Document(
        blocks=[
            Block("paragraph", [Run("Before the picture.")]),
            Block("image", [Run(alt)], src=SRC),
            Block("paragraph", [Run("After the picture.")]),
        ]
    )


def test_a_picture_takes_its_height_scaled_to_the_column_two_pixels_a_line() -> None:
    assert picture_cells(400, 200, 80, 100) == (80, 20)  # 80 x 40 pixels
    assert picture_cells(40, 30, 80, 100) == (40, 15)  # never wider than the picture
    assert picture_cells(41, 31, 80, 100) == (41, 16)  # an odd last row still takes a line


def test_a_tall_picture_is_capped_and_narrowed_to_keep_its_shape() -> None:
    cols, rows = picture_cells(100, 1000, 80, 12)
    assert rows == 12
    assert cols == 2  # 24 pixels high: 2.4 wide, at the same aspect ratio


def test_a_drawn_picture_reserves_its_lines_between_the_paragraphs() -> None:
    room = PictureRoom({SRC: (400, 200)}, max_rows=100)
    layout = layout_document(document_with_picture(), 80, pictures=room)
    picture_lines = [n for n, line in enumerate(layout.lines) if line.picture is not None]
    assert len(picture_lines) == 20
    first = picture_lines[0]
    assert layout.pictures == [(first, PicturePlace(SRC, 80, 20))]
    assert layout.first_lines[1] == first
    assert [layout.lines[n].picture for n in (first, first + 19)] == [
        (PicturePlace(SRC, 80, 20), 0),
        (PicturePlace(SRC, 80, 20), 19),
    ]
    assert layout.lines[first - 2].text == "Before the picture."
    assert layout.lines[first + 21].text == "After the picture."
    assert layout.find("harbour") == []  # the picture's lines hold no text to find


def test_without_its_size_or_with_pictures_off_a_picture_is_its_alt_line() -> None:
    for room in (
        PictureRoom({}, max_rows=100),  # not in the cache (yet)
        PictureRoom({SRC: (400, 200)}, max_rows=100, draw=False),
        None,
    ):
        layout = layout_document(document_with_picture(), 80, pictures=room)
        texts = [line.text for line in layout.lines]
        assert "[image: The harbour at dawn]" in texts
        assert layout.pictures == []
        line, start, _ = layout.find("harbour")[0]
        assert texts[line][start:].startswith("harbour")
        assert layout.find("image") == []  # the brackets are not page text


def test_an_alt_line_without_alt_text_and_a_long_one_cut_to_one_line() -> None:
    layout = layout_document(document_with_picture(""), 80)
    assert "[image]" in [line.text for line in layout.lines]
    layout = layout_document(document_with_picture("word " * 40), 40)
    alt = [line.text for line in layout.lines if line.text.startswith("[image: ")]
    assert len(alt) == 1
    assert alt[0].endswith("…]")
    assert len(alt[0]) <= 40


def test_a_tracking_pixel_takes_no_line() -> None:
    room = PictureRoom({}, dropped=frozenset({SRC}), max_rows=100)
    layout = layout_document(document_with_picture(), 80, pictures=room)
    texts = [line.text for line in layout.lines]
    assert texts == ["", "Before the picture.", "", "After the picture.", ""]


def test_the_lead_picture_stands_above_its_caption() -> None:
    lead = Image(SRC, caption="The harbour", credit="Photo: A. Person", alt="Boats")
    article = Article(title="Harbour", markdown="Text of the article.", lead_image=lead)
    document = article_document(article)
    assert [b.kind for b in document.blocks[:3]] == ["title", "image", "caption"]
    assert (document.blocks[1].src, document.blocks[1].text) == (SRC, "Boats")

    drawn = layout_document(document, 80, pictures=PictureRoom({SRC: (80, 40)}, max_rows=100))
    first, place = drawn.pictures[0]
    assert place.rows == 20
    assert drawn.lines[first + place.rows].text == "▌ The harbour (Photo: A. Person)"

    # not drawn: the caption line names it, so it takes no line of its own
    undrawn = layout_document(document, 80, pictures=PictureRoom({}, max_rows=100))
    assert [line.text for line in undrawn.lines][:3] == [
        "",
        "Harbour",
        "",
    ]
    assert not any(line.text.startswith("[image") for line in undrawn.lines)


def test_a_lead_picture_that_is_no_http_url_is_left_out() -> None:
    lead = Image("data:image/png;base64,AAAA", caption="A caption")
    article = Article(title="Harbour", markdown="Text.", lead_image=lead)
    assert "image" not in [b.kind for b in article_document(article).blocks]


def test_half_blocks_hold_the_top_pixel_in_front_and_the_bottom_one_behind() -> None:
    red, blue, green = bytes((255, 0, 0)), bytes((0, 0, 255)), bytes((0, 128, 0))
    # 3 x 3: a red row over a blue row, then a green row alone (an odd last row)
    pixels = Pixels(3, 3, red * 3 + blue * 3 + green * 3)
    lines = HalfBlocks().lines(pixels)
    assert len(lines) == 2
    (run,) = lines[0]  # three equal cells: one segment
    assert run.text == UPPER_HALF * 3
    assert run.style is not None
    assert run.style.color == Color.from_rgb(255, 0, 0)
    assert run.style.bgcolor == Color.from_rgb(0, 0, 255)
    (last,) = lines[1]
    assert last.style is not None
    assert (last.style.color, last.style.bgcolor) == (Color.from_rgb(0, 128, 0), None)
    (behind,) = HalfBlocks().lines(pixels, Color.from_rgb(1, 2, 3))[1]
    assert behind.style is not None and behind.style.bgcolor == Color.from_rgb(1, 2, 3)


def test_half_blocks_split_a_row_where_the_colours_change() -> None:
    white, black = bytes((255, 255, 255)), bytes((0, 0, 0))
    pixels = Pixels(4, 2, white * 2 + black * 2 + white * 4)
    (line,) = HalfBlocks().lines(pixels)
    assert [segment.text for segment in line] == [UPPER_HALF * 2, UPPER_HALF * 2]
    styles = [segment.style for segment in line]
    assert styles[0] is not None and styles[1] is not None
    assert styles[0].color == Color.from_rgb(255, 255, 255)
    assert styles[1].color == Color.from_rgb(0, 0, 0)
    assert styles[1].bgcolor == Color.from_rgb(255, 255, 255)
