"""Tables as aligned columns, each cell wrapped inside its column; too many columns for the width
and each row reads as one wrapped line of cells instead.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len

from tuireader.body.model import Cell, Run

Segment = tuple[str, str, int | None]
Wrap = Callable[[list[Run], int], list[list[Segment]]]
GAP = "  "
MIN_COLUMN = 3
UNWRAPPED = 1 << 20


def table_lines(rows: list[list[Cell]], width: int, wrap: Wrap) -> list[list[Segment]]:
    """The table's lines at `width`: the header row in bold, a rule under it, then the rows."""
    if not rows:
        return [[]]
    count = max(len(row) for row in rows)
    rows = [row + [[]] * (count - len(row)) for row in rows]
    room = width - len(GAP) * (count - 1)
    if room < MIN_COLUMN * count:
        return _as_lines(rows, width, wrap)
    natural = [max(max(1, _width(wrap(row[c], UNWRAPPED))) for row in rows) for c in range(count)]
    widths = _fit(natural, room)
    lines: list[list[Segment]] = []
    for number, row in enumerate(rows):
        lines.extend(_row(row, widths, wrap, header=number == 0 and len(rows) > 1))
        if number == 0 and len(rows) > 1:
            lines.append([("─" * (sum(widths) + len(GAP) * (count - 1)), "rule", None)])
    return lines


def _width(lines: list[list[Segment]]) -> int:
    return max((sum(cell_len(text) for text, _, _ in line) for line in lines), default=0)


def _fit(natural: list[int], room: int) -> list[int]:
    """Column widths: the natural ones, the widest cut down to a common cap until they fit."""
    if sum(natural) <= room:
        return natural
    low, high = MIN_COLUMN, max(natural)
    while low < high:  # the largest cap that fits
        cap = (low + high + 1) // 2
        if sum(min(w, cap) for w in natural) <= room:
            low = cap
        else:
            high = cap - 1
    return [min(w, low) for w in natural]


def _row(row: list[Cell], widths: list[int], wrap: Wrap, header: bool) -> list[list[Segment]]:
    cells = [wrap(cell, width) for cell, width in zip(row, widths, strict=True)]
    height = max(len(cell) for cell in cells)
    lines: list[list[Segment]] = []
    for y in range(height):
        line: list[Segment] = []
        for n, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if n:
                line.append((GAP, "", None))
            part = cell[y] if y < len(cell) else []
            if header:
                part = [(text, _bold(key), link) for text, key, link in part]
            line.extend(part)
            pad = width - sum(cell_len(text) for text, _, _ in part)
            if pad > 0:
                line.append((" " * pad, "", None))
        lines.append(line)
    return lines


def _bold(key: str) -> str:
    if key in ("link-number", "rule"):
        return key
    return f"{key}+bold" if key else "bold"


def _as_lines(rows: list[list[Cell]], width: int, wrap: Wrap) -> list[list[Segment]]:
    """Each row as one wrapped line, its cells separated by " · "."""
    lines: list[list[Segment]] = []
    for row in rows:
        runs: list[Run] = []
        for n, cell in enumerate(row):
            if n:
                runs.append(Run(" · "))
            runs.extend(cell)
        lines.extend(wrap(runs, width))
    return lines
