"""A line of text of the article view's layout as cells in the view's styles.

The layout's style keys ("heading", "link+bold", "match") become Rich styles from the view's
component classes (`article-view--NAME`), kept until its styles change; the marks (highlights,
the selection, find matches) are drawn over the text, and a note's mark in the margin.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.widget import Widget

    from tuireader.ui.layout.wrap import Line

_ATTRIBUTES = {
    "bold": Style(bold=True),
    "italic": Style(italic=True),
    "strike": Style(strike=True),
}
_COMPONENTS = {"gutter": "quote", "marker": "muted", "rule": "muted"}  # decoration -> class
# Marks the theme draws as a background only: with NO_COLOR there is none, so they are reversed.
_BACKGROUND_MARKS = frozenset({"match", "highlight", "highlight-note", "selection"})
NOTE_MARK = "✎"  # left of a highlight with a note, where the pane has a margin


class BodyStyles:
    """The style of each layout style key over the view's own; `clear` when its styles change."""

    def __init__(self, view: Widget) -> None:
        self._view = view
        self._styles: dict[str, Style] = {}

    def clear(self) -> None:
        self._styles.clear()

    def get(self, key: str) -> Style:
        """The style for a layout style key such as "heading" or "link+bold", over the base."""
        style = self._styles.get(key)
        if style is None:
            style = self._view.rich_style
            for name in key.split("+") if key else ():
                extra = _ATTRIBUTES.get(name)
                style += self._component(name) if extra is None else extra
                if name in _BACKGROUND_MARKS and self._view.app.no_color:
                    style += Style(reverse=True)
            self._styles[key] = style
        return style

    def _component(self, name: str) -> Style:
        """What the component class sets, with its colours blended as the full style has them.

        A partial style alone would drop the blending of translucent colours ($text-muted).
        """
        component = f"article-view--{_COMPONENTS.get(name, name)}"
        partial = self._view.get_component_rich_style(component, partial=True)
        full = self._view.get_component_rich_style(component)
        return partial + Style(
            color=full.color if partial.color else None,
            bgcolor=full.bgcolor if partial.bgcolor else None,
        )


def paint_text(
    line: Line,
    offset: int,
    width: int,
    base: Style,
    styles: BodyStyles,
    highlights: Iterable[tuple[int, int, bool]],
    marks: Iterable[tuple[int, int, str]],
    note: bool,
) -> Strip:
    """`line` as `width` cells, its text `offset` cells in: `marks` (cells and style key) drawn
    under the find `highlights`; `note` puts the note mark in the margin, if there is one."""
    style = styles.get
    if note and offset >= 2:
        segments = [
            Segment(" " * (offset - 2), base),
            Segment(NOTE_MARK, style("note-mark")),
        ]
        segments.append(Segment(" ", base))
    else:
        segments = [Segment(" " * offset, base)] if offset else []
    segments.extend(Segment(text, style(key)) for text, key, _ in line.segments)
    strip = Strip(segments)
    painted = [(start, end, key) for start, end, key in marks]
    painted += [
        (start, end, "match-current" if current else "match") for start, end, current in highlights
    ]
    for start, end, key in painted:
        end = min(end, strip.cell_length - offset)
        if end <= start:
            continue
        left, middle, right = strip.divide([offset + start, offset + end, strip.cell_length])
        middle = Strip(Segment.apply_style(middle, post_style=style(key)), middle.cell_length)
        strip = Strip.join([left, middle, right])
    return strip.crop_extend(0, width, base)
