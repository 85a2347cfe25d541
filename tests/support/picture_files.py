"""Image files for tests that fetch, keep and probe pictures: real bytes made with Pillow, and a
decompression bomb's header built with zlib (nothing the size of the image is ever allocated).

An article of pictures is saved straight into a store (`store_article`), with its figures named
as the extractor names them, so that these tests do not depend on how figures are found.
"""

from __future__ import annotations

import struct
import zlib
from io import BytesIO

from tuireader.cache import Store
from tuireader.clock import now_iso
from tuireader.models import Article, Image, Page, PageInfo

SVG = b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' width='40' height='30'/>"
PAGE = (
    b"<!doctype html><html><head><title>Not a picture</title></head><body><p>Hi</p></body></html>"
)


def png(width: int = 40, height: int = 30, colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    from PIL import Image as PILImage

    out = BytesIO()
    PILImage.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 64, height: int = 48) -> bytes:
    from PIL import Image as PILImage

    out = BytesIO()
    PILImage.new("RGB", (width, height), (20, 90, 160)).save(out, "JPEG", quality=80)
    return out.getvalue()


def gif_pixel() -> bytes:
    """A 1x1 GIF, as trackers send."""
    from PIL import Image as PILImage

    out = BytesIO()
    PILImage.new("L", (1, 1), 0).save(out, "GIF")
    return out.getvalue()


def noisy_png(width: int, height: int) -> bytes:
    """A PNG that does not compress: about width x height x 3 bytes."""
    import random

    from PIL import Image as PILImage

    rng = random.Random(width * 7919 + height)
    out = BytesIO()
    PILImage.frombytes("RGB", (width, height), rng.randbytes(width * height * 3)).save(
        out, "PNG", compress_level=0
    )
    return out.getvalue()


def png_bomb(width: int = 50_000, height: int = 50_000) -> bytes:
    """A PNG header announcing width x height pixels, with a few rows of zeros: a bomb to any
    decoder that believes it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(bytes(1 + width * 3) * 4, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def store_article(
    store: Store, url: str, srcs: list[str], *, lead: str = "", title: str = "Pictures"
) -> Article:
    """Keep in `store` an article at `url` whose lead image is `lead` and whose figures are
    `srcs`, as if fetched now; the Article kept."""
    words = "The harbour master kept a careful log of every vessel that came in. " * 20
    figures = "\n\n".join(f"![figure {n}](<{src}>)" for n, src in enumerate(srcs))
    article = Article(
        title=title,
        lead_image=Image(url=lead, caption="The lead") if lead else None,
        markdown=f"{words}\n\n{figures}\n\n{words}",
        text=f"{words}\n\n{words}",
        word_count=len(words.split()) * 2,
        reading_minutes=1,
        images=tuple(Image(url=src, alt=f"figure {n}") for n, src in enumerate(srcs)),
    )
    info = PageInfo(
        url=url,
        final_url=url,
        status=200,
        content_type="text/plain",  # not re-extracted on open: the article stays as made here
        fetched_at=now_iso(),
    )
    store.save(Page(info, words), article)
    return article
