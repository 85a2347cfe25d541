"""The body pane: the cleaned article at a readable width, scrolled with the keyboard."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from tuireader.formatting import byline_line, caption_line, short_title
from tuireader.messages import FollowLink
from tuireader.models import Reading
from tuireader.textsafe import clean_line, clean_text

WELCOME = (
    "Nothing is open yet.\n\n"
    "Press o to open a URL, L for the library of cached articles, ? for every key."
)


class BodyPane(VerticalScroll, can_focus=True):
    """One Reading: title, byline and date, lead image caption, then the article's Markdown."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="article"):
            yield Static(Content(WELCOME), id="article-title")
            for line in (Static(id="article-byline"), Static(id="article-caption")):
                line.display = False  # shown only when the article has one
                yield line
            yield Markdown(id="article-body", open_links=False)

    def say(self, text: str) -> None:
        """Before any article is shown: say what is happening (opening a URL, why it failed)."""
        if not self.has_class("-showing"):
            self.query_one("#article-title", Static).update(Content(text))

    async def show(self, reading: Reading) -> None:
        """Replace what is shown with `reading`, scrolled to the top."""
        article = reading.article
        self.add_class("-showing")
        title = clean_line(short_title(article.title, article.site_name)) or reading.page.final_url
        self.query_one("#article-title", Static).update(Content(title))
        self._set_line("#article-byline", clean_line(byline_line(article)))
        self._set_line("#article-caption", clean_line(caption_line(article)))
        body = clean_text(article.markdown).strip()
        if not body:
            body = "*No article text was found on this page.*"
        await self.query_one("#article-body", Markdown).update(body)
        self.scroll_home(animate=False)

    def _set_line(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        widget.update(Content(text))
        widget.display = bool(text)

    @on(Markdown.LinkClicked)
    def _follow(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.post_message(FollowLink(event.href))
