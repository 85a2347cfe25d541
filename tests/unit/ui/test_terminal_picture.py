"""Where the full view draws a picture: the terminal's own graphics or PictureScreen."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tuireader.pictures.pixels import Pixels
from tuireader.ui.layout.half_blocks import UPPER_HALF, HalfBlocks
from tuireader.ui.terminal_picture import where_to_show


@pytest.mark.parametrize(
    ("mode", "can_suspend", "graphics", "where"),
    [
        ("auto", True, None, "terminal"),  # not asked yet: ask, with the app suspended
        ("auto", True, "sixel", "terminal"),
        ("auto", True, "tgp", "terminal"),
        ("auto", True, "", "screen"),  # the terminal said it has neither
        ("auto", False, None, "screen"),  # headless (tests) or served on the web
        ("auto", False, "sixel", "screen"),
        ("blocks", True, "sixel", "screen"),  # half blocks asked for
        ("blocks", True, None, "screen"),
        ("off", True, "tgp", "screen"),
    ],
)
def test_where_the_full_view_draws(
    mode: str, can_suspend: bool, graphics: str | None, where: str
) -> None:
    assert where_to_show(mode, can_suspend, graphics) == where


PROBE = textwrap.dedent(
    """
    import sys
    from tuireader.ui.terminal_picture import graphics_of, known_graphics

    print("tuireader.ui.app" in sys.modules, "PIL" in sys.modules)
    before = known_graphics()
    import textual_image.renderable as renderables

    print(before, repr(known_graphics()), graphics_of(renderables.SixelImage),
          graphics_of(renderables.TGPImage), repr(graphics_of(renderables.HalfcellImage)))
    """
)


@pytest.mark.subprocess
def test_textual_images_answer_is_read_from_its_choice() -> None:
    """Not a terminal (pipes): textual-image picks plain text, which is no graphics; before the
    import nothing was asked. Importing terminal_picture imports neither Pillow nor the app."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    imported, answers = done.stdout.splitlines()
    assert imported == "False False"
    assert answers == "None '' sixel tgp ''"


def test_half_blocks_put_the_top_pixel_over_the_bottom_one() -> None:
    red, blue, green, grey = b"\xff\x00\x00", b"\x00\x00\xff", b"\x00\xff\x00", b"\x09\x09\x09"
    pixels = Pixels(3, 3, red * 3 + blue * 2 + green + grey * 3)
    first, last = HalfBlocks().lines(pixels)
    cells = [
        (seg.style.color.get_truecolor()[:3], seg.style.bgcolor.get_truecolor()[:3])
        for seg in first
        if seg.style and seg.style.color and seg.style.bgcolor
        for _ in seg.text
    ]
    assert "".join(s.text for s in first) == "".join(s.text for s in last) == UPPER_HALF * 3
    assert [top for top, _ in cells] == [(255, 0, 0)] * 3
    assert [bottom for _, bottom in cells] == [(0, 0, 255)] * 2 + [(0, 255, 0)]
    assert len(first) == 2  # a run of one colour pair is one segment
    odd = last[0]
    assert odd.style is not None and odd.style.bgcolor is None  # no bottom row: the background
