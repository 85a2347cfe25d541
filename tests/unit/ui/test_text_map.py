"""Highlights drawn where their text is: offsets of a block's text <-> cells, at every width."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from support.markdown_sample import SAMPLE
from tuireader.body.parse import parse_markdown
from tuireader.ui.layout.text_map import position_at, span_cells, text_map
from tuireader.ui.layout.wrap import Layout, layout_document

MARKDOWN = (
    "A first paragraph with [a link that wraps](https://a.example/x) and more words after it, "
    "long enough to wrap at every width tried, [a second](https://c.example/) and "
    "[a third](https://d.example/) link.\n\n"
    "> A quoted passage, with **bold words** and *italic ones*, in a gutter that takes cells.\n\n"
    "- A list item with [another link](https://b.example/) in it and a tail of words\n"
    "  - a nested item whose indent grows\n\n"
    "漢字の段落、幅の広い文字で書かれた文章です。折り返しても位置は合います。\n\n"
    "```\ncode line one\n  code line two, longer than the narrow widths\n```\n"
)


def _cells_text(layout: Layout, line: int, start: int, end: int, numbers: bool = True) -> str:
    """The characters drawn in cells start..end of `line` (the text column); without the
    links' "[n]" unless `numbers`."""
    out, cell = [], 0
    for text, key, _ in layout.lines[line].segments:
        for char in text:
            if start <= cell < end and (numbers or key != "link-number"):
                out.append(char)
            cell += get_character_cell_size(char)
    return "".join(out)


def _drawn(layout: Layout, first: int, start: int, last: int, end: int) -> list[str]:
    return [
        _cells_text(layout, line, a, b, numbers=False)
        for line, a, b in span_cells(layout, first, start, last, end)
    ]


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("width", [12, 17, 24, 33, 50, 80])
def test_every_word_of_every_block_is_drawn_where_its_cells_are(width: int) -> None:
    document = parse_markdown(MARKDOWN)
    layout = layout_document(document, width)
    for number, block in enumerate(document.blocks):
        text = block.text
        for word in re.finditer(r"\S+", text):
            drawn = _drawn(layout, number, word.start(), number, word.end())
            assert _squeezed("".join(drawn)) == _squeezed(word.group()), (width, word.group())


@pytest.mark.parametrize("width", range(8, 60))
def test_a_whole_block_covers_each_of_its_lines_from_the_prefix_to_the_end(width: int) -> None:
    document = parse_markdown(MARKDOWN)
    layout = layout_document(document, width)
    for number, block in enumerate(document.blocks):
        if block.kind not in ("paragraph", "item", "quote"):
            continue
        cells = span_cells(layout, number, 0, number, len(block.text))
        mapped = text_map(layout, number)
        assert [line for line, _, _ in cells] == [
            mapped.first_line + n for n in range(len(mapped.pieces))
        ]
        for line, left, right in cells:
            segments = layout.lines[line].segments
            prefix = sum(cell_len(t) for t, key, _ in segments if key in ("gutter", "marker"))
            prefix += next((len(t) for t, key, _ in segments[:2] if not t.strip()), 0)
            assert (left, right) == (prefix, cell_len(layout.lines[line].text)), (width, line)


@settings(max_examples=150, deadline=None)
@given(
    width=st.integers(min_value=6, max_value=90),
    a=st.integers(min_value=0, max_value=400),
    b=st.integers(min_value=0, max_value=400),
)
def test_any_span_is_drawn_as_its_text_less_the_spaces_at_breaks(
    width: int, a: int, b: int
) -> None:
    document = parse_markdown(MARKDOWN)
    layout = layout_document(document, width)
    block = 0
    text = document.blocks[block].text
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    drawn = _drawn(layout, block, start, block, end)
    assert _squeezed("".join(drawn)) == _squeezed(text[start:end])
    for line, left, right in span_cells(layout, block, start, block, end):
        assert 0 <= left < right <= layout.width
        assert layout.lines[line].block == block


def test_a_span_over_blocks_covers_the_blocks_between_and_skips_the_blank_lines() -> None:
    document = parse_markdown(MARKDOWN)
    layout = layout_document(document, 30)
    first, last = 0, 2
    start = document.blocks[first].text.index("more words")
    end = document.blocks[last].text.index(" in it")
    lines = [line for line, _, _ in span_cells(layout, first, start, last, end)]
    assert all(layout.lines[line].segments for line in lines)
    assert {layout.lines[line].block for line in lines} == {0, 1, 2}
    drawn = "".join(_drawn(layout, first, start, last, end))
    assert drawn.startswith("more") and drawn.endswith("anotherlink")  # a break between the two
    assert "▌" not in drawn and "•" not in drawn  # the prefixes are not the text


def test_a_link_number_inside_a_span_is_drawn_with_it_and_not_at_its_ends() -> None:
    document = parse_markdown(MARKDOWN)
    layout = layout_document(document, 200)  # one line: the whole paragraph
    text = document.blocks[0].text
    link_end = text.index(" and more")
    (whole,) = span_cells(layout, 0, 0, 0, link_end + len(" and"))
    assert _cells_text(layout, *whole).endswith("wraps [1] and")
    (link,) = span_cells(layout, 0, 0, 0, link_end)
    assert _cells_text(layout, *link).endswith("wraps")
    (after,) = span_cells(layout, 0, link_end, 0, link_end + len(" and"))
    assert _cells_text(layout, *after) == " and"


@pytest.mark.parametrize("width", [14, 25, 40, 80])
def test_a_character_on_screen_is_found_in_the_text(width: int) -> None:
    document = parse_markdown(MARKDOWN)
    layout = layout_document(document, width, pictures=None)
    for number, line in enumerate(layout.lines):
        if not line.segments:
            continue
        block = document.blocks[line.block]
        if block.kind not in ("paragraph", "item", "quote"):
            continue
        shown = line.text
        for index, char in enumerate(shown):
            if char in "▌•[]0123456789 " or shown[index - 1 : index + 1] == " [":
                continue
            found_block, offset = position_at(layout, number, layout.offset + index)
            assert found_block == line.block
            assert block.text[offset] == char, (width, number, index, shown)


def test_tables_and_rules_are_drawn_whole() -> None:
    document = parse_markdown(SAMPLE)
    layout = layout_document(document, 60)
    for number, block in enumerate(document.blocks):
        if block.kind in ("table", "rule"):
            mapped = text_map(layout, number)
            cells = span_cells(layout, number, 0, number, 1)
            assert [line for line, _, _ in cells] == [
                mapped.first_line + n for n in range(len(mapped.pieces))
            ]
            assert len(cells) >= 1
            assert all(right == layout.width for _, _, right in cells)
