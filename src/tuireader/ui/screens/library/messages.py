"""What the library's workers post back: each answer numbered or checked by the screen."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from tuireader.cache import ViewItem
from tuireader.models import LibraryEntry, SearchHit
from tuireader.reading.views import LibraryOverview
from tuireader.ui.widgets.feed_views import ALL


class SearchDone(Message, bubble=False):
    """A search worker finished: the hits for search number `number` (or why there are none)."""

    def __init__(self, number: int, hits: list[SearchHit], problem: str = "") -> None:
        super().__init__()
        self.number = number
        self.hits = hits
        self.problem = problem


class RowsListed(Message, bubble=False):
    """A listing worker finished: rows from `offset` for query number `number`, and the count.

    `view` is what the rows are of (ALL: cached articles; else a view's articles); the first
    window also brings the views' `overview` (None: not read, as for the next windows).
    """

    def __init__(
        self,
        number: int,
        offset: int,
        entries: Sequence[LibraryEntry | ViewItem],
        total: int,
        problem: str = "",
        *,
        view: str = ALL,
        overview: LibraryOverview | None = None,
    ) -> None:
        super().__init__()
        self.number = number
        self.offset = offset
        self.entries = entries
        self.total = total
        self.problem = problem
        self.view = view
        self.overview = overview


class Forgotten(Message, bubble=False):
    """A delete worker finished: whether the article at row `row` was removed (or why not)."""

    def __init__(self, row: int, title: str, removed: bool, problem: str = "") -> None:
        super().__init__()
        self.row = row
        self.title = title
        self.removed = removed
        self.problem = problem


class EntryMarked(Message, bubble=False):
    """The article of row `key` is now `read` (or `problem` says why not), with the counts
    after: a feed entry marked, or a saved URL archived or put back in Unread."""

    def __init__(
        self, key: str, read: bool, overview: LibraryOverview | None, problem: str = ""
    ) -> None:
        super().__init__()
        self.key = key
        self.read = read
        self.overview = overview
        self.problem = problem


class FeedMarked(Message, bubble=False):
    """Every entry of the feed `name` is read: `count` were unread (or `problem` says why not)."""

    def __init__(self, name: str, count: int, problem: str = "") -> None:
        super().__init__()
        self.name = name
        self.count = count
        self.problem = problem
