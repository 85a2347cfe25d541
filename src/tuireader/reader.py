"""Where a Reading comes from: the network, the cache, or the cache when the network fails.

No UI here: the Textual app and `--dump` both call `Reader`. httpx and the extractor are imported
only on the paths that fetch or extract, so opening a cached article stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tuireader.cache import Store, StoreError
from tuireader.models import Article, CacheState, Page, PageInfo, Reading
from tuireader.urls import BadURL, normalize_url

if TYPE_CHECKING:
    from tuireader.fetch import FetchOptions

ProgressCallback = Callable[[int, int | None], None]


class ReadError(Exception):
    """A URL could not be read; the message is one line saying what failed and what to try."""


class NotCached(ReadError):
    """--offline (or the library) asked for a URL the cache does not hold."""


def article_from_page(page: Page) -> Article:
    """Extract the article from a fetched page: HTML through the extractor, plain text as text."""
    from tuireader.extract import extract_article, plain_text_article

    if page.info.content_type.split(";")[0].strip().lower() == "text/plain":
        return plain_text_article(page.html, page.info.final_url)
    return extract_article(page.html, page.info.final_url)


class Reader:
    """Opens URLs as Readings and keeps everything it fetches in the store."""

    def __init__(self, store: Store, fetch_options: FetchOptions | None = None) -> None:
        self.store = store
        self.fetch_options = fetch_options

    def open(
        self,
        url: str,
        *,
        offline: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Reading:
        """Fetch `url` (a cached copy if that fails), or read only the cache when offline."""
        if offline:
            return self.cached(url)
        return self.fetch(url, progress=progress, cancelled=cancelled)

    def cached(self, url: str) -> Reading:
        """The cached copy of `url`, with no request."""
        key = _normalize(url)
        try:
            found = self.store.load(key)
        except StoreError as exc:
            raise ReadError(str(exc)) from None
        if found is None:
            raise NotCached(f"{key} is not in the cache: read it once while online to keep it")
        info, article = found
        return Reading(article, info, CacheState.CACHED)

    def fetch(
        self,
        url: str,
        *,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Reading:
        """Fetch, extract and cache `url`; if the fetch fails, fall back to a cached copy."""
        from tuireader.fetch import FetchCancelled, FetchError, FetchOptions, fetch

        key = _normalize(url)
        try:
            page = fetch(
                key,
                options=self.fetch_options or FetchOptions(),
                progress=progress,
                cancelled=cancelled,
            )
        except FetchCancelled as exc:
            raise ReadError(str(exc)) from None
        except FetchError as exc:
            try:
                found = self.store.load(key)
            except StoreError:
                found = None
            if found is None:
                raise ReadError(str(exc)) from None
            info, article = found
            return Reading(article, info, CacheState.FALLBACK, fallback_reason=str(exc))
        article = article_from_page(page)
        try:
            self.store.save(page, article)
        except Exception as exc:  # a full disk must not hide the article that was just fetched
            raise ReadError(f"fetched {key} but could not save it in the cache: {exc}") from None
        return Reading(article, page.info, CacheState.FRESH)


def read_file(path: Path) -> Reading:
    """A local saved page, extracted without touching the cache or the network."""
    from tuireader.extract import extract_article, plain_text_article

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


def _normalize(url: str) -> str:
    try:
        return normalize_url(url)
    except BadURL as exc:
        raise ReadError(str(exc)) from None
