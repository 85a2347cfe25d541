"""The versions list (`V`): the copies of an article the cache keeps, the newest first.

One line a copy: its number, when it was fetched, when it was last read, its words and how many
paragraphs it changed from the copy before it. The newest is marked current, the copy on screen
with ▶; Enter opens one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content

from tuireader.formatting import human_time
from tuireader.models import Version
from tuireader.ui.screens.pick_list import PickListScreen

HEADING = "Copies of this article, times in UTC (Enter opens one, Escape closes)"


class Copy(NamedTuple):
    """A line of the list: `number` is what Reader.versions.open takes; `newest` the current."""

    number: int
    fetched_at: str
    read: str  # "current", "never read" or when
    words: int
    changed: int | None  # paragraphs changed from the copy before; None for the first kept
    newest: bool = False


def copies(versions: Sequence[Version], newest_fetched: str, newest_words: int) -> list[Copy]:
    """The newest copy (numbered after the last kept one) and the kept ones, newest first."""
    number = versions[-1].number + 1 if versions else 1
    changed = versions[-1].changed if versions else None
    rows = [Copy(number, newest_fetched, "current", newest_words, changed, newest=True)]
    for n in range(len(versions) - 1, -1, -1):
        kept = versions[n]
        read = f"read {human_time(kept.read_at, zone=False)[:10]}" if kept.read_at else "never read"
        before = versions[n - 1].changed if n else None
        rows.append(Copy(kept.number, kept.fetched_at, read, kept.word_count, before))
    return rows


def copy_lines(rows: Sequence[Copy], shown: int) -> list[Content]:
    """Each copy as a line of aligned columns; copy `shown` (its number) marked ▶."""
    cells = [
        (
            str(row.number),
            f"fetched {human_time(row.fetched_at, zone=False)}",
            row.read,
            f"{row.words:,} words",
            "" if row.changed is None else _changed(row.changed),
        )
        for row in rows
    ]
    widths = [max(len(line[n]) for line in cells) for n in range(4)]
    lines = []
    for row, line in zip(rows, cells, strict=True):
        marker = "▶ " if row.number == shown else "  "
        number = line[0].rjust(widths[0])
        middle = "  ".join(
            cell.ljust(width) for cell, width in zip(line[1:4], widths[1:], strict=True)
        )
        lines.append(Content(f"{marker}{number}  {middle}  {line[4]}".rstrip()))
    return lines


def _changed(count: int) -> str:
    return f"{count} paragraph{'' if count == 1 else 's'} changed"


class VersionsScreen(PickListScreen):
    """Dismisses with the index of the chosen copy in `rows`, or None."""

    def __init__(self, rows: Sequence[Copy], shown: int) -> None:
        current = next((n for n, row in enumerate(rows) if row.number == shown), 0)
        super().__init__(HEADING, copy_lines(rows, shown), current)
