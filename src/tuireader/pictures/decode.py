"""Image bytes to pixels that fit a box: safe against hostile files, the same output every time.

Pillow is imported inside `decode`, so that nothing on the way to the first words pays for it.
A file is opened (its header read), its size checked against `MAX_PIXELS` before a pixel is
decoded, a JPEG decoded at a reduced scale when the box is small, and then the first frame is
scaled down, made 8-bit RGB (transparency over white, the page's own background) and turned
the way its EXIF orientation says.
"""

from __future__ import annotations

import io
import threading
import warnings
from typing import TYPE_CHECKING

from tuireader.pictures.limits import MAX_PIXELS
from tuireader.pictures.pixels import Pixels

if TYPE_CHECKING:
    from PIL import Image, ImageFile

# The raster formats of the web. Anything else Pillow could open is refused unread: EPS would
# start Ghostscript, and the rare formats' decoders have seen the least hostile input.
FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "AVIF", "BMP", "ICO")
BACKGROUND = (255, 255, 255)  # what shows through transparency: a web page's own background
_ORIENTATION_TAG = 0x0112
_SWAPS_AXES = frozenset({5, 6, 7, 8})  # the EXIF orientations turned a quarter
_REDUCING_GAP = 3
_OPENING = threading.Lock()
_ROWS_A_BAND = 32  # rows of the reduced picture made from one band of the full one


class PictureError(Exception):
    """The image cannot be drawn; `reason` says why in a few words ("a damaged image")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode(data: bytes, max_width: int, max_height: int) -> Pixels:
    """The first frame of `data`, scaled to fit inside max_width x max_height (never enlarged)."""
    if max_width < 1 or max_height < 1:
        raise PictureError("no room to draw it")
    if _looks_like_svg(data):
        raise PictureError("an SVG drawing")
    from PIL import Image, UnidentifiedImageError

    try:
        return _decode(_opened(data), max_width, max_height)
    except PictureError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureError("too large to decode") from None
    except UnidentifiedImageError:
        raise PictureError("not an image") from None
    except Exception:  # Pillow's decoders raise many kinds on bad data: all mean the same
        raise PictureError("a damaged image") from None


def fit(width: int, height: int, max_width: int, max_height: int) -> tuple[int, int]:
    """width x height scaled to fit inside the box, keeping the aspect ratio, never enlarged."""
    scale = min(max_width / width, max_height / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _opened(data: bytes) -> ImageFile.ImageFile:
    """The file opened (its header read, no pixel decoded), Pillow's warning that it is huge
    raised as an error. Warning filters are the process's: they are changed for no longer than
    the opening, by one thread at a time, so that no thread puts back another's filters."""
    from PIL import Image

    with _OPENING, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data), formats=FORMATS)


def _decode(opened: ImageFile.ImageFile, max_width: int, max_height: int) -> Pixels:
    from PIL import Image

    width, height = opened.size
    if width < 1 or height < 1:
        raise PictureError("a damaged image")
    if width * height > MAX_PIXELS:
        raise PictureError(f"too large to decode ({width} x {height})")
    orientation = _orientation(opened)
    if orientation in _SWAPS_AXES:
        max_width, max_height = max_height, max_width
    size = fit(width, height, max_width, max_height)
    if opened.format == "JPEG":
        opened.draft(None, size)  # decoded at 1/2, 1/4 or 1/8 when that still covers `size`
    opened.load()
    image = _reduced(_scalable(opened), size)
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    image = _opaque_rgb(image)
    image = _upright(image, orientation)
    return Pixels(image.width, image.height, image.tobytes())


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in data[:4096].lower()


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # a damaged EXIF block: the picture as it is stored
        return 1
    return value if isinstance(value, int) else 1


def _scalable(image: Image.Image) -> Image.Image:
    """A mode that scales well, 8 bits a channel: palettes spread out, 16-bit and float grey
    brought to 0..255 (Pillow's own conversion would clip them), print colours to RGB."""
    mode = image.mode
    if mode in ("RGB", "RGBA", "L", "LA"):
        return image
    if mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if mode in ("PA", "RGBa", "RGBX", "La"):
        return image.convert("RGBA" if mode != "La" else "LA")
    if mode.startswith("I;16") or mode == "I":
        return image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if mode == "F":
        low, high = (float(value) for value in image.getextrema() if isinstance(value, float))
        span = high - low or 1.0
        return image.point(lambda value: (value - low) * (255 / span)).convert("L")
    return image.convert("RGB")  # 1, CMYK, YCbCr, LAB, HSV


def _reduced(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Averaged down by whole factors while still 3 times the size asked for, so that LANCZOS
    then works on few pixels. With transparency, Pillow weighs colours by their alpha on a
    full-size copy: that is done a band of rows at a time here, to keep one copy of the picture."""
    factor = (
        max(1, image.width // (size[0] * _REDUCING_GAP)),
        max(1, image.height // (size[1] * _REDUCING_GAP)),
    )
    if factor == (1, 1):
        return image
    if image.mode not in ("RGBA", "LA"):
        return image.reduce(factor)
    from PIL import Image

    reduced = Image.new(image.mode, (-(-image.width // factor[0]), -(-image.height // factor[1])))
    band = factor[1] * _ROWS_A_BAND
    for top in range(0, image.height, band):
        rows = image.crop((0, top, image.width, min(top + band, image.height)))
        reduced.paste(rows.reduce(factor), (0, top // factor[1]))
    return reduced


def _opaque_rgb(image: Image.Image) -> Image.Image:
    from PIL import Image

    if image.mode in ("RGBA", "LA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, BACKGROUND)
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    """The picture turned the way its EXIF orientation says (ImageOps.exif_transpose's table),
    applied to the scaled picture rather than the full one."""
    from PIL import Image

    turn = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)
    return image if turn is None else image.transpose(turn)
