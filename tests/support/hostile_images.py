"""Image files as bytes for the pictures' tests: hostile, odd, and plain ones of known colours.

The bombs are PNGs written chunk by chunk with zlib fed one row at a time, so building one never
holds its pixels; the others are made with Pillow. Each builder is cached: a test may call it
freely.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from functools import cache

from PIL import Image

RED = (220, 20, 30)
GREEN = (20, 180, 40)
BLUE = (30, 40, 210)
GREY = (128, 128, 128)
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
    b'<rect width="64" height="64" fill="red"/></svg>\n'
)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_of_zeros(width: int, height: int, channels: int = 1) -> bytes:
    """A black 8-bit PNG of width x height (grey, or RGBA and all transparent with 4 channels)
    whose pixels are never all in memory.

    Every row is the same zeros, so a run of rows compresses to the same bytes each time once
    the compressor is reset (a full flush): those bytes are repeated, and the checksum of n
    zero bytes is worked out (Adler-32: 1 + n * 65536, modulo 65521 in each half).
    """
    rows_a_run = 64
    runs, left = divmod(height, rows_a_run)
    row = bytes(width * channels + 1)  # the filter byte, then the row's pixels
    squeeze = zlib.compressobj(9)
    start = squeeze.compress(b"") + squeeze.flush(zlib.Z_FULL_FLUSH)  # the zlib header
    run = squeeze.compress(row * rows_a_run) + squeeze.flush(zlib.Z_FULL_FLUSH)
    rest = squeeze.compress(row * left) + squeeze.flush(zlib.Z_FINISH)[:-4]  # its checksum follows
    checksum = ((height * len(row)) % 65521) << 16 | 1
    stream = start + run * runs + rest + struct.pack(">I", checksum)
    colour_type = {1: 0, 4: 6}[channels]
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", stream)
        + _chunk(b"IEND", b"")
    )


@cache
def png_bomb() -> bytes:
    """50,000 x 50,000 pixels (2.5 GB decoded) in a few MB: Pillow's own check refuses it."""
    return _png_of_zeros(50_000, 50_000)


@cache
def png_past_pillows_warning() -> bytes:
    """10,000 x 10,000: Pillow only warns at this size (DecompressionBombWarning)."""
    return _png_of_zeros(10_000, 10_000)


@cache
def png_past_our_limit() -> bytes:
    """6,000 x 6,000: Pillow would decode it; tuireader's MAX_PIXELS (25 million) does not."""
    return _png_of_zeros(6_000, 6_000)


@cache
def png_at_our_limit() -> bytes:
    """5,000 x 5,000 RGBA (25 million pixels, 100 MB decoded): the largest picture decoded."""
    return _png_of_zeros(5_000, 5_000, channels=4)


