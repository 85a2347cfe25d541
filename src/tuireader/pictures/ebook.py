"""Pictures for an e-reader: the types every EPUB reader draws kept as they came, others redrawn.

JPEG, PNG and GIF are EPUB 3.2's core image types and go into a book untouched. WebP and AVIF
(photographs, mostly) become JPEG, BMP and ICO (drawings, mostly) PNG, through `decode`: the
same allow-list and pixel bound as on screen, so a hostile file is refused here too. An SVG is
never put in a book: it can hold script and remote references, and would need sanitising.
Pillow is imported inside, when a picture needs redrawing.
"""

from __future__ import annotations

import io

from tuireader.pictures.decode import PictureError, decode

KEPT = ("image/jpeg", "image/png", "image/gif")
AS_JPEG = ("image/webp", "image/avif")
AS_PNG = ("image/bmp", "image/x-ms-bmp", "image/vnd.microsoft.icon", "image/x-icon", "image/ico")
MAX_SIDE = 1600  # pixels a side of a redrawn picture: an e-reader's screen and more
JPEG_QUALITY = 85


def for_book(data: bytes, content_type: str) -> tuple[bytes, str] | None:
    """(bytes, media type) of `data` as a book keeps it, or None when it cannot be kept (an SVG,
    an unknown type, a picture that does not decode)."""
    kind = content_type.partition(";")[0].strip().lower()
    if kind in KEPT:
        return data, kind
    if kind not in AS_JPEG and kind not in AS_PNG:
        return None
    try:
        pixels = decode(data, MAX_SIDE, MAX_SIDE)
    except PictureError:
        return None
    from PIL import Image

    image = Image.frombytes("RGB", (pixels.width, pixels.height), pixels.rgb)
    out = io.BytesIO()
    if kind in AS_JPEG:
        image.save(out, "JPEG", quality=JPEG_QUALITY)
        return out.getvalue(), "image/jpeg"
    image.save(out, "PNG")
    return out.getvalue(), "image/png"
