"""The first article's fetch, started in a child process before the app is built.

An uncached launch used to import Textual and build the screen, and only then import httpx,
BeautifulSoup and the extractor, fetch and extract, in a thread sharing the GIL with the first
frames. Forked while the process has one thread and has imported little, a child does all that
(`Reader.open`: it also saves the page and the article) on another core while the parent starts
the UI, and hands the Reading over a pipe. Nothing is lost if it fails: its errors come back as
messages, and if it dies the app loads the URL itself. Where there is no fork (Windows), or the
cache already holds a copy the app shows without a request, no child is started.

A new interpreter (`python -m ...`) instead of a fork was tried: it spares the parent the
copy-on-write page faults a fork costs it (~1,400 while it imports Textual), but the child
answers ~70 ms later, and its answer is what the app waits for.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import sys
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tuireader.cache import StoreError
from tuireader.models import Reading
from tuireader.reading.reader import ProgressCallback, ReadError, failure_text
from tuireader.reading.session import open_session
from tuireader.settings import Settings

_HEADER = struct.Struct("!I")  # each message: its length, then a pickle
POLL_SECONDS = 0.05  # how often a wait looks at `cancelled`
POLL_NOW = 0.0


class HeadStartLost(Exception):
    """The child ended without an answer (killed, out of memory): load the URL another way."""


class HeadStart:
    """A child process opening `url`; `wait` gives its Reading, or raises its ReadError."""

    def __init__(self, url: str, pid: int, fd: int) -> None:
        self.url = url
        self.pid = pid
        self._fd = fd
        self._buffer = b""
        self._answered = False

    @classmethod
    def begin(cls, url: str, cache_dir: Path) -> HeadStart | None:
        """Fork a child to open `url`, unless the cache can show it now or forking is unsafe."""
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return None  # a fork copies one thread: another one's locks would stay held
        try:
            session = open_session(cache_dir, samples=False)
        except StoreError:
            return None  # the app opens it again and says what is wrong
        try:
            if session.reader.ready(url) is not None:
                return None
        finally:
            session.close()
        read_fd, write_fd = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return None
        if pid == 0:  # pragma: no cover - the child; its work is tested through its answers
            os.close(read_fd)
            _child(write_fd, url, cache_dir, session.reader.settings)
        os.close(write_fd)
        return cls(url, pid, read_fd)

    def answer_now(self) -> Reading | None:
        """The child's Reading if it has answered by now, else None (it goes on); see `wait`."""
        return self._answer(None, lambda: False, POLL_NOW)

    def wait(
        self,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Reading:
        """The child's Reading, passing its progress on; ReadError if it could not read the URL.

        HeadStartLost if it ended without an answer. If `cancelled` turns true, the child is
        stopped and ReadError raised.
        """
        reading = self._answer(progress, cancelled, POLL_SECONDS)
        while reading is None:
            reading = self._answer(progress, cancelled, POLL_SECONDS)
        return reading

    def _answer(
        self, progress: ProgressCallback | None, cancelled: Callable[[], bool], timeout: float
    ) -> Reading | None:
        """Read what the child sent within `timeout`: its Reading if it came, else None.

        Closes this (collecting the child) once there is an answer, an error or a cancel.
        """
        done = True
        try:
            while True:
                if cancelled():
                    raise ReadError(f"stopped loading {self.url}")
                message = self._receive(timeout)
                if message is None:
                    done = False
                    return None
                kind, value = message
                if kind == "progress":
                    if progress is not None:
                        progress(*value)
                    continue
                self._answered = True
                if isinstance(value, ReadError):
                    raise value
                assert isinstance(value, Reading)
                return value
        finally:
            if done:
                self.close()

    def _receive(self, timeout: float) -> tuple[str, Any] | None:
        """The next whole message, None if none came within `timeout` seconds."""
        while True:
            if len(self._buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(self._buffer)
                end = _HEADER.size + size
                if len(self._buffer) >= end:
                    data, self._buffer = self._buffer[_HEADER.size : end], self._buffer[end:]
                    message: tuple[str, Any] = pickle.loads(data)
                    return message
            if not select.select([self._fd], [], [], timeout)[0]:
                return None
            chunk = os.read(self._fd, 1 << 20)
            if not chunk:
                raise HeadStartLost(f"the process fetching {self.url} ended without an answer")
            self._buffer += chunk

    def close(self) -> None:
        """Stop the child if it still runs, and collect it (no zombie is left behind)."""
        if self._fd < 0:
            return
        os.close(self._fd)
        self._fd = -1
        try:
            if not self._answered and os.waitpid(self.pid, os.WNOHANG)[0] == 0:
                os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)  # an answered child is only closing its store
        except (ChildProcessError, ProcessLookupError):
            pass


def _import_the_readers_parts() -> None:  # pragma: no cover - runs in the child
    """Import what reading a page needs, the cost of this process, as cheaply as it can be.

    The collector stays paused (importing makes long-lived objects, nothing to collect), and
    bs4 (imported when a page's own charset declaration is needed) goes without soupsieve, its
    CSS-selector engine: tuireader's extractor never selects by CSS, and soupsieve's import
    compiles regular expressions for a tenth of a second. Only this child, which runs nothing but
    tuireader's reader, does without it.
    """
    sys.modules.setdefault("soupsieve", None)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns that CSS selectors cannot be used


def _child(  # pragma: no cover - runs in the child
    fd: int, url: str, cache_dir: Path, settings: Settings
) -> None:
    """Open `url`, send what came of it, and leave without running the parent's exit handlers."""
    code = 1
    try:
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):  # the terminal belongs to the parent's app
            os.dup2(quiet, stream)

        _import_the_readers_parts()
        gc.freeze()  # what the imports built lives on: later collections skip it
        gc.enable()  # paused by the parent for its start-up; extraction makes cycles to collect

        def send(kind: str, value: object) -> None:
            data = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(_HEADER.pack(len(data)) + data)
            while view:
                view = view[os.write(fd, view) :]

        session = open_session(cache_dir, settings=settings, samples=False)
        try:
            try:
                reading = session.reader.open(url, progress=lambda *got: send("progress", got))
            except ReadError as exc:
                send("failed", exc)
            except Exception as exc:
                send("failed", ReadError(failure_text(url, exc)))
            else:
                send("done", reading)
        finally:
            session.close()
        code = 0
    finally:
        os._exit(code)
