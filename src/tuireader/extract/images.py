"""The body's pictures: which <img> become image blocks, and the Markdown line each is.

A picture is kept once (the lead image's URL and repeats go), only from an http(s) source, never
a tracking pixel, and at most MAX_ARTICLE_IMAGES with the lead. Its URL is written the way the
Markdown parser reads it back (markdown-it's normalisation), so the image block's `src` and
`Article.images` name the same URL, and the Reader fetches exactly what the body draws.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.common.normalize_url import normalizeLink

from tuireader.extract.figures import image_url
from tuireader.extract.textclean import escape_markdown, squash
from tuireader.models import Image
from tuireader.pictures.limits import MAX_ARTICLE_IMAGES
from tuireader.urls import is_followable

PIXEL = 2  # px: an image declared this narrow or this low is a tracking pixel, not a picture
_NUMBER = re.compile(r"\s*(\d+)")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def markdown_url(url: str) -> str:
    """`url` as Markdown's parser gives it back: hostname in ASCII, the rest percent-encoded."""
    try:
        return normalizeLink(url)
    except Exception:  # a URL the normaliser cannot take is not one to fetch either
        return ""


def image_markdown(image: Image) -> str:
    """`![alt](<url>)` on one line: the alt escaped, the URL one markdown-it reads back as it is."""
    destination = image.url.replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C")
    destination = _ENTITY.sub(r"\\&", destination)  # "&amp;" there would read as "&"
    return f"![{escape_markdown(squash(image.alt))}](<{destination}>)"


def is_pixel(img: Any) -> bool:
    """Whether the <img> says it is at most PIXEL wide or high (a tracking pixel)."""
    for name in ("width", "height"):
        size = _NUMBER.match(img.get(name) or "")
        if size is not None and int(size.group(1)) <= PIXEL:
            return True
    return False


class BodyImages:
    """The pictures taken into the body so far, to leave out repeats and stop at the limit."""

    def __init__(self, base: str, lead_url: str = "") -> None:
        self.base = base
        self.seen = {lead_url, markdown_url(lead_url)} if lead_url else set()
        self.room = MAX_ARTICLE_IMAGES - (1 if lead_url else 0)

    def take(self, img: Any) -> Image | None:
        """The Image of `img`, or None when it is left out."""
        if self.room <= 0 or is_pixel(img):
            return None
        url = markdown_url(image_url(img, self.base))
        if not is_followable(url) or url in self.seen:
            return None
        self.seen.add(url)
        self.room -= 1
        return Image(url=url, alt=squash(img.get("alt") or ""))
