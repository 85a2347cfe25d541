"""What a scroll step repaints: only rows not painted before, and the scrollbar only if it moves.

Textual repaints a scrolled line-API widget whole: every row goes through its styles pipeline
(padding, border, line filters), and the scrollbar re-renders on every change of position, a
fraction of a cell included: paging through a long article, that was most of each animation
frame's time. `PaintedRows` keeps rows as that pipeline left them, by line of the document, so
a row scrolled up by one is reused; `move_thumb` repaints only the scrollbar's rows that change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tuireader.ui.textual_shim import scrollbar_cells

RenderRows = Callable[[Region], list[Strip]]


class PaintedRows:
    """Finished rows (border, padding and filters included) of a widget, by document line.

    Valid while `context` (whatever else a row's look depends on) stays the same; the widget
    calls `clear` when its lines change.
    """

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._rows: dict[int, Strip] = {}
        self._context: Hashable = None

    def clear(self) -> None:
        self._rows.clear()

    def _keep_near(self, first_line: int) -> None:
        """Keep only the rows within half the limit of `first_line`: the ones a scroll reuses."""
        near = self._kept // 2
        for line in [line for line in self._rows if abs(line - first_line) >= near]:
            del self._rows[line]

    def forget(self, lines: range) -> None:
        """Paint these document lines again when next shown (their content changed)."""
        for line in lines:
            self._rows.pop(line, None)

    def render(
        self,
        crop: Region,
        context: Hashable,
        content_rows: range,
        first_line: int,
        render_rows: RenderRows,
    ) -> list[Strip]:
        """The rows in `crop`: kept ones where row y shows line `first_line + y`, else painted.

        `content_rows` are the rows that show document lines (not border or padding);
        `render_rows` paints rows the usual way, for a region of whole rows.
        """
        if context != self._context:
            self._rows.clear()
            self._context = context
        rows = self._rows
        found: list[Strip | None] = [
            rows.get(first_line + y) if y in content_rows else None for y in crop.line_range
        ]
        start = 0
        while start < len(found):
            if found[start] is not None:
                start += 1
                continue
            end = start
            while end < len(found) and found[end] is None:
                end += 1
            painted = render_rows(Region(crop.x, crop.y + start, crop.width, end - start))
            found[start:end] = painted
            if len(rows) + len(painted) > self._kept:
                self._keep_near(first_line)
            for y, strip in enumerate(painted, crop.y + start):
                if y in content_rows:
                    rows[first_line + y] = strip
            start = end
        return [strip for strip in found if strip is not None]


def row_context(view: ScrollView) -> Hashable:
    """What a finished row of `view` looks like besides its line: its size and styles."""
    styles = view.styles
    return (
        view.region.size,
        view.scrollable_content_region.width,
        view.background_colors,
        styles.border,
        styles.outline,
        styles.padding,
        styles.tint,
        styles.text_opacity,
        styles.hatch,
        view.opacity,
        tuple(view.get_line_filters()),
    )


def move_thumb(bar: ScrollBar, position: float) -> None:
    """Set vertical `bar`'s position (as assigning it would), repainting only rows that change."""
    before = scrollbar_cells(bar)
    bar.set_reactive(ScrollBar.position, bar.validate_position(position))
    after = scrollbar_cells(bar)
    if len(after) != len(before):  # the bar's window is not the document's yet (it just grew)
        bar.refresh()
        return
    changed = [y for y, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    if changed:
        bar.refresh(Region(0, changed[0], bar.size.width, changed[-1] - changed[0] + 1))
