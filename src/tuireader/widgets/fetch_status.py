"""The status bar above the footer: progress while fetching, or the last error in one line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

from tuireader.formatting import human_size
from tuireader.textsafe import clean_line


class FetchStatus(Horizontal):
    """Hidden when idle; shows bytes received (and a bar when the size is known) while fetching."""

    def compose(self) -> ComposeResult:
        yield Static(id="fetch-label")
        yield ProgressBar(show_eta=False, id="fetch-bar")

    def on_mount(self) -> None:
        self.display = False

    def start(self, url: str) -> None:
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
        self.set_class(True, "-error")
        self._label(message)
        self.query_one(ProgressBar).display = False
        self.display = True

    def finish(self) -> None:
        self.display = False

    def _label(self, text: str) -> None:
        self.query_one("#fetch-label", Static).update(Content(clean_line(text)))
