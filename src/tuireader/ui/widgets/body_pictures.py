"""What the article view knows of its article's pictures: their sizes from the cache (which
decide the room the layout gives them), the pixels decoded so far, the lines made ready for the
pictures near the view, and whether to draw them.

Pictures take the room the layout reserves for them; their lines are half blocks decoded by the
screen in a worker (`ArticleView.PicturesNeeded` asks, `wanted` says which), kept per picture and
size, and blank until then: nothing moves when they arrive. The worker also makes the lines of
the pictures near the view ready (`lines_wanted`), asked again as the view scrolls, so a scroll
step only joins strings that are ready.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.strip import Strip

from tuireader.ui.layout.half_blocks import HalfBlocks, ReadyLines
from tuireader.ui.layout.pictures import TRACKING_PIXEL, PicturePlace, PictureRoom

if TYPE_CHECKING:
    from rich.color import Color
    from rich.style import Style

    from tuireader.body.model import Block
    from tuireader.models import Picture
    from tuireader.pictures.pixels import Pixels
    from tuireader.ui.layout.wrap import Layout

PIXELS_KEPT = 48 * 1024**2  # bytes of decoded pictures, over every size and article shown
LINES_KEPT = 12_000  # segments of ready lines (up to 800 bytes each): the pictures near the view
LINES_AHEAD = 3  # screens below the view whose pictures have their lines made ready
LINES_BEHIND = 1  # and screens above it


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
        self._lines_asked: set[PicturePlace] = set()  # pictures whose ready lines are on the way

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

    # The view's questions: `layout` is the one on screen (None before the view has a size),
    # `top` its first line in view, `height` how many lines show.

    def wanted(self, layout: Layout | None, top: int) -> list[PicturePlace]:
        """The pictures of `layout` with no pixels yet, the nearest to the view first."""
        if layout is None:
            return []
        return _nearest([(line, p) for line, p in layout.pictures if p not in self._decoded], top)

    def all_decoded(self, layout: Layout) -> bool:
        """Whether every picture `layout` draws has its pixels (else they are asked for)."""
        return all(place in self._decoded for _, place in layout.pictures)

    def near(self, layout: Layout | None, top: int, height: int) -> list[PicturePlace]:
        """The pictures drawn within a screen above the view and three below, nearest first."""
        if layout is None or not self.draw:
            return []
        height = max(1, height)
        low, high = top - LINES_BEHIND * height, top + (1 + LINES_AHEAD) * height
        return _nearest(
            [(line, p) for line, p in layout.pictures if line < high and line + p.rows > low], top
        )

    def lines_wanted(self, layout: Layout | None, top: int, height: int) -> list[PicturePlace]:
        """The pictures near the view whose lines are not ready, the nearest first; they count
        as asked for until answered."""
        wanted = [place for place in self.near(layout, top, height) if place not in self._lines]
        self._lines_asked = set(wanted)
        return wanted

    def lines_needed(self, layout: Layout | None, top: int, height: int) -> bool:
        """Whether pictures came near whose lines are neither ready nor asked for."""
        ready, asked = self._lines, self._lines_asked
        return any(p not in ready and p not in asked for p in self.near(layout, top, height))

    def lines_arrived(
        self, place: PicturePlace, lines: ReadyLines, near: Iterable[PicturePlace]
    ) -> None:
        """The ready lines asked for `place`, kept as `near` the view allows (`add_lines`)."""
        self._lines_asked.discard(place)
        self.add_lines(place, lines, near)

    def row(
        self, layout: Layout, picture: tuple[PicturePlace, int], width: int, base: Style
    ) -> Strip:
        """A row of a picture, centered in the text column; blank until it is decoded."""
        place, row = picture
        found = self.line(place, row, base.bgcolor)
        if found is None:
            return Strip.blank(width, base)
        cells, segments = found
        left = layout.offset + max(0, (layout.width - cells) // 2)
        return Strip([Segment(" " * left, base), *segments]).crop_extend(0, width, base)


def picture_at(layout: Layout | None, blocks: list[Block], line: int) -> str | None:
    """The URL of the picture drawn (or named by its alt line) at `line` of `layout`."""
    if layout is None or not 0 <= line < len(layout.lines):
        return None
    shown = layout.lines[line]
    block = blocks[shown.block] if shown.block < len(blocks) else None
    if block is None or block.kind != "image" or not (shown.picture or shown.segments):
        return None
    return block.src


def pictures_on_screen(
    layout: Layout | None, blocks: list[Block], top: int, height: int
) -> list[str]:
    """The URLs of the pictures (drawn or as alt lines) on lines `top` to `top + height`."""
    if layout is None:
        return []
    found = (picture_at(layout, blocks, line) for line in range(top, top + height))
    return list(dict.fromkeys(src for src in found if src is not None))


def _nearest(pictures: list[tuple[int, PicturePlace]], top: int) -> list[PicturePlace]:
    """Each picture once: those reaching below line `top` first, then the nearest to it."""
    pictures.sort(key=lambda item: (item[0] + item[1].rows <= top, abs(item[0] - top)))
    return list(dict.fromkeys(place for _, place in pictures))


def _segments(lines: list[list[Segment]]) -> int:
    return sum(len(line) for line in lines)
