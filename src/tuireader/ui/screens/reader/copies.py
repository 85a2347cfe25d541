"""`V`: the copies of the article the cache keeps, listed; the one chosen opens offline.

The list is read in a thread worker that only posts `Listed`; an earlier copy is opened with
`Reader.versions.open` in a worker of the screen's "load" group (a newer load cancels it, as any
load) and comes back as `Loader.Loaded`, a new step in the history, so Back returns. The newest
is opened from the cache as any cached article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from tuireader.reading.reader import ReadError, failure_text
from tuireader.textsafe import clean_line
from tuireader.ui.screens.reader.comparison import COPY_GONE, NO_EARLIER_COPY, has_copies
from tuireader.ui.screens.reader.loader import Loader

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.models import Reading, Version
    from tuireader.reading.history import HistoryEntry
    from tuireader.reading.reader import Reader
    from tuireader.ui.screens.reader.navigator import Navigator
    from tuireader.ui.screens.versions import Copy


class Copies:
    """The versions list of one reader screen."""

    class Listed(Message):
        """The copies of `entry`'s article: the kept ones, and the newest as the cache has it."""

        def __init__(self, entry: HistoryEntry, versions: list[Version], newest: Reading) -> None:
            super().__init__()
            self.entry = entry
            self.versions = versions
            self.newest = newest

    class Failed(Message):
        """The copies could not be listed or opened: `message` says why, in one line."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, screen: Screen[None], reader: Reader, navigator: Navigator) -> None:
        self._screen = screen
        self._reader = reader
        self._navigator = navigator

    def list(self) -> None:
        """V: read the copies in a worker; `listed` shows them."""
        entry = self._navigator.current
        reading = None if entry is None else entry.reading
        if entry is None or reading is None or not has_copies(reading):
            self._screen.notify(NO_EARLIER_COPY, timeout=4, markup=False)
            return
        screen, reader = self._screen, self._reader

        def run() -> None:
            worker = get_current_worker()
            try:
                versions = reader.versions.of(reading.url)
                newest = reader.cached(reading.url) if reading.version else reading
            except ReadError as exc:
                message = str(exc)
            except Exception as exc:  # never a traceback: say what broke instead
                message = failure_text("the copies", exc)
            else:
                if not worker.is_cancelled:
                    screen.post_message(self.Listed(entry, versions, newest))
                return
            if not worker.is_cancelled:
                screen.post_message(self.Failed(message))

        screen.run_worker(run, thread=True, exclusive=True, exit_on_error=False, group="copies")

    def listed(self, message: Listed) -> None:
        """The list over the reader, unless another article is on screen by now."""
        from tuireader.ui.screens.versions import VersionsScreen, copies

        entry = message.entry
        if self._navigator.current is not entry:
            return
        newest = message.newest
        rows = copies(message.versions, newest.page.fetched_at, newest.article.word_count)
        shown = entry.reading.version or rows[0].number

        def chosen(index: int | None) -> None:
            if index is not None and rows[index].number != shown:
                self._open(entry, rows[index])

        self._screen.app.push_screen(VersionsScreen(rows, shown), chosen)

    def failed(self, message: Failed) -> None:
        self._screen.notify(clean_line(message.message), severity="error", markup=False)

    def _open(self, entry: HistoryEntry, row: Copy) -> None:
        """The copy chosen, as a new step in the history, at the paragraph read in this one
        where that copy has it."""
        url = entry.reading.url
        if row.newest:
            self._navigator.load(url, offline=True)
            return
        self._navigator.remember_position()
        position = (entry.block, entry.anchor_text)
        screen, reader, number = self._screen, self._reader, row.number

        def run() -> None:
            worker = get_current_worker()
            try:
                reading = reader.versions.open(url, number)
                message = "" if reading is not None else COPY_GONE.format(number=number)
            except Exception as exc:  # a StoreError, or worse: one line, never a traceback
                reading, message = None, failure_text(f"version {number}", exc)
            if worker.is_cancelled:
                return
            if reading is not None:
                screen.post_message(Loader.Loaded(reading, False, position))
            else:
                screen.post_message(self.Failed(message))

        screen.run_worker(run, thread=True, exclusive=True, exit_on_error=False, group="load")
