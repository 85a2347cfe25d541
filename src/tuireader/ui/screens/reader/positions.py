"""Saving how far each article was read: on leaving it, at quit, and every few seconds of scrolling.

Saves run on the UI thread, through `Reader.remember_position`, which never waits for another
writer (the store's `wait=False`: at most its quick timeout for another program). They stay off
the workers on purpose: the save at quit must be in the store before the process ends, and a
save from a worker could land after a newer one. A read-only, full or busy cache must not stop
the reading: the first failure is said once, and a scrolled position is tried again later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tuireader.cache import StoreError
from tuireader.textsafe import clean_line
from tuireader.ui.widgets.body_pane import BodyPane

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from tuireader.reading.history import HistoryEntry
    from tuireader.reading.reader import Reader

ANCHOR_WORDS = 80  # characters of the top paragraph kept to find it again after re-extraction
PROGRESS_SAVE_INTERVAL = 2.0  # seconds between saves of how far the article was read


class PositionSaver:
    """Keeps the reading position of the screen's current article, in its history and the store."""

    def __init__(self, screen: Screen[None], reader: Reader) -> None:
        self._screen = screen
        self._reader = reader
        self._unsaved_scroll = False
        self._unsaved_said = ""  # why the reading position could not be saved, once said
        self._current: Callable[[], HistoryEntry | None] = lambda: None

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
        if entry is None:
            return
        body = self._body
        entry.block = body.top_block()
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
            anchor_text=body.current_paragraph()[:ANCHOR_WORDS],
        )

    def save(
        self,
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
    ) -> None:
        """Save where `url` is read (only "read now" without the rest); say a failure once."""
        try:
            self._reader.remember_position(
                url, progress=progress, anchor=anchor, anchor_text=anchor_text
            )
        except StoreError as exc:
            if progress is not None:
                self._unsaved_scroll = True
            if not self._unsaved_said:
                self._unsaved_said = str(exc)
                self._screen.notify(
                    clean_line(str(exc)),
                    title="Reading position not saved",
                    severity="warning",
                    markup=False,
                )
        else:
            self._unsaved_said = ""

    def _scrolled(self) -> None:
        self._unsaved_scroll = True

    def _save_progress(self) -> None:
        """Every few seconds, if the article was scrolled: a crash loses little progress."""
        if self._unsaved_scroll:
            self._unsaved_scroll = False
            self.remember(self._current())
