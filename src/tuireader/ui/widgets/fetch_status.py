"""The status bar above the footer: progress while fetching, reading ahead or refreshing the
feeds, or the last error.

A page load owns the bar while it runs; reading ahead shows whenever no load is showing, and a
refresh of the feeds when neither is, so they never fight over the one line.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

from tuireader.formatting import human_size
from tuireader.textsafe import clean_line


class FetchStatus(Horizontal):
    """Hidden when idle; shows bytes received (and a bar when the size is known) while fetching."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._loading = False
        self._read_ahead: tuple[int, int, int] | None = None  # (done, total, failed) while running
        self._read_ahead_stopping = False
        self._job: tuple[str, int, int] | None = None  # a feed refresh: (what, done, total)
        self._text = ""

    def compose(self) -> ComposeResult:
        yield Static(id="fetch-label")
        yield ProgressBar(show_eta=False, id="fetch-bar")

    def on_mount(self) -> None:
        self.display = False

    def start(self, url: str) -> None:
        self._loading = True
        self.set_class(False, "-error")
        self._label(f"Fetching {url} …")
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.display = True

    def advance(self, received: int, total: int | None) -> None:
        bar = self.query_one(ProgressBar)
        if total:
            bar.update(total=total, progress=min(received, total))
            self._label(f"Received {human_size(received)} of {human_size(total)}")
        else:
            self._label(f"Received {human_size(received)}")

    def working(self, text: str) -> None:
        self._label(text)

    def error(self, message: str) -> None:
        self._loading = False
        self.set_class(True, "-error")
        self._label(message)
        self.query_one(ProgressBar).display = False
        self.display = True

    def finish(self) -> None:
        self._loading = False
        if self._read_ahead is not None:
            self._show_read_ahead()
        elif self._job is not None:
            self._show_job()
        else:
            self.display = False

    def read_ahead(self, done: int, total: int, failed: int) -> None:
        """Reading ahead has read `done` of `total` links, `failed` of them without success."""
        self._read_ahead = (done, total, failed)
        if not self._loading:
            self._show_read_ahead()

    def read_ahead_stopping(self) -> None:
        """Cancelled: the links in flight are being abandoned."""
        self._read_ahead_stopping = True
        if self._read_ahead is not None and not self._loading:
            self._show_read_ahead()

    def read_ahead_finished(self) -> None:
        self._read_ahead = None
        self._read_ahead_stopping = False
        if self._job is not None and not self._loading:
            self._show_job()
        elif not self._loading and not self.has_class("-error"):
            self.display = False

    def job(self, text: str, done: int, total: int) -> None:
        """A background job (a feed refresh) has done `done` of `total`: `text` says what."""
        self._job = (text, done, total)
        if not self._loading and self._read_ahead is None:
            self._show_job()

    def job_finished(self) -> None:
        self._job = None
        if not self._loading and self._read_ahead is None and not self.has_class("-error"):
            self.display = False

    def _show_job(self) -> None:
        assert self._job is not None
        text, done, total = self._job
        self.set_class(False, "-error")
        self._label(text)
        bar = self.query_one(ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        bar.display = True
        self.display = True

    def _show_read_ahead(self) -> None:
        assert self._read_ahead is not None
        done, total, failed = self._read_ahead
        self.set_class(False, "-error")
        text = f"Reading ahead {done}/{total}"
        if failed:
            text += f" ({failed} failed)"
        text += " — stopping …" if self._read_ahead_stopping else " — Esc or p cancels"
        self._label(text)
        bar = self.query_one(ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        bar.display = True
        self.display = True

    @property
    def text(self) -> str:
        """What the bar says ("" while it is hidden)."""
        return self._text if self.display else ""

    def _label(self, text: str) -> None:
        self._text = clean_line(text)
        self.query_one("#fetch-label", Static).update(Content(self._text))
