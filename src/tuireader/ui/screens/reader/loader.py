"""Loading an article for the reader screen in an exclusive thread worker.

`Reader.open` fetches, extracts and caches (or reads the cache), `Reader.open_item` opens an
article of a library view (a saved URL from the cache or fetched now, a feed entry's cached
article, its page fetched now, or the feed's own content), and
`Reader.position` says where the article was left and `Reader.highlights` what is highlighted
in it (drawn with its words); the worker only posts messages
(`Loader.Progress`, `Loader.Loaded`, `Loader.Failed`) to the screen, which decides what they show.
A newer load cancels an older one, whose late results are dropped here.
"""

from __future__ import annotations

from contextlib import suppress
from time import monotonic
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from tuireader.cache import StoreError
from tuireader.models import Highlight, Reading
from tuireader.reading.reader import ReadError, failure_text

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.cache import ViewItem
    from tuireader.reading.first_fetch import HeadStart
    from tuireader.reading.reader import Reader

PROGRESS_INTERVAL = 0.05  # seconds between progress messages from the worker


def read_highlights(reader: Reader, url: str) -> list[Highlight] | None:
    """The highlights of `url`, read with its article so they are drawn with its words (one
    indexed query); None when the store cannot say (they are read again once it is shown)."""
    try:
        return reader.highlights.of(url)
    except StoreError:
        return None


class Loader:
    """Starts loads for one screen; the latest one wins."""

    class Loaded(Message):
        """A load finished: show `reading`, as a new history step or in place of the current one."""

        def __init__(
            self,
            reading: Reading,
            replace: bool,
            position: tuple[int, str] = (0, ""),
            highlights: list[Highlight] | None = None,
        ) -> None:
            super().__init__()
            self.reading = reading
            self.replace = replace
            self.position = position  # where the reader left it last time: paragraph, words
            self.highlights = highlights  # read with it, drawn with its words (None: not read)

    class Failed(Message):
        """A load failed: `message` says why; `card`, when the page is no article to read (a 403,
        a PDF), is the Reading to show instead, which says why."""

        def __init__(
            self, url: str, message: str, card: Reading | None = None, replace: bool = False
        ) -> None:
            super().__init__()
            self.url = url
            self.message = message
            self.card = card
            self.replace = replace

    class Progress(Message):
        def __init__(self, received: int, total: int | None) -> None:
            super().__init__()
            self.received = received
            self.total = total

    def __init__(self, screen: Screen[None], reader: Reader) -> None:
        self._screen = screen
        self._reader = reader

    def start(
        self,
        url: str,
        *,
        offline: bool,
        replace: bool,
        refresh: bool,
        head_start: HeadStart | None = None,
        item: ViewItem | None = None,
    ) -> None:
        """Load `url`; `head_start`, a child process already opening it, gives its answer;
        `item`, an article of a library view, opens as Reader.open_item says."""
        self._screen.run_worker(
            lambda: self._run(url, offline, replace, refresh, head_start, item),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="load",
        )

    def _run(
        self,
        url: str,
        offline: bool,
        replace: bool,
        refresh: bool,
        head_start: HeadStart | None,
        item: ViewItem | None = None,
    ) -> None:
        """In the worker's thread: open `url` and post what came of it."""
        worker = get_current_worker()
        screen = self._screen
        last = 0.0

        def progress(received: int, total: int | None) -> None:
            nonlocal last
            now = monotonic()
            if now - last >= PROGRESS_INTERVAL or (total is not None and received >= total):
                last = now
                screen.post_message(self.Progress(received, total))

        def cancelled() -> bool:
            return worker.is_cancelled

        try:
            reading = None
            if head_start is not None:
                from tuireader.reading.first_fetch import HeadStartLost

                with suppress(HeadStartLost):  # then it is read here after all
                    reading = head_start.wait(progress, cancelled)
            if reading is None and item is not None:
                reading = self._reader.open_item(
                    item, offline=offline, progress=progress, cancelled=cancelled
                )
            if reading is None:
                reading = self._reader.open(
                    url, offline=offline, refresh=refresh, progress=progress, cancelled=cancelled
                )
        except ReadError as exc:
            message, card = str(exc), exc.card
        except Exception as exc:  # never a traceback on screen: say what broke instead
            message, card = failure_text(url, exc), None
        else:
            position = (0, "") if replace else self._reader.position(reading.url)
            highlights = read_highlights(self._reader, reading.url)
            if not worker.is_cancelled:
                screen.post_message(self.Loaded(reading, replace, position, highlights))
            return
        if not worker.is_cancelled:
            screen.post_message(self.Failed(url, message, card, replace))
