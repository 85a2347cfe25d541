"""The library's views of its feeds: Unread first, All articles, then each feed with its unread.

A list drawn like the article list beside it (it is one, with two columns). Moving the cursor
posts `Chosen` with the view under it; Enter posts `Entered`, to go to the entries. The screen
decides what both do; this widget only shows the views it is given.
"""

from __future__ import annotations

from textual.message import Message

from tuireader.reading.subscriptions import Overview
from tuireader.textsafe import clean_line
from tuireader.ui.widgets.article_list import ArticleList, Cell, Column, Row

UNREAD = "unread"
ALL = "all"
COUNT_WIDTH = 6  # "12,345"


def feed_view(feed_id: int) -> str:
    return f"feed:{feed_id}"


def feed_of(view: str | None) -> int | None:
    """The feed a view shows alone, None for Unread and All articles."""
    if view is None or not view.startswith("feed:"):
        return None
    return int(view[len("feed:") :])


class FeedViews(ArticleList):
    """Unread (N), All articles, and every feed with its unread count."""

    class Highlighted(Message):
        """The list's own: the article list's handlers never see a move in this one."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Chosen(Message):
        """The cursor moved to `view` (UNREAD, ALL or a feed_view)."""

        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    class Entered(Message):
        """Enter on `view`: the person wants its entries."""

        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.overview = Overview((), 0)
        self._pending_view = ""  # the view to point at once the list has a size

    @property
    def view(self) -> str:
        """The view under the cursor."""
        return self.rows[self.cursor].key if self.rows else UNREAD

    def names(self) -> dict[str, str]:
        """Each view's name as the list shows it, by view."""
        names = {UNREAD: "Unread", ALL: "All articles"}
        names.update({feed_view(f.id): clean_line(f.name) for f in self.overview.feeds})
        return names

    def show(self, overview: Overview, view: str) -> None:
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
        self.add_rows(
            [
                self._row(UNREAD, f"Unread ({overview.unread:,})", 0),
                self._row(ALL, "All articles", 0),
                *(self._row(feed_view(f.id), clean_line(f.name), f.unread) for f in overview.feeds),
            ]
        )
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
    def _row(view: str, name: str, unread: int) -> Row:
        count: Cell = [(f"{unread:,}", "article-list--strong")] if unread else []
        return Row(view, [[[(name, "")], count]])

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
