"""The body pane: the article view the reader screen shows, with the welcome text before any."""

from __future__ import annotations

from tuireader.ui.layout.wrap import MAX_WIDTH
from tuireader.ui.widgets.article_view import ArticleView

WELCOME = (
    "Nothing is open yet.\n\n"
    "Press o to open a URL, L for the library of cached articles, ? for every key."
)


class BodyPane(ArticleView):
    """The reader's article pane (id "body"); the screen uses ArticleView's API on it."""

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, max_width: int = MAX_WIDTH
    ) -> None:
        super().__init__(id=id, classes=classes, max_width=max_width)
        self.say(WELCOME)
