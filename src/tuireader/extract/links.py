"""Links: absolute http(s) URLs only, and the page's related-article boxes lifted out of the body.

Related boxes come in two shapes: containers named or headed "Related" / "Read more" /
"Recommended" (lists of teasers), and one-line boxes inside the text ("Related article: <a>").
Both are recognised by general wording and naming, never by a site's markup, as are links that
sell rather than inform ("Subscribe", "Click here"), which are never listed as related.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urldefrag, urljoin

from tuireader.extract.textclean import squash
from tuireader.models import Link, LinkKind
from tuireader.urls import is_followable

_URL_JUNK = re.compile(r"[\t\n\r\x00-\x1f]")

# The heading of a related-articles box, as the whole heading text.
RELATED_HEADING = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|story|content|coverage|posts?|links?|reading|news|"
    r"topics?|videos?))?|read\s+(?:more|also|next)|see\s+also|also\s+(?:read|see)|"
    r"more\s+(?:on\s+this(?:\s+(?:story|topic))?|stories|news|coverage|reading|to\s+read|"
    r"like\s+this|articles|from\s+\S+(?:\s+\S+){0,3})|recommended(?:\s+(?:for\s+you|reading|"
    r"articles|stories|videos))?|further\s+reading|you\s+(?:may|might)\s+(?:also\s+)?"
    r"(?:like|enjoy|be\s+interested(?:\s+in)?)|don[’']t\s+miss|must\s+reads?|"
    r"most\s+(?:read|popular|viewed|shared|commented)|trending(?:\s+(?:now|stories))?|"
    r"popular(?:\s+(?:now|stories|articles))?|what\s+to\s+read\s+next|up\s+next|keep\s+reading|"
    r"top\s+stories|lesen\s+sie\s+auch|mehr\s+zum\s+thema|(?:à\s+)?lire\s+aussi|voir\s+aussi|"
    r"sur\s+le\s+même\s+sujet|lee\s+también|leer\s+más|noticias\s+relacionadas|leggi\s+anche|"
    r"leia\s+(?:também|mais)|veja\s+também|(?:zum\s+)?weiterlesen|schon\s+gelesen|"
    r"auch\s+interessant|weitere\s+(?:artikel|themen|beiträge|nachrichten|meldungen|news)"
    r"(?:\s+zum\s+thema)?|verwandte\s+(?:themen|artikel|beiträge)|ähnliche\s+(?:artikel|beiträge)|"
    r"mehr\s+zu(?:m|r)?(?:\s+\S+){1,4}|(?:das|dies(?:es|e)?)(?:\s+thema|\s+themen)?\s+"
    r"(?:könnte|könnten)\s+(?:dich|sie|euch)\s+(?:auch\s+)?interessieren|"
    r"articles?\s+les\s+plus\s+lus|les\s+plus\s+lus|à\s+lire\s+(?:aussi|également)|"
    r"(?:(?:audios?|articles?)\s+et\s+)?(?:vidéos|articles)\s+sur\s+le\s+(?:même\s+)?sujet|"
    r"(?:meist|am\s+meisten\s+)?(?:gelesene|kommentierte)\s+artikel|meistgelesen(?:e)?|"
    r"(?:te\s+)?puede\s+(?:interesar|gustar)|(?:vea|mira|lea)\s+también|"
    r"czytaj\s+(?:też|także|również|więcej)|zobacz\s+(?:też|także|również))"
    r"\s*(?:[:\-–—»|!?]|\.\.\.|…)?$",
    re.I,
)
# The label that opens a one-line related box inside the text: "Related article: ...".
RELATED_LABEL = re.compile(
    r"^\s*(?:related|read\s+(?:more|also|next)|see\s+also|also\s+read|more\s+on\s+this|"
    r"recommended|further\s+reading|more|lesen\s+sie\s+auch|(?:à\s+)?lire\s+aussi|"
    r"lee\s+también|leggi\s+anche|leia\s+também|veja\s+também|(?:vea|mira|lea)\s+también|"
    r"mir[ae]|vea|puedes\s+ver|te\s+puede\s+interesar|relacionad[oa]s?|siehe\s+auch|"
    r"auch\s+interessant|mehr\s+zum\s+thema|czytaj\s+(?:też|także|również)|zobacz\s+(?:też|także))"
    r"(?:\s+[\w’']+){0,2}\s*[:\-–—»|]",
    re.I,
)
# Link text that sells rather than informs.
_CALL_TO_ACTION = re.compile(
    r"\b(?:click|tap|subscribe|sign\s+up|newsletter|download|get\s+the\s+app|follow\s+us|"
    r"watch|listen|read\s+more|see\s+more|view\s+(?:all|more)|more\s+from|here)\b",
    re.I,
)


def is_related_line(text: str, link_chars: int) -> bool:
    """A one-line related box: a RELATED_LABEL, then text that is mostly link text.

    `text` is the box's text squashed, `link_chars` how much of it is link text.
    """
    label = RELATED_LABEL.match(text)
    if label is None:
        return False
    rest = len(text) - label.end()
    return rest > 0 and link_chars / (rest + 1) >= 0.5


def is_call_to_action(text: str) -> bool:
    """A link that sells rather than informs: "Subscribe to ...", "Click here ..."."""
    return bool(_CALL_TO_ACTION.search(text))


def absolute_url(href: str, base: str) -> str:
    """`href` resolved against `base` when it is an http(s) URL with a host, else ""."""
    href = _URL_JUNK.sub("", href).strip()
    if not href or href.startswith("#"):
        return ""
    try:
        url = urljoin(base, href.replace(" ", "%20"))
    except ValueError:
        return ""
    return url if is_followable(url) else ""


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]{0,30}):")


def unfollowed_scheme(href: str) -> str:
    """The scheme of a link tuireader shows but never follows ("mailto", "javascript"), or ""."""
    match = _SCHEME.match(_URL_JUNK.sub("", href).strip())
    scheme = match.group(1).lower() if match else ""
    return "" if scheme in ("", "http", "https") else scheme


def same_page(url: str, page_url: str) -> bool:
    """True for a link back to the page itself (with or without a #fragment)."""
    if not page_url:
        return False
    try:
        return urldefrag(url).url.rstrip("/") == urldefrag(page_url).url.rstrip("/")
    except ValueError:
        return False


def link_text(anchor: Any) -> str:
    text = squash(anchor.text_content())
    if not text:
        text = squash(anchor.get("title") or anchor.get("aria-label") or "")
    return text


class LinkList:
    """Links de-duplicated by URL in first-seen order; a later text fills an empty one."""

    def __init__(self, kind: LinkKind, page_url: str) -> None:
        self.kind: LinkKind = kind
        self.page_url = page_url
        self._texts: dict[str, str] = {}

    def add(self, url: str, text: str) -> None:
        if not url or same_page(url, self.page_url):
            return
        if not self._texts.get(url):
            self._texts[url] = text

    def links(self, min_words: int = 1, min_chars: int = 1) -> list[Link]:
        """The links whose text has at least `min_words` words or `min_chars` characters."""
        return [
            Link(url, text, self.kind)
            for url, text in self._texts.items()
            if text and (len(text.split()) >= min_words or len(text) >= min_chars)
        ]

    def __contains__(self, url: str) -> bool:
        return url in self._texts


def harvest(container: Any, base: str, into: LinkList) -> None:
    """Every http(s) link inside `container` goes to `into`."""
    for anchor in container.iter("a"):
        url = absolute_url(anchor.get("href") or "", base)
        if url:
            into.add(url, link_text(anchor))
