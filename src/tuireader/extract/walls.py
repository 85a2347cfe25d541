"""Why a page holds no article, read from the page itself: a paywall, a consent wall, or a page
that needs JavaScript. Pure (an lxml tree in, a Wall out); run only when no article was found.

The evidence is markup any reader of the HTML would name in one sentence:
- paywall: schema.org says the article is not free (`"isAccessibleForFree": false`), or an
  element's class or id names a pay or registration wall ("paywall", "regwall",
  "subscriber-only");
- consent: an element of a consent-management platform's overlay (the generic ids and classes
  the common ones use), or one whose class or id names a cookie or consent wall;
- javascript: a <noscript> that asks for JavaScript, or a body with no text but scripts (an
  app shell waiting for them to fill it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from lxml import etree

from tuireader.extract.textclean import squash, strip_unsafe

EVIDENCE_LIMIT = 200  # characters of a page's own words quoted as evidence
SHELL_TEXT = 20  # characters of visible text under which a body with scripts is an app shell
_SCANNED = 5_000  # elements looked at for class and id words: a wall sits near the top

# Class or id words of pay and registration walls (as whole words, "-" or "_" between parts).
_PAYWALL = re.compile(
    r"(?<![a-z])(?:pay|reg|registration|subscription|subscriber|premium|meter(?:ed)?)[-_]?wall"
    r"|(?<![a-z])subscribers?[-_]only|(?<![a-z])(?:premium|paid)[-_]content[-_]?(?:gate|lock)",
    re.IGNORECASE,
)
# Consent overlays: the ids and classes of common consent-management platforms' containers,
# and a class or id that names a cookie or consent wall.
_CONSENT_IDS = frozenset(
    {
        "onetrust-consent-sdk",
        "onetrust-banner-sdk",
        "cybotcookiebotdialog",
        "usercentrics-root",
        "qc-cmp2-container",
        "didomi-host",
        "didomi-popup",
        "truste-consent-track",
        "cmpbox",
        "sp_message_container",
        "cookiescript_injected",
        "iubenda-cs-banner",
    }
)
_CONSENT = re.compile(
    r"(?<![a-z])(?:cookie|consent|gdpr|privacy)[-_]?(?:wall|gate|overlay)", re.IGNORECASE
)
_JAVASCRIPT = re.compile(r"java\s*script", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_NOT_FREE = re.compile(r'"isAccessibleForFree"\s*:\s*"?false"?', re.IGNORECASE)


class Wall(NamedTuple):
    """What kind of wall (Article.wall) and the evidence for it, in a few words or the page's."""

    kind: str = ""
    evidence: str = ""


def find_wall(root: Any) -> Wall:
    """The wall the page `root` (parsed, before any cleaning) puts before its text, if any.

    Changes `root` (its scripts are taken out to measure the text): pass a tree of its own.
    """
    return _paywall(root) or _consent(root) or _javascript(root) or Wall()


def _paywall(root: Any) -> Wall | None:
    for script in root.iter("script"):
        if "ld+json" in (script.get("type") or "").lower() and _not_free(script.text or ""):
            return Wall("paywall", "schema.org isAccessibleForFree is false")
    found = _marked(root, _PAYWALL)
    return Wall("paywall", f"an element marked {found!r}") if found else None


def _not_free(text: str) -> bool:
    """JSON-LD that says some item is not free; a regular expression when it does not parse."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return bool(_NOT_FREE.search(text))
    stack: list[Any] = [data]
    for _ in range(10_000):  # bounded: a hostile page may nest deeply
        if not stack:
            return False
        item = stack.pop()
        if isinstance(item, dict):
            free = item.get("isAccessibleForFree")
            if free is False or (isinstance(free, str) and free.strip().lower() == "false"):
                return True
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _consent(root: Any) -> Wall | None:
    for name in _names(root):
        if name.lower() in _CONSENT_IDS:
            return Wall("consent", f"a consent platform's overlay ({_clip(name)!r})")
    found = _marked(root, _CONSENT)
    return Wall("consent", f"an element marked {found!r}") if found else None


def _javascript(root: Any) -> Wall | None:
    for noscript in root.iter("noscript"):
        said = _clip(_TAG.sub(" ", noscript.text_content()))  # in <head> it is raw text
        if said and _JAVASCRIPT.search(said):
            return Wall("javascript", f"its <noscript> says '{said}'")
    body = root.find("body")
    if body is None or next(root.iter("script"), None) is None:
        return None
    etree.strip_elements(body, "script", "style", "noscript", "template", with_tail=False)
    if len(squash(body.text_content())) >= SHELL_TEXT:
        return None
    mount = next((div for div in body.iter("div") if div.get("id")), None)
    where = f'<div id="{_clip(mount.get("id"))}">' if mount is not None else "<body>"
    return Wall("javascript", f"its body is an empty shell ({where}) that scripts fill in")


def _marked(root: Any, words: re.Pattern[str]) -> str:
    """The first class or id in the page that `words` matches, "" when none does."""
    return next((_clip(name) for name in _names(root) if words.search(name)), "")


def _names(root: Any) -> Iterator[str]:
    """Every id and class of the page's first elements, in document order."""
    for count, el in enumerate(root.iter()):
        if count > _SCANNED:
            return
        if isinstance(el.tag, str):
            yield (el.get("id") or "").strip()
            yield from (el.get("class") or "").split()


def _clip(text: str) -> str:
    text = squash(strip_unsafe(text))
    return text if len(text) <= EVIDENCE_LIMIT else text[: EVIDENCE_LIMIT - 1] + "…"
