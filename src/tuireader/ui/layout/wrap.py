"""A Document wrapped to a width: lines of (text, style key, link number) segments.

Wrapping is done once per width and kept, so painting a line is a lookup. Widths are measured in
terminal cells (rich.cells), so wide characters never push a line past the width.

Style keys name what a piece of text is ("heading", "link+bold", ...): "+"-joined names that the
widget maps to component-class styles; a run's mark ("added", "removed") is one more name.
Decorations ("gutter", "marker", "link-number", "rule") are not page text, so find skips them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len, get_character_cell_size

from tuireader.body.model import Block, BodyLink, Document, Run
from tuireader.textsafe import clean_line
from tuireader.ui.layout.pictures import PicturePlace, PictureRoom, alt_line, place_picture
from tuireader.ui.layout.tables import table_lines

if TYPE_CHECKING:
    from tuireader.ui.layout.text_map import TextMap

Segment = tuple[str, str, int | None]  # text, style key, link number
Match = tuple[int, int, int]  # line, start cell, end cell
MAX_WIDTH = 80
MIN_WIDTH = 4  # narrower than this, a wide character or a bullet could not fit
DECORATIONS = frozenset(("gutter", "marker", "link-number", "rule"))
GUTTER = "▌ "
NBSP = "\u00a0"
_WORDS = re.compile(r"[^ \n]+|\n")
# Latin, Greek, Cyrillic, general punctuation and currency: one cell each (checked against rich)
_NOT_ONE_CELL = re.compile(
    "[^\x20-\x7e\xa0-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]"
)
_BASE = {kind: kind for kind in ("title", "byline", "caption", "heading", "quote")}


@dataclass(slots=True)
class Line:
    segments: list[Segment]
    block: int  # the index of the block this line shows (blank lines: the block after them)
    picture: tuple[PicturePlace, int] | None = None  # a picture's line: the picture, which row

    @property
    def text(self) -> str:
        return "".join(text for text, _, _ in self.segments)


class Layout:
    """The document's lines at one width, with the maps between blocks, lines and matches."""

    def __init__(self, document: Document, width: int, offset: int) -> None:
        self.document = document
        self.width = width  # the text column
        self.offset = offset  # columns left of the text column, to center it in the pane
        self.lines: list[Line] = []
        self.first_lines: list[int] = []  # for each block: its first line of text
        self.pictures: list[tuple[int, PicturePlace]] = []  # each picture drawn: its first line
        self._searchable: list[str] | None = None
        self.text_maps: dict[int, TextMap] = {}  # by block, made when asked (ui.layout.text_map)

    @property
    def links(self) -> dict[int, BodyLink]:
        return self.document.links

    def heading_lines(self) -> list[tuple[int, str, int]]:
        """(level, text, line) for every heading of the body."""
        return [
            (block.level, clean_line(block.text), self.first_lines[n])
            for n, block in enumerate(self.document.blocks)
            if block.kind == "heading"
        ]

    def line_of_block(self, block: int) -> int:
        if not self.first_lines:
            return 0
        return self.first_lines[max(0, min(block, len(self.first_lines) - 1))]

    def block_at_line(self, line: int) -> int:
        if not self.lines:
            return 0
        return self.lines[max(0, min(line, len(self.lines) - 1))].block

    def find(self, query: str) -> list[Match]:
        """Every match of `query`, in reading order; case-insensitive unless it has a capital.

        A query of zero-width characters alone (U+200B, a lone skin-tone modifier) finds nothing:
        a match must cover at least one cell to be highlighted.
        """
        query = clean_line(query)
        if not query:
            return []
        flags = 0 if any(ch.isupper() for ch in query) else re.IGNORECASE
        pattern = re.compile(re.escape(query), flags)
        matches: list[Match] = []
        for number, text in enumerate(self._texts()):
            for found in pattern.finditer(text):
                shown = self.lines[number].text  # as long as `text`; NUL has no cell width
                start = cell_len(shown[: found.start()])
                end = start + cell_len(found.group())
                if end > start:
                    matches.append((number, start, end))
        return matches

    def _texts(self) -> list[str]:
        """Each line's text with decorations blanked out (NUL never occurs in a query)."""
        if self._searchable is None:
            self._searchable = [
                "".join(
                    "\0" * len(text) if key in DECORATIONS else text
                    for text, key, _ in line.segments
                )
                for line in self.lines
            ]
        return self._searchable


