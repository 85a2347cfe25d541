"""A progress line on stderr: redrawn in place on a terminal, plain lines when piped.

For the long commands (`--prefetch`, `refresh`): stdout keeps only their result. With no stream
(stderr closed) nothing is drawn; a stream that fails to take a line (a full disk) loses the
progress, never the work.
"""

from __future__ import annotations

import shutil
import threading
from contextlib import suppress
from typing import TextIO

from tuireader.textsafe import clean_line


class StatusLine:
    """One line redrawn in place on a TTY (`draw`), or lines that stay (`note`) otherwise."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.tty = stream is not None and _isatty(stream)
        self.drawn = False
        self.stopped = False  # after Ctrl+C, threads still finishing must not draw any more
        self.lock = threading.RLock()  # snapshots come from worker threads

    def draw(self, text: str) -> None:
        """Replace the line on a terminal with `text`, cleaned and cut to the width."""
        with self.lock:
            if self.stopped or not self.tty:
                return
            width = shutil.get_terminal_size().columns - 1
            text = clean_line(text)
            if len(text) > width:
                text = text[: max(width - 1, 0)] + "…"
            self._write("\r\x1b[K" + text)
            self.drawn = True

    def note(self, text: str) -> None:
        """A line of its own, when the stream is no terminal (a log, a pipe)."""
        with self.lock:
            if not self.stopped and not self.tty:
                self._write(clean_line(text) + "\n")

    def clear(self, stop: bool = False) -> None:
        with self.lock:
            self.stopped = self.stopped or stop
            if self.drawn:
                self._write("\r\x1b[K")
                self.drawn = False

    def _write(self, text: str) -> None:
        if self.stream is None:
            return
        with suppress(OSError, ValueError):
            self.stream.write(text)
            self.stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def short_url(url: str) -> str:
    """host/path of `url`, the part that tells links apart."""
    return url.split("://", 1)[-1]
