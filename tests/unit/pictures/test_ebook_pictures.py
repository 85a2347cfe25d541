"""Pictures for a book: the core types as they came, others redrawn through the safe decoder,
SVG and anything undecodable refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from support.picture_files import SVG, jpeg, png, png_bomb
from tuireader.pictures.ebook import MAX_SIDE, for_book


def encoded(fmt: str, size: tuple[int, int] = (30, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 200, 10)).save(out, fmt)
    return out.getvalue()


def test_jpeg_png_and_gif_are_kept_as_they_came() -> None:
    for data, kind in ((jpeg(), "image/jpeg"), (png(), "image/png"), (encoded("GIF"), "image/gif")):
        assert for_book(data, f"{kind}; charset=binary") == (data, kind)


@pytest.mark.parametrize(
    ("fmt", "kind", "made"),
    [
        ("WEBP", "image/webp", "JPEG"),
        ("BMP", "image/bmp", "PNG"),
        ("ICO", "image/vnd.microsoft.icon", "PNG"),
    ],
)
def test_other_types_are_redrawn_as_a_core_type(fmt: str, kind: str, made: str) -> None:
    size = (32, 32) if fmt == "ICO" else (30, 20)
    result = for_book(encoded(fmt, size), kind)
    assert result is not None
    data, media_type = result
    assert media_type == f"image/{made.lower()}"
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == (made, size)
        pixel = image.convert("RGB").getpixel((15, 10))
        assert isinstance(pixel, tuple)
        red, green, blue = pixel[:3]
        assert green > 150 and red < 60 and blue < 60


def test_a_large_picture_is_scaled_down_to_the_book_s_size() -> None:
    result = for_book(encoded("WEBP", (4000, 1000)), "image/webp")
    assert result is not None
    with Image.open(io.BytesIO(result[0])) as image:
        assert image.size == (MAX_SIDE, MAX_SIDE // 4)


def test_svg_bombs_damaged_and_unknown_pictures_are_refused() -> None:
    assert for_book(SVG, "image/svg+xml") is None
    assert for_book(png_bomb(), "image/bmp") is None  # redrawing would decode it: refused first
    assert for_book(b"BM not really", "image/bmp") is None
    assert for_book(encoded("TIFF"), "image/tiff") is None
