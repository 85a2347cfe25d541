"""Instapaper's CSV export: `URL,Title,Selection,Folder,Timestamp` (later exports add `Tags`).

Folder is "Unread", "Archive", "Starred" or the name of one of the reader's folders, which
becomes a tag (the item stays unread). "Starred" gives a starred item that stays unread: the
export does not say whether it was archived too. Timestamp is seconds since 1970; Tags a JSON
list of names. The Selection (text selected when saving) is kept as a highlight.
"""

from __future__ import annotations

import json

from tuireader.interchange.csv_rows import csv_records, field
from tuireader.interchange.fields import Collected, epoch_date, highlight, saved_item
from tuireader.interchange.model import State

MAX_TAGS_JSON = 100_000  # characters of a Tags cell parsed as JSON


def read_instapaper_csv(text: str, found: Collected) -> None:
    for where, row, header in csv_records(text, found.skip):
        folder = " ".join(field(row, header, "folder").split())
        state: State = "archived" if folder.lower() == "archive" else "unread"
        starred = folder.lower() == "starred"
        folder_tag = [] if folder.lower() in ("unread", "archive", "starred", "") else [folder]
        with found.row(where):
            found.add(
                saved_item(
                    field(row, header, "url"),
                    where=where,
                    title_text=field(row, header, "title"),
                    state=state,
                    starred=starred,
                    tag_values=[*folder_tag, *_json_tags(field(row, header, "tags"))],
                    added_at=epoch_date(field(row, header, "timestamp")),
                    highlights=[highlight(field(row, header, "selection"))],
                )
            )


def _json_tags(cell: str) -> list[object]:
    """The Tags cell: a JSON list of names (or of objects with a name); else its text."""
    text = cell.strip()
    if not text or len(text) > MAX_TAGS_JSON:
        return []
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return [text]
    if not isinstance(value, list):
        return []
    names: list[object] = []
    for tag in value:
        names.append(tag.get("name") if isinstance(tag, dict) else tag)
    return names
