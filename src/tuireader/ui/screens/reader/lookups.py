"""What the sidebar's links hold in the cache: read in thread workers, the latest ask wins.

The marks on links readable offline, and the preview of the highlighted link in the source panel,
come from SQLite reads (`Reader.cached_among`, `Reader.cached_article`). They run in exclusive
thread workers that only post messages (`CacheLookups.Marked`, `CacheLookups.Previewed`), so a
focus or cursor move never waits on the store; an answer to an older ask is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from tuireader.textsafe import clean_line
from tuireader.ui.widgets.related_sidebar import RelatedSidebar
from tuireader.ui.widgets.source_panel import LinkPreview, SourcePanel

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from tuireader.reading.reader import Reader


class CacheLookups:
    """Asks the cache about the links of one screen's sidebar; shows the latest answers."""

    class Marked(Message, bubble=False):
        """Answer `number`: which of the sidebar's cache keys the cache holds."""

        def __init__(self, number: int, keys: set[str]) -> None:
            super().__init__()
            self.number = number
            self.keys = keys

    class Previewed(Message, bubble=False):
        """Answer `number`: the preview of the link that was highlighted."""

        def __init__(self, number: int, preview: LinkPreview) -> None:
            super().__init__()
            self.number = number
            self.preview = preview

    def __init__(self, screen: Screen[None], reader: Reader) -> None:
        self._screen = screen
        self._reader = reader
        self._asked = {"marks": 0, "preview": 0}  # the number of the latest ask, by kind

    def _ask(self, kind: str, work: Callable[[], None]) -> int:
        self._asked[kind] += 1
        number = self._asked[kind]
        self._screen.run_worker(
            work,
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group=f"cache-{kind}",
        )
        return number

    def mark_offline(self) -> None:
        """Mark the sidebar's links the cache holds (they can be read offline)."""
        keys = self._screen.query_one(RelatedSidebar).cache_keys
        number = self._asked["marks"] + 1
        screen, reader = self._screen, self._reader

        def look() -> None:
            found = reader.cached_among(keys)
            if not get_current_worker().is_cancelled:
                screen.post_message(self.Marked(number, found))

        self._ask("marks", look)

    def marked(self, message: CacheLookups.Marked) -> None:
        if message.number == self._asked["marks"]:
            self._screen.query_one(RelatedSidebar).mark_offline(message.keys)

    def preview(self) -> None:
        """Preview the link under the sidebar's cursor in the source panel, from the cache."""
        highlighted = self._screen.query_one(RelatedSidebar).highlighted_link
        if highlighted is None:
            self.clear_preview()
            return
        link_number, link = highlighted
        number = self._asked["preview"] + 1
        screen, reader = self._screen, self._reader

        def look() -> None:
            article = reader.cached_article(link.url)
            if not get_current_worker().is_cancelled:
                preview = LinkPreview(link_number, clean_line(link.url), article)
                screen.post_message(self.Previewed(number, preview))

        self._ask("preview", look)

    def previewed(self, message: CacheLookups.Previewed) -> None:
        sidebar = self._screen.query_one(RelatedSidebar)
        if message.number == self._asked["preview"] and sidebar.has_focus:
            self._screen.query_one(SourcePanel).show_link(message.preview)

    def clear_preview(self) -> None:
        """The source panel shows the article's facts alone again; a preview on its way is not."""
        self._asked["preview"] += 1
        self._screen.workers.cancel_group(self._screen, "cache-preview")
        self._screen.query_one(SourcePanel).show_link(None)
