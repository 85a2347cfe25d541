"""Figures: the lead image, and captions split from their credits ("Photo: AP", "kremlin.ru").

A credit is found by markup first (an element named credit/copyright/source inside the caption),
then by shape (a short last element after a finished sentence), then by wording ("Photo: X",
"(c) X", "Name/Agency", "... Images"); the rules on the text are in credits.py.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from tuireader.extract.boilerplate import name_verdict
from tuireader.extract.credits import is_trailing_credit, split_credit
from tuireader.extract.links import absolute_url
from tuireader.extract.parse import drop
from tuireader.extract.textclean import squash
from tuireader.models import Image

_CREDIT_HINT = re.compile(
    r"credit|copyright|source|attribution|photographer|courtesy|byline|author|rights", re.I
)
_CREDIT_ONLY = re.compile(r"credit|copyright|photographer", re.I)
_CAPTION_HINT = re.compile(r"caption|credit", re.I)
_LAZY_SRC = ("data-src", "data-original", "data-lazy-src", "data-url", "data-hi-res-src")
_NOT_A_URL = re.compile(r'[{}"\s]')  # a lazy attribute holding JSON or a {width} template
_LEAD_STOP = 120  # a paragraph this long means the text has started
_FIGURE_TEXT = 600  # characters: more than this is not a figure


def _text_without(el: Any, skip: set[Any]) -> str:
    parts: list[str] = []

    def walk(node: Any, depth: int) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child not in skip and isinstance(child.tag, str) and depth < 50:
                if child.tag == "br":
                    parts.append(" ")
                walk(child, depth + 1)
            if child.tail:
                parts.append(child.tail)

    walk(el, 0)
    return squash("".join(parts))


def caption_and_credit(caption_el: Any) -> tuple[str, str]:
    """(caption, credit) of a <figcaption> or caption-like element."""
    own = f"{caption_el.get('class') or ''} {caption_el.get('id') or ''}"
    if _CREDIT_ONLY.search(own):
        return "", squash(caption_el.text_content()).strip(" ()[]|")
    credits: list[str] = []
    skip: set[Any] = set()
    for el in caption_el.iterdescendants():
        if not isinstance(el.tag, str) or any(a in skip for a in el.iterancestors()):
            continue
        if _CREDIT_HINT.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            text = squash(el.text_content())
            if text:
                credits.append(text)
            skip.add(el)
    caption = _text_without(caption_el, skip)
    credit = " ".join(credits)
    if not credit and len(caption_el):
        last = caption_el[len(caption_el) - 1]
        if isinstance(last.tag, str) and not (last.tail or "").strip():
            words = squash(last.text_content())
            before = _text_without(caption_el, {last})
            if is_trailing_credit(before, words):
                caption, credit = before, words
    if not credit:
        caption, credit = split_credit(caption)
    return caption.strip(), credit.strip(" ()[]|")


def image_url(img: Any, base: str, *, lazy_first: bool = True) -> str:
    """The real source of an <img>: a lazy-loading script's attribute (data-src, data-srcset)
    names it rather than the placeholder in src; then src; then the largest of srcset. A lazy
    attribute that holds JSON or a template ("{width}") is no URL and is passed over.

    `lazy_first=False` reads src before the lazy attributes (the lead's match with og:image).
    """
    lazy = [value for attr in _LAZY_SRC if not _NOT_A_URL.search(value := _attr(img, attr))]
    src = [img.get("src") or ""]
    if lazy_first:
        lazy += _largest_first(img.get("data-srcset"))
        candidates = lazy + src + _largest_first(img.get("srcset"))
    else:
        candidates = src + lazy + _largest_first(img.get("srcset") or img.get("data-srcset"))
    for candidate in candidates:
        url = absolute_url(candidate, base)
        if url:
            return url
    return ""


def _attr(el: Any, name: str) -> str:
    return (el.get(name) or "").strip()


def _largest_first(srcset: str | None) -> list[str]:
    """The candidates of a srcset, the last first (pages list them small to large)."""
    return [
        part.strip().split(" ")[0] for part in reversed((srcset or "").split(",")) if part.strip()
    ]


def _basename(url: str) -> str:
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    return path.rsplit("/", 1)[-1].lower()


def _in_chrome(el: Any) -> bool:
    for node in el.iterancestors():
        if node.tag in ("nav", "aside", "footer"):
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if len(names) > 1 and name_verdict(names) in ("related", "comments", "hidden"):
            return True
    return False


def _caption_element(container: Any) -> Any:
    for el in container.iter():
        if el is container or not isinstance(el.tag, str):
            continue
        if el.tag == "figcaption" or _CAPTION_HINT.search(el.get("class") or ""):
            return el
    return None


def _figure_of(img: Any) -> Any:
    """The element that holds `img` and its caption: a <figure>, or a close captioned ancestor."""
    node = img
    for _ in range(3):
        node = node.getparent()
        if node is None or node.tag in ("body", "article", "main", "section"):
            return None
        if len(node.text_content()) > _FIGURE_TEXT:
            return None  # this holds more than an image and its caption
        if node.tag == "figure" or _caption_element(node) is not None:
            return node
    return None


def _figure_image(figure: Any, base: str, fallback_url: str) -> Image | None:
    img = next(figure.iter("img"), None)
    url = image_url(img, base) if img is not None else ""
    caption_el = _caption_element(figure)
    caption, credit = caption_and_credit(caption_el) if caption_el is not None else ("", "")
    if not credit:
        for el in figure.iter():
            if el is caption_el or not isinstance(el.tag, str):
                continue
            if _CREDIT_ONLY.search(el.get("class") or ""):
                credit = squash(el.text_content()).strip(" ()[]|")
                if credit:
                    break
    url = url or fallback_url
    if not url:
        return None
    alt = squash(img.get("alt") or "") if img is not None else ""
    return Image(url=url, caption=caption, credit=credit, alt=alt)


def take_lead_image(body: Any, base: str, meta_url: str, meta_caption: str) -> Image | None:
    """The article's lead image, removed from the tree so the body does not repeat it.

    The lead is the first captioned figure before the text starts, or the figure showing the
    page's declared image (og:image / JSON-LD); otherwise the declared image alone.
    """
    meta_name = _basename(meta_url)
    lead = None
    for el in body.iter("img", "p"):
        if el.tag == "p":
            if len(el.text_content().strip()) >= _LEAD_STOP and not _in_chrome(el):
                break
            continue
        figure = _figure_of(el)
        if figure is not None and not _in_chrome(figure):
            lead = figure
            break
    if lead is None and meta_name:
        for img in body.iter("img"):
            if _basename(image_url(img, base, lazy_first=False)) == meta_name:
                lead = _figure_of(img)
                break
    if lead is not None:
        image = _figure_image(lead, base, meta_url)
        drop(lead)
        if image is not None:
            return image
    if meta_url:
        return Image(url=meta_url, caption=meta_caption)
    return None
