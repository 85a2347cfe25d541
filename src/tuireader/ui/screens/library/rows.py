"""The library's rows and columns: cached articles, search hits, and feed entries.

Every value is page or feed text, so each is cleaned to one line and drawn as plain text runs.
"""

from __future__ import annotations

from tuireader.cache import split_hits
from tuireader.formatting import human_time, short_title
from tuireader.models import LibraryEntry, SearchHit
from tuireader.reading.subscriptions import ListedEntry
from tuireader.textsafe import clean_line, clean_text
from tuireader.ui.widgets.article_list import Cell, Column, Row

UNREAD_MARK = "●"
OFFLINE_WIDTH = 20  # "feed content only", or "failed: " and the start of why


def _day(iso: str) -> str:
    """'2024-12-05T10:00:00+00:00' -> '2024-12-05'; anything else cleaned and shortened."""
    return clean_line(iso)[:10]


def _progress(entry: LibraryEntry) -> str:
    return f"{entry.progress:.0%}" if entry.progress > 0 else "–"


def _marked(text: str, style: str = "") -> Cell:
    """Snippet text with the store's match markers turned into highlighted runs."""
    runs: Cell = []
    for run, hit in split_hits(text):  # split first: cleaning would drop the markers
        flat = clean_text(run).replace("\n", " ").replace("\t", " ")
        runs.append((flat, "article-list--hit" if hit else style))
    return runs


def _title_width(width: int, fixed: list[Column]) -> int:
    """What is left for the title: each column also takes 2 cells of padding."""
    return max(20, width - sum(c.width for c in fixed) - 2 * (len(fixed) + 1))


def article_columns(width: int) -> list[Column]:
    fixed = [
        Column("Site", 16),
        Column("Author", 16),
        Column("Published", 10),
        Column("Fetched (UTC)", 16),
        Column("Read", 4, right=True),
    ]
    return [Column("Title", _title_width(width, fixed)), *fixed]


def search_columns(width: int) -> list[Column]:
    return [Column("Article", max(20, width - 22)), Column("Site", 16)]


def entry_columns(width: int, *, feed: bool = True) -> list[Column]:
    """An entry view's columns; `feed` False (one feed's view) leaves out the feed's name."""
    fixed = [
        Column("", 1),  # the unread mark
        *([Column("Feed", 16)] if feed else []),
        Column("Date", 10),
        Column("Offline", OFFLINE_WIDTH),
    ]
    return [fixed[0], Column("Title", _title_width(width, fixed)), *fixed[1:]]


def article_row(entry: LibraryEntry) -> Row:
    title = clean_line(short_title(entry.title, entry.site_name)) or clean_line(entry.url)
    cells: list[Cell] = [
        [(title, "")],
        [(clean_line(entry.site_name) or entry.host, "")],
        [(clean_line(entry.byline), "")],
        [(_day(entry.published), "article-list--muted")],
        [(human_time(entry.fetched_at, zone=False), "article-list--muted")],
        [(_progress(entry), "")],
    ]
    return Row(entry.url, [cells])


def hit_row(hit: SearchHit) -> Row:
    entry = hit.entry
    site = clean_line(entry.site_name) or entry.host
    title = _marked(hit.title or entry.url, "article-list--strong")
    return Row(
        entry.url, [[title, [(site, "")]], [_marked(hit.snippet, "article-list--muted"), []]]
    )


def offline_text(listed: ListedEntry) -> str:
    """Whether the entry reads offline: its article cached, or only what the feed gave."""
    entry = listed.entry
    if listed.cached:
        return "cached"
    if entry.url and entry.fetch_error:
        return f"failed: {clean_line(entry.fetch_error)}"
    return "feed content only"


def listed_row(listed: ListedEntry, *, feed: bool = True) -> Row:
    """An entry: unread marked, read ones muted; its key is the entry's id."""
    entry = listed.entry
    muted = "article-list--muted" if entry.read else ""
    title = clean_line(entry.title) or clean_line(entry.url) or "(untitled)"
    offline = offline_text(listed)
    cells: list[Cell] = [
        [("" if entry.read else UNREAD_MARK, "article-list--strong")],
        [(title, muted)],
        *([[(clean_line(entry.feed_title), "article-list--muted")]] if feed else []),
        [(_day(entry.date), "article-list--muted")],
        [(offline, "" if offline == "cached" else "article-list--muted")],
    ]
    return Row(str(entry.id), [cells])
