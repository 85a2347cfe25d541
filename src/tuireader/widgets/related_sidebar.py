"""The related-links sidebar: the page's related articles first, then the links in the body.

A link whose page the cache holds is marked as readable offline; the screen says which ones
(`mark_offline`), since the cache is the screen's to ask.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.style import Style as VisualStyle
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tuireader.messages import FollowLink
from tuireader.models import Article, Link
from tuireader.textsafe import clean_line
from tuireader.urls import BadURL, normalize_url

OFFLINE_MARKER = "● offline"


def sidebar_links(article: Article) -> list[tuple[str, list[Link]]]:
    """The groups to show, each de-duplicated by URL across the whole sidebar, noise removed."""
    seen: set[str] = set()
    groups: list[tuple[str, list[Link]]] = []
    for heading, links in (
        ("Related articles", article.related_links),
        ("Links in the article", article.body_links),
    ):
        kept = []
        for link in links:
            if link.followable and link.url not in seen:
                seen.add(link.url)
                kept.append(link)
        if kept:
            groups.append((heading, kept))
    return groups


def cache_key(url: str) -> str:
    """The URL as the cache stores it, so a link can be matched with its cached page."""
    try:
        return normalize_url(url)
    except BadURL:
        return url


def _prompt(link: Link, offline_style: VisualStyle | None = None) -> Content:
    """The link's text over its host; `offline_style` adds the offline marker in that style."""
    text = clean_line(link.text) or link.url
    host = Content.styled(link.host, "dim")
    if offline_style is None:
        return Content.assemble(Content(text), "\n", host)
    marker = Content.styled(OFFLINE_MARKER, offline_style)
    return Content.assemble(Content(text), "\n", host, "  ", marker)


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
        self._links: dict[str, Link] = {}
        self._offline: set[str] = set()  # cache keys of the links readable offline
        self._marker_style: VisualStyle | None = None

    def show(self, article: Article) -> None:
        self.clear_options()
        self._links.clear()
        self._offline.clear()
        options: list[Option | None] = []
        for heading, links in sidebar_links(article):
            if options:
                options.append(None)
            options.append(Option(Content.styled(heading, "bold $accent"), disabled=True))
            for link in links:
                key = str(len(self._links))
                self._links[key] = link
                options.append(Option(_prompt(link), id=key))
        if not options:
            options.append(Option(Content.styled("No links on this page.", "dim"), disabled=True))
        self.add_options(options)
        first = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        self.highlighted = first

    @property
    def links(self) -> list[Link]:
        return list(self._links.values())

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
        style = self._offline_style()
        for option_id, link in self._links.items():
            if cache_key(link.url) in new:
                self.replace_option_prompt(option_id, _prompt(link, style))

    def notify_style_update(self) -> None:
        """Redraw the markers when the theme (and so the marker's colour) changes."""
        super().notify_style_update()
        if not self._offline:
            return
        before = self._marker_style
        style = self._offline_style()
        if style != before:
            for option_id, link in self._links.items():
                if cache_key(link.url) in self._offline:
                    self.replace_option_prompt(option_id, _prompt(link, style))

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
