"""Typing a link number: digits build it, Enter follows link n, O opens it in the browser.

The body numbers its links 1..N; the sidebar gives the same numbers and N+1.. to its others.
`LinkDigits` is the pure state; `LinkKeys` feeds it the screen's keys before its bindings run, so
Enter and Escape belong to a number while one is being typed, and shows what it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual import events
    from textual.screen import Screen

NOTICE_LIMIT = 300  # characters of a URL in a notice: a page may send MiBs


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


class NumberedLink(Protocol):
    """A numbered link, in the body (body.model.BodyLink) or the sidebar (models.Link)."""

    @property
    def url(self) -> str: ...
    @property
    def text(self) -> str: ...


def numbered_links(
    body: Mapping[int, NumberedLink], sidebar: Mapping[int, NumberedLink]
) -> dict[int, tuple[str, str]]:
    """(URL, text) of every numbered link by number: the body's, then the sidebar's own."""
    links = {n: (link.url, link.text) for n, link in body.items()}
    for n, link in sidebar.items():
        links.setdefault(n, (link.url, link.text))
    return links


class LinkKeys:
    """The link number typed on `screen`: its keys, the line that shows it, the link it uses."""

    def __init__(self, screen: Screen[None]) -> None:
        self._screen = screen
        self.digits = LinkDigits()

    def numbered_links(self) -> dict[int, tuple[str, str]]:
        """(URL, text) of every numbered link, body and sidebar, by number."""
        from tuireader.ui.widgets.body_pane import BodyPane
        from tuireader.ui.widgets.related_sidebar import RelatedSidebar

        screen = self._screen
        return numbered_links(
            screen.query_one(BodyPane).links, screen.query_one(RelatedSidebar).numbered
        )

    def key(self, event: events.Key) -> None:
        """A key pressed in a pane (not in the find bar, whose digits are text)."""
        before = self.digits.digits
        result = self.digits.feed(event.key, event.character)
        if result.handled:
            event.stop()
            event.prevent_default()
        if result.go is not None:
            self._go(result.go.number, browser=result.go.browser)
        if self.digits.digits != before:
            self.show()

    def forget(self) -> None:
        """A new article: a number half typed for the last one is gone."""
        self.digits.digits = ""
        self.show()

    def show(self) -> None:
        """Show the number typed so far, and the link it names, at the foot of the panes."""
        from textual.css.query import NoMatches

        from tuireader.ui.widgets.fetch_status import FetchStatus
        from tuireader.ui.widgets.link_number import LinkNumber

        screen, digits = self._screen, self.digits.digits
        try:
            line = screen.query_one(LinkNumber)
        except NoMatches:
            if not digits:
                return
            line = LinkNumber(id="link-number")
            screen.mount(line, before=screen.query_one(FetchStatus))
        if not digits:
            line.hide()
            return
        link = self.numbered_links().get(int(digits))
        line.show_number(digits, None if link is None else link[1])

    def _go(self, number: int, *, browser: bool) -> None:
        """Follow link `number` in the reader, or open it in the system's browser."""
        from tuireader.textsafe import clip_line
        from tuireader.ui.messages import FollowLink

        screen, links = self._screen, self.numbered_links()
        link = links.get(number)
        if link is None:
            known = f" (links 1–{max(links)})" if links else ""
            screen.notify(
                f"No link {number} on this page{known}.", severity="warning", markup=False
            )
            return
        url = link[0]
        if browser:
            screen.app.open_url(url)
            screen.notify(
                f"Opened {clip_line(url, NOTICE_LIMIT)} in the browser.", timeout=3, markup=False
            )
        else:
            screen.post_message(FollowLink(url))
