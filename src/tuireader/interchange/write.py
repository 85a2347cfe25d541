"""The reading list out, in formats other tools read: nobody is locked in.

- "wallabag-json": Wallabag's export (url, title, is_archived, is_starred, tags, created_at,
  content, mimetype, annotations), which Wallabag imports; tuireader adds `content_markdown`
  (ignored by Wallabag) when it holds an article as Markdown.
- "netscape-html": a browser bookmark file. Two folders, "Unread" and "Archive", hold the
  items by state; their H3 carries TUIREADER_STATE so tuireader reads them back as states,
  not tags. Tags are Firefox's TAGS attribute; a starred item has TUIREADER_STARRED="true"
  (browsers have no star: they ignore it). ADD_DATE is seconds since 1970.
- "csv": Pocket's CSV columns (title,url,time_added,tags,status; tags joined by "|"; status
  unread or archive) plus a `starred` column (1 or 0), which Pocket's readers ignore. A title
  or tags that a spreadsheet would run as a formula (starting with = + - @, a tab or a CR) is
  written after a ' (OWASP's rule against CSV injection); reading the file back drops it.

Reading any of these back with read_import gives the same items (the fields the format
carries: the bookmark file and the CSV carry no content or highlights).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable
from datetime import datetime

from tuireader.interchange.csv_rows import FORMULA_START
from tuireader.interchange.model import BadImport, Highlight, SavedItem

EXPORT_FORMATS = ("wallabag-json", "netscape-html", "csv")
CSV_COLUMNS = ("title", "url", "time_added", "tags", "status", "starred")


def write_export(items: Iterable[SavedItem], format: str) -> str:
    """`items` as an export file in `format` (one of EXPORT_FORMATS). Raises BadImport."""
    if format == "wallabag-json":
        return _wallabag(items)
    if format == "netscape-html":
        return _netscape(items)
    if format == "csv":
        return _csv(items)
    raise BadImport(f"unknown export format {format[:40]!r} (one of: {', '.join(EXPORT_FORMATS)})")


def _wallabag(items: Iterable[SavedItem]) -> str:
    entries = []
    for item in items:
        entry: dict[str, object] = {
            "title": item.title,
            "url": item.url,
            "is_archived": int(item.state == "archived"),
            "is_starred": int(item.starred),
            "tags": list(item.tags),
            "created_at": item.added_at or None,
            "content": item.content_html,
            "mimetype": "text/html",
            "annotations": [_annotation(h) for h in item.highlights],
        }
        if item.content_markdown:
            entry["content_markdown"] = item.content_markdown
        entries.append(entry)
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


def _annotation(highlight: Highlight) -> dict[str, object]:
    """A highlight as a Wallabag annotation (the Annotator format): text is the note."""
    return {
        "annotator_schema_version": "v1.0",
        "text": highlight.note,
        "quote": highlight.quote,
        "created_at": highlight.created or None,
        "updated_at": highlight.updated or None,
        "ranges": [
            {
                "start": found.start,
                "startOffset": found.start_offset,
                "end": found.end,
                "endOffset": found.end_offset,
            }
            for found in highlight.ranges
        ],
    }


def _epoch(added_at: str) -> str:
    if not added_at:
        return ""
    try:
        return str(int(datetime.fromisoformat(added_at).timestamp()))
    except (ValueError, OverflowError):
        return ""


def _netscape(items: Iterable[SavedItem]) -> str:
    unread: list[str] = []
    archived: list[str] = []
    for item in items:
        attributes = f'HREF="{_attribute(item.url)}"'
        if when := _epoch(item.added_at):
            attributes += f' ADD_DATE="{when}"'
        if item.tags:
            attributes += f' TAGS="{_attribute(",".join(item.tags))}"'
        if item.starred:
            attributes += ' TUIREADER_STARRED="true"'
        line = f"        <DT><A {attributes}>{html.escape(item.title, quote=False)}</A>"
        (archived if item.state == "archived" else unread).append(line)
    return "\n".join(
        [
            "<!DOCTYPE NETSCAPE-Bookmark-file-1>",
            "<!-- This is an automatically generated file.",
            "     It will be read and overwritten.",
            "     DO NOT EDIT! -->",
            '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
            "<TITLE>Bookmarks</TITLE>",
            "<H1>Bookmarks</H1>",
            "<DL><p>",
            '    <DT><H3 TUIREADER_STATE="unread">Unread</H3>',
            "    <DL><p>",
            *unread,
            "    </DL><p>",
            '    <DT><H3 TUIREADER_STATE="archived">Archive</H3>',
            "    <DL><p>",
            *archived,
            "    </DL><p>",
            "</DL><p>",
            "",
        ]
    )


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def _inert(value: str) -> str:
    """`value` as a spreadsheet shows it rather than runs it."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv(items: Iterable[SavedItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow(
            (
                _inert(item.title),
                item.url,
                _epoch(item.added_at),
                _inert("|".join(item.tags)),
                "archive" if item.state == "archived" else "unread",
                "1" if item.starred else "0",
            )
        )
    return out.getvalue()
