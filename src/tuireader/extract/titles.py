"""Titles without the " - Site" / " | Section | Site" decoration pages add around them."""

from __future__ import annotations

import re

from tuireader.extract.textclean import squash

_SEPARATOR = re.compile(r"\s+(?:[|\-–—»·•/\\]|::)\s+")


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _strip_site(title: str, site_name: str) -> str:
    site = re.escape(site_name.strip())
    for pattern in (
        rf"^(?P<rest>.*\S)\s*(?:[|\-–—»·•/\\:]|::)\s*{site}$",
        rf"^{site}\s*(?:[|\-–—»·•/\\:]|::)\s*(?P<rest>\S.*)$",
    ):
        match = re.match(pattern, title, re.I)
        if match and _words(match.group("rest")) >= 1:
            return match.group("rest").strip()
    return title


def clean_title(raw: str, site_name: str = "", authors: tuple[str, ...] | list[str] = ()) -> str:
    """A title without the site's name (" | Site") or an author's name (" - Jane Doe") around it."""
    title = squash(raw)
    for name in (site_name, *authors):
        if title and name:
            title = _strip_site(title, name)
    return title


_HIERARCHY = re.compile(r" [|\-\\/>»–—] ")
_HIERARCHY_ONLY = re.compile(r" [\\/>»] ")
_HIERARCHY_CHARS = re.compile(r"[|\-\\/>»–—]+")


def title_from_document(raw: str, headings: list[str]) -> str:
    """The article title inside a <title> like "Title | Section | Site" (Readability's rules)."""
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
    elif (len(original) > 150 or len(original) < 15) and len(headings) == 1:
        title = headings[0]
    title = squash(title)
    words = len(title.split())
    if words <= 4 and (
        not hierarchical or words != len(_HIERARCHY_CHARS.sub("", original).split()) - 1
    ):
        title = original
    return title
