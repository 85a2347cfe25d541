"""Where a Reading comes from: the network, the cache, or the cache when the network fails.

No UI here: the Textual app and `--dump` both call `Reader`. httpx and the extractor are imported
only on the paths that fetch or extract, so opening a cached article stays light.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tuireader.cache import SortKey, Store, StoreError
from tuireader.clock import now_iso
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, CacheState, LibraryEntry, PageInfo, Reading, SearchHit
from tuireader.reading.highlights import HighlightBook
from tuireader.reading.position_writer import PositionWriter
from tuireader.reading.subscriptions import Subscriptions
from tuireader.reading.versions import VersionShelf
from tuireader.reading.views import LibraryViews
from tuireader.settings import Settings, format_size
from tuireader.textsafe import clip_url
from tuireader.urls import BadURL, normalize_url

if TYPE_CHECKING:
    from tuireader.cache import StoredEntry, ViewItem
    from tuireader.fetch import FetchOptions

ProgressCallback = Callable[[int, int | None], None]


class ReadError(Exception):
    """A URL could not be read; the message is one line saying what failed and what to try.

    `status` is the HTTP status when the server refused, and `retry_after` the seconds it asked
    to wait (429, 503), so callers that retry need not look inside the fetch layer. `card` is
    the Reading to show instead when the page is no article to read (a 403, a PDF): it says why.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        card: Reading | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.card = card


def failure_text(url: str, exc: Exception) -> str:
    """One line for a failure that is not a ReadError: never a traceback, but what broke."""
    return f"could not read {url}: {type(exc).__name__}: {exc}"


class NotCached(ReadError):
    """--offline (or the library) asked for a URL the cache does not hold."""