def layout_document(
    document: Document,
    width: int,
    max_width: int = MAX_WIDTH,
    pictures: PictureRoom | None = None,
) -> Layout:
    """Wrap `document` for a pane `width` columns wide: at most `max_width`, centered.

    Image blocks take the room `pictures` gives them (without it: their alt lines).
    """
    width = max(width, MIN_WIDTH)
    column = max(MIN_WIDTH, min(width, max_width))
    layout = Layout(document, column, (width - column) // 2)
    room = pictures or PictureRoom({}, draw=False)
    previous: Block | None = None
    blocks = document.blocks
    for number, block in enumerate(blocks):
        place = None
        if block.kind == "image":
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            place = place_picture(block.src, column, room)
            if place is None and _takes_no_line(block, following, room):
                layout.first_lines.append(len(layout.lines))
                continue
        for _ in range(_gap(block, previous)):
            layout.lines.append(Line([], number))
        layout.first_lines.append(len(layout.lines))
        if place is not None:
            layout.pictures.append((len(layout.lines), place))
            layout.lines.extend(Line([], number, (place, row)) for row in range(place.rows))
        else:
            layout.lines.extend(Line(segments, number) for segments in block_lines(block, column))
        previous = block
    if document.blocks:
        layout.lines.append(Line([], len(document.blocks) - 1))
    return layout


def _takes_no_line(block: Block, following: Block | None, room: PictureRoom) -> bool:
    """A tracking pixel; or the lead picture not drawn, whose caption line below names it."""
    return block.src in room.dropped or (following is not None and following.kind == "caption")


def _gap(block: Block, previous: Block | None) -> int:
    """Blank lines before `block`: none under the title or inside a tight list."""
    if block.kind == "byline" and previous is not None and previous.kind == "title":
        return 0
    if block.kind == "caption" and previous is not None and previous.kind == "image":
        return 0  # the lead picture's caption, right under it
    if block.tight and previous is not None and block.group and previous.group == block.group:
        return 0
    return 1


def block_lines(block: Block, width: int) -> list[list[Segment]]:
    """The block's lines at `width`, each starting with its prefix (quote gutter, list indent)."""
    first, rest = prefixes(block, width)
    room = width - sum(cell_len(text) for text, _, _ in rest)
    if block.kind == "code":
        body = _code_lines(block.runs[0].text if block.runs else "", room)
    elif block.kind == "table":
        body = table_lines(block.rows, room, lambda runs, w: wrap(fragments(runs), w))
    elif block.kind == "rule":
        body = [[("─" * room, "rule", None)]]
    elif block.kind == "image":
        body = [alt_line(block.text, room)]
    else:
        body = wrap(fragments(block.runs, _BASE.get(block.kind, "")), room)
    return [(first if n == 0 else rest) + line for n, line in enumerate(body)]


def prefixes(block: Block, width: int) -> tuple[list[Segment], list[Segment]]:
    """The first line's prefix and the hanging one of the lines after it."""
    gutter = GUTTER * block.quote
    if block.kind == "caption":
        gutter = GUTTER
    lead = " " * block.indent
    hang = " " * (block.indent + len(block.marker))
    room = width - max(2, min(20, width // 2))  # the prefix leaves the text this much
    first = _fit([(gutter, "gutter"), (lead, ""), (block.marker, "marker")], room)
    rest = _fit([(gutter, "gutter"), (hang, "")], room)
    return first, rest


def _fit(parts: list[tuple[str, str]], room: int) -> list[Segment]:
    """Prefix parts (all one cell a character) cut from the left to at most `room` cells."""
    excess = sum(len(text) for text, _ in parts) - room
    segments: list[Segment] = []
    for text, key in parts:
        if excess > 0:
            cut = min(excess, len(text))
            text, excess = text[cut:], excess - cut
        if text:
            segments.append((text, key, None))
    return segments


@lru_cache(maxsize=512)
def style_key(
    base: str, bold: bool, italic: bool, code: bool, strike: bool, link: bool, mark: str = ""
) -> str:
    names = [base] if base else []
    for name, on in (("bold", bold), ("italic", italic), ("code", code), ("strike", strike)):
        if on:
            names.append(name)
    if link:
        names.append("link")
    if mark:
        names.append(mark)
    return "+".join(names)


def fragments(runs: list[Run], base: str = "") -> list[Segment]:
    """Runs as styled segments; a link's number marker follows its last run.

    The marker starts with a no-break space, so wrapping keeps it beside the link's last word.
    """
    out: list[Segment] = []
    for n, run in enumerate(runs):
        key = style_key(
            base, run.bold, run.italic, run.code, run.strike, run.link is not None, run.mark
        )
        out.append((run.text, key, run.link))
        following = runs[n + 1].link if n + 1 < len(runs) else None
        if run.link is not None and following != run.link:
            out.append((f"{NBSP}[{run.link}]", "link-number", run.link))
    return out


def wrap(segments: list[Segment], width: int) -> list[list[Segment]]:
    """Fill lines of at most `width` cells word by word; a longer word is split.

    Words are found in the joined text and lines are cut from it as character ranges, then the
    segments are sliced to those ranges: a few operations per word, not per segment.
    """
    text = "".join(segment[0] for segment in segments)
    return _slice(segments, line_ranges(text, width))


def line_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """The character ranges of `text` that `wrap` makes its lines of (spaces at a break and
    newlines fall between them)."""
    one_cell = not _NOT_ONE_CELL.search(text)  # then a word's width is its length
    ranges: list[tuple[int, int]] = []
    start = end = -1  # the current line's range of `text`; -1 while it is empty
    used = 0
    for word in _WORDS.finditer(text):
        first, last = word.span()
        if text[first] == "\n":
            ranges.append((start, end) if start >= 0 else (first, first))
            start, used = -1, 0
            continue
        if one_cell:
            size = last - first
        else:
            piece = text[first:last]
            size = len(piece) if piece.isascii() else cell_len(piece)
        if start >= 0:
            if used + (first - end) + size <= width:  # the spaces between are one cell each
                end, used = last, used + (first - end) + size
                continue
            ranges.append((start, end))
            start = -1
        if size > width:
            *full, (start, end) = chop(text, first, last, width)
            ranges.extend(full)
            used = cell_len(text[start:end])
        else:
            start, end, used = first, last, size
    if start >= 0 or not ranges:
        ranges.append((start, end) if start >= 0 else (0, 0))
    return ranges


def chop(text: str, first: int, last: int, width: int) -> list[tuple[int, int]]:
    """The range first..last of `text` cut into pieces of at most `width` cells."""
    if not _NOT_ONE_CELL.search(text, first, last):  # one cell each: cut without a loop per cell
        step = max(width, 1)
        pieces = [(start, min(start + step, last)) for start in range(first, last, step)]
        return pieces or [(first, last)]
    pieces = []
    start, used = first, 0
    for index in range(first, last):
        size = get_character_cell_size(text[index])
        if used + size > width and used:
            pieces.append((start, index))
            start, used = index, 0
        used += size
    pieces.append((start, last))
    return pieces


def _slice(segments: list[Segment], ranges: list[tuple[int, int]]) -> list[list[Segment]]:
    """The parts of `segments` inside each range (ranges in order), merged where alike."""
    spans: list[tuple[int, int, str, str, int | None]] = []
    position = 0
    for text, key, link in segments:
        if text:
            spans.append((position, position + len(text), text, key, link))
            position += len(text)
    lines: list[list[Segment]] = []
    first_span = 0
    for start, end in ranges:
        while first_span < len(spans) and spans[first_span][1] <= start:
            first_span += 1
        line: list[Segment] = []
        index = first_span
        while index < len(spans) and spans[index][0] < end:
            s_start, _, text, key, link = spans[index]
            piece = text[max(start, s_start) - s_start : end - s_start]
            if key == "link-number":
                piece = piece.replace(NBSP, " ")
            if line and line[-1][1] == key and line[-1][2] == link:
                line[-1] = (line[-1][0] + piece, key, link)
            elif piece:
                line.append((piece, key, link))
            index += 1
        lines.append(line)
    return lines


def _code_lines(code: str, width: int) -> list[list[Segment]]:
    """Code as written, hard-wrapped at `width` and padded so its background is a block."""
    lines: list[list[Segment]] = []
    for source in code.split("\n"):
        for start, end in chop(source, 0, len(source), width):
            text = source[start:end]
            lines.append([(text + " " * (width - cell_len(text)), "code", None)])
    return lines
