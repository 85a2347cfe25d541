"""probe: what fetched bytes are, from the header alone, whatever they were labelled."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
import warnings

import pytest

from support.picture_files import PAGE, SVG, gif_pixel, jpeg, png, png_bomb
from tuireader.pictures.limits import MAX_PIXELS
from tuireader.pictures.probe import Probe, probe


def test_a_png_is_a_png_whatever_its_label() -> None:
    assert probe(png(40, 30), "text/html") == Probe("image/png", 40, 30, "")


def test_a_jpeg_labelled_png_is_a_jpeg() -> None:
    assert probe(jpeg(64, 48), "image/png") == Probe("image/jpeg", 64, 48, "")


def test_a_web_page_labelled_png_is_not_an_image() -> None:
    found = probe(PAGE, "image/png")
    assert found.problem == "not an image"
    assert found.content_type == ""  # not the label's image/png


def test_bytes_of_no_image_keep_their_honest_label() -> None:
    assert probe(b"\x00" * 64, "application/octet-stream") == Probe(
        "application/octet-stream", 0, 0, "not an image"
    )


@pytest.mark.parametrize(
    "data",
    [
        SVG,
        b"<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>",
        b"\xef\xbb\xbf  <!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN'><svg/>",
    ],
)
def test_svg_is_an_svg_drawing(data: bytes) -> None:
    assert probe(data, "image/svg+xml") == Probe("image/svg+xml", 0, 0, "an SVG drawing")


def test_a_page_with_an_inline_svg_is_not_an_svg_drawing() -> None:
    page = b"<!doctype html><html><body><svg><circle/></svg></body></html>"
    assert probe(page, "image/svg+xml").problem == "not an image"


@pytest.mark.parametrize("size", [(1, 1), (2, 2)])
def test_a_tracking_pixel_is_said(size: tuple[int, int]) -> None:
    assert probe(png(*size), "image/png").problem == "a tracking pixel"


def test_a_1x1_gif_is_a_tracking_pixel() -> None:
    assert probe(gif_pixel(), "image/gif") == Probe("image/gif", 1, 1, "a tracking pixel")


def test_a_thin_line_is_not_a_tracking_pixel() -> None:
    assert probe(png(300, 2), "image/png") == Probe("image/png", 300, 2, "")


def test_a_picture_over_the_pixel_limit_says_its_size() -> None:
    width = 6000
    height = MAX_PIXELS // width + 1
    assert probe(png(width, height), "image/png") == Probe(
        "image/png", width, height, f"too large to decode ({width} x {height})"
    )


def test_a_picture_at_the_pixel_limit_is_drawable() -> None:
    assert probe(png(5000, MAX_PIXELS // 5000), "image/png").problem == ""


def test_a_decompression_bomb_is_refused_by_its_header_with_little_memory() -> None:
    bomb = png_bomb(50_000, 50_000)
    tracemalloc.start()
    try:
        found = probe(bomb, "image/png")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == Probe("image/png", 50_000, 50_000, "too large to decode (50000 x 50000)")
    assert peak < 20 * 1024 * 1024


def test_a_bomb_pillow_only_warns_about_is_too_large_too() -> None:
    # 10000 x 9000 is over Pillow's own warning threshold but under its error one
    found = probe(png_bomb(10_000, 9_000), "image/png")
    assert found.problem == "too large to decode (10000 x 9000)"


def test_a_bomb_warns_nobody() -> None:
    """Pillow's DecompressionBombWarning is the probe's own answer, not a warning printed."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        probe(png_bomb(10_000, 9_000), "image/png")
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "not an image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "a damaged image"),
        (b"GIF89a\x01", "a damaged image"),
        (b"\x89PNG\r\n\x1a\n" + b"\xff" * 30, "a damaged image"),
    ],
)
def test_unreadable_bytes_are_named_and_never_raise(data: bytes, problem: str) -> None:
    assert probe(data, "image/jpeg").problem == problem


@pytest.mark.subprocess
def test_importing_probe_does_not_import_pillow() -> None:
    code = "import sys, tuireader.pictures.probe; print('PIL' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
