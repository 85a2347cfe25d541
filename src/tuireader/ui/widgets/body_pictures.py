"""What the article view knows of its article's pictures: their sizes from the cache (which
decide the room the layout gives them), the pixels decoded so far, the lines made ready for the
pictures near the view, and whether to draw them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tuireader.ui.layout.half_blocks import HalfBlocks, ReadyLines
from tuireader.ui.layout.pictures import TRACKING_PIXEL, PicturePlace, PictureRoom

if TYPE_CHECKING:
    from rich.color import Color
    from rich.segment import Segment

    from tuireader.models import Picture
    from tuireader.pictures.pixels import Pixels

PIXELS_KEPT = 48 * 1024**2  # bytes of decoded pictures, over every size and article shown
LINES_KEPT = 12_000  # segments of ready lines (up to 800 bytes each): the pictures near the view


class BodyPictures:
    """The pictures of the article shown, kept decoded per place (picture and size)."""

    def __init__(self) -> None:
        self.draw = False
        self.image_height = 60  # percent of the pane's height a picture may take
        self._sizes: dict[str, tuple[int, int]] = {}  # drawable ones, in pixels
        self._dropped: frozenset[str] = frozenset()  # tracking pixels
        self._undecodable: set[str] = set()  # said drawable, but decoding failed
        self._decoded: dict[PicturePlace, Pixels] = {}
        self._decoded_bytes = 0
        self._half_blocks = HalfBlocks()
        self._lines: dict[PicturePlace, ReadyLines] = {}  # made in a worker
        self._lines_kept = 0

    def set(self, pictures: Iterable[Picture]) -> None:
        """What the cache holds of the article's pictures."""
        pictures = list(pictures)
        self._undecodable.clear()
        self._sizes = {p.url: (p.width, p.height) for p in pictures if p.drawable}
        self._dropped = frozenset(p.url for p in pictures if p.problem == TRACKING_PIXEL)

    def room(self, pane_height: int) -> PictureRoom:
        """What the layout needs of them, for a pane `pane_height` lines high."""
        sizes = self._sizes
        if self._undecodable:
            sizes = {src: size for src, size in sizes.items() if src not in self._undecodable}
        return PictureRoom(
            sizes,
            self._dropped,
            max_rows=max(1, pane_height * self.image_height // 100),
            draw=self.draw,
        )

    def decoded(self, place: PicturePlace) -> bool:
        return place in self._decoded

    def add(self, place: PicturePlace, pixels: Pixels) -> bool:
        """Keep the pixels of `place`; False if they were kept already."""
        if place in self._decoded:
            return False
        if self._decoded_bytes + len(pixels.rgb) > PIXELS_KEPT:
            self._decoded.clear()
            self._decoded_bytes = 0
            self._lines.clear()
            self._lines_kept = 0
        self._decoded[place] = pixels
        self._decoded_bytes += len(pixels.rgb)
        return True

    def pixels(self, place: PicturePlace) -> Pixels | None:
        return self._decoded.get(place)

    def ready(self, place: PicturePlace) -> bool:
        """Whether the lines of `place` are made (else they are made when painted)."""
        return place in self._lines

    def add_lines(
        self, place: PicturePlace, ready: ReadyLines, near: Iterable[PicturePlace]
    ) -> None:
        """Keep the ready lines of `place`; over the limit, those of the pictures not `near`
        the view go first, then the oldest."""
        old = self._lines.pop(place, None)
        if old is not None:
            self._lines_kept -= _segments(old.lines)
        segments = _segments(ready.lines)
        if segments > LINES_KEPT:
            return
        keep = set(near)
        order = [p for p in self._lines if p not in keep] + [p for p in self._lines if p in keep]
        for gone in order:
            if self._lines_kept + segments <= LINES_KEPT:
                break
            self._lines_kept -= _segments(self._lines.pop(gone).lines)
        self._lines[place] = ready
        self._lines_kept += segments

    def fail(self, src: str) -> bool:
        """`src` could not be decoded after all; False if that changes nothing."""
        if src not in self._sizes or src in self._undecodable:
            return False
        self._undecodable.add(src)
        return True

    def line(
        self, place: PicturePlace, row: int, background: Color | None
    ) -> tuple[int, list[Segment]] | None:
        """(width in cells, the half-block line) of row `row` of `place`; None: no pixels yet."""
        pixels = self._decoded.get(place)
        if pixels is None or 2 * row >= pixels.height:
            return None
        ready = self._lines.get(place)
        if ready is not None and (ready.background == background or pixels.height % 2 == 0):
            return pixels.width, ready.lines[row]
        return pixels.width, self._half_blocks.line(pixels, row, background)


def _segments(lines: list[list[Segment]]) -> int:
    return sum(len(line) for line in lines)
