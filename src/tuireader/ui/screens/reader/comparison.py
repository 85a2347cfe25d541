"""`D`: the body shows what changed between an earlier copy of the article and the newest.

The newest copy shown is compared with the copy before it (`Reading.previous`); an earlier copy
shown (from the versions list) with the newest. The copies are read and compared in a thread
worker (group "compare", the latest wins) that only posts messages; the comparison replaces the
body's document until `D` again or Escape puts the article back at the paragraph that was read.
While it shows, the reading position stays as it was (`PositionSaver.held`), and anything else
the body is made to show (a load, back) ends it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from tuireader.formatting import human_date, short_title
from tuireader.keymap import BINDING_KEYS, key_names
from tuireader.reading.reader import failure_text
from tuireader.textsafe import clean_line
from tuireader.ui.widgets.body_pane import BodyPane

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.body.model import Document
    from tuireader.models import Article, Reading
    from tuireader.reading.history import HistoryEntry
    from tuireader.reading.reader import Reader
    from tuireader.ui.screens.reader.navigator import Navigator

NO_EARLIER_COPY = "This article has no earlier copy"
HEADING = "Changes from version {number} (fetched {fetched}) to the newest"
LEGEND = "Removed words are struck through, added words underlined. {key} or Esc: the article."
NEWEST_GONE = "The newest copy of this article is no longer in the cache"
COPY_GONE = "Version {number} of this article is no longer in the cache"


def first_keys(keymap: tuple[tuple[str, str], ...], ids: tuple[str, ...]) -> dict[str, str]:
    """The key named for each binding id: the first of its keys in the settings' keymap."""
    chosen = {**BINDING_KEYS, **dict(keymap)}
    return {binding_id: key_names(chosen[binding_id])[0] for binding_id in ids}


def has_copies(reading: Reading | None) -> bool:
    """Whether the cache keeps another copy of `reading`'s article to compare it with."""
    return reading is not None and (reading.version != 0 or reading.previous is not None)


class Comparison:
    """The comparison in one reader screen's body."""

    class Made(Message):
        """The comparison of `entry`'s copy with the other, as a Document to show."""

        def __init__(self, entry: HistoryEntry, document: Document) -> None:
            super().__init__()
            self.entry = entry
            self.document = document

    class Failed(Message):
        """The copies could not be read or compared: `message` says why, in one line."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, screen: Screen[None], reader: Reader, navigator: Navigator) -> None:
        self._screen = screen
        self._reader = reader
        self._navigator = navigator
        self._document: Document | None = None  # the comparison the body shows, if it still does
        self._entry: HistoryEntry | None = None
        self.key = first_keys(reader.settings.keymap, ("reader.compare",))["reader.compare"]

    @property
    def _body(self) -> BodyPane:
        return self._screen.query_one(BodyPane)

    @property
    def active(self) -> bool:
        """Whether the body shows the comparison (a load or back has not replaced it)."""
        return self._document is not None and self._body.document is self._document

    async def toggle(self) -> None:
        """D: compare, or back to the article."""
        if self.active:
            await self.close()
        else:
            self.start()

    def start(self) -> None:
        entry = self._navigator.current
        reading = None if entry is None else entry.reading
        if entry is None or reading is None or not has_copies(reading):
            self._screen.notify(NO_EARLIER_COPY, timeout=4, markup=False)
            return
        self._navigator.remember_position()  # the place the article opens at again
        legend = LEGEND.format(key=clean_line(self.key))
        screen, reader = self._screen, self._reader

        def run() -> None:
            worker = get_current_worker()
            try:
                document = _compare(reader, reading, legend)
            except _Gone as exc:
                message = str(exc)
            except Exception as exc:  # never a traceback: say what broke instead
                message = failure_text("the copies", exc)
            else:
                if not worker.is_cancelled:
                    screen.post_message(self.Made(entry, document))
                return
            if not worker.is_cancelled:
                screen.post_message(self.Failed(message))

        screen.run_worker(run, thread=True, exclusive=True, exit_on_error=False, group="compare")

    def made(self, message: Made) -> None:
        """Show the comparison, unless another article is on screen by now."""
        if self._navigator.current is not message.entry:
            return
        self._entry, self._document = message.entry, message.document
        self._body.show_document(message.document)

    def failed(self, message: Failed) -> None:
        self._screen.notify(clean_line(message.message), severity="error", markup=False)

    async def close(self) -> None:
        """The article again, at the paragraph that was read when the comparison began."""
        entry, self._entry, self._document = self._entry, None, None
        if entry is None or self._navigator.current is not entry:
            return
        body = self._body
        await body.show(entry.reading)
        body.scroll_to_block(entry.block)


class _Gone(Exception):
    """A copy to compare is no longer in the cache."""


def _compare(reader: Reader, reading: Reading, legend: str) -> Document:
    """In the worker: the two copies read and compared (difflib is imported only now)."""
    from tuireader.body import paragraph_texts
    from tuireader.ui.layout.compare import comparison_document

    old: Article | None
    if reading.version:  # an earlier copy shown: it against the newest
        number, fetched = reading.version, reading.page.fetched_at
        old, new = reading.article, reader.cached_article(reading.url)
        if new is None:
            raise _Gone(NEWEST_GONE)
    else:
        previous = reading.previous
        assert previous is not None
        number, fetched = previous.number, previous.fetched_at
        kept = reader.versions.open(reading.url, number)
        old, new = (None if kept is None else kept.article), reading.article
        if old is None:
            raise _Gone(COPY_GONE.format(number=number))
    title = clean_line(short_title(new.title, new.site_name)) or clean_line(reading.url)
    heading = HEADING.format(number=number, fetched=human_date(fetched))
    return comparison_document(
        paragraph_texts(old), paragraph_texts(new), title=title, heading=heading, legend=legend
    )
