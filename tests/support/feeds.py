"""A store that follows feeds, filled through the store's own API (no parser, no network).

Two feeds: the Harbour Gazette (three entries: one whose article is cached, one whose fetch
failed, one not fetched yet) and Town Notes (two: one feed-only note, one read). Dates are
fixed, so the lists come in a known order: newest first.
"""

from __future__ import annotations

from pathlib import Path

from tuireader.cache import Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.feeds.model import FeedEntry, ParsedFeed
from tuireader.models import Article, Page, PageInfo

GAZETTE = "https://gazette.example/feed.xml"
NOTES = "https://notes.example/atom"
CACHED_URL = "https://gazette.example/2025/ferry-returns"
FAILED_URL = "https://gazette.example/2025/bridge-closed"
PENDING_URL = "https://gazette.example/2025/market-day"
READ_URL = "https://notes.example/2025/minutes"
FAILURE = "the server answered 503 Service Unavailable"

CACHED_TEXT = (
    "The winter ferry returned to the harbour on Monday after three weeks in dry dock. "
    "Crews replaced both engines and repainted the hull, and the first crossing left on time "
    "with forty passengers aboard and a brass band playing on the quay."
)
FAILED_CONTENT = (
    "<p>The old bridge is closed to traffic <b>until further notice</b> while engineers "
    "inspect its piers.</p><p>Buses run a detour through Mill Lane.</p>"
)
NOTE_CONTENT = "<p>Bring a lantern to the lighthouse walk on Friday.</p>"

# title, url, published, feed content
GAZETTE_ENTRIES = [
    ("Ferry returns after refit", CACHED_URL, "2025-03-03T08:00:00+00:00", ""),
    ("Bridge closed for inspection", FAILED_URL, "2025-03-02T08:00:00+00:00", FAILED_CONTENT),
    ("Market day moves indoors", PENDING_URL, "2025-03-01T08:00:00+00:00", ""),
]
NOTES_ENTRIES = [
    ("Lighthouse walk", "", "2025-03-04T08:00:00+00:00", NOTE_CONTENT),
    ("Council minutes", READ_URL, "2025-02-20T08:00:00+00:00", "<p>Minutes.</p>"),
]
UNREAD_TITLES = [  # newest first
    "Lighthouse walk",
    "Ferry returns after refit",
    "Bridge closed for inspection",
    "Market day moves indoors",
]


def _parsed(title: str, entries: list[tuple[str, str, str, str]]) -> ParsedFeed:
    return ParsedFeed(
        kind="rss",
        title=title,
        entries=tuple(
            FeedEntry(
                key=f"{title}-{n}",
                url=url,
                title=entry_title,
                published=published,
                summary=f"Summary of {entry_title}.",
                content_html=content,
            )
            for n, (entry_title, url, published, content) in enumerate(entries)
        ),
    )


def fill_feeds(cache_dir: Path) -> None:
    """The two feeds, their entries, the cached article and the failed fetch."""
    store = Store.in_directory(cache_dir)
    try:
        gazette, _ = store.add_feed(GAZETTE)
        notes, _ = store.add_feed(NOTES)
        store.save_check(gazette.id, _parsed("Harbour Gazette", GAZETTE_ENTRIES))
        store.save_check(notes.id, _parsed("Town Notes", NOTES_ENTRIES))
        info = PageInfo(
            url=CACHED_URL, final_url=CACHED_URL, fetched_at="2025-03-03T09:00:00+00:00"
        )
        article = Article(
            title="Ferry returns after refit",
            site_name="Harbour Gazette",
            markdown=CACHED_TEXT,
            text=CACHED_TEXT,
            word_count=len(CACHED_TEXT.split()),
            extractor_version=EXTRACTOR_VERSION,
        )
        store.save(Page(info, f"<p>{CACHED_TEXT}</p>"), article)
        store.set_fetch_error(FAILED_URL, FAILURE)
        store.mark_url_read(READ_URL)
    finally:
        store.close()


def feed_ids(cache_dir: Path) -> dict[str, int]:
    """Each feed's id, by title."""
    store = Store.in_directory(cache_dir)
    try:
        return {feed.title: feed.id for feed in store.feeds()}
    finally:
        store.close()
