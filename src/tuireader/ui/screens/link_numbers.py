"""Typing a link number: digits build it, Enter follows link n, O opens it in the browser.

Pure state, no widgets: the reader screen feeds it keys before its bindings run, so Enter and
Escape belong to a number while one is being typed, and shows what `digits` holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Go:
    """Use link `number`: follow it in the reader, or open it in the system's browser."""

    number: int
    browser: bool


@dataclass(frozen=True)
class KeyResult:
    """What a key did: `handled` keys stop there; `go` says which link to use, if any."""

    handled: bool
    go: Go | None = None


class LinkDigits:
    """The link number being typed; Backspace takes a digit back, any other key forgets it."""

    def __init__(self) -> None:
        self.digits = ""

    def feed(self, key: str, character: str | None) -> KeyResult:
        digits, character = self.digits, character or ""
        if character.isascii() and character.isdigit() and (digits or character != "0"):
            self.digits = digits + character
            return KeyResult(True)
        if not digits:
            return KeyResult(False)
        self.digits = ""
        if key == "backspace":
            self.digits = digits[:-1]
            return KeyResult(True)
        if key in ("enter", "O"):
            return KeyResult(True, Go(int(digits), browser=key == "O"))
        # Escape is spent on cancelling; any other key cancels and then does its own thing.
        return KeyResult(key == "escape")


class Link(Protocol):
    """A numbered link, in the body (render.document.Link) or the sidebar (models.Link)."""

    @property
    def url(self) -> str: ...
    @property
    def text(self) -> str: ...


def numbered_links(
    body: Mapping[int, Link], sidebar: Mapping[int, Link]
) -> dict[int, tuple[str, str]]:
    """(URL, text) of every numbered link by number: the body's, then the sidebar's own."""
    links = {n: (link.url, link.text) for n, link in body.items()}
    for n, link in sidebar.items():
        links.setdefault(n, (link.url, link.text))
    return links
