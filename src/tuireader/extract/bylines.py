"""Author names out of bylines as pages write them: no "By", no job titles, no dates."""

from __future__ import annotations

import re

from tuireader.extract.textclean import squash, word_set

_BY_PREFIX = re.compile(
    r"^(?:(?:written|words|posted|published|reported|story|text|article|compiled)\s+)?"
    r"(?:by|von|par|por|door)\b\s*:?\s*",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|;|\||&|•|·|\band\b|\bund\b|\bet\b|(?-i:\s(?:y|e|en|i)\s))\s*", re.I)
_NOT_AUTHOR = re.compile(
    r"\b(?:edited|editing|reviewed|fact[- ]checked|photos?|photographs|illustrations?|"
    r"graphics|video|additional\s+reporting)\s+by\b",
    re.I,
)
JOB_WORDS = word_set(
    """staff writer writers reporter reporters editor editors correspondent correspondents
    columnist columnists contributor contributors contributing journalist journalists
    photographer photographers producer producers analyst critic chief senior deputy managing
    bureau desk freelance intern anchor presenter staffer team guest editorial
    updated published posted"""
)
# "Written by", "Edited by", "Photos by": the roles of a page's own credit line.
_CREDIT = re.compile(
    r"(?<![\w-])((?:written|words|text|story|reporting|reported|edited|editing|reviewed|"
    r"fact[- ]checked|photos?|photographs|photography|illustrations?|graphics|video|"
    r"produced|design|designed|translated|additional\s+reporting)\s+by)\b\s*:?\s*",
    re.I,
)
_WRITING = word_set("written words text story reporting reported")
_NOT_NAME = re.compile(r"\d|@|https?:|www\.|\.com\b")
_NOT_NAME_AT_ALL = re.compile(r"@|https?:|www\.")
_TRIM = " .:;,-–—|·•\"'“”()[]"
_EDGE = " .:;,-–—|·•\"'“”"
_PAIRS = (("(", ")"), ("[", "]"))
# "jdoe", "admin", "news_desk": a single lower-case ASCII token is an account name, not a name.
_HANDLE = re.compile(r"^[a-z0-9_.]+$")


def _trim(text: str) -> str:
    """Text without edge punctuation; a bracket goes only if it has no partner inside."""
    while True:
        text = text.strip(_EDGE)
        for opening, closing in _PAIRS:
            if text.endswith(closing) and text.count(opening) < text.count(closing):
                text = text[:-1]
                break
            if text.startswith(opening) and text.count(opening) > text.count(closing):
                text = text[1:]
                break
            if text.startswith(opening) and text.endswith(closing) and text.count(opening) == 1:
                text = text[1:-1]
                break
        else:
            return text


def _is_name(part: str) -> bool:
    if not part or len(part) > 60 or _NOT_NAME.search(part):
        return False
    words = part.split()
    if len(words) > 6:
        return False
    return not any(word.lower().strip(_TRIM) in JOB_WORDS for word in words)


def join_names(names: list[str], separator: str = ", ") -> str:
    """Names as a byline: "A", "A and B" or "A, B and C" (structured lists keep ", ")."""
    if separator != " and " or len(names) < 2:
        return separator.join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def dedupe_names(names: list[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def clean_name(raw: str) -> str:
    """One author's name from structured data ("By Jane Doe" -> "Jane Doe"); "" for a URL."""
    name = _trim(_BY_PREFIX.sub("", squash(raw)))
    return "" if len(name) > 80 or _NOT_NAME_AT_ALL.search(name) or _HANDLE.match(name) else name


def _names(text: str) -> list[str]:
    """Every name of `text` ("A, B and C"), or [] when any part of it is not a name."""
    parts = [_trim(part) for part in _SPLIT.split(_trim(text))]
    parts = [part for part in parts if part]
    return parts if parts and all(_is_name(part) for part in parts) else []


def credit_line(text: str) -> tuple[str, list[str]]:
    """(line, writers) of a credit line such as "Written by A Edited by B"; ("", []) otherwise.

    A line made only of "<role> by <names>" clauses, one naming who wrote the piece, is the
    page's own byline as it wrote it: it stays whole (a clause a sentence), and its writers are
    the authors. "By A. Photos by B" counts too, the bare "By" dropped as in any byline.
    """
    marks = list(_CREDIT.finditer(text))
    bare = _BY_PREFIX.match(text)
    if bare and not _CREDIT.match(text):
        marks.insert(0, bare)
    if len(marks) < 2 or marks[0].start() != 0:
        return "", []
    clauses: list[str] = []
    writers: list[str] = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        names = _names(text[mark.end() : end])
        if not names:
            return "", []
        role = mark.group(1) if mark.re is _CREDIT else ""
        if not role or role.split()[0].lower() in _WRITING:
            writers.extend(names)
        role = role[:1].upper() + role[1:]
        clauses.append(f"{role} {join_names(names, ' and ')}".strip())
    writers = dedupe_names(writers)
    return (". ".join(clauses), writers) if writers else ("", [])


def clean_byline(raw: str) -> tuple[str, list[str]]:
    """(byline, authors) from visible byline text such as "By Jane Doe, Staff Writer"."""
    text = squash(raw)
    if not text or len(text) > 250:
        return "", []
    credited = credit_line(text)
    if credited[1]:
        return credited
    text = _trim(_BY_PREFIX.sub("", text))
    if _HANDLE.match(text):
        return "", []
    not_author = _NOT_AUTHOR.search(text)  # "... Edited by X": editors are not authors
    if not_author:
        text = _trim(text[: not_author.start()])
    parts = [_trim(part) for part in _SPLIT.split(text)]
    parts = [_trim(_BY_PREFIX.sub("", part)) for part in parts if part]
    names = dedupe_names([part for part in parts if _is_name(part)])
    if not names:
        return "", []
    if names == parts:
        return text, names
    return join_names(names, " and "), names
