"""Reading positions written on a thread of their own, the newest of each article winning.

The UI must never wait for SQLite, and the position kept at quit must still land. So a save is
queued here and returns at once; one thread writes the queue in order. A save of an article
still queued merges into it (what the newer one says wins, what it leaves out is kept), and
`close` writes everything queued before the store closes. Each write says how it went through
`report`, on the writer's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from tuireader.cache import StoreError

CLOSE_WAIT = 5.0  # seconds `close` waits for the queue: each write waits for no other writer

Fields = tuple[float | None, int | None, str | None]  # progress, anchor, anchor text: None keeps
Report = Callable[[str, str, bool], None]  # url, why it failed ("" when saved), had a progress


class Write(Protocol):
    def __call__(
        self,
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
    ) -> None: ...


class PositionWriter:
    def __init__(self, write: Write) -> None:
        self._write = write
        self._queue: dict[str, Fields] = {}
        self._writing = False
        self._closed = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self.report: Report = lambda url, problem, had_progress: None

    def save(
        self,
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
    ) -> None:
        """Queue a save of where `url` is read (None: as it was); after `close`, write it now."""
        fields: Fields = (progress, anchor, anchor_text)
        with self._changed:
            if not self._closed:
                was = self._queue.pop(url, (None, None, None))  # and goes to the back
                self._queue[url] = (
                    was[0] if progress is None else progress,
                    was[1] if anchor is None else anchor,
                    was[2] if anchor_text is None else anchor_text,
                )
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name="tuireader-positions", daemon=True
                    )
                    self._thread.start()
                self._changed.notify_all()
                return
        self._write_one(url, fields)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued save is written; False if `timeout` passed first."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._queue and not self._writing, timeout)

    def close(self) -> None:
        """Write what is queued (waiting CLOSE_WAIT at most), then write each save as it comes."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(CLOSE_WAIT)

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: bool(self._queue) or self._closed)
                if not self._queue:
                    return  # closed, and everything written
                url = next(iter(self._queue))
                fields = self._queue.pop(url)
                self._writing = True
            try:
                self._write_one(url, fields)
            finally:
                with self._changed:
                    self._writing = False
                    self._changed.notify_all()

    def _write_one(self, url: str, fields: Fields) -> None:
        progress, anchor, anchor_text = fields
        try:
            self._write(url, progress=progress, anchor=anchor, anchor_text=anchor_text)
        except StoreError as exc:
            self.report(url, str(exc), progress is not None)
        else:
            self.report(url, "", progress is not None)
