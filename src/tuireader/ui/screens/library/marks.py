"""Read marks from the library: `m` on an article, `M` on a whole feed, written in workers.

`m` on a saved URL archives it or puts it back in Unread (read and archived are one fact), on a
feed entry marks it read or unread. Each worker marks through `Reader.views` or `Reader.feeds`,
reads the counts again where the views need them, and posts what came of it (`EntryMarked`,
`FeedMarked`); the screen updates the rows and the views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tuireader.cache import StoreError
from tuireader.textsafe import clean_line
from tuireader.ui.screens.library.messages import EntryMarked, FeedMarked

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.cache import ViewItem
    from tuireader.reading.reader import Reader


class Marks:
    """Marks entries and feeds read for one library screen."""

    def __init__(self, screen: Screen[Any], reader: Reader) -> None:
        self._screen = screen
        self._reader = reader

    def toggle(self, item: ViewItem) -> None:
        """`item` read if it is unread, else unread: a saved URL archived or back in Unread (read
        and archived are one fact), a feed entry marked."""
        read = item.unread
        screen, views, feeds = self._screen, self._reader.views, self._reader.feeds
        entry = item.entry

        def mark() -> None:
            try:
                if item.saved:
                    views.set_archived(item.url, read)
                elif entry is not None:
                    feeds.mark(entry, read)
            except StoreError as exc:
                screen.post_message(EntryMarked(item.key, not read, None, clean_line(str(exc))))
                return
            try:
                overview = views.overview()
            except StoreError:
                overview = None  # marked; the counts are read again with the next rows
            screen.post_message(EntryMarked(item.key, read, overview))

        screen.run_worker(mark, thread=True, exit_on_error=False, group="library-marks")

    def mark_feed(self, feed_id: int, name: str, unread: int) -> None:
        """Every entry of the feed read, once the person says yes."""
        from tuireader.ui.dialogs.confirm import ConfirmDialog

        if not unread:
            self._screen.notify(f"Nothing unread in {name}.", timeout=3, markup=False)
            return
        screen, feeds = self._screen, self._reader.feeds
        noun = "unread article" if unread == 1 else f"{unread:,} unread articles"

        def mark() -> None:
            try:
                screen.post_message(FeedMarked(name, feeds.mark_feed(feed_id)))
            except StoreError as exc:
                screen.post_message(FeedMarked(name, 0, clean_line(str(exc))))

        def answered(yes: bool | None) -> None:
            if yes:
                screen.run_worker(mark, thread=True, exit_on_error=False, group="library-marks")

        screen.app.push_screen(ConfirmDialog(f"Mark the {noun} of “{name}” read?"), answered)
