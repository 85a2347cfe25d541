"""The related-links sidebar: related articles, the links in the body, then source and credits.

Every link carries a number: the body's number for a URL the body shows, the next free one after
the body's last for the rest, so one number means one link wherever the reader sees it. A link
whose page the cache holds is marked as readable offline; the screen says which ones
(`mark_offline`), since the cache is the screen's to ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.style import Style as VisualStyle
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tuireader.models import Article, Link
from tuireader.textsafe import clip_line
from tuireader.ui.messages import FollowLink
from tuireader.urls import cache_key

OFFLINE_MARKER = "● offline"


CANONICAL_TEXT = "This article's canonical address"


SOURCE_HEADING = "Source and credits"
TEXT_LIMIT = 300  # characters of a link's text (or URL) shown: a page can make it megabytes
HOST_LIMIT = 255  # a host name is at most 253 characters


def sidebar_links(article: Article, *, canonical: bool = True) -> list[tuple[str, list[Link]]]:
    """The groups to show, each de-duplicated by URL across the whole sidebar, noise removed.

    `canonical=False` leaves out the article's canonical URL, which is often its own address.
    """
    every = [*article.related_links, *article.body_links]
    sources = [link for link in every if link.kind == "source"]
    sources += [Link(credit, credit, "source") for credit in article.credits]
    if canonical and article.canonical_url:
        sources.append(Link(article.canonical_url, CANONICAL_TEXT, "source"))
    seen: set[str] = set()
    groups: list[tuple[str, list[Link]]] = []
    for heading, links in (
        ("Related articles", [link for link in article.related_links if link.kind != "source"]),
        ("Links in the article", [link for link in article.body_links if link.kind != "source"]),
        (SOURCE_HEADING, sources),
    ):
        kept = []
        for link in links:
            if link.followable and link.url not in seen:
                seen.add(link.url)
                kept.append(link)
        if kept:
            groups.append((heading, kept))
    return groups


def link_numbers(links: Iterable[Link], body_numbers: Mapping[str, int]) -> list[int]:
    """The number of each of `links`, in order: the body's for its URL, else the next free one.

    `body_numbers` maps the body's URLs to their numbers; a URL matches as written or as the
    cache stores it, so a trailing slash or a fragment does not give one link two numbers.
    """
    by_key = {cache_key(url): number for url, number in body_numbers.items()}
    following = max(body_numbers.values(), default=0)
    numbers = []
    for link in links:
        number = body_numbers.get(link.url) or by_key.get(cache_key(link.url))
        if number is None:
            following += 1
            number = following
        numbers.append(number)
    return numbers


def _prompt(link: Link, number: int | None, offline_style: VisualStyle | None = None) -> Content:
    """[n], the link's text over its host; `offline_style` adds the offline marker in that style."""
    text = Content(clip_line(link.text, TEXT_LIMIT) or clip_line(link.url, TEXT_LIMIT))
    if number is not None:
        text = Content.assemble(Content.styled(f"[{number}] ", "bold"), text)
    host = Content.styled(clip_line(link.host, HOST_LIMIT), "dim")
    if offline_style is None:
        return Content.assemble(text, "\n", host)
    marker = Content.styled(OFFLINE_MARKER, offline_style)
    return Content.assemble(text, "\n", host, "  ", marker)


