"""Saving how far each article was read: on leaving it, at quit, and every few seconds of scrolling.

Saves go to the Reader's position writer (reading/position_writer.py), which writes them on a
thread of its own in order, the newest of each article winning, and writes what is queued before
the store closes at quit: the UI never waits for SQLite. Each outcome comes back as a `Saved`
message. A read-only, full or busy cache must not stop the reading: the first failure is said
once, and a scrolled position is tried again later.

Positions are kept for the newest copy of an article only: an earlier copy opened from the
versions list keeps its place in the history, never in the store. While the body shows something
other than the article (a comparison of two copies: `held`), nothing is kept: the place it had
before stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from tuireader.textsafe import clean_line
from tuireader.ui.widgets.body_pane import BodyPane

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from tuireader.models import Reading
    from tuireader.reading.history import HistoryEntry
    from tuireader.reading.reader import Reader

ANCHOR_WORDS = 80  # characters of the top paragraph kept to find it again after re-extraction
PROGRESS_SAVE_INTERVAL = 2.0  # seconds between saves of how far the article was read


class PositionSaver:
    """Keeps the reading position of the screen's current article, in its history and the store."""

    class Saved(Message, bubble=False):
        """The position writer wrote a save (`problem` empty) or could not (`problem` says why)."""

        def __init__(self, problem: str, had_progress: bool) -> None:
            super().__init__()
            self.problem = problem
            self.had_progress = had_progress

    def __init__(self, screen: Screen[None], reader: Reader) -> None:
        self._screen = screen
        self._reader = reader
        self._unsaved_scroll = False
        self._unsaved_said = ""  # why the reading position could not be saved, once said
        self._current: Callable[[], HistoryEntry | None] = lambda: None
        self.held: Callable[[], bool] = lambda: False  # the body shows no article's place now
        reader.positions.report = self._report

    def _report(self, url: str, problem: str, had_progress: bool) -> None:
        """On the writer's thread: hand the outcome to the screen (posting is thread-safe)."""
        self._screen.post_message(self.Saved(problem, had_progress))

    def start(self, current: Callable[[], HistoryEntry | None]) -> None:
        """Save the position of `current()` every few seconds, if its article was scrolled."""
        self._current = current
        self._screen.watch(self._body, "scroll_y", self._scrolled, init=False)
        self._screen.set_interval(PROGRESS_SAVE_INTERVAL, self._save_progress)

    @property
    def _body(self) -> BodyPane:
        return self._screen.query_one(BodyPane)

    def remember(self, entry: HistoryEntry | None) -> None:
        """Keep where the reader is in `entry` (shown now): for history, and in the store."""
        if entry is None or self.held():
            return
        body = self._body
        entry.block = body.top_block()
        entry.anchor_text = body.current_paragraph()[:ANCHOR_WORDS]
        if entry.reading.version:
            return  # an earlier copy: its place is kept in the history only
        bottom = body.max_scroll_y
        progress = (
            1.0
            if bottom <= 0
            else min(1.0, (body.scroll_y + body.size.height) / (bottom + body.size.height))
        )
        self.save(
            entry.reading.url,
            progress=progress,
            anchor=entry.block,
            anchor_text=entry.anchor_text,
        )

    def opened(self, reading: Reading) -> None:
        """`reading` is on screen: its article was read now (an earlier copy's is not)."""
        if not reading.version:
            self.save(reading.url)

    def save(
        self,
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
    ) -> None:
        """Save where `url` is read (only "read now" without the rest), off the UI thread."""
        self._reader.positions.save(url, progress=progress, anchor=anchor, anchor_text=anchor_text)

    def saved(self, message: Saved) -> None:
        """Say the first failure once (a scrolled position is tried again); a success resets."""
        if not message.problem:
            self._unsaved_said = ""
            return
        if message.had_progress:
            self._unsaved_scroll = True
        if not self._unsaved_said:
            self._unsaved_said = message.problem
            self._screen.notify(
                clean_line(message.problem),
                title="Reading position not saved",
                severity="warning",
                markup=False,
            )

    def _scrolled(self) -> None:
        self._unsaved_scroll = True

    def _save_progress(self) -> None:
        """Every few seconds, if the article was scrolled: a crash loses little progress."""
        if self._unsaved_scroll:
            self._unsaved_scroll = False
            self.remember(self._current())
