"""A store with a reading list beside the feeds of support/feeds.py, filled through the store's API.

Five saved URLs: one not fetched yet (the newest), one cached and starred, one that is also the
Gazette's "Market day" entry (an article saved and in a feed: one row in Unread), one archived
and starred, one whose fetch failed. Tags: essays, long, news; the Gazette's cached ferry article
is tagged news without being saved. Dates are fixed, so every view comes in a known order.
"""

from __future__ import annotations

from pathlib import Path

from support.feeds import CACHED_URL, PENDING_URL, fill_feeds
from tuireader.cache import SavedRow, Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Page, PageInfo

SLOW_URL = "https://essays.example/slow-reading"
TIDE_URL = "https://news.example/tide-tables"
ARCHIVED_URL = "https://old.example/archived-piece"
BROKEN_URL = "https://broken.example/gone"
BROKEN_WHY = "the server answered 404 Not Found"
TIDE_TEXT = (  # an article: enough words that the reader shows it, not the no-article card
    "High water comes twice a day, about fifty minutes later each day than the day before. "
    "The tables print both times for every day of the year, and the height of each tide."
)

SAVED = [
    SavedRow(
        SLOW_URL, "On slow reading", tags=("essays", "long"), saved_at="2025-03-05T08:00:00+00:00"
    ),
    SavedRow(
        TIDE_URL,
        "Tide tables (as saved)",
        starred=True,
        tags=("news",),
        saved_at="2025-03-02T12:00:00+00:00",
    ),
    SavedRow(PENDING_URL, "", tags=("news",), saved_at="2025-02-28T08:00:00+00:00"),
    SavedRow(
        ARCHIVED_URL,
        "An archived piece",
        state="archived",
        starred=True,
        tags=("essays",),
        saved_at="2025-01-10T08:00:00+00:00",
    ),
    SavedRow(BROKEN_URL, "A page that failed", saved_at="2025-03-01T12:00:00+00:00"),
]
UNREAD_TITLES = [  # saved and feed entries together, newest first
    "On slow reading",
    "Lighthouse walk",
    "Ferry returns after refit",
    "Tide tables explained",
    "Bridge closed for inspection",
    "A page that failed",
    "Market day moves indoors",
]


def cache_article(store: Store, url: str, title: str, text: str) -> None:
    info = PageInfo(url=url, final_url=url, fetched_at="2025-03-02T13:00:00+00:00")
    article = Article(
        title=title,
        site_name="Tide News",
        markdown=text,
        text=text,
        word_count=len(text.split()),
        extractor_version=EXTRACTOR_VERSION,
    )
    store.save(Page(info, f"<p>{text}</p>"), article)


def fill_list(cache_dir: Path, *, feeds: bool = True) -> None:
    """The saved URLs (with the feeds of support/feeds.py unless `feeds` is False)."""
    if feeds:
        fill_feeds(cache_dir)
    store = Store.in_directory(cache_dir)
    try:
        rows = SAVED if feeds else [row for row in SAVED if row.url != PENDING_URL]
        store.save_urls(rows, source="test")
        cache_article(store, TIDE_URL, "Tide tables explained", TIDE_TEXT)
        store.set_saved_error(BROKEN_URL, BROKEN_WHY)
        if feeds:
            store.retag(CACHED_URL, add=["news"])
    finally:
        store.close()


LONG_URL = "https://essays.example/a-long-essay"


def add_long_essay(cache_dir: Path) -> None:
    """A saved, unread, cached essay long enough to scroll, saved last (the top of Unread)."""
    store = Store.in_directory(cache_dir)
    try:
        store.save_urls([SavedRow(LONG_URL, "A long essay", saved_at="2025-03-09T08:00:00+00:00")])
        text = "\n\n".join(f"Paragraph {n} of a long essay about the tides." for n in range(150))
        cache_article(store, LONG_URL, "A long essay", text)
    finally:
        store.close()
