"""The no-article card's remedies (B, the browser, is the article keys'): `v` all of the page's
text as it is, `W` the Internet Archive's copy, `f` a saved copy read from a file.

The archive and the file are read in a thread worker of the screen's "load" group (a newer load
cancels it, as any load), which only posts messages: the Reading as a `Loader.Loaded` (a new
step in the history), a failure as `Remedies.Failed`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.message import Message
from textual.worker import get_current_worker

from tuireader.keymap import BINDING_KEYS, key_names
from tuireader.reading.no_article import verdict
from tuireader.reading.reader import ProgressCallback, ReadError, failure_text
from tuireader.textsafe import clean_line
from tuireader.ui.layout.document import REMEDIES
from tuireader.ui.screens.reader.loader import Loader
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.urls import is_followable

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.models import Reading
    from tuireader.reading.reader import Reader

# Shown (footer) only while a card is: check_action offers them then.
CARD_BINDINGS = [
    Binding("v", "page_text", "Page text", id="reader.page_text"),
    Binding("W", "archived_copy", "Archived copy", id="reader.archived_copy"),
    Binding("f", "open_file", "Open file", id="reader.open_file"),
]
CARD_ACTIONS = frozenset(b.action for b in CARD_BINDINGS)
Read = Callable[[ProgressCallback, Callable[[], bool]], "Reading"]
ASKING = "Asking the Internet Archive for a copy of {url} …"


def card_keys(keymap: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The key the card names for each remedy: the first of its keys in the settings' keymap."""
    chosen = {**BINDING_KEYS, **dict(keymap)}
    return {binding_id: key_names(chosen[binding_id])[0] for binding_id, _, _ in REMEDIES}


class Remedies:
    """What the card's keys do, for one screen."""

    class Failed(Message):
        """The archived copy or the file could not be read: `message` says why, in one line."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, screen: Screen[None], reader: Reader) -> None:
        self._screen = screen
        self._reader = reader

    def offered(self, reading: Reading | None) -> bool:
        """Whether the card is shown, so that its keys do something."""
        return reading is not None and verdict(reading) is not None

    async def page_text(self, reading: Reading | None) -> None:
        """v: all of the page's text under the card, or the card alone again."""
        if reading is None or not self.offered(reading):
            return
        body = self._screen.query_one(BodyPane)
        await body.show(reading, page_text=not body.page_text_shown)

    def archived_copy(self, reading: Reading | None) -> None:
        """W: the Internet Archive's closest copy of the page, read in a worker."""
        if reading is None:
            return
        if not is_followable(reading.url):
            self._screen.notify("This page has no web address to look up.", markup=False)
            return
        if self._reader_offline():
            self._screen.notify(
                "Offline mode (--offline): not asking the Internet Archive.",
                severity="warning",
                markup=False,
            )
            return
        status = self._screen.query_one(FetchStatus)
        status.start(reading.url)
        status.working(ASKING.format(url=clean_line(reading.url)))
        url = reading.url
        self._screen.run_worker(
            lambda: self._run(lambda progress, cancelled: self._archived(url, progress, cancelled)),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="load",
        )

    def open_file(self) -> None:
        """f: a prompt for a saved copy's path; the file is read in a worker."""
        from tuireader.ui.dialogs.open_file import OpenFileDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._screen.run_worker(
                    lambda: self._run(lambda _progress, _cancelled: _read_file(path)),
                    thread=True,
                    exclusive=True,
                    exit_on_error=False,
                    group="load",
                )

        self._screen.app.push_screen(OpenFileDialog(), chosen)

    def failed(self, message: Failed) -> None:
        text = clean_line(message.message)
        self._screen.query_one(FetchStatus).error(text)
        self._screen.notify(text, severity="error", markup=False)

    def _reader_offline(self) -> bool:
        return bool(getattr(self._screen, "offline", False))

    def _archived(
        self, url: str, progress: ProgressCallback, cancelled: Callable[[], bool]
    ) -> Reading:
        from tuireader.reading.archive import archived_reading

        settings, options = self._reader.settings, self._reader.fetch_options
        return archived_reading(url, settings, options, progress=progress, cancelled=cancelled)

    def _run(self, read: Read) -> None:
        """In the worker's thread: read, and post the Reading or why there is none."""
        from tuireader.reading.archive import ArchiveError

        worker = get_current_worker()
        screen = self._screen

        def progress(received: int, total: int | None) -> None:
            screen.post_message(Loader.Progress(received, total))

        def cancelled() -> bool:
            return worker.is_cancelled

        try:
            reading = read(progress, cancelled)
        except (ArchiveError, ReadError) as exc:
            message = str(exc)
        except Exception as exc:  # never a traceback on screen: say what broke instead
            message = failure_text("the copy", exc)
        else:
            if not worker.is_cancelled:
                screen.post_message(Loader.Loaded(reading, False))
            return
        if not worker.is_cancelled:
            screen.post_message(self.Failed(message))


def _read_file(path: Path) -> Reading:
    from tuireader.reading.reader import read_file

    return read_file(path)
