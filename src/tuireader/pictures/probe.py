"""What a fetched image is, from its header alone: its real type, its size, and whether it can be
drawn.

Only the header is read (Pillow's `open` and `size`, never `load`), so probing a decompression
bomb costs nothing. The type comes from the bytes: servers mislabel images, and a page sent in
place of one must not be taken for a picture. Pillow is imported inside `probe`, never on the way
to an article's first words.
"""

from __future__ import annotations

import re
import struct
import threading
import warnings
from io import BytesIO
from typing import NamedTuple

from tuireader.pictures.limits import MAX_PIXELS

TRACKING_PIXEL = 2  # an image this small on both sides (1x1, 2x2) only counts a visit
SVG = "an SVG drawing"
NOT_AN_IMAGE = "not an image"
DAMAGED = "a damaged image"

_SVG_HEAD = 1024  # how far into the bytes an <svg> element is looked for
_SVG = re.compile(rb"<svg[\s>/]", re.IGNORECASE)
_SVG_PROLOG = re.compile(rb"<\?xml|<!doctype\s+svg", re.IGNORECASE)
_PNG = b"\x89PNG\r\n\x1a\n"
# warnings.catch_warnings changes the process's filters: one probe at a time changes them.
_WARNINGS = threading.Lock()


class Probe(NamedTuple):
    """What the bytes are: `content_type` as the bytes show it ("image/png"), the image's own
    `width` and `height` (0 when unknown), and `problem`, "" when it can be drawn."""

    content_type: str
    width: int = 0
    height: int = 0
    problem: str = ""


def probe(data: bytes, declared_type: str) -> Probe:
    """Judge `data` by its header. `declared_type` (the Content-Type) only names what a file that
    is no image is, when it does not claim to be one. Never raises."""
    if _is_svg(data):
        return Probe("image/svg+xml", problem=SVG)
    try:
        opened = _open(data)
    except _TooLarge:
        width, height = _header_size(data)
        size = f" ({width} x {height})" if width and height else ""
        return Probe(_magic_type(data), width, height, f"too large to decode{size}")
    except _NotAnImage:
        return Probe(_unreadable_type(data, declared_type), problem=_unreadable(data))
    content_type, width, height = opened
    if width <= TRACKING_PIXEL and height <= TRACKING_PIXEL:
        return Probe(content_type, width, height, "a tracking pixel")
    if width <= 0 or height <= 0:
        return Probe(content_type, width, height, DAMAGED)
    if width * height > MAX_PIXELS:
        return Probe(content_type, width, height, f"too large to decode ({width} x {height})")
    return Probe(content_type, width, height)


class _TooLarge(Exception):
    """Pillow refused the header as a possible decompression bomb."""


class _NotAnImage(Exception):
    """Pillow could not read the header at all."""


def _open(data: bytes) -> tuple[str, int, int]:
    """(MIME type, width, height) from Pillow's reading of the header."""
    from PIL import Image

    with _WARNINGS, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(BytesIO(data)) as image:
                width, height = image.size
                kind = image.format or ""
                mime = image.get_format_mimetype() or ""
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _TooLarge from None
        except Exception:  # Pillow raises many kinds (OSError, SyntaxError, struct.error...)
            raise _NotAnImage from None
    return mime or (f"image/{kind.lower()}" if kind else ""), int(width), int(height)


def _is_svg(data: bytes) -> bool:
    """An SVG document: <svg first, or an XML declaration or SVG doctype and then <svg."""
    head = data[:_SVG_HEAD].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head[:4].lower() == b"<svg":
        return True
    return bool(_SVG_PROLOG.match(head)) and bool(_SVG.search(head))


def _unreadable(data: bytes) -> str:
    """An image format whose body is broken, or no image at all."""
    return DAMAGED if _magic_type(data) else NOT_AN_IMAGE


def _unreadable_type(data: bytes, declared_type: str) -> str:
    """The type to record for bytes Pillow cannot read: what they announce; the declared type
    only when it does not claim an image they are not."""
    declared = declared_type.partition(";")[0].strip().lower()
    return _magic_type(data) or ("" if declared.startswith("image/") else declared)


def _magic_type(data: bytes) -> str:
    """The image type the first bytes announce, "" when they announce none."""
    if data.startswith(_PNG):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:2] == b"BM":
        return "image/bmp"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    return ""


def _header_size(data: bytes) -> tuple[int, int]:
    """Width and height as a PNG or GIF header states them (Pillow would not say): (0, 0) else."""
    if data.startswith(_PNG) and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    return 0, 0
