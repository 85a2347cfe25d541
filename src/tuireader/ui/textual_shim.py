"""Every use of Textual that is not its public API, in one place: checked against Textual 8.2.8.

Upgrading Textual (pinned exactly in pyproject.toml) means reading this module against the new
release first. What is here and why:

- `FooterKey` lives in the private module `textual.widgets._footer`; KeyFooter needs the class to
  make each key as compact as the footer before it mounts, and to fit whole keys to the width.
- `Footer._bindings_ready` says whether the footer has read the screen's bindings yet; KeyFooter
  skips a recompose whose keys did not change, which it can only judge once they have been read.
- `scrollbar_cells` draws a ScrollBar through its renderer class the way ScrollBar.render does,
  so that scroll_paint can repaint only the rows where the thumb moved.

Overrides of public methods that depend on how Textual calls them (not on private names) are
listed in docs/ARCHITECTURE.md: ArticleView's `refresh`, `watch_scroll_y` and `render_lines`.
"""

from __future__ import annotations

from math import ceil

from rich.segment import Segment
from textual.scrollbar import ScrollBar
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["FooterKey", "footer_bindings_ready", "scrollbar_cells"]


def footer_bindings_ready(footer: Footer) -> bool:
    """Whether `footer` has read the screen's bindings (before that it shows no keys)."""
    return bool(footer._bindings_ready)


def scrollbar_cells(bar: ScrollBar) -> list[Segment]:
    """What vertical `bar` draws at its position, a segment per row."""
    window = bar.window_size if bar.window_size < bar.window_virtual_size else 0
    drawn = bar.renderer.render_bar(
        size=bar.size.height,
        virtual_size=ceil(bar.window_virtual_size),
        window_size=ceil(window),
        position=bar.position,
        thickness=bar.thickness,
    )
    return drawn.segments
