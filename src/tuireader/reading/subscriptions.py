"""Feeds as the library shows them: their counts, read marks, an entry opened.

The screens talk to `Reader` only; Reader owns one `Subscriptions` (`reader.feeds`), which asks
the store. Every method may raise StoreError and is meant for a worker thread: none runs on the
UI thread. An entry whose article the cache cannot show (its page not fetched yet, the fetch
failed, no article in the page, or no link at all) opens from the feed's own content, run
through the extractor (imported only then), as a Reading in CacheState.FEED saying why.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from typing import NamedTuple

from tuireader.cache import Store, StoredEntry, Subscription
from tuireader.models import CacheState, Page, PageInfo, Reading

ENTRY_SCHEME = "tuireader-entry:"  # the URL a Reading of an entry without a link carries
SAVES_WAIT = 1.0  # seconds an overview waits for queued position saves (a read-to-end mark)
NOT_FETCHED = "the page was not fetched yet"
NO_LINK = "the entry links to no page"
NO_ARTICLE = "no article could be extracted from the page"
NO_TEXT = "The feed gives no text for this entry."


def fetch_failed(error: str) -> str:
    return f"the page could not be fetched ({error})"


def entry_url(entry: StoredEntry) -> str:
    """The URL a Reading of `entry` carries: its link, or a name of its own for a feed-only one."""
    return entry.url or f"{ENTRY_SCHEME}{entry.id}"


def entry_id_of(url: str) -> int | None:
    """The entry a feed-only Reading's URL names; None for any other URL."""
    if not url.startswith(ENTRY_SCHEME):
        return None
    number = url[len(ENTRY_SCHEME) :]
    return int(number) if number.isdigit() else None


class Overview(NamedTuple):
    """What the views list shows: every feed with its unread count, and the unread in all."""

    feeds: tuple[Subscription, ...]  # their unread counts, not their entry totals (left 0)
    unread: int  # unread articles of every feed, an article in two feeds once


def refresh_is_due(feeds: tuple[Subscription, ...], every: float) -> bool:
    """Whether the last refresh of `feeds` is older than `every` seconds (0: never due), or a
    feed was never checked."""
    if not feeds or every <= 0:
        return False
    newest = 0.0
    for feed in feeds:
        try:
            when = datetime.fromisoformat(feed.last_checked)
        except ValueError:
            return True  # never checked (or unreadable): due
        newest = max(newest, (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp())
    return datetime.now(UTC).timestamp() - newest >= every


class Subscriptions:
    """The feeds of one Reader's store, for the library and the reader screens."""

    def __init__(
        self,
        store: Store,
        *,
        cached: Callable[[str], Reading | None],
        flush: Callable[[float], bool],
    ) -> None:
        """`cached(url)`: the cached Reading of url or None; `flush(seconds)`: wait for the
        position saves queued (Reader's, which mark entries read)."""
        self._store = store
        self._cached = cached
        self._flush = flush
        self._lock = threading.Lock()
        self._kept_unread: set[str] = set()  # marked unread by hand: reading on keeps them so
        self.last: Overview | None = None  # the last overview read: None, not asked yet
        self.marks = 0  # read marks made through here: a list read before one is stale

    @property
    def has_feeds(self) -> bool | None:
        """Whether the last overview found feeds; None: not asked yet."""
        return None if self.last is None else bool(self.last.feeds)

    # Counts ---------------------------------------------------------------------------------

    def overview(self) -> Overview:
        """Every feed with its counts; waits (briefly) for read marks still queued to land."""
        self._flush(SAVES_WAIT)
        feeds = self._store.feeds(totals=False)
        unread = self._store.count_entries(unread_only=True) if feeds else 0
        self.last = Overview(tuple(feeds), unread)  # kept: the library is built from it at once
        return self.last

    def refresh_due(self, every: float) -> bool:
        """Whether the last refresh is older than `every` seconds (or a feed was never checked):
        `refresh_every` in the settings, on launch. Reads the overview, which the library's
        first show then starts from."""
        return refresh_is_due(self.overview().feeds, every)

    # Opening ----------------------------------------------------------------------------------

    def open(self, entry: StoredEntry) -> Reading:
        """The entry's article from the cache, offline; else the feed's own content of it."""
        reason = NO_LINK
        if entry.url:
            reading = self._cached(entry.url)
            if reading is None:
                reason = fetch_failed(entry.fetch_error) if entry.fetch_error else NOT_FETCHED
            elif reading.article.found:
                return reading
            else:
                reason = NO_ARTICLE
        return self.from_feed(entry, reason)

    def cached(self, entry: StoredEntry) -> bool:
        """Whether the cache holds the entry's page (so it opens offline as it is)."""
        return bool(entry.url) and self._cached(entry.url) is not None

    def fetch_failed(self, entry: StoredEntry, error: str) -> Reading:
        """The entry's page could not be fetched just now: keep why, show the feed's content."""
        self._store.set_fetch_error(entry.url, error)
        return self.from_feed(entry, fetch_failed(error))

    def from_feed(self, entry: StoredEntry, reason: str) -> Reading:
        """The feed's content of `entry` made an article by the extractor, saying `reason`."""
        from tuireader.extract.page import article_from_page

        html = self._store.entry_content(entry.id)
        if not html.strip():
            html = f"<p>{escape(entry.summary or NO_TEXT)}</p>"
        url = entry_url(entry)
        info = PageInfo(url=url, final_url=url, status=0, encoding="", fetched_at=entry.first_seen)
        article = article_from_page(Page(info, html))
        article = article._replace(
            title=entry.title or article.title,
            byline=entry.author or article.byline,
            published=entry.published or article.published,
            site_name=entry.feed_title or article.site_name,
            page_text="",  # the feed's content is all there is: no page text to offer
        )
        return Reading(article, info, CacheState.FEED, fallback_reason=reason)

    # Read state -------------------------------------------------------------------------------

    def entry_of(self, reading: Reading) -> StoredEntry | None:
        """The feed entry `reading` shows, if it is one."""
        entry_id = entry_id_of(reading.url)
        if entry_id is not None:
            return self._store.entry(entry_id)
        for url in dict.fromkeys((reading.url, reading.page.final_url)):
            if url and (entry := self._store.entry_for(url)) is not None:
                return entry
        return None

    def mark(self, entry: StoredEntry, read: bool) -> None:
        """Mark `entry` (and the same article in other feeds) read or unread.

        Marked unread by hand, reading it to its end this session leaves it unread.
        """
        self._store.mark_entry(entry.id, read)
        self._marked()
        with self._lock:
            if read:
                self._kept_unread.discard(entry_url(entry))
            else:
                self._kept_unread.add(entry_url(entry))

    def mark_feed(self, feed_id: int) -> int:
        """Every entry of a feed read; how many were unread."""
        self._marked()
        return self._store.mark_feed_read(feed_id)

    def _marked(self) -> None:
        with self._lock:
            self.marks += 1

    def kept_unread(self, url: str) -> bool:
        """Whether the entry of `url` was marked unread by hand this session."""
        with self._lock:
            return url in self._kept_unread

    def read_to_end(self, url: str) -> None:
        """The article at `url` was read to its end: its entries are read (the writer's thread)."""
        with self._lock:
            if url in self._kept_unread:
                return
        entry_id = entry_id_of(url)
        entry = self._store.entry(entry_id) if entry_id is not None else self._store.entry_for(url)
        if entry is None or entry.read:
            return
        if entry.url:
            self._store.mark_url_read(entry.url)
        else:
            self._store.mark_entry(entry.id, True)
        self._marked()
