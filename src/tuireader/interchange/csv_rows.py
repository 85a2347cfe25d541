"""CSV rows with their line numbers, a row the csv module refuses reported instead of raised.

The csv module's field limit (131,072 characters) stays as it is: no title or URL is that
long, so a row with such a field is skipped with its reason, and the rows after it are read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

# What a spreadsheet reads as a formula at the start of a cell: an export writes such a cell after
# a ' (write.py), and reading drops that ' again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class RowError(str):
    """Why the csv module refused a row."""


def csv_rows(text: str) -> Iterator[tuple[int, list[str] | RowError]]:
    """(line number where the row starts, its fields or why it was refused), in file order."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield line, RowError(_reason(exc))
            continue
        if any(field.strip() for field in row):
            yield line, row


def _reason(error: csv.Error) -> str:
    message = str(error)
    if "field limit" in message:
        return f"has a field longer than {csv.field_size_limit():,} characters"
    return f"is not readable CSV ({message})"


def header_index(header: list[str]) -> dict[str, int]:
    """Column positions by lower-cased, trimmed name (the first of a repeated name)."""
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        index.setdefault(name.strip().lower(), position)
    return index


def field(row: list[str], index: dict[str, int], name: str) -> str:
    """The row's value in column `name` ("" when it has none), a formula guard's ' dropped."""
    position = index.get(name)
    value = row[position] if position is not None and position < len(row) else ""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def csv_records(
    text: str, skip: Callable[[str, str], None]
) -> Iterator[tuple[str, list[str], dict[str, int]]]:
    """Each row after the header: (where it is, the row, the header's columns by name); a row
    that cannot be read is handed to `skip` with where it is and why."""
    header: dict[str, int] | None = None
    for line, row in csv_rows(text):
        where = f"line {line}"
        if isinstance(row, RowError):
            skip(where, row)
        elif header is None:
            header = header_index(row)
        else:
            yield where, row, header
