"""`m` in the reader: the open article's feed entry marked read or unread, in workers.

Which entry an article is (if any), and whether it is on the reading list, is looked up once it
is shown, so that `m` is offered only on feed entries and saved articles (on a saved one, `m`
archives it or puts it back in Unread: the screen hands that to `ListMarks`); the mark itself
reads the entry again (reading to the end may have marked it since) and writes. Both run in
thread workers that only post messages; the latest lookup wins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from tuireader.cache import StoreError
from tuireader.textsafe import clean_line

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.cache import ListItem, StoredEntry
    from tuireader.models import Reading
    from tuireader.reading.reader import Reader


class FeedMarks:
    """The feed entry of the article on one screen, and `m` on it."""

    class Found(Message, bubble=False):
        """Lookup `number`: the feed entry of the article at `url`, or None; whether it is
        `saved` on the reading list."""

        def __init__(
            self, number: int, url: str, entry: StoredEntry | None, saved: bool = False
        ) -> None:
            super().__init__()
            self.number = number
            self.url = url
            self.entry = entry
            self.saved = saved

    class Toggled(Message, bubble=False):
        """The entry of the article at `url` is now `read` (or `problem` says why not)."""

        def __init__(self, url: str, read: bool, problem: str = "") -> None:
            super().__init__()
            self.url = url
            self.read = read
            self.problem = problem

    def __init__(self, screen: Screen[None], reader: Reader) -> None:
        self._screen = screen
        self._reader = reader
        self._asked = 0
        self.url = ""  # the article the entry below belongs to
        self.entry: StoredEntry | None = None  # its feed entry, if it is one
        self.saved = False  # it is on the reading list

    def look_up(self, reading: Reading) -> None:
        """Find the feed entry of `reading`, which is now on screen."""
        self._asked += 1
        number, screen, feeds = self._asked, self._screen, self._reader.feeds
        views = self._reader.views
        self.url, self.entry, self.saved = reading.url, None, False
        screen.refresh_bindings()

        def look() -> None:
            try:
                entry = feeds.entry_of(reading)
                saved = views.saved(reading.url) is not None
            except StoreError:
                entry, saved = None, False  # then m is not offered: nothing is lost
            if not get_current_worker().is_cancelled:
                screen.post_message(self.Found(number, reading.url, entry, saved))

        screen.run_worker(
            look, thread=True, exclusive=True, exit_on_error=False, group="feed-entry"
        )

    def found(self, message: Found) -> None:
        if message.number == self._asked:
            self.entry, self.saved = message.entry, message.saved
            self._screen.refresh_bindings()

    def list_changed(self, url: str, saved: ListItem | None) -> None:
        """The reading list changed the article at `url`: saved now, archived or not."""
        if url != self.url or saved is None:
            return
        self.saved = True
        if self.entry is not None:  # read and archived are one fact
            self.entry = self.entry._replace(read=saved.state == "archived")
        self._screen.refresh_bindings()

    def toggle(self, reading: Reading) -> None:
        """The open article's entry read if it is unread, else unread."""
        screen, feeds = self._screen, self._reader.feeds

        def mark() -> None:
            try:
                entry = feeds.entry_of(reading)
                if entry is None:
                    raise StoreError("this article is no longer a feed entry")
                feeds.mark(entry, not entry.read)
            except StoreError as exc:
                screen.post_message(self.Toggled(reading.url, False, clean_line(str(exc))))
            else:
                screen.post_message(self.Toggled(reading.url, not entry.read))

        screen.run_worker(mark, thread=True, exit_on_error=False, group="feed-mark")

    def toggled(self, message: Toggled) -> None:
        if message.problem:
            self._screen.notify(message.problem, severity="error", markup=False)
            return
        if message.url == self.url and self.entry is not None:
            self.entry = self.entry._replace(read=message.read)
        text = "Marked read." if message.read else "Marked unread: it stays so as you read on."
        self._screen.notify(text, timeout=3, markup=False)