class Reader:
    """Opens URLs as Readings and keeps everything it fetches in the store.

    A cached copy younger than `settings.max_age_seconds` opens with no request; an older one is
    revalidated with a conditional request, and a 304 costs no download and no extraction.
    `keep` names the URLs that must survive eviction (the ones on screen or in history).
    """

    def __init__(
        self,
        store: Store,
        fetch_options: FetchOptions | None = None,
        settings: Settings | None = None,
        keep: Callable[[], frozenset[str]] = frozenset,
    ) -> None:
        self.store = store
        self.fetch_options = fetch_options
        self.settings = settings or Settings()
        self.keep = keep
        self.positions = PositionWriter(self.remember_position)  # the UI's saves, off its thread
        # what the screens ask about feeds and their entries
        self.feeds = Subscriptions(store, cached=self._cached_or_none, flush=self.positions.flush)
        # the library's views: the reading list and the feeds together
        self.views = LibraryViews(store, self.feeds, self.settings)
        self.highlights = HighlightBook(store)  # highlights and notes, kept by URL
        self.versions = VersionShelf(store)  # earlier copies of articles a refetch changed

    def close(self) -> None:
        """Write the reading positions still queued, then close the store."""
        self.positions.close()
        self.store.close()

    def open(
        self,
        url: str,
        *,
        offline: bool = False,
        refresh: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Reading:
        """The best Reading of `url`: cached if young, revalidated if old, fetched if new.

        `offline` reads only the cache; `refresh` always downloads the page again.
        """
        if offline:
            return self.cached(url)
        key = _normalize(url)
        found = None if refresh else self._load(key)
        if found is not None:
            info, article = found
            if self._young(info):
                article = self._current(key, info, article)
                return self._with_stored(Reading(article, info, CacheState.CACHED))
        return self.fetch(key, progress=progress, cancelled=cancelled, cached=found)

    def open_entry(
        self,
        entry: StoredEntry,
        *,
        offline: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Reading:
        """A feed entry: its cached article; else, online, its page fetched now (as any link
        is); else, or when that fails or holds no article, the feed's own content of it."""
        if offline or not entry.url or self.feeds.cached(entry):
            return self.feeds.open(entry)
        try:
            reading = self.open(entry.url, progress=progress, cancelled=cancelled)
        except ReadError as exc:
            return self.feeds.fetch_failed(entry, str(exc))
        return reading if reading.article.found else self.feeds.open(entry)

    def open_item(
        self,
        item: ViewItem,
        *,
        offline: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Reading:
        """An article of a library view: a saved URL opens from the cache, offline; else,
        online, its page is fetched now, and a failure is kept with it (the list shows why)
        and raised, unless a feed entry of it can show the feed's own content instead. A feed
        entry opens as `open_entry` says, any other article as the library's rows do."""
        entry = item.entry
        if not item.saved:
            if entry is not None:
                return self.open_entry(
                    entry, offline=offline, progress=progress, cancelled=cancelled
                )
            return self.open(item.url, offline=offline or item.cached)
        if item.cached or offline:
            try:
                return self.cached(item.url)
            except NotCached:
                if entry is not None:
                    return self.feeds.open(entry)
                raise NotCached(
                    f"{clip_url(item.url)} was not fetched yet: it opens once tuireader is online"
                ) from None
        try:
            reading = self.open(item.url, progress=progress, cancelled=cancelled)
        except ReadError as exc:
            if cancelled is not None and cancelled():
                raise
            with suppress(StoreError):
                self.views.fetch_failed(item.url, str(exc))
            if entry is not None:
                return self.feeds.fetch_failed(entry, str(exc))
            raise
        if item.fetch_error:
            with suppress(StoreError):
                self.views.fetched(item.url)
        if not reading.article.found and entry is not None:
            return self.feeds.open(entry)
        return reading

    def ready(self, url: str, *, offline: bool = False) -> Reading | None:
        """What open() would return, when that is the cached copy as it is: else None.

        That is a copy young enough (any age `offline`) that an extractor as new as this one made:
        no request, no extraction, only a read from the store, so the UI can show it at once.
        """
        try:
            key = normalize_url(url)
            found = self.store.load(key)
        except (BadURL, StoreError):
            return None
        if found is None:
            return None
        info, article = found
        if not offline and not self._young(info):
            return None
        if not _made_current(info, article):
            return None  # open() would re-extract it first
        return self._with_stored(Reading(article, info, CacheState.CACHED))

    # What the reader screen asks of the store: it talks to Reader only ----------------------

    def position(self, url: str) -> tuple[int, str]:
        """Where the reader left `url` last time: (paragraph index, its opening words).

        (0, "") when the cache does not know, or cannot say.
        """
        try:
            _, block, anchor_text = self.store.position(url)
        except StoreError:
            return 0, ""
        return block, anchor_text

    def remember_position(
        self,
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
    ) -> None:
        """Keep that `url` was read now, and how far: never waiting for another writer.

        The UI saves through `positions`, which calls this on its own thread. Read to its end
        (`progress` 1.0), the feed entries that link to it are read too, and on the reading
        list it is archived when the settings' `archive_when_finished` is on.

        Raises StoreError when the store cannot keep it (read-only, full, or held by another
        program for longer than the store's quick timeout).
        """
        self.store.mark_read(
            url, progress=progress, anchor=anchor, anchor_text=anchor_text, wait=False
        )
        if progress is not None and progress >= 1.0:
            self.views.read_to_end(url)  # its feed entries read; archived, if the settings say

    def cached_among(self, urls: list[str]) -> set[str]:
        """Which of `urls` (asked-for or final URLs) the cache holds; none when it cannot say."""
        try:
            return self.store.cached_urls(urls)
        except (StoreError, OSError, sqlite3.Error):
            return set()

    def cached_article(self, url: str) -> Article | None:
        """The cached article of `url` as it is (no re-extraction), if the cache can give it."""
        try:
            found = self.store.load(url)
        except (StoreError, OSError, sqlite3.Error):
            return None
        return None if found is None else found[1]

    # The library: what the cache holds, for the UI (which talks to the Reader, not the store).

    def library(
        self,
        limit: int = -1,
        offset: int = 0,
        sort: SortKey = "fetched",
        matching: str = "",
        tags: Sequence[str] = (),
    ) -> list[LibraryEntry]:
        """Cached articles in `sort` order, a window at a time (Store.library); may raise
        StoreError."""
        return self.store.library(
            limit=limit, offset=offset, sort=sort, matching=matching, tags=tags
        )

    def count(self) -> int:
        """How many articles the cache holds; may raise StoreError."""
        return self.store.count()

    def search(self, query: str, prefix: bool = False) -> list[SearchHit]:
        """Full-text search of the cache (Store.search); raises SearchInterrupted when
        `interrupt_search` stopped it, StoreError when it cannot search."""
        return self.store.search(query, prefix=prefix)

    def interrupt_search(self) -> None:
        """Stop the search running on another thread, if any."""
        self.store.interrupt_search()

    def forget(self, url: str) -> bool:
        """Remove `url` from the cache; False if it was not there. May raise StoreError."""
        return self.store.remove(url)

    # Pictures: what the cache holds of an article's images, and fetching what it lacks ------

    def fetch_pictures(
        self,
        reading: Reading,
        *,
        cancelled: Callable[[], bool] | None = None,
        concurrency: int | None = None,
    ) -> Reading:
        """Fetch and keep the pictures of `reading`'s article that the cache lacks; `reading`
        with `pictures` as the cache now holds them. Never raises.

        The lead image, then the body's, within the limits of `pictures.limits`. A picture that
        failed before is asked for again only when the page itself was fetched just now (a
        refetch). `concurrency` pictures at a time (the read-ahead's rules by default).
        Nothing is fetched when `[ui] images` is off, nor for an article the cache does not
        hold (a local file, a feed's own content, one that could not be kept), nor into a cache
        that is only read.
        """
        if self.settings.images == "off" or not _keeps_pictures(reading):
            return reading
        try:
            if self.store.read_only or not self.store.contains(reading.url):
                return self._with_pictures(reading)
            from tuireader.reading.pictures import fetch_missing

            kept = fetch_missing(
                self.store,
                reading.url,
                reading.article,
                self._options(),
                retry=reading.state is CacheState.FRESH,
                cancelled=cancelled,
                concurrency=concurrency,
            )
        except Exception:  # the article reads the same without them: never lose it to one
            return self._with_pictures(reading)
        if kept:
            reading = self._make_room(reading)
        return self._with_pictures(reading)

    def picture_data(self, url: str, src: str) -> bytes | None:
        """The bytes of the picture `src` of the article `url`, from the cache (no request);
        None when it holds none or cannot say."""
        try:
            return self.store.picture_data(url, src)
        except (StoreError, OSError, sqlite3.Error):
            return None

    def _with_stored(self, reading: Reading) -> Reading:
        """`reading` with what the cache holds beside its article: its pictures (one query, no
        bytes) and its newest earlier copy (one indexed row)."""
        return self._with_pictures(self._with_previous(reading))

    def _with_previous(self, reading: Reading) -> Reading:
        """`reading` with the newest earlier copy of its article the cache keeps, if any."""
        if reading.state in (CacheState.LOCAL, CacheState.FEED) or reading.version:
            return reading
        try:
            return reading._replace(previous=self.store.latest_version(reading.url))
        except StoreError:
            return reading

    def _with_pictures(self, reading: Reading) -> Reading:
        """`reading` with the pictures the cache holds of it: one query, no bytes."""
        try:
            return reading._replace(pictures=self.store.pictures(reading.url))
        except StoreError:
            return reading

    def _make_room(self, reading: Reading) -> Reading:
        """Evict for the pictures just kept, as a save of the page does; counted in `reading`."""
        try:
            evicted = self.store.evict(
                self.settings.cache_max_bytes, keep=self.keep() | {reading.url}
            )
            if not evicted:
                return reading
            only_kept = self.store.count() <= len(self.keep() | {reading.url})
        except StoreError:
            return reading
        count = reading.evicted + len(evicted)
        return reading._replace(
            evicted=count, notice=_eviction_notice(count, only_kept, self.settings)
        )

    def _options(self) -> FetchOptions:
        from tuireader.fetch import FetchOptions

        return self.fetch_options or FetchOptions(
            connect_timeout=self.settings.connect_timeout,
            read_timeout=self.settings.read_timeout,
            max_bytes=self.settings.max_page_bytes,
        )

    def _young(self, info: PageInfo) -> bool:
        """Fetched less than `max_age` ago: opened as it is, with no request."""
        return _age_seconds(info.fetched_at) < self.settings.max_age_seconds

    def cached(self, url: str) -> Reading:
        """The cached copy of `url`, with no request."""
        key = _normalize(url)
        try:
            found = self.store.load(key)
        except StoreError as exc:
            raise ReadError(str(exc)) from None
        if found is None:
            raise NotCached(
                f"{clip_url(key)} is not in the cache: read it once while online to keep it"
            )
        info, article = found
        article = self._current(key, info, article)
        return self._with_stored(Reading(article, info, CacheState.CACHED))

    def _cached_or_none(self, url: str) -> Reading | None:
        """The cached copy of `url`, None when the cache lacks it; ReadError when it cannot say."""
        try:
            return self.cached(url)
        except NotCached:
            return None

    def fetch(
        self,
        url: str,
        *,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        cached: tuple[PageInfo, Article] | None = None,
    ) -> Reading:
        """Fetch, extract and cache `url`; if the fetch fails, fall back to a cached copy.

        With `cached` (the copy in the store) the request is conditional on its ETag and
        Last-Modified, and a 304 answer keeps that copy.
        """
        from tuireader.fetch import FetchCancelled, FetchError, fetch

        key = _normalize(url)
        options = self._options()
        try:
            page = fetch(
                key,
                options=options,
                progress=progress,
                cancelled=cancelled,
                etag=cached[0].etag if cached else "",
                last_modified=cached[0].last_modified if cached else "",
            )
        except FetchCancelled as exc:
            raise ReadError(str(exc)) from None
        except FetchError as exc:
            found = cached or self._load(key)
            if found is None:
                from tuireader.reading.no_article import card_for_error

                raise ReadError(
                    str(exc),
                    status=getattr(exc, "status", None),
                    retry_after=getattr(exc, "retry_after", None),
                    card=card_for_error(exc, key),
                ) from None
            info, article = found
            article = self._current(key, info, article)
            reading = Reading(article, info, CacheState.FALLBACK, fallback_reason=str(exc))
            return self._with_stored(reading)
        if page.info.status == 304 and cached is not None:
            return self._not_modified(key, page.info, *cached)
        from tuireader.extract.page import article_from_page  # the extractor: only now

        article = article_from_page(page)
        if not article.found and article.amp_url:
            from tuireader.reading.amp import read_amp

            article = read_amp(article, options, cancelled)
        stored = self._stored_current(key, cached)
        if stored is not None and stored[1].found and not article.found:
            return self._kept_over_wall(stored, article)
        try:
            self.store.save(page, article)
        except StoreError as exc:  # a full disk must not hide the article that was just fetched
            not_kept = f"{exc}; the article is shown but not kept"
            return Reading(article, page.info, CacheState.FRESH, not_kept=not_kept)
        keep = self.keep() | {key}
        try:
            evicted = self.store.evict(self.settings.cache_max_bytes, keep=keep)
            notice = _eviction_notice(len(evicted), self.store.count() <= len(keep), self.settings)
        except StoreError:  # kept; the room is made on a later save
            evicted, notice = [], ""
        reading = Reading(article, page.info, CacheState.FRESH, notice=notice, evicted=len(evicted))
        return self._with_stored(reading)

    def _not_modified(
        self, key: str, answer: PageInfo, info: PageInfo, article: Article
    ) -> Reading:
        fetched_at = answer.fetched_at or now_iso()
        etag = answer.etag or info.etag
        last_modified = answer.last_modified or info.last_modified
        with suppress(StoreError):  # the copy is still good; only its date could not be updated
            self.store.touch(key, fetched_at, etag, last_modified)
        info = info._replace(fetched_at=fetched_at, etag=etag, last_modified=last_modified)
        article = self._current(key, info, article)
        return self._with_stored(Reading(article, info, CacheState.REVALIDATED))

    def _stored_current(
        self, key: str, cached: tuple[PageInfo, Article] | None
    ) -> tuple[PageInfo, Article] | None:
        """The stored copy of `key` as this extractor reads its page, before a fetched one
        replaces it: the store keeps the old article as an earlier copy only when its text
        differs, and a newer extractor alone must not make it differ."""
        found = cached or self._load(key)
        if found is None:
            return None
        info, article = found
        return info, self._current(key, info, article)

    def _kept_over_wall(self, stored: tuple[PageInfo, Article], wall: Article) -> Reading:
        """The stored article, kept and shown, when the page fetched now holds none (a paywall,
        a consent wall, an empty shell): what was read is not replaced by nothing to read."""
        info, article = stored
        why = _WALLS.get(wall.wall, "")
        reason = f"the page holds no article now{f' ({why})' if why else ''}"
        return self._with_stored(
            Reading(article, info, CacheState.FALLBACK, fallback_reason=reason)
        )

    def _load(self, key: str) -> tuple[PageInfo, Article] | None:
        try:
            return self.store.load(key)
        except StoreError:
            return None

    def _current(self, key: str, info: PageInfo, article: Article) -> Article:
        """`article`, re-extracted from the stored page if an older extractor made it."""
        if _made_current(info, article) or article.text_from == "amp":
            return article  # an AMP copy's text is not in the stored page: it waits for a fetch
        try:
            page = self.store.load_page(key)
            if page is None:
                return article
            from tuireader.extract.page import article_from_page

            fresh = article_from_page(page)
            self.store.replace_article(key, fresh)
        except Exception:  # the old article is still readable: never lose it to a failed upgrade
            return article
        return fresh


def read_file(path: Path) -> Reading:
    """A local saved page, extracted without touching the cache or the network."""
    from tuireader.extract.pipeline import extract_article, plain_text_article

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read {path}: {exc.strerror or exc}") from None
    url = path.resolve().as_uri()
    is_text = path.suffix.lower() in (".txt", ".text")
    if is_text:
        article = plain_text_article(data.decode("utf-8", "replace"), url)
    else:
        article = extract_article(data, url)
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    info = PageInfo(
        url=url,
        final_url=url,
        status=0,
        content_type="text/plain" if is_text else "text/html",
        encoding="",
        fetched_at=modified,
    )
    return Reading(article, info, CacheState.LOCAL)


_WALLS = {"paywall": "a paywall", "consent": "a consent wall", "javascript": "it needs JavaScript"}


def _eviction_notice(evicted: int, only_kept_left: bool, settings: Settings) -> str:
    """What to tell the user when saving an article evicted others: never silently."""
    if not evicted:
        return ""
    cap = f"the cache is kept under {format_size(settings.cache_max_bytes)} ([cache] max_size)"
    noun = "article" if evicted == 1 else "articles"
    if only_kept_left:
        return f"{cap}: evicted every other article ({evicted}) but the ones open"
    return f"{cap}: evicted the {evicted} least recently read {noun}"


def _keeps_pictures(reading: Reading) -> bool:
    """A Reading of the article of a page the cache may hold: not a local file, a feed's own
    content, the Internet Archive's copy nor a card saying there is no article."""
    if reading.no_article is not None or reading.archived:
        return False
    return reading.state not in (CacheState.LOCAL, CacheState.FEED)


def _made_current(info: PageInfo, article: Article) -> bool:
    """Made by this extractor, or not by the extractor at all (plain text, imported notes)."""
    return article.extractor_version == EXTRACTOR_VERSION or "html" not in info.content_type


def _age_seconds(fetched_at: str) -> float:
    """Seconds since `fetched_at` (ISO 8601); unknown or unparsable dates count as very old."""
    try:
        when = datetime.fromisoformat(fetched_at)
    except ValueError:
        return float("inf")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (datetime.now(UTC) - when).total_seconds()


def _normalize(url: str) -> str:
    try:
        return normalize_url(url)
    except BadURL as exc:
        raise ReadError(str(exc)) from None
