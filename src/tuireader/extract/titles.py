"""The article's title inside a <title> element, which pages decorate for browser tabs."""

from __future__ import annotations

import re

from tuireader.extract.textclean import squash

_HIERARCHY = re.compile(r" [|\-\\/>»–—] ")
_HIERARCHY_ONLY = re.compile(r" [\\/>»] ")
_HIERARCHY_CHARS = re.compile(r"[|\-\\/>»–—]+")


def title_from_document(raw: str, headings: list[str], h1s: list[str] | None = None) -> str:
    """The article title inside a <title> like "Title | Section | Site" (Readability's rules).

    headings are the page's <h1> and <h2> texts, h1s its <h1> texts (default: headings).
    """
    h1s = headings if h1s is None else h1s
    original = squash(raw)
    title = original
    hierarchical = False
    separators = list(_HIERARCHY.finditer(original))
    if separators:
        hierarchical = bool(_HIERARCHY_ONLY.search(original))
        title = original[: separators[-1].start()]
        if len(title.split()) < 3:
            title = original[separators[0].end() :]
    elif ": " in original:
        if original not in headings:
            title = original[original.rfind(":") + 1 :]
            if len(title.split()) < 3:
                title = original[original.find(":") + 1 :]
            elif len(original[: original.find(":")].split()) > 5:
                title = original
    elif (len(original) > 150 or len(original) < 15) and len(h1s) == 1:
        title = h1s[0]
    title = squash(title)
    words = len(title.split())
    if words <= 4 and (
        not hierarchical or words != len(_HIERARCHY_CHARS.sub("", original).split()) - 1
    ):
        title = original
    return title
