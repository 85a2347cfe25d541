"""Image mode: a picture of an article, fetched by the page's rules and handed on as bytes.

Every rule of `fetch` holds (http and https only, each redirect hop checked, the size cap while
streaming and on Content-Length, the timeouts, a hostile server's tricks refused), but any
Content-Type is read: servers mislabel images, and what the bytes are is decided from the bytes
(`pictures.probe`). Only a body whose first bytes are plainly a web page or a PDF is refused
before the rest of it is read.
"""

from __future__ import annotations

import re

from tuireader.fetch.content_types import binary_type
from tuireader.fetch.errors import FetchError, UnsupportedContent, show
from tuireader.fetch.transfer import Transfer

IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8,*/*;q=0.5"

_PAGE_START = re.compile(
    rb"\s*<(?:!doctype\s+html|html|head|body|title|script|p|div)[\s/>]", re.IGNORECASE
)


class ImageTransfer(Transfer):
    """One image: any declared type is read, and the body is judged by its first bytes."""

    accept = IMAGE_ACCEPT

    def accepts(self, mime: str) -> bool:
        return True  # the label is not trusted either way: the bytes decide

    def sniff(self, head: bytes, mime: str, url: str) -> str:
        return what_image_is(head, mime, url)


def what_image_is(head: bytes, mime: str, url: str) -> str:
    """The type to hand the body on as: what its first bytes announce, else what it was labelled;
    UnsupportedContent for a web page or a PDF, which no label makes a picture."""
    real = binary_type(head)
    if real == "application/pdf" or (not real and _PAGE_START.match(head.lstrip(b"\xef\xbb\xbf"))):
        raise not_an_image(url, real or "text/html")
    return real or mime


def not_an_image(url: str, what: str) -> FetchError:
    return UnsupportedContent(
        f"{show(url)} is {what}, not an image: open it in a browser",
        url=url,
        content_type=what,
    )
