"""The library's views: Unread first; Starred and Archive; All articles; each tag; each feed.

A list drawn like the article list beside it (it is one, with two columns: the view and its
count). Starred, Archive and the tags are listed once the reading list holds anything (a URL
saved or tagged); the feeds follow, each with its unread count. Moving the cursor posts
`Chosen` with the view under it; Enter posts `Entered`, to go to its articles. The screen decides
what both do; this widget only shows the views it is given.
"""

from __future__ import annotations

from textual.message import Message

from tuireader.cache.views import (
    ARCHIVED,
    FEED_PREFIX,
    STARRED,
    TAG_PREFIX,
    UNREAD,
    feed_of,
    tag_of,
)
from tuireader.reading.views import LibraryOverview
from tuireader.textsafe import clean_line
from tuireader.ui.widgets.article_list import ArticleList, Cell, Column, Row

ALL = "all"
COUNT_WIDTH = 6  # "12,345"

__all__ = [
    "ALL",
    "ARCHIVED",
    "STARRED",
    "UNREAD",
    "FeedViews",
    "feed_of",
    "feed_view",
    "tag_of",
    "tag_view",
]


def feed_view(feed_id: int) -> str:
    return f"{FEED_PREFIX}{feed_id}"


def tag_view(tag: str) -> str:
    return f"{TAG_PREFIX}{tag}"


class FeedViews(ArticleList):
    """Unread (N), Starred, Archive, All articles, every tag and every feed with its count."""

    class Highlighted(Message):
        """The list's own: the article list's handlers never see a move in this one."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Chosen(Message):
        """The cursor moved to `view` (UNREAD, ALL, STARRED, ARCHIVED, a tag or feed view)."""

        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    class Entered(Message):
        """Enter on `view`: the person wants its articles."""

        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.overview = LibraryOverview((), 0)
        self._pending_view = ""  # the view to point at once the list has a size

    @property
    def view(self) -> str:
        """The view under the cursor."""
        return self.rows[self.cursor].key if self.rows else UNREAD

    def show(self, overview: LibraryOverview, view: str) -> None:
        """The views of `overview`, the cursor on `view`, where the list shows it."""
        self.overview = overview
        if not self.size.width:  # not laid out yet: drawn once it is (on_resize)
            self._pending_view = view
            return
        width = self.size.width - 2  # the scrollbar
        name_width = max(8, width - COUNT_WIDTH - 4)
        columns = [Column("Views", name_width), Column("", COUNT_WIDTH, right=True)]
        top = int(self.scroll_offset.y)
        if self.columns != columns:
            self.set_columns(columns)
        else:
            self.clear()
        counts = overview.list
        rows = [self._row(UNREAD, f"Unread ({overview.unread:,})")]
        if overview.has_list:
            rows += [
                self._row(STARRED, "Starred", counts.starred),
                self._row(ARCHIVED, "Archive", counts.archived),
            ]
        rows.append(self._row(ALL, "All articles"))
        if overview.has_list:
            rows += [
                self._row(tag_view(tag), f"#{clean_line(tag)}", count) for tag, count in counts.tags
            ]
        rows += [
            self._row(feed_view(f.id), clean_line(f.name), f.unread, unread=True)
            for f in overview.feeds
        ]
        self.add_rows(rows)
        self.scroll_to(y=top, animate=False)
        self.point_at(view)

    def point_at(self, view: str) -> None:
        """Put the cursor on `view` without choosing it."""
        for index, row in enumerate(self.rows):
            if row.key == view:
                self.cursor = index
                self._show_lines(index, 1)
                self.refresh()
                return

    @staticmethod
    def _row(view: str, name: str, count: int = 0, *, unread: bool = False) -> Row:
        """A view, and its count: a feed's unread (bold), how many articles others hold."""
        style = "article-list--strong" if unread else "article-list--muted"
        shown: Cell = [(f"{count:,}", style)] if count else []
        return Row(view, [[[(name, "")], shown]])

    def on_resize(self) -> None:
        if self.rows or self._pending_view:
            self.show(self.overview, self.view if self.rows else self._pending_view)
            self._pending_view = ""

    def move_cursor(self, row: int) -> None:
        before = self.cursor
        super().move_cursor(row)
        if self.rows and self.cursor != before:
            self.post_message(self.Chosen(self.view))

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Entered(self.view))
