"""The reading list's work, shared by the command line and the app: save URLs, then fetch them.

No Textual here. A URL is saved as typed, normalized and without its tracking parameters (one
article, one entry); what cannot be a URL is named with why, and the rest are saved all the same.
Fetching goes through the read-ahead (`reading/prefetch.py`), so it is as polite as every other
run of many URLs (4 at a time, 2 per host, Retry-After honoured), and each page is kept as soon as
it arrives: a run killed half-way loses nothing it kept. What fails stays on the list with its
error (`Store.set_saved_error`), for the next `tuireader fetch` or `refresh`; a retry that works
clears it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from tuireader.cache import SavedRow, Store
from tuireader.reading.polite import MAX_RETRY_AFTER
from tuireader.reading.prefetch import Prefetcher, ProgressCallback
from tuireader.reading.reader import Reader
from tuireader.urls import BadURL, normalize_url, strip_tracking

NAMED = 2  # how many failures a summary line names before "… (N more)"


def saved_url(raw: str) -> str:
    """What the list keys `raw` by: normalized, without tracking parameters; BadURL otherwise."""
    return strip_tracking(normalize_url(raw))


class Saved(NamedTuple):
    """What saving URLs did: the URLs kept (once each, in order) and those refused, with why."""

    urls: tuple[str, ...]
    added: int  # new on the list
    already: int  # on it before (their new tags were added)
    refused: tuple[tuple[str, str], ...] = ()  # (as given, one-line reason)

    def line(self) -> str:
        """'2 saved, 1 already saved' (the refused are said one a line, elsewhere)."""
        text = f"{self.added:,} saved"
        if self.already:
            text += f", {self.already:,} already saved"
        if self.refused:
            text += f", {len(self.refused):,} refused"
        return text


def save_urls(
    store: Store, given: Iterable[str], *, tags: Iterable[str] = (), source: str = "add"
) -> Saved:
    """Save every URL of `given` as unread with `tags`, in one transaction; the bad ones are
    refused, each with why, and never stop the rest."""
    urls: dict[str, None] = {}
    refused: list[tuple[str, str]] = []
    for raw in given:
        try:
            urls[saved_url(raw)] = None
        except BadURL as exc:
            refused.append((raw, str(exc)))
    tags = tuple(tags)
    counts = store.save_urls((SavedRow(url, tags=tags) for url in urls), source=source)
    return Saved(tuple(urls), counts.added, counts.already, tuple(refused))


class Fetched(NamedTuple):
    """What a fetch of saved URLs did, each list in the order the URLs were given."""

    total: int
    fetched: tuple[str, ...]  # now in the cache (fetched, or found there already)
    failed: tuple[tuple[str, str], ...]  # (url, one-line reason): kept on the list with it
    cancelled: bool = False

    @property
    def not_fetched(self) -> int:
        """Left for the next run: a cancel stopped before them."""
        return self.total - len(self.fetched) - len(self.failed)

    def line(self) -> str:
        """'2 fetched, 1 failed: URL: reason' (naming NAMED failures, then how many more)."""
        text = f"{len(self.fetched):,} fetched, {len(self.failed):,} failed"
        if self.failed:
            named = "; ".join(_failure(url, why) for url, why in self.failed[:NAMED])
            more = len(self.failed) - NAMED
            text += f": {named}" + (f"; … ({more:,} more)" if more > 0 else "")
        if self.not_fetched:
            text += f"; stopped with {self.not_fetched:,} not fetched"
        return text


def fetch_saved(
    reader: Reader,
    urls: Iterable[str],
    *,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    retry_cap: float = MAX_RETRY_AFTER,
) -> Fetched:
    """Fetch `urls` (saved ones) into the cache politely; record why each failure failed, and
    clear the error of each that worked this time."""
    wanted = list(dict.fromkeys(urls))
    done = Prefetcher(reader, progress=progress, cancelled=cancelled, retry_cap=retry_cap).run(
        wanted
    )
    store = reader.store
    fetched = (*done.fetched, *done.cached_already)
    for url, why in done.failed:
        store.set_saved_error(url, why)
    for url in fetched:
        item = store.saved_item(url)
        if item is not None and item.fetch_error:
            store.set_saved_error(url, "")
    failed = (*done.failed, *((url, "not an http(s) URL") for url in done.skipped))
    order = {url: n for n, url in enumerate(wanted)}
    return Fetched(
        total=len(wanted),
        fetched=tuple(sorted(fetched, key=lambda url: order.get(url, 0))),
        failed=failed,
        cancelled=done.cancelled,
    )


def _failure(url: str, why: str) -> str:
    """'URL: reason', the URL once: a fetch error names it already."""
    return why if url in why else f"{url}: {why}"


def not_cached(store: Store, urls: Iterable[str]) -> list[str]:
    """Those of `urls` whose page the cache does not hold yet, in order."""
    wanted = list(dict.fromkeys(urls))
    cached = store.cached_urls(wanted)
    return [url for url in wanted if url not in cached]