def _saved(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


@cache
def png_of(colour: tuple[int, int, int], width: int = 32, height: int = 24) -> bytes:
    return _saved(Image.new("RGB", (width, height), colour), "PNG")


@cache
def jpeg_of(colour: tuple[int, int, int], width: int = 32, height: int = 24) -> bytes:
    return _saved(Image.new("RGB", (width, height), colour), "JPEG", quality=95)


@cache
def red_over_blue_png(width: int = 40, height: int = 20) -> bytes:
    """The top half red, the bottom half blue."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width, height // 2))
    return _saved(image, "PNG")


@cache
def big_jpeg(width: int = 4000, height: int = 3000) -> bytes:
    """12 million pixels of a gradient: large enough for the reduced JPEG decoding to matter."""
    gradient = Image.linear_gradient("L").resize((width, height))
    return _saved(Image.merge("RGB", (gradient, gradient.rotate(90), gradient)), "JPEG")


@cache
def truncated_png() -> bytes:
    whole = _saved(Image.linear_gradient("L").convert("RGB"), "PNG")
    return whole[: len(whole) // 2]


@cache
def truncated_jpeg() -> bytes:
    whole = _saved(Image.linear_gradient("L").convert("RGB"), "JPEG")
    return whole[: len(whole) // 2]


@cache
def garbage_with_a_png_header() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16


def _frames(colours: tuple[tuple[int, int, int], ...]) -> list[Image.Image]:
    return [Image.new("RGB", (16, 16), colour) for colour in colours]


@cache
def animated_gif() -> bytes:
    """Three frames: red, then green, then blue."""
    first, *rest = _frames((RED, GREEN, BLUE))
    return _saved(first, "GIF", save_all=True, append_images=rest, duration=100, loop=0)


@cache
def animated_png() -> bytes:
    """An APNG of three frames: red, then green, then blue."""
    first, *rest = _frames((RED, GREEN, BLUE))
    return _saved(first, "PNG", save_all=True, append_images=rest, duration=100)


@cache
def animated_webp() -> bytes:
    """An animated WebP of three frames: red, then green, then blue."""
    first, *rest = _frames((RED, GREEN, BLUE))
    return _saved(first, "WEBP", save_all=True, append_images=rest, duration=100, lossless=True)


@cache
def cmyk_jpeg() -> bytes:
    """Red in print colours (no cyan, full magenta and yellow)."""
    return _saved(Image.new("CMYK", (32, 24), (0, 255, 255, 0)), "JPEG", quality=95)


@cache
def grey16_png() -> bytes:
    """16-bit grey, every pixel 0x8080 (128 in 8 bits)."""
    return _saved(Image.new("I;16", (32, 24), 0x8080), "PNG")


@cache
def rgb16_png() -> bytes:
    """16-bit RGB: Pillow has no mode for it, so the IHDR and rows are written here (green)."""
    width, height = 8, 4
    pixel = struct.pack(">HHH", 0x1414, 0xB4B4, 0x2828)
    rows = b"".join(b"\x00" + pixel * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


@cache
def svg() -> bytes:
    return SVG


@cache
def gif_1x1() -> bytes:
    """The tracking pixel."""
    return _saved(Image.new("P", (1, 1), 0), "GIF", transparency=0)


@cache
def palette_png_with_transparency() -> bytes:
    """A palette PNG: the left half transparent, the right half blue."""
    image = Image.new("P", (20, 10), 0)
    image.putpalette([0, 0, 0, *BLUE])
    image.paste(1, (10, 0, 20, 10))
    return _saved(image, "PNG", transparency=0)


@cache
def rgba_png_half_transparent() -> bytes:
    """Red at half opacity: over white it reads as a pale red."""
    return _saved(Image.new("RGBA", (16, 16), (*RED, 128)), "PNG")


@cache
def exif_rotated_jpeg() -> bytes:
    """Stored 40 wide and 20 high, the left half red, the right half blue, with EXIF orientation 6
    (turn a quarter clockwise to view): upright, it is 20 wide and 40 high, red on top."""
    image = Image.new("RGB", (40, 20), BLUE)
    image.paste(RED, (0, 0, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = 6
    return _saved(image, "JPEG", quality=95, exif=exif.tobytes())


HOSTILE: dict[str, Callable[[], bytes]] = {
    "png bomb 50000 x 50000": png_bomb,
    "png 10000 x 10000": png_past_pillows_warning,
    "png 6000 x 6000": png_past_our_limit,
    "png 5000 x 5000 rgba": png_at_our_limit,
    "truncated png": truncated_png,
    "truncated jpeg": truncated_jpeg,
    "garbage with a png header": garbage_with_a_png_header,
    "animated gif": animated_gif,
    "animated png": animated_png,
    "animated webp": animated_webp,
    "cmyk jpeg": cmyk_jpeg,
    "16-bit grey png": grey16_png,
    "16-bit rgb png": rgb16_png,
    "svg": svg,
    "1x1 gif": gif_1x1,
    "palette png with transparency": palette_png_with_transparency,
    "rgba png": rgba_png_half_transparent,
    "exif-rotated jpeg": exif_rotated_jpeg,
    "big jpeg": big_jpeg,
    "empty": lambda: b"",
    "html": lambda: b"<!doctype html><title>Not found</title>",
}
