"""A plain list of URLs: one a line; blank lines and lines starting with "#" are ignored.

A line is taken whole (trimmed): "https://a.example/x some words" is not a URL, and is
skipped with its reason rather than guessed at.
"""

from __future__ import annotations

from tuireader.interchange.fields import Collected, saved_item

MAX_LINE = 70_000  # longer than any URL tuireader fetches (urls.MAX_URL_LENGTH)


def read_url_list(text: str, found: Collected) -> None:
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"line {number}"
        if len(line) > MAX_LINE:
            found.skip(where, f"is longer than {MAX_LINE:,} characters")
            continue
        with found.row(where):
            found.add(saved_item(line, where=where))
