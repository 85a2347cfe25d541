"""Picture lines made ready off the UI thread: the same half blocks, their terminal codes worked
out for the terminal's colours, and only those near the view kept."""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem
from rich.segment import Segment

from tuireader.pictures.pixels import Pixels
from tuireader.ui.layout.half_blocks import UPPER_HALF, HalfBlocks, ReadyLines, ready_lines
from tuireader.ui.layout.pictures import PicturePlace
from tuireader.ui.widgets import body_pictures
from tuireader.ui.widgets.body_pictures import BodyPictures

RED, BLUE, GREEN = bytes((255, 0, 0)), bytes((0, 0, 255)), bytes((0, 128, 0))


def striped() -> Pixels:
    """3 x 3: a red row over a blue row, then a green row alone (an odd last row)."""
    return Pixels(3, 3, RED * 3 + BLUE * 3 + GREEN * 3)


def shape(lines: list[list[Segment]]) -> list[list[tuple[str, object]]]:
    return [[(segment.text, segment.style) for segment in line] for line in lines]


def test_ready_lines_are_the_half_blocks_with_their_codes_worked_out() -> None:
    behind = Color.from_rgb(1, 2, 3)
    calls: list[None] = []
    ready = ready_lines(striped(), behind, ColorSystem.TRUECOLOR, lambda: calls.append(None))
    assert ready.background == behind
    lines = ready.lines
    assert shape(lines) == shape(HalfBlocks().lines(striped(), behind))
    assert len(calls) == 2  # the UI thread may run after each line
    (top,) = lines[0]
    (bottom,) = lines[1]
    assert top.text == UPPER_HALF * 3
    # what Textual writes before the cells, ready in the Style (it keeps them there)
    assert top.style is not None and top.style._ansi == "38;2;255;0;0;48;2;0;0;255"
    assert bottom.style is not None and bottom.style._ansi == "38;2;0;128;0;48;2;1;2;3"


def test_ready_lines_use_the_terminals_colours() -> None:
    (line, _) = ready_lines(striped(), None, ColorSystem.EIGHT_BIT).lines
    (top,) = line
    assert top.style is not None and top.style._ansi == "38;5;196;48;5;21"


def place(name: str) -> PicturePlace:
    return PicturePlace(f"https://img.example.org/{name}.png", 3, 2)


def kept(pictures: BodyPictures, *names: str) -> list[bool]:
    return [pictures.ready(place(name)) for name in names]


def test_ready_lines_are_kept_within_the_limit_the_far_ones_dropped_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(body_pictures, "LINES_KEPT", 4)  # segments
    pictures = BodyPictures()
    lines = ReadyLines(None, HalfBlocks().lines(striped()))  # 2 segments
    pictures.add_lines(place("a"), lines, near=[place("a")])
    pictures.add_lines(place("b"), lines, near=[place("a"), place("b")])
    assert kept(pictures, "a", "b") == [True, True]
    # c comes near, b is no longer: b goes, though a is the oldest
    pictures.add_lines(place("c"), lines, near=[place("a"), place("c")])
    assert kept(pictures, "a", "b", "c") == [True, False, True]
    # all near: the oldest goes
    pictures.add_lines(place("d"), lines, near=[place("a"), place("c"), place("d")])
    assert kept(pictures, "a", "c", "d") == [False, True, True]
    # lines larger than the limit are not kept at all
    big = HalfBlocks().lines(Pixels(3, 6, (RED + BLUE + GREEN) * 6))
    assert sum(len(line) for line in big) > 4
    pictures.add_lines(place("e"), ReadyLines(None, big), near=[place("e")])
    assert kept(pictures, "c", "d", "e") == [True, True, False]


def test_a_row_is_painted_from_its_ready_line_unless_made_for_another_background() -> None:
    pictures = BodyPictures()
    here = place("a")
    pictures.add(here, striped())
    behind = Color.from_rgb(1, 2, 3)
    ready = ready_lines(striped(), behind, ColorSystem.TRUECOLOR)
    pictures.add_lines(here, ready, near=[here])
    lines = ready.lines
    assert pictures.line(here, 0, behind) == (3, lines[0])
    found = pictures.line(here, 1, behind)
    assert found is not None and found[1] is lines[1]
    # another background (a theme changed): the odd last row is made again, with it
    other = Color.from_rgb(9, 9, 9)
    found = pictures.line(here, 1, other)
    assert found is not None and found[1] is not lines[1]
    (segment,) = found[1]
    assert segment.style is not None and segment.style.bgcolor == other


def test_pixels_dropped_take_their_ready_lines_with_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(body_pictures, "PIXELS_KEPT", 27)  # bytes: one 3 x 3 picture
    pictures = BodyPictures()
    pictures.add(place("a"), striped())
    pictures.add_lines(place("a"), ReadyLines(None, HalfBlocks().lines(striped())), [place("a")])
    pictures.add(place("b"), striped())
    assert pictures.pixels(place("a")) is None
    assert kept(pictures, "a") == [False]
