"""The library's rows and columns: cached articles, search hits, and the articles of a view.

A view's rows are feed entries drawn as they always were while the reading list is not in use,
and with their stars, tags and saved dates once it is.

Every value is page or feed text, so each is cleaned to one line and drawn as plain text runs.
"""

from __future__ import annotations

from tuireader.cache import ViewItem, split_hits
from tuireader.formatting import human_time, short_title
from tuireader.models import LibraryEntry, SearchHit
from tuireader.textsafe import clean_line, clean_text
from tuireader.ui.widgets.article_list import Cell, Column, Row
from tuireader.urls import host_of

UNREAD_MARK = "●"
STAR_MARK = "★"
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


def offline_text(item: ViewItem) -> str:
    """Whether the article reads offline: cached, only from what its feed gave, or not yet."""
    if item.cached:
        return "cached"
    if item.url and item.fetch_error:
        return f"failed: {clean_line(item.fetch_error)}"
    if item.entry is not None:
        return "feed content only"
    return "not fetched yet"


def entry_row(item: ViewItem, *, feed: bool = True) -> Row:
    """A feed entry where the reading list is not in use: unread marked, read ones muted."""
    muted = "" if item.unread else "article-list--muted"
    title = clean_line(item.title) or clean_line(item.url) or "(untitled)"
    offline = offline_text(item)
    cells: list[Cell] = [
        [(UNREAD_MARK if item.unread else "", "article-list--strong")],
        [(title, muted)],
        *([[(clean_line(item.site), "article-list--muted")]] if feed else []),
        [(_day(item.date), "article-list--muted")],
        [(offline, "" if offline == "cached" else "article-list--muted")],
    ]
    return Row(item.key, [cells])


MIN_TITLE = 20  # narrower than this, the columns at the right go first: Site, Date, Offline


def item_columns(width: int, *, site: bool = True) -> list[Column]:
    """A view's columns once the reading list is in use (an article's tags follow its title);
    `site` False (a feed's view) leaves out the site, which is the feed's. In a narrow list the
    title keeps its room and the columns at the right go, Site first."""
    optional = [
        *([Column("Site", 16)] if site else []),
        Column("Date", 10),
        Column("Offline", OFFLINE_WIDTH),
    ]
    while True:
        fixed = [Column("", 2), *optional]  # the marks: unread and starred
        title = width - sum(c.width for c in fixed) - 2 * (len(fixed) + 1)
        if title >= MIN_TITLE or not optional:
            return [fixed[0], Column("Title", max(title, 10)), *fixed[1:]]
        optional.pop(0)


def item_row(item: ViewItem, columns: list[Column]) -> Row:
    """An article of a view, in `columns` (item_columns): ● unread, ★ starred, its title and
    tags, its site, date and whether it reads offline."""
    muted = "" if item.unread else "article-list--muted"
    title = clean_line(item.title) or clean_line(item.url) or "(untitled)"
    offline = offline_text(item)
    tags = "  " + " ".join(f"#{clean_line(tag)}" for tag in item.tags) if item.tags else ""
    cells: dict[str, Cell] = {
        "": [((UNREAD_MARK if item.unread else " ") + (STAR_MARK if item.starred else ""),
              "article-list--strong")],
        "Title": [(title, muted), (tags, "article-list--muted")],
        "Site": [(clean_line(item.site) or host_of(item.url), "article-list--muted")],
        "Date": [(_day(item.date), "article-list--muted")],
        "Offline": [(offline, "" if offline == "cached" else "article-list--muted")],
    }  # fmt: skip
    return Row(item.key, [[cells[column.label] for column in columns]])
