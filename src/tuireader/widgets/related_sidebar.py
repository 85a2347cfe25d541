"""The related-links sidebar: the page's related articles first, then the links in the body."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tuireader.messages import FollowLink
from tuireader.models import Article, Link
from tuireader.textsafe import clean_line


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


def _prompt(link: Link) -> Content:
    text = clean_line(link.text) or link.url
    return Content.assemble(Content(text), "\n", Content.styled(link.host, "dim"))


class RelatedSidebar(OptionList):
    """Links the reader can follow; Enter reads the highlighted one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter", "select", "Follow link"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._links: dict[str, Link] = {}

    def show(self, article: Article) -> None:
        self.clear_options()
        self._links.clear()
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

    @on(OptionList.OptionSelected)
    def _follow(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        link = self._links.get(event.option.id or "")
        if link is not None:
            self.post_message(FollowLink(link.url))
