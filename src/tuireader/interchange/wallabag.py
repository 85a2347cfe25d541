"""Wallabag's JSON export: a list of entries, as its API serializes them (group export_all).

Each entry: url, title, content (the article's HTML), is_archived and is_starred (0/1 or
booleans), tags (a list of labels; older exports: objects with a "label"), created_at
(ISO 8601, e.g. "2024-01-01T10:00:00+0000"), annotations (quote, text, created_at,
updated_at; their ranges are not needed to find a passage again), and
fields tuireader does not keep (id, mimetype, language, reading_time, preview_picture, ...).
tuireader's own export adds `content_markdown` when it has the article as Markdown.
"""

from __future__ import annotations

import json

from tuireader.interchange.fields import Collected, highlight, iso_date, saved_item
from tuireader.interchange.model import BadImport, Highlight


def read_wallabag_json(text: str, found: Collected) -> None:
    try:
        entries = json.loads(text)
    except RecursionError:
        raise BadImport("not a readable Wallabag export (its JSON is nested too deeply)") from None
    except ValueError as exc:
        raise BadImport(f"not a readable Wallabag export (JSON: {exc})") from None
    if isinstance(entries, dict) and isinstance(entries.get("entries"), list):
        entries = entries["entries"]
    if not isinstance(entries, list):
        raise BadImport("not a Wallabag export (its JSON is not a list of entries)")
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        if not isinstance(entry, dict):
            found.skip(where, "is not an object")
            continue
        with found.row(where):
            found.add(
                saved_item(
                    entry.get("url"),
                    where=where,
                    title_text=entry.get("title"),
                    state="archived" if _true(entry.get("is_archived")) else "unread",
                    starred=_true(entry.get("is_starred")),
                    tag_values=_labels(entry.get("tags")),
                    added_at=iso_date(entry.get("created_at")),
                    content_html=entry.get("content"),
                    content_markdown=entry.get("content_markdown"),
                    highlights=_annotations(entry.get("annotations")),
                )
            )


def _true(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true")
    return value is True or (isinstance(value, int | float) and value == 1)


def _labels(value: object) -> list[object]:
    if not isinstance(value, list):
        return []
    return [tag.get("label") if isinstance(tag, dict) else tag for tag in value]


def _annotations(value: object) -> list[Highlight | None]:
    if not isinstance(value, list):
        return []
    return [
        highlight(
            note.get("quote"), note.get("text"), note.get("created_at"), note.get("updated_at")
        )
        for note in value
        if isinstance(note, dict)
    ]
