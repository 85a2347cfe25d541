"""Refetch: the cached articles of feed entries that a feed says changed, read again politely.

Each goes through `Reader.fetch` with the cached copy, so the request is conditional on its
ETag and Last-Modified: an unchanged page costs a 304 and keeps nothing, and a page whose text
changed replaces the article while the store keeps the one it replaced as an earlier copy
(cache/versions.py). The same politeness as the read-ahead (reading/polite.py); each worker
thread opens its own Store. No Textual here: the refresh runs it (reading/refresh.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Literal, NamedTuple

from tuireader.models import CacheState, Reading, Version
from tuireader.reading.polite import (
    MAX_RETRY_AFTER,
    STOPPED,
    PoliteQueue,
    Retry,
    Step,
    retry_delay,
    run_politely,
)
from tuireader.reading.prefetch import own_reader
from tuireader.reading.reader import Reader, ReadError
from tuireader.reading.refresh_report import ProgressCallback, RefreshProgress

Outcome = Literal["changed", "unchanged", "failed"]
Done = tuple[Outcome, str]  # what became of a URL, and why when it failed


class Refetched(NamedTuple):
    """What a refetch did, each in the order the URLs were given."""

    changed: tuple[str, ...]  # a new text: the one it replaced kept as an earlier copy
    unchanged: tuple[str, ...]  # a 304, the same text, or no longer cached
    failed: tuple[tuple[str, str], ...]  # (URL, one-line reason): the cached copy stays
    cancelled: bool


def refetch(
    reader: Reader,
    urls: Iterable[str],
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: ProgressCallback | None = None,
    retry_cap: float = MAX_RETRY_AFTER,
    new_entries: int = 0,
) -> Refetched:
    """Fetch each cached article of `urls` again, conditionally; blocks until done or
    `cancelled()`. `new_entries` is carried in the progress snapshots (the refresh's count)."""
    run = _Run(reader, list(dict.fromkeys(urls)), cancelled, progress, retry_cap, new_entries)
    with run.queue.lock:
        run.report("")
    run_politely(
        run.queue,
        "refetch",
        worker=partial(own_reader, reader),
        work=run.read,
        record=run.outcomes.__setitem__,
        failed=_failed,
    )
    return run.summary()


class _Run:
    """One refetch's outcomes, kept under the queue's lock, and what its workers do to a URL."""

    def __init__(
        self,
        reader: Reader,
        urls: list[str],
        cancelled: Callable[[], bool] | None,
        progress: ProgressCallback | None,
        retry_cap: float,
        new_entries: int,
    ) -> None:
        self.reader = reader
        self.urls = urls
        self.progress = progress
        self.retry_cap = retry_cap
        self.new_entries = new_entries
        self.queue = PoliteQueue(urls, cancelled=cancelled, changed=self.report)
        self.outcomes: dict[str, Done] = {}

    def read(self, reader: Reader, url: str) -> Step[Done]:
        queue, store = self.queue, reader.store
        before = store.latest_version(url)
        cached = store.load(url)
        if cached is None:  # evicted since the refresh looked: nothing to compare with
            return ("unchanged", "")
        try:
            reading = reader.fetch(url, cancelled=queue.is_cancelled, cached=cached)
        except ReadError as exc:
            if queue.is_cancelled():
                return STOPPED  # stopped mid-fetch: neither done nor failed
            failed: Done = ("failed", str(exc))
            delay = retry_delay(exc, self.retry_cap)
            return failed if delay is None else Retry(delay, lambda: failed)
        if why := _failure(reading):
            return ("failed", why)
        if reading.state is not CacheState.FRESH or not _kept_a_copy(reading, before):
            return ("unchanged", "")
        reader.fetch_pictures(reading, cancelled=queue.is_cancelled, concurrency=1)
        return ("changed", "")

    def report(self, finished: str) -> None:
        """A snapshot, sent with the queue's lock held so they arrive in order."""
        if self.progress is None:
            return
        outcomes = [outcome for outcome, _ in self.outcomes.values()]
        self.progress(
            RefreshProgress(
                phase="changes",
                done=len(outcomes),
                total=len(self.urls),
                failed=outcomes.count("failed"),
                current=tuple(self.queue.current),
                finished=finished,
                outcome=self.outcomes[finished][0] if finished else "",
                new_entries=self.new_entries,
                error=self.outcomes[finished][1] if finished else "",
            )
        )

    def summary(self) -> Refetched:
        with self.queue.lock:
            done = [(url, *self.outcomes[url]) for url in self.urls if url in self.outcomes]
            return Refetched(
                changed=tuple(url for url, outcome, _ in done if outcome == "changed"),
                unchanged=tuple(url for url, outcome, _ in done if outcome == "unchanged"),
                failed=tuple((url, why) for url, outcome, why in done if outcome == "failed"),
                cancelled=self.queue.is_cancelled(),
            )


def _failed(url: str, exc: Exception) -> Done:
    """An error refetching a URL (its worker's store cannot open, say) fails that URL only."""
    return ("failed", " ".join(str(exc).split()) or type(exc).__name__)


def _failure(reading: Reading) -> str:
    """Why a refetch kept the cached copy (the server failed, or the page holds no article
    now), or why the new one could not be kept; "" when it worked."""
    if reading.state is CacheState.FALLBACK:
        return reading.fallback_reason or "the page could not be read"
    return reading.not_kept


def _kept_a_copy(reading: Reading, before: Version | None) -> bool:
    """The fetch kept the article it replaced: the newest earlier copy is a new one."""
    previous = reading.previous
    if previous is None:
        return False
    return before is None or previous.number > before.number