class RelatedSidebar(OptionList):
    """Links the reader can follow; Enter reads the highlighted one."""

    COMPONENT_CLASSES = {"related-sidebar--offline"}
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter", "select", "Follow link"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._links: dict[str, Link] = {}  # by option id
        self._numbers: dict[str, int] = {}  # option id -> the link's number
        self._offline: set[str] = set()  # cache keys of the links readable offline
        self._marker_style: VisualStyle | None = None
        self._canonical = ""  # the canonical URL, until `number` decides whether to list it
        self._has_sources = False  # whether the "Source and credits" group is listed

    def show(
        self,
        article: Article,
        body_numbers: Mapping[str, int],
        page_urls: Iterable[str] = (),
    ) -> None:
        """List the article's links, numbered after `body_numbers` (URL -> the body's number).

        The canonical URL joins them last, unless it is one of the article's `page_urls`.
        """
        self.clear_options()
        self._links.clear()
        self._numbers.clear()
        self._offline.clear()
        self._canonical = article.canonical_url
        groups = sidebar_links(article, canonical=False)
        self._has_sources = any(heading == SOURCE_HEADING for heading, _ in groups)
        numbers = iter(link_numbers((link for _, links in groups for link in links), body_numbers))
        options: list[Option | None] = []
        for heading, links in groups:
            if options:
                options.append(None)
            options.append(Option(Content.styled(heading, "bold $accent"), disabled=True))
            options += [self._option(link, next(numbers, None)) for link in links]
        self.add_options(options)
        self.number(body_numbers, page_urls)  # adds the canonical URL, numbered after the rest
        self._finish_list()

    def _option(self, link: Link, number: int | None = None) -> Option:
        key = str(len(self._links))
        self._links[key] = link
        if number is not None:
            self._numbers[key] = number
        return Option(_prompt(link, number), id=key)

    def _finish_list(self) -> None:
        """Say so when there is no link (nor a canonical URL to come); the cursor on the first."""
        if not self.option_count and not self._canonical:
            self.add_option(Option(Content.styled("No links on this page.", "dim"), disabled=True))
        if self.highlighted is None:
            self.highlighted = next((i for i, o in enumerate(self.options) if not o.disabled), None)

    def _add_canonical(self, page_urls: Iterable[str]) -> None:
        """The canonical URL, last, if it is not the article's own address nor listed already."""
        canonical, self._canonical = self._canonical, ""
        own = {cache_key(url) for url in page_urls}
        listed = {cache_key(link.url) for link in self._links.values()}
        link = Link(canonical, CANONICAL_TEXT, "source")
        if not canonical or not link.followable or cache_key(canonical) in own | listed:
            return
        if self.option_count and not self._has_sources:
            self.add_option(None)
        if not self._has_sources:
            self.add_option(Option(Content.styled(SOURCE_HEADING, "bold $accent"), disabled=True))
        self.add_option(self._option(link))
        self._has_sources = True

    def number(self, body_numbers: Mapping[str, int], page_urls: Iterable[str] = ()) -> None:
        """Number the links: the body's number for a URL the body shows, the next free for others.

        `page_urls` are the article's own addresses: its canonical URL is left out if among them.
        """
        if self._canonical:
            self._add_canonical(page_urls)
            self._finish_list()
        numbers = dict(
            zip(self._links, link_numbers(self._links.values(), body_numbers), strict=True)
        )
        changed = [key for key, number in numbers.items() if self._numbers.get(key) != number]
        self._numbers = numbers
        for option_id in changed:  # only these: a page may list thousands of links
            self._redraw(option_id)

    @property
    def links(self) -> list[Link]:
        return list(self._links.values())

    @property
    def numbered(self) -> dict[int, Link]:
        """Each numbered link by its number."""
        return {
            self._numbers[key]: link for key, link in self._links.items() if key in self._numbers
        }

    def number_of(self, option_id: str | None) -> tuple[int | None, Link] | None:
        """The number (None before numbering) and link of the option `option_id`."""
        link = self._links.get(option_id or "")
        return None if link is None else (self._numbers.get(option_id or ""), link)

    @property
    def highlighted_link(self) -> tuple[int | None, Link] | None:
        """The number and link under the cursor, if the cursor is on a link."""
        option = self.highlighted_option
        return None if option is None else self.number_of(option.id)

    @property
    def cache_keys(self) -> list[str]:
        """The cache keys of every link shown, for asking the cache which it holds."""
        return [cache_key(link.url) for link in self._links.values()]

    @property
    def offline_links(self) -> list[Link]:
        """The links marked readable offline."""
        return [link for link in self._links.values() if cache_key(link.url) in self._offline]

    def mark_offline(self, keys: Iterable[str]) -> None:
        """Mark the links with these cache keys readable offline (they stay marked until `show`)."""
        new = set(keys) - self._offline
        if not new:
            return
        self._offline |= new
        self._offline_style()
        for option_id, link in self._links.items():
            if cache_key(link.url) in new:
                self._redraw(option_id)

    def notify_style_update(self) -> None:
        """Redraw the markers when the theme (and so the marker's colour) changes."""
        super().notify_style_update()
        if not self._offline:
            return
        before = self._marker_style
        if self._offline_style() != before:
            for option_id, link in self._links.items():
                if cache_key(link.url) in self._offline:
                    self._redraw(option_id)

    def _redraw(self, option_id: str) -> None:
        link = self._links[option_id]
        offline = cache_key(link.url) in self._offline
        style = self._marker_style if offline else None
        self.replace_option_prompt(option_id, _prompt(link, self._numbers.get(option_id), style))

    def _offline_style(self) -> VisualStyle:
        """The marker's style, from `.related-sidebar--offline` in the app's stylesheet."""
        self._marker_style = self.get_visual_style("related-sidebar--offline", partial=True)
        return self._marker_style

    @on(OptionList.OptionSelected)
    def _follow(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        link = self._links.get(event.option.id or "")
        if link is not None:
            self.post_message(FollowLink(link.url))
