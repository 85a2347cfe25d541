"""A table of articles drawn line by line: the library's list, cheap however long it grows.

DataTable renders every cell through Rich, which made showing the library cost about 90 ms for a
screenful of rows. This widget keeps rows as plain text runs, cuts them to their columns itself
and paints only the lines on screen (Textual's line API), so a screenful costs about a millisecond.
Rows may be taller than one line (search results: the title, then a snippet).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Run = tuple[str, str]  # text, and "" or the name of a component class to style it with
Cell = list[Run]


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    width: int
    right: bool = False


@dataclass(slots=True)
class Row:
    key: str
    lines: list[list[Cell]] = field(default_factory=list)  # lines of cells, one cell per column


def cut(runs: Cell, width: int, right: bool = False) -> list[tuple[str, str]]:
    """`runs` fitted to exactly `width` cells: cut with an ellipsis, or padded."""
    out: list[tuple[str, str]] = []
    used = 0
    for text, style in runs:
        size = cell_len(text)
        if used + size > width:
            room = width - used - 1
            if room > 0:
                out.append((set_cell_size(text, room), style))
            out.append(("…", style))
            return out
        out.append((text, style))
        used += size
    pad = (" " * (width - used), "")
    return [pad, *out] if right else [*out, pad]


class ArticleList(ScrollView, can_focus=True):
    """Rows of articles under a header, with a cursor; Enter or a click selects one."""

    COMPONENT_CLASSES = {
        "article-list--header",
        "article-list--cursor",
        "article-list--muted",
        "article-list--hit",
        "article-list--strong",
    }
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Read", show=False),
    ]

    class Highlighted(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Selected(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: list[Column] = []
        self.rows: list[Row] = []
        self.cursor = 0
        self._lines: list[tuple[int, int]] = []  # for each content line: (row, line in row)
        self._first_line: list[int] = []  # for each row: its first content line

    # Content -----------------------------------------------------------------------------------

    def set_columns(self, columns: list[Column]) -> None:
        self.columns = columns
        self.clear()

    def clear(self) -> None:
        self.rows = []
        self._lines = []
        self._first_line = []
        self.cursor = 0
        self._resize()
        self.scroll_to(y=0, animate=False)

    def add_rows(self, rows: list[Row]) -> None:
        for row in rows:
            self._first_line.append(len(self._lines))
            self._lines.extend((len(self.rows), n) for n in range(len(row.lines)))
            self.rows.append(row)
        self._resize()

    def replace_row(self, index: int, row: Row) -> None:
        """Row `index` drawn anew (its read mark changed): as tall as the one it replaces."""
        if not 0 <= index < len(self.rows) or len(row.lines) != len(self.rows[index].lines):
            raise ValueError(f"no row {index} of {len(row.lines)} lines to replace")
        self.rows[index] = row
        self.refresh()

    def _resize(self) -> None:
        width = sum(c.width for c in self.columns) + 2 * len(self.columns)
        self.virtual_size = Size(width, len(self._lines) + 1)  # + the header
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    # Painting ----------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True) if name else Style()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            header = [[(c.label, "")] for c in self.columns]
            style = base + self._style("article-list--header")
            return self._strip(header, style, width)
        line = int(self.scroll_offset.y) + y - 1
        if line >= len(self._lines):
            return Strip.blank(width, base)
        row, sub = self._lines[line]
        style = base + self._style("article-list--cursor") if row == self.cursor else base
        return self._strip(self.rows[row].lines[sub], style, width)

    def _strip(self, cells: list[Cell], style: Style, width: int) -> Strip:
        segments: list[Segment] = []
        for column, runs in zip(self.columns, cells, strict=False):
            segments.append(Segment(" ", style))
            for text, name in cut(runs, column.width, column.right):
                segments.append(Segment(text, style + self._style(name) if name else style))
            segments.append(Segment(" ", style))
        left = int(self.scroll_offset.x)
        return Strip(segments).crop_extend(left, left + width, style)

    # Cursor ------------------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        changed = row != self.cursor
        self.cursor = row
        self._show_lines(self._first_line[row], len(self.rows[row].lines))
        self.refresh()
        if changed:
            self.post_message(self.Highlighted(row))

    def _show_lines(self, first: int, height: int) -> None:
        """Scroll so content lines first..first+height are visible below the header."""
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if first < top:
            self.scroll_to(y=first, animate=False)
        elif first + height > top + visible:
            self.scroll_to(y=first + height - visible, animate=False)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor + step)

    def action_page(self, step: int) -> None:
        if not self.rows:
            return
        target = self._first_line[self.cursor] + step * max(1, self.size.height - 1)
        target = max(0, min(target, len(self._lines) - 1))
        self.move_cursor(self._lines[target][0])

    def action_jump(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self.rows[self.cursor].key))

    def on_click(self, event: events.Click) -> None:
        line = int(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and 0 <= line < len(self._lines):
            row = self._lines[line][0]
            if row == self.cursor and event.chain > 1:
                self.action_select()
            self.move_cursor(row)
