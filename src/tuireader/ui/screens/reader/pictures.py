"""The article's pictures for the reader screen: whether the body draws them, fetching the ones
the cache lacks, and decoding them, each in a thread worker whose latest run wins.

Nothing here runs before the article's words are on screen: the fetch and the decoding start
once `Navigator.Shown` says its first frame is drawn, and Pillow is imported only inside the
decoding worker, so it is never on the way to the first words. The body asks for pixels with
`ArticleView.PicturesNeeded` whenever its layout holds pictures not decoded at their size.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS
from textual.message import Message
from textual.worker import get_current_worker

from tuireader.ui.layout.half_blocks import ReadyLines, ready_lines
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.urls import is_followable

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from tuireader.models import Reading
    from tuireader.pictures.pixels import Pixels
    from tuireader.reading.reader import Reader
    from tuireader.ui.layout.pictures import PicturePlace

SHOWN, HIDDEN = "Pictures shown", "Pictures hidden"
SHOWN_FROM_CACHE = 'Pictures shown, those the cache holds: [ui] images = "off" fetches none'
ALT_TEXT = "Pictures are shown as their alt text: "
NO_COLOUR_SET, ONLY_16 = "NO_COLOR is set", "the terminal shows only 16 colours"
NO_COLOUR, FEW_COLOURS = ALT_TEXT + NO_COLOUR_SET, ALT_TEXT + ONLY_16
_LIMITED = ("standard", "windows", None)  # Rich's colour systems of 16 colours (or none)


def colour_shortfall(app: App[None]) -> str:
    """Why this terminal cannot show half blocks ("NO_COLOR is set"), "" when it can."""
    if app.no_color:
        return NO_COLOUR_SET
    if app.console.color_system in _LIMITED:
        return ONLY_16
    return ""


class Pictures:
    """The pictures of the article shown in one reader screen's body."""

    class Fetched(Message):
        """The cache now holds what could be fetched of `reading`'s pictures."""

        def __init__(self, reading: Reading) -> None:
            super().__init__()
            self.reading = reading

    class Decoded(Message):
        """The `pixels` of the picture at `place`, decoded and scaled to fit it, and its `lines`
        made ready if the body asked for them (it is near the view)."""

        def __init__(
            self, place: PicturePlace, pixels: Pixels, lines: ReadyLines | None = None
        ) -> None:
            super().__init__()
            self.place = place
            self.pixels = pixels
            self.lines = lines

    class Undecodable(Message):
        """The picture at `src` could not be read from the cache or decoded."""

        def __init__(self, src: str) -> None:
            super().__init__()
            self.src = src

    def __init__(
        self, screen: Screen[None], reader: Reader, current: Callable[[], Reading | None]
    ) -> None:
        self._screen = screen
        self._reader = reader
        self._current = current  # the Reading the body shows (or is about to)
        self.wanted = reader.settings.images != "off"  # toggled for the session by a key
        self._reading: Reading | None = None  # the article whose words are on screen

    @property
    def why_not_drawn(self) -> str:
        """Why this terminal gets alt text instead of pictures ("" when it can draw them)."""
        shortfall = colour_shortfall(self._screen.app)
        return ALT_TEXT + shortfall if shortfall else ""

    @property
    def drawn(self) -> bool:
        return self.wanted and not self.why_not_drawn

    def mount(self) -> None:
        """Before any article: tell the body whether it draws pictures, and how high."""
        self._body.set_picture_options(
            draw=self.drawn, image_height=self._reader.settings.image_height
        )

    @property
    def _body(self) -> BodyPane:
        return self._screen.query_one(BodyPane)

    def shown(self, reading: Reading, *, offline: bool) -> None:
        """`reading`'s words are on screen: decode its pictures, and fetch the missing ones."""
        self._reading = reading
        self.decode()
        if not offline:
            self.fetch(reading)

    def toggle(self, *, offline: bool) -> None:
        """Pictures on or off for this session; on, the missing ones are fetched now (unless
        `[ui] images` is "off": then those the cache holds are shown)."""
        self.wanted = not self.wanted
        self._body.set_picture_options(draw=self.drawn)
        notify = self._screen.notify
        if not self.wanted:
            self._screen.workers.cancel_group(self._screen, "pictures-fetch")
            notify(HIDDEN, markup=False)
            return
        reason = self.why_not_drawn
        if reason:
            notify(reason, markup=False, severity="warning")
        elif self._reader.settings.images == "off":
            notify(SHOWN_FROM_CACHE, markup=False)
        else:
            notify(SHOWN, markup=False)
        if self._reading is not None and not offline:
            self.fetch(self._reading)

    # Fetching ---------------------------------------------------------------------------------

    def fetch(self, reading: Reading) -> None:
        """Fetch the pictures of `reading` the cache does not hold yet (none when they are off)."""
        if not self.wanted or not _missing(reading):
            return
        reader, screen = self._reader, self._screen

        def run() -> None:
            worker = get_current_worker()
            try:
                fetched = reader.fetch_pictures(reading, cancelled=lambda: worker.is_cancelled)
            except Exception:  # it says its failures in the Pictures; the store may fail too
                return  # the pictures stay their alt lines
            if not worker.is_cancelled:
                screen.post_message(self.Fetched(fetched))

        screen.run_worker(
            run, thread=True, exclusive=True, exit_on_error=False, group="pictures-fetch"
        )

    def fetched(self, message: Fetched) -> Reading | None:
        """The Reading to keep for the article shown, its pictures refreshed (the screen puts
        it in the history); None: another article is shown by now."""
        reading, current = message.reading, self._current()
        if current is None or current is not self._reading or current.url != reading.url:
            return None
        self._reading = reading
        return reading

    def refreshed(self, reading: Reading) -> None:
        """`reading`, with its pictures refreshed, is the one shown now: lay them out."""
        self._body.update_pictures(reading.pictures)

    # Decoding ---------------------------------------------------------------------------------

    def decode(self) -> None:
        """Decode the pictures the body lays out with no pixels yet, the nearest first, and
        make ready the lines of those near the view (first of all)."""
        reading = self._reading
        if reading is None or reading is not self._current() or not self.drawn:
            return  # not shown yet, or no longer: its words come first
        body = self._body
        near = body.lines_wanted()
        wanted = body.pictures_wanted()
        if not wanted and not near:
            return
        kept = {place: body.picture_pixels(place) for place in near}
        background = body.picture_background
        color_system = COLOR_SYSTEMS.get(self._screen.app.console.color_system or "")
        reader, screen = self._reader, self._screen
        url = reading.url

        def run() -> None:
            from tuireader.pictures.decode import decode

            worker = get_current_worker()
            for place in dict.fromkeys([*near, *wanted]):
                if worker.is_cancelled:
                    return
                pixels = kept.get(place)
                if pixels is None:
                    try:
                        data = reader.picture_data(url, place.src)
                        if data is None:
                            raise LookupError(place.src)
                        pixels = decode(data, place.cols, place.rows * 2)
                    except Exception:  # a bad picture is its alt line, never a traceback
                        screen.post_message(self.Undecodable(place.src))
                        continue
                lines = None
                if place in kept:
                    lines = ready_lines(
                        pixels, background, color_system or ColorSystem.TRUECOLOR, _let_ui_run
                    )
                screen.post_message(self.Decoded(place, pixels, lines))

        screen.run_worker(
            run, thread=True, exclusive=True, exit_on_error=False, group="pictures-decode"
        )

    def decoded(self, message: Decoded) -> None:
        self._body.picture_decoded(message.place, message.pixels, message.lines)

    def undecodable(self, message: Undecodable) -> None:
        self._body.picture_failed(message.src)

    def needed(self) -> None:
        """The body's layout changed (a resize, pictures fetched): decode what it now lacks."""
        self.decode()


def _let_ui_run() -> None:
    """Between two lines made in the worker: the UI thread, if it waits, runs now, so a frame
    waits at most for one line (a fraction of a millisecond) instead of a switch interval."""
    time.sleep(0)


def _missing(reading: Reading) -> bool:
    """Whether `reading` has pictures (the lead, the body's) the cache does not hold."""
    article = reading.article
    urls = [image.url for image in article.images]
    if article.lead_image is not None:
        urls.append(article.lead_image.url)
    held = {picture.url for picture in reading.pictures}
    return any(is_followable(url) and url not in held for url in urls)
