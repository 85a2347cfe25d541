"""The full view of one of the article's pictures, opened by a click on it or by a key.

Which picture: the one clicked, or the first the body shows. Where it is drawn: in the
terminal's own graphics when it has them (ui/terminal_picture.py), else in PictureScreen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tuireader.models import Image, Reading
from tuireader.ui import terminal_picture
from tuireader.ui.screens.picture import PictureScreen
from tuireader.ui.screens.reader.pictures import colour_shortfall
from tuireader.ui.widgets.body_pane import BodyPane

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.reading.reader import Reader

NONE_ON_SCREEN = "No picture on screen"


class PictureOpener:
    """Opens the full view of a picture of the article one reader screen shows."""

    def __init__(
        self, screen: Screen[None], reader: Reader, current: Callable[[], Reading | None]
    ) -> None:
        self._screen = screen
        self._reader = reader
        self._current = current

    def open_first_on_screen(self) -> None:
        """The key: the topmost picture the body shows, or a word that there is none."""
        shown = self._screen.query_one(BodyPane).pictures_on_screen()
        if not shown:
            self._screen.notify(NONE_ON_SCREEN, markup=False)
            return
        self.open(shown[0])

    def open(self, src: str) -> None:
        """The full view of the picture at `src`, with its caption and credit as the article has
        them, read from the cache."""
        reading = self._current()
        if reading is None:
            return
        app = self._screen.app
        where = terminal_picture.where_to_show(
            self._reader.settings.images,
            terminal_picture.can_suspend(app),
            terminal_picture.known_graphics(),
        )
        reader, url = self._reader, reading.url

        def source() -> bytes | None:  # called in the screen's worker
            return reader.picture_data(url, src)

        terminal = where == "terminal" and not known_problem(reading, src)
        shortfall = colour_shortfall(app)  # NO_COLOR, 16 colours: the alt text, as in the body
        image = described(reading, src)
        app.push_screen(PictureScreen(image, source, terminal=terminal, problem=shortfall))


def described(reading: Reading, src: str) -> Image:
    """The article's own record of the picture at `src` (caption, credit, alt), if it has one."""
    article = reading.article
    for image in (article.lead_image, *article.images):
        if image is not None and image.url == src:
            return image
    return Image(url=src)


def known_problem(reading: Reading, src: str) -> str:
    """Why the cache already knows the picture at `src` cannot be drawn (an SVG, an HTTP error),
    "" when it does not: the terminal is not handed over for a picture known to fail."""
    return next((p.problem for p in reading.pictures if p.url == src and p.problem), "")
