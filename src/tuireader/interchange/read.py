"""Any reading-list export to an ImportResult: the format found (or forced), then its reader.

Every reader fills one `Collected`: bad rows become Skipped with where and why, duplicates
of a URL merge into its first item. What cannot be read at all raises BadImport (one line).
"""

from __future__ import annotations

from collections.abc import Callable

from tuireader.interchange.detect import FORMATS, detect_format
from tuireader.interchange.fields import Collected
from tuireader.interchange.instapaper import read_instapaper_csv
from tuireader.interchange.model import BadImport, ImportResult
from tuireader.interchange.netscape import read_netscape_html
from tuireader.interchange.omnivore import read_omnivore_zip
from tuireader.interchange.pocket import read_pocket_csv, read_pocket_html
from tuireader.interchange.text import decoded
from tuireader.interchange.url_list import read_url_list
from tuireader.interchange.wallabag import read_wallabag_json
from tuireader.textsafe import clip_line

TEXT_READERS: dict[str, Callable[[str, Collected], None]] = {
    "pocket-csv": read_pocket_csv,
    "pocket-html": read_pocket_html,
    "instapaper-csv": read_instapaper_csv,
    "netscape-html": read_netscape_html,
    "urls": read_url_list,
}


def read_import(source: bytes, format: str | None = None) -> ImportResult:
    """The items of the export `source`, in `format` if given, else the one detected.

    Raises BadImport (UnknownFormat when no format fits) with one line saying why.
    """
    if format is None:
        format = detect_format(source)
    elif format not in FORMATS:
        raise BadImport(f"unknown format {clip_line(format, 40)!r} (one of: {', '.join(FORMATS)})")
    if format == "opml":
        return _opml(source)
    found = Collected()
    if format == "omnivore-zip":
        read_omnivore_zip(source, found)
    elif format == "wallabag-json":
        read_wallabag_json(decoded(source), found)
    else:
        TEXT_READERS[format](decoded(source), found)
    return ImportResult(format, tuple(found.items.values()), tuple(found.skipped))


def _opml(source: bytes) -> ImportResult:
    from tuireader.feeds.opml import OpmlError, read_opml

    try:
        feeds = read_opml(source)
    except OpmlError as exc:
        raise BadImport(str(exc)) from None
    return ImportResult("opml", (), (), tuple(feeds))
