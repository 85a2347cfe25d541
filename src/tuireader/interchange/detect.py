"""Which export a file is, from its content; its name only breaks a tie.

Reads at most the first HEAD_BYTES: a zip by its signature (and the names it holds), JSON
by its first character and the fields it names, HTML by its doctype and headings, CSV by its
header, a URL list by its lines.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from tuireader.interchange.model import UnknownFormat
from tuireader.interchange.text import decoded
from tuireader.textsafe import clip_line

FORMATS = (
    "pocket-csv",
    "pocket-html",
    "instapaper-csv",
    "wallabag-json",
    "omnivore-zip",
    "netscape-html",
    "opml",
    "urls",
)
HEAD_BYTES = 64 * 1024
SAMPLE_LINES = 50
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
POCKET_CSV = ("title", "url", "time_added", "tags", "status")
INSTAPAPER_CSV = ("url", "title", "selection", "folder")
_METADATA_NAME = re.compile(r"(?:^|/)metadata(?:_\d+_to_\d+)?\.json$", re.IGNORECASE)
_WALLABAG_FIELDS = re.compile(r'"(?:is_archived|is_starred)"\s*:')
_NETSCAPE = re.compile(r"<!doctype\s+netscape-bookmark-file-1", re.IGNORECASE)
_OPML = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<opml[\s>]", re.IGNORECASE | re.S)
_POCKET_HTML = re.compile(r"<h1>\s*(?:unread|read archive)\s*</h1>", re.IGNORECASE)
_EMPTY_LIST = re.compile(r"\[\s*\]\s*")  # an export of nothing
_URL_LINE = re.compile(r"https?://\S+$", re.IGNORECASE)


def detect_format(data: bytes, name: str = "") -> str:
    """One of FORMATS; raises UnknownFormat saying, in one line, what the file looked like."""
    if data.startswith(ZIP_SIGNATURES):
        return _zip_format(data)
    head = decoded(data[:HEAD_BYTES]).lstrip()
    lowered = name.lower()
    if not head:
        raise UnknownFormat("the file is empty")
    if head.startswith(("[", "{")):
        if _WALLABAG_FIELDS.search(head) or _EMPTY_LIST.fullmatch(head):
            return "wallabag-json"
        raise UnknownFormat(
            "a JSON file, but not a Wallabag export (it names no is_archived or is_starred)"
        )
    if _NETSCAPE.search(head[:4096]):
        return "netscape-html"
    if _OPML.match(head):
        return "opml"
    if head.startswith("<"):
        if _POCKET_HTML.search(head) and "time_added" in head.lower():
            return "pocket-html"
        if lowered.endswith("ril_export.html") and "time_added" in head.lower():
            return "pocket-html"
        if "<dl" in head.lower() and "<dt" in head.lower() and "<a " in head.lower():
            return "netscape-html"  # a bookmark file without its doctype
        raise UnknownFormat(
            "an HTML or XML document, but not a bookmark file, Pocket export or OPML list"
        )
    first_line = head.split("\n", 1)[0].strip()
    header = tuple(part.strip().strip('"').lower() for part in first_line.split(","))
    if header[: len(POCKET_CSV)] == POCKET_CSV:
        return "pocket-csv"
    if header[: len(INSTAPAPER_CSV)] == INSTAPAPER_CSV:
        return "instapaper-csv"
    if "\x00" in head:
        raise UnknownFormat("the file is binary data, not an export tuireader reads")
    if _looks_like_url_list(head):
        return "urls"
    if lowered.endswith(".csv"):
        raise UnknownFormat(
            "a CSV file whose header is neither Pocket's (title,url,time_added,tags,status) "
            f"nor Instapaper's (URL,Title,Selection,Folder): {clip_line(first_line, 80)!r}"
        )
    raise UnknownFormat(
        f"plain text whose lines are not URLs (it starts {clip_line(first_line, 60)!r})"
    )


def _zip_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnknownFormat("a damaged zip file") from None
    if any(_METADATA_NAME.search(name) for name in names):
        return "omnivore-zip"
    raise UnknownFormat("a zip file, but not an Omnivore export (no metadata_*.json inside)")


def _looks_like_url_list(head: str) -> bool:
    """Most of the first lines that are not blank or comments are http(s) URLs."""
    lines = []
    for raw in head.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
            if len(lines) >= SAMPLE_LINES:
                break
    urls = sum(1 for line in lines if _URL_LINE.match(line))
    return bool(lines) and urls * 2 > len(lines)
