"""The article drawn line by line: numbered links, find highlights, positions kept by paragraph.

Textual's Markdown widget mounts a widget per block, which is slow for long articles, and cannot
number links or highlight matches. This view paints a precomputed layout (tuireader.ui.layout) with
the line API, so only the lines on screen cost anything; layouts are kept per width.

The view is the widget: layout, scrolling, painting, messages. Its parts keep the rest: the
pictures (body_pictures.py: the room reserved, the pixels and ready lines, which are wanted),
find (body_find.py), the highlights and the selection (body_marks.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Self

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tuireader.body.model import Block, BodyLink, Document
from tuireader.body.quotes import Place
from tuireader.models import CacheState, Reading
from tuireader.reading.no_article import verdict
from tuireader.ui.layout.document import article_document, card_document, message_document
from tuireader.ui.layout.pictures import PicturePlace
from tuireader.ui.layout.wrap import MAX_WIDTH, Layout, Match, layout_document
from tuireader.ui.messages import FollowLink
from tuireader.ui.widgets.body_find import BodyFind
from tuireader.ui.widgets.body_marks import BodyMarks, dragged_place, line_step
from tuireader.ui.widgets.body_paint import BodyStyles, paint_text
from tuireader.ui.widgets.body_pictures import BodyPictures, picture_at, pictures_on_screen
from tuireader.ui.widgets.scroll_paint import PaintedRows, move_thumb, row_context
from tuireader.urls import is_followable

if TYPE_CHECKING:
    from rich.color import Color
    from textual.selection import Selection

    from tuireader.models import Picture
    from tuireader.pictures.pixels import Pixels
    from tuireader.ui.layout.half_blocks import ReadyLines

_LAYOUTS_KEPT = 4
_STRIPS_KEPT = 2000
_ROWS_KEPT = 400  # finished rows, those near the view: a row of a picture holds a Style a cell


class ArticleView(ScrollView, can_focus=True):
    """A Reading (or a message before one) at a readable width, centered in the pane."""

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--byline",
        "article-view--caption",
        "article-view--heading",
        "article-view--link",
        "article-view--link-number",
        "article-view--quote",
        "article-view--code",
        "article-view--muted",
        "article-view--match",
        "article-view--match-current",
        "article-view--added",
        "article-view--removed",
        "article-view--highlight",
        "article-view--highlight-note",
        "article-view--note-mark",
        "article-view--selection",
    }
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    max_width: reactive[int] = reactive(MAX_WIDTH, init=False)
    """The widest the text column gets, however wide the pane."""

    class PictureChosen(Message):
        """A picture of the body (or its alt line) was clicked: `src` is its URL."""

        def __init__(self, src: str) -> None:
            super().__init__()
            self.src = src

    class PicturesNeeded(Message):
        """The layout has pictures drawn with no pixels yet: `pictures_wanted()` says which."""

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, max_width: int = MAX_WIDTH
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(ArticleView.max_width, max_width)
        self.document = Document()
        self.card_keys: dict[str, str] = {}  # the no-article card's remedies: binding id -> key
        self.page_text_shown = False  # the card shows all of the page's text
        self._layouts: dict[tuple[int, int], Layout] = {}  # by pane width and height
        self._layout: Layout | None = None
        self._layout_width = 0  # the pane width `_layout` was made for
        self._pending_block: int | None = None  # asked for before the first layout
        self._find = BodyFind()
        self._marks = BodyMarks()  # highlights and the selection
        self._styles = BodyStyles(self)
        self._strips: dict[int, Strip] = {}  # by line: the text column
        self._rows = PaintedRows(_ROWS_KEPT)  # by line: whole rows, as drawn
        self._pictures = BodyPictures()

    # Content -----------------------------------------------------------------------------------

    async def show(self, reading: Reading, *, page_text: bool = False) -> None:
        """Show `reading` from its top; messages from say() stop showing from now on.

        A page with no article shows the card that says why (and `page_text`: all its text).
        """
        self.add_class("-showing")
        found = verdict(reading)
        self.page_text_shown = page_text and found is not None
        if found is not None:
            document = card_document(
                reading.article, found, keys=self.card_keys, page_text=page_text
            )
        else:
            from_feed = reading.state is CacheState.FEED
            document = article_document(
                reading.article, reading.page.final_url, from_feed=from_feed
            )
        self._pictures.set(reading.pictures)
        self.show_document(document)

    def say(self, text: str) -> None:
        """Before any article: say what is happening (opening a URL, why it failed)."""
        if not self.has_class("-showing"):
            self.show_document(message_document(text))

    # Pictures ----------------------------------------------------------------------------------

    @property
    def draw_pictures(self) -> bool:
        """Whether pictures are drawn (else each is its alt line)."""
        return self._pictures.draw

    def set_picture_options(self, *, draw: bool, image_height: int | None = None) -> None:
        """Draw pictures or not, at most `image_height` percent of the pane high; the paragraph
        at the top stays there."""
        pictures = self._pictures
        height = pictures.image_height if image_height is None else image_height
        if (draw, height) == (pictures.draw, pictures.image_height):
            return
        pictures.draw, pictures.image_height = draw, height
        self._layouts.clear()
        self._relayout(keep_position=True)

    def update_pictures(self, pictures: Iterable[Picture]) -> None:
        """What the cache now holds of the article's pictures: laid out again, the paragraph at
        the top staying there."""
        self._pictures.set(pictures)
        self._layouts.clear()
        self._relayout(keep_position=True)

    def pictures_wanted(self) -> list[PicturePlace]:
        """The pictures of the layout with no pixels yet, the nearest to the view first."""
        return self._pictures.wanted(self._layout, round(self.scroll_y))

    def lines_wanted(self) -> list[PicturePlace]:
        """The pictures near the view (a screen above it, three below) whose lines are not
        ready, the nearest first; they count as asked for until answered."""
        return self._pictures.lines_wanted(self._layout, *self._window())

    def picture_pixels(self, place: PicturePlace) -> Pixels | None:
        """The pixels kept for `place`, if decoded."""
        return self._pictures.pixels(place)

    @property
    def picture_background(self) -> Color | None:
        """What shows below the last row of a picture an odd number of pixels high."""
        return self.rich_style.bgcolor

    def picture_decoded(
        self, place: PicturePlace, pixels: Pixels, lines: ReadyLines | None = None
    ) -> None:
        """The pixels of the picture at `place` (and its lines, if made ready): only its rows
        are painted again."""
        pictures, layout = self._pictures, self._layout
        new = pictures.add(place, pixels)
        if lines is not None:
            pictures.lines_arrived(place, lines, pictures.near(layout, *self._window()))
        if not new or layout is None:
            return
        for first, shown in layout.pictures:
            if shown == place:
                self._rows.forget(range(first, first + place.rows))
                self.refresh_lines(first, place.rows)

    def picture_failed(self, src: str) -> None:
        """The picture at `src` could not be decoded after all: its alt line instead."""
        if self._pictures.fail(src):
            self._layouts.clear()
            self._relayout(keep_position=True)

    def pictures_on_screen(self) -> list[str]:
        """The URLs of the pictures (drawn or as alt lines) in view, top first."""
        return pictures_on_screen(self._layout, self.document.blocks, *self._window())

    def _window(self) -> tuple[int, int]:
        """The first line in view and how many show."""
        return round(self.scroll_y), self.scrollable_content_region.height

    def _ask_for_lines(self) -> None:
        """Scrolled: ask for the lines of pictures that came near, once each."""
        if self._pictures.lines_needed(self._layout, *self._window()):
            self.post_message(self.PicturesNeeded())

    def show_document(self, document: Document) -> None:
        self.document = document
        self._layouts.clear()
        self._layout = None
        self._find.clear()
        self._marks.clear()
        self._relayout()
        self.scroll_to(0, 0, animate=False, immediate=True)  # a deferred one would undo a jump

    @property
    def text_layout(self) -> Layout | None:
        """The lines at the current width (None until the view has a size)."""
        return self._layout

    @property
    def links(self) -> dict[int, BodyLink]:
        return self.document.links

    @property
    def headings(self) -> list[tuple[int, str, int]]:
        """(level, text, block) of each heading in the body, for a table of contents."""
        return [
            (block.level, block.text, n)
            for n, block in enumerate(self.document.blocks)
            if block.kind == "heading"
        ]

    def plain_text(self) -> str:
        return self.document.plain_text()

    def find_block(self, opening: str, near: int = 0) -> int | None:
        """The block whose text starts with `opening`, the nearest to `near` if several."""
        if not opening:
            return None
        found = [n for n, b in enumerate(self.document.blocks) if b.text.startswith(opening)]
        return min(found, key=lambda n: abs(n - near)) if found else None

    def current_paragraph(self) -> str:
        """The plain text of the block at the top of the view (for quoting it)."""
        blocks = self.document.blocks
        return blocks[self.top_block()].text if blocks else ""

    # Layout ------------------------------------------------------------------------------------

    def watch_max_width(self) -> None:
        self._layouts.clear()
        self._relayout(keep_position=True)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout(keep_position=True)

    def _relayout(self, keep_position: bool = False) -> None:
        """Wrap for the current width (kept per width), holding the paragraph at the top."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        anchor = self._anchor() if keep_position else None
        room = self._pictures.room(self.scrollable_content_region.height)
        key = (width, room.max_rows if room.draw and room.sizes else 0)
        layout = self._layouts.get(key)
        if layout is None:
            if len(self._layouts) >= _LAYOUTS_KEPT:
                self._layouts.clear()
            layout = self._layouts[key] = layout_document(
                self.document, width, self.max_width, room
            )
        self._layout, self._layout_width = layout, width
        self._forget_painted()
        self.virtual_size = Size(width, len(layout.lines))
        self._find.again(layout)
        self._repaint()
        self._mark_passages()
        if self._pending_block is not None:
            anchor, self._pending_block = (self._pending_block, 0), None
        if anchor is not None:
            block, delta = anchor
            first = layout.line_of_block(block)
            following = (
                layout.line_of_block(block + 1)
                if block + 1 < len(layout.first_lines)
                else len(layout.lines)
            )
            self.scroll_to(y=max(0, first + min(delta, following - first - 1)), animate=False)
        self.refresh()
        if not self._pictures.all_decoded(layout):
            self.post_message(self.PicturesNeeded())
        else:
            self._ask_for_lines()

    def _anchor(self) -> tuple[int, int] | None:
        """The block at the top of the view and how many lines into it (-1: the gap above)."""
        layout = self._layout
        if layout is None:
            return None
        top = round(self.scroll_y)
        block = layout.block_at_line(top)
        return block, top - layout.line_of_block(block)

    def scroll_to_block(self, block: int) -> None:
        """Scroll so the block (index in `document.blocks`) starts at the top."""
        if self._layout is None:
            self._pending_block = block
            return
        # force: the scrollbars of a just-replaced document are only worked out at the next
        # layout, and until then Textual would refuse to scroll.
        y = self._layout.line_of_block(block)
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def top_block(self) -> int:
        """The block at the top of the view: a position that survives a change of width."""
        if self._layout is None:
            return self._pending_block or 0
        return self._layout.block_at_line(round(self.scroll_y))

    # Find --------------------------------------------------------------------------------------

    def set_find(self, query: str) -> int:
        """Highlight every match of `query` (smart case); returns how many there are."""
        count = self._find.search(self._layout, query)
        self._repaint()
        return count

    def find_next(self, step: int = 1) -> tuple[int, int]:
        """Make the next (or previous) match current and scroll to it: (its index, count).

        The first step goes to the first match from the top of the view (backwards: the last
        one above it), later ones go round the article. (-1, 0) when nothing matches.
        """
        found = self._find
        current = found.step(round(self.scroll_y), step)
        if current is None:
            return -1, 0
        self._repaint()
        line = found.matches[current][0]
        height = self.scrollable_content_region.height
        if not self.scroll_y <= line < self.scroll_y + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False)
        return current, len(found.matches)

    def clear_find(self) -> None:
        self.set_find("")

    @property
    def find_query(self) -> str:
        return self._find.query

    # Highlights and the selection --------------------------------------------------------------

    @property
    def body_start(self) -> int | None:
        """Where the article's body starts among the document's blocks (None: no body shown)."""
        return self.document.body_start

    def body_blocks(self) -> list[Block]:
        """The article's body blocks: what highlights are kept against (body.quotes)."""
        start = self.document.body_start
        return [] if start is None else self.document.blocks[start : self.document.body_end]

    def line_step(self, block: int, offset: int, step: int) -> tuple[int, int] | None:
        """The end of the text line `step` lines below (above, if negative) the one that
        `offset` of body block `block` ends on: (body block, offset), or None past the body."""
        return line_step(self._layout, self.document, block, offset, step)

    def scroll_to_passage(self, place: Place) -> None:
        """Scroll so the passage's first line stands near the top, a line or two below it."""
        cells = self._cells(place)
        if cells:
            self.scroll_to(y=max(0, cells[0][0] - 2), animate=False)

    def set_highlights(self, passages: Sequence[tuple[Place, bool]]) -> None:
        """Draw these passages (places in the body's blocks), each with its note's mark if True."""
        self._marks.set_passages(passages, self.body_start)
        self._mark_passages()

    def set_selection(self, place: Place | None) -> None:
        """Draw `place` (in the body's blocks) as selected and scroll its end into view."""
        self._marks.selection = place
        self._mark_passages()
        if place is None or self._layout is None:
            return
        lines = [line for line, _, _ in self._cells(place)]
        if not lines:
            return
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        if lines[-1] >= top + height:
            self.scroll_to(y=max(min(lines), lines[-1] - height + 2), animate=False)
        elif lines[0] < top:
            self.scroll_to(y=lines[0], animate=False)

    def _cells(self, place: Place) -> list[Match]:
        return self._marks.cells(self._layout, self.document, place)

    def _mark_passages(self) -> None:
        if self._marks.reset(self._layout, self.document):
            self._repaint()

    # A mouse drag ------------------------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text a mouse drag covers, as drawn (for Textual's copy of a selection)."""
        layout = self._layout
        if layout is None:
            return None
        margin = " " * layout.offset
        return selection.extract("\n".join(margin + line.text for line in layout.lines)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        """Textual's text selection moved (a drag): drawn as the passage it covers."""
        self._marks.dragged = dragged_place(self._layout, self.document, selection)
        self._mark_passages()

    @property
    def dragged(self) -> Place | None:
        """The passage of the body a mouse drag covers now, whole words; None without one."""
        return self._marks.dragged

    # Painting ----------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._forget_painted()

    def _forget_painted(self) -> None:
        self._strips.clear()
        self._rows.clear()

    def _repaint(self) -> None:
        """What is drawn changed (find, highlights): every line painted again."""
        self._forget_painted()
        self.refresh()

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """As Widget.refresh; a refresh of the whole widget also repaints every row."""
        if not regions:
            self._rows.clear()
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """As ScrollView's, but the scrollbar repaints only when its thumb moves on screen."""
        if self.show_vertical_scrollbar:
            move_thumb(self.vertical_scrollbar, new_value)
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)
            self._ask_for_lines()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Rows painted at an earlier scroll position are reused: a scroll step paints few."""
        width, height = self.region.size
        if crop.column_span != (0, width):
            return super().render_lines(crop)
        gutter = self.styles.gutter
        return self._rows.render(
            crop,
            row_context(self),
            range(gutter.top, height - gutter.bottom),
            round(self.scroll_y) - gutter.top,
            super().render_lines,
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        layout = self._layout
        if layout is not None and width != self._layout_width:
            self.call_later(self._relayout, True)  # a scrollbar came or went: no resize event
        if layout is None or index >= len(layout.lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            highlights = self._find.line(index)
            marks, note = self._marks.line(layout, self.document, index)
            strip = self.paint_line(layout, index, width, highlights, marks, note)
            if layout.lines[index].picture is None:  # a picture's line is made again from pixels
                # where a mouse drag is, in the text; alike runs merged first, so the offsets
                # split no run of one style (a line draws as it did without them)
                strip = Strip(Segment.simplify(strip), strip.cell_length).apply_offsets(0, index)
                if len(self._strips) >= _STRIPS_KEPT:
                    self._strips.clear()
                self._strips[index] = strip
        return strip

    def paint_line(
        self,
        layout: Layout,
        index: int,
        width: int,
        highlights: Iterable[tuple[int, int, bool]] = (),
        marks: Iterable[tuple[int, int, str]] = (),
        note: bool = False,
    ) -> Strip:
        """Line `index` of `layout` as `width` cells in this view's styles: `marks` (highlights,
        the selection: cells and style key) drawn under the find `highlights`; `note` puts the
        note mark in the margin left of the text, if there is one.

        Public so a layout made for any width can be painted the way the view paints its own.
        """
        base = self.rich_style
        line = layout.lines[index]
        if line.picture is not None:
            return self._pictures.row(layout, line.picture, width, base)
        return paint_text(line, layout.offset, width, base, self._styles, highlights, marks, note)

    # Mouse -------------------------------------------------------------------------------------

    def link_at(self, line: int, column: int) -> str | None:
        """The URL of the link drawn at (line, column) of the content, if any."""
        layout = self._layout
        if layout is None or not 0 <= line < len(layout.lines):
            return None
        x = column - layout.offset
        for text, _, link in layout.lines[line].segments:
            size = cell_len(text)
            if 0 <= x < size:
                return None if link is None else layout.links[link].url
            x -= size
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = round(self.scroll_y) + offset.y
        url = self.link_at(line, round(self.scroll_x) + offset.x)
        if url is not None and is_followable(url):
            event.stop()
            self.post_message(FollowLink(url))
        elif (src := self.picture_at(line)) is not None:
            event.stop()
            self.post_message(self.PictureChosen(src))

    def picture_at(self, line: int) -> str | None:
        """The URL of the picture drawn (or named by its alt line) at `line` of the content."""
        return picture_at(self._layout, self.document.blocks, line)
