"""One picture of the article as large as the screen allows, in half blocks, its caption under it.

The bytes come from a callable (`Reader.picture_data` for the open article) called in a thread
worker, which also decodes them to the canvas's size; every resize decodes again from the bytes
kept, and only the latest answer is drawn. What cannot be drawn says so in one line.

Asked to try the terminal's own graphics first (`terminal`), the screen reads the bytes, hands
them to `terminal_picture.show` (the app suspended meanwhile) and closes once they were drawn
there; when they could not be, it draws them itself.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from tuireader.formatting import image_mark
from tuireader.models import Image
from tuireader.pictures.decode import PictureError, decode
from tuireader.pictures.pixels import Pixels
from tuireader.textsafe import clean_line
from tuireader.ui import terminal_picture
from tuireader.ui.layout.half_blocks import HalfBlocks
from tuireader.ui.widgets.key_footer import KeyFooter

PictureSource = Callable[[], bytes | None]


def alt_line(image: Image, problem: str) -> str:
    """What stands for a picture that cannot be drawn: "[image: alt] — why"."""
    mark = image_mark(image.alt)
    return f"{mark} — {problem}" if problem else mark


class PictureCanvas(Widget):
    """The picture's half-block rows in the middle of the widget; says when its size changes."""

    class Resized(Message):
        def __init__(self, width: int, height: int) -> None:
            super().__init__()
            self.width = width
            self.height = height

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Strip] = []

    def show(self, pixels: Pixels) -> None:
        self.rows = [Strip(line, pixels.width) for line in HalfBlocks().lines(pixels)]
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized(event.size.width, event.size.height))

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        style = self.rich_style
        at = y - (height - len(self.rows)) // 2
        if not 0 <= at < len(self.rows):
            return Strip.blank(width, style)
        row = self.rows[at].crop(0, width)
        left = (width - row.cell_length) // 2
        right = width - left - row.cell_length
        return Strip.join([Strip.blank(left, style), row, Strip([Segment(" " * right, style)])])


class PictureScreen(Screen[None]):
    """The full view of one picture: Esc (or q) goes back to the article."""

    CSS_PATH = "picture.tcss"
    BINDINGS = [Binding("escape,q", "close", "Back")]

    class Decoded(Message):
        def __init__(self, number: int, data: bytes, pixels: Pixels) -> None:
            super().__init__()
            self.number = number
            self.data = data
            self.pixels = pixels

    class Read(Message):
        """The bytes, read for the terminal's own graphics (None: not to be had)."""

        def __init__(self, data: bytes | None) -> None:
            super().__init__()
            self.data = data

    class Failed(Message):
        def __init__(self, number: int, problem: str) -> None:
            super().__init__()
            self.number = number
            self.problem = problem

    def __init__(
        self, image: Image, source: PictureSource, *, terminal: bool = False, problem: str = ""
    ) -> None:
        super().__init__()
        self.image = image
        self.source = source
        self.terminal = terminal and not problem  # the terminal's own graphics, tried first
        self.data: bytes | None = None  # read once, decoded again at every size
        self.problem = problem  # why it cannot be drawn (known before, or once decoded)
        self._asked = 0  # the number of the latest decoding asked for

    def compose(self) -> ComposeResult:
        yield PictureCanvas(id="picture")
        yield Static(id="picture-problem")
        caption = clean_line(self.image.caption)
        credit = clean_line(self.image.credit)
        yield Static(Content(caption), id="picture-caption", classes="" if caption else "-empty")
        yield Static(Content(credit), id="picture-credit", classes="" if credit else "-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.problem:  # known before: no colours to draw with
            self._say_problem()
        elif self.terminal:
            self._read()

    def action_close(self) -> None:
        self.dismiss()

    @on(PictureCanvas.Resized)
    def _resized(self) -> None:
        self._decode_to_fit()

    def _decode_to_fit(self) -> None:
        width, height = self.query_one(PictureCanvas).size
        if self.terminal or self.problem or width < 1 or height < 1:
            return
        self._asked += 1
        self._decode(self._asked, self.data, width, height * 2)

    @work(thread=True, exclusive=True, group="picture", exit_on_error=False)
    def _read(self) -> None:
        try:
            data = self.source()
        except Exception:  # said by the decoding, which reads again
            data = None
        self.post_message(self.Read(data))

    @on(Read)
    def _read_for_the_terminal(self, message: Read) -> None:
        self.terminal = False
        if message.data is not None and terminal_picture.show(self.app, self.image, message.data):
            self.dismiss()
            return
        self.data = message.data
        self._decode_to_fit()

    @work(thread=True, exclusive=True, group="picture", exit_on_error=False)
    def _decode(self, number: int, data: bytes | None, width: int, height: int) -> None:
        try:
            if data is None:
                data = self.source()
            if data is None:
                self.post_message(self.Failed(number, "not in the cache"))
                return
            pixels = decode(data, width, height)
        except PictureError as error:
            self.post_message(self.Failed(number, error.reason))
        except Exception as error:  # the store failing: said in one line, like a bad image
            self.post_message(self.Failed(number, f"unreadable: {clean_line(str(error))}"))
        else:
            self.post_message(self.Decoded(number, data, pixels))

    @on(Decoded)
    def _decoded(self, message: Decoded) -> None:
        self.data = message.data
        if message.number == self._asked:  # an older size's answer is not drawn
            self.query_one(PictureCanvas).show(message.pixels)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        if message.number != self._asked:
            return
        self.problem = message.problem
        self._say_problem()

    def _say_problem(self) -> None:
        self.query_one(PictureCanvas).display = False
        problem = self.query_one("#picture-problem", Static)
        problem.update(Content(alt_line(self.image, self.problem)))
        problem.display = True
