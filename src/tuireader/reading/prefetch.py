"""Read ahead: fetch every page an article links to into the cache, a few at a time, politely.

No Textual here: the app runs `Prefetcher.run` in a thread worker and `tuireader --prefetch` runs
it in the foreground. Every page goes through `Reader.open`, so a young cached copy costs no
request and an old one is only revalidated; then the pictures of it the cache lacks
(`Reader.fetch_pictures`; none when `[ui] images` is off), one at a time in the same worker. Each
worker thread opens its own Store: one SQLite connection must not carry transactions from several
threads, and WAL plus the busy timeout let separate connections write side by side.

Politeness (`reading/polite.py`, the rule the feed refresh follows too): at most `concurrency`
requests in flight, at most `per_host` to any one host, and a 429 or 503 with Retry-After holds
that whole host for the time asked (capped) before the URL is tried once more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Literal

from tuireader.cache import Store
from tuireader.models import Article, CacheState
from tuireader.reading.polite import (
    DEFAULT_CONCURRENCY,
    DEFAULT_PER_HOST,
    MAX_RETRY_AFTER,
    STOPPED,
    PoliteQueue,
    Retry,
    Step,
    retry_delay,
    run_politely,
)
from tuireader.reading.reader import Reader, ReadError
from tuireader.urls import BadURL, is_followable, normalize_url

__all__ = ["PrefetchProgress", "PrefetchSummary", "Prefetcher", "retry_delay"]

Outcome = Literal["fetched", "cached", "failed"]
Done = tuple[Outcome, str]  # what became of a URL, and why when it failed


@dataclass(frozen=True, slots=True)
class PrefetchProgress:
    """Where a run stands; a new snapshot is sent whenever a URL starts, finishes or is retried.

    `finished_url` (with its `finished_outcome`) names the URL whose end this snapshot reports,
    so a caller can mark it readable offline without asking the store.
    """

    done: int
    total: int
    fetched: int
    cached_already: int
    failed: int
    current: tuple[str, ...]
    last_error: str = ""
    finished_url: str = ""
    finished_outcome: Outcome | None = None

    @property
    def finished_offline(self) -> bool:
        return self.finished_outcome in ("fetched", "cached")


@dataclass(frozen=True, slots=True)
class PrefetchSummary:
    """What a run did, each list in the order the URLs were given."""

    total: int
    fetched: tuple[str, ...]
    cached_already: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (url, one-line reason)
    skipped: tuple[str, ...]  # not http(s), or not a URL: never requested
    cancelled: bool
    evicted: int = 0  # articles the cache evicted to make room ([cache] max_size)

    def line(self) -> str:
        """'30 links: 22 fetched, 5 already cached, 3 failed' (and what a cancel left unread)."""
        noun = "link" if self.total == 1 else "links"
        text = (
            f"{self.total} {noun}: {len(self.fetched)} fetched, "
            f"{len(self.cached_already)} already cached, {len(self.failed)} failed"
        )
        unread = self.total - len(self.fetched) - len(self.cached_already) - len(self.failed)
        if unread:
            text += (
                f"; stopped with {unread} not read" if self.cancelled else f", {unread} not read"
            )
        if self.evicted:
            text += f"; {self.evicted} older articles evicted to keep the cache under max_size"
        return text


ProgressCallback = Callable[[PrefetchProgress], None]


def article_links(article: Article) -> list[str]:
    """The URLs to read ahead for `article`: its related links first, then those in the body."""
    return [link.url for link in (*article.related_links, *article.body_links)]


def prefetch_targets(
    urls: Iterable[str], exclude: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """(normalized http(s) URLs to read, once each and in order; the URLs that were skipped).

    URLs in `exclude` (the article's own) are dropped silently; they are neither read nor skipped.
    """
    excluded = {_key(url) for url in exclude}
    targets: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for url in urls:
        key = _key(url) if is_followable(url) else None
        if key is None:
            skipped.append(url)
        elif key not in seen and key not in excluded:
            seen.add(key)
            targets.append(key)
    return targets, skipped


@contextmanager
def own_reader(shared: Reader) -> Iterator[Reader]:
    """A reader like `shared` on a store of its own, for one worker thread."""
    store = Store(shared.store.path)
    try:
        yield Reader(
            store, fetch_options=shared.fetch_options, settings=shared.settings, keep=shared.keep
        )
    finally:
        store.close()


class Prefetcher:
    """Reads many URLs into the reader's store with bounded concurrency, per run of `run()`."""

    def __init__(
        self,
        reader: Reader,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        per_host: int = DEFAULT_PER_HOST,
        cancelled: Callable[[], bool] | None = None,
        progress: ProgressCallback | None = None,
        retry_cap: float = MAX_RETRY_AFTER,
    ) -> None:
        if concurrency < 1 or per_host < 1:
            raise ValueError("concurrency and per_host must be at least 1")
        self.reader = reader
        self.concurrency = concurrency
        self.per_host = per_host
        self.cancelled = cancelled
        self.progress = progress
        self.retry_cap = retry_cap

    def run(self, urls: Iterable[str], *, exclude: Iterable[str] = ()) -> PrefetchSummary:
        """Read every URL (see `prefetch_targets`) and return what happened to each.

        Blocks until all are read or `cancelled()` turns true. An interrupt (Ctrl+C) in the
        calling thread stops the workers before it is raised again.
        """
        targets, skipped = prefetch_targets(urls, exclude)
        run = _Run(self, targets)
        with run.queue.lock:
            run.report()
        run_politely(
            run.queue,
            "prefetch",
            worker=partial(own_reader, self.reader),
            work=run.read,
            record=run.record,
            failed=_failed,
        )
        return run.summary(tuple(skipped))


class _Run:
    """The outcomes of one run, kept under the queue's lock, and what its workers do to a URL."""

    def __init__(self, prefetcher: Prefetcher, targets: list[str]) -> None:
        self.prefetcher = prefetcher
        self.targets = targets
        self.queue = PoliteQueue(
            targets,
            concurrency=prefetcher.concurrency,
            per_host=prefetcher.per_host,
            cancelled=prefetcher.cancelled,
            changed=self.report,
        )
        self.outcomes: dict[str, Done] = {}
        self.last_error = ""
        self.evicted = 0

    def read(self, reader: Reader, url: str) -> Step[Done]:
        queue = self.queue
        try:
            reading = reader.open(url, cancelled=queue.is_cancelled)
        except ReadError as exc:
            if queue.is_cancelled():
                return STOPPED  # stopped mid-fetch: not read, but not a failure either
            failed: Done = ("failed", _one_line(exc))
            delay = retry_delay(exc, self.prefetcher.retry_cap)
            return failed if delay is None else Retry(delay, lambda: failed)
        outcome: Outcome = "fetched" if reading.state is CacheState.FRESH else "cached"
        # its pictures right after it, one at a time: this run's workers are the concurrency
        reading = reader.fetch_pictures(reading, cancelled=queue.is_cancelled, concurrency=1)
        with queue.lock:
            self.evicted += reading.evicted
        return (outcome, "")

    def record(self, url: str, done: Done) -> None:
        self.outcomes[url] = done
        if done[1]:
            self.last_error = f"{url}: {done[1]}"

    def report(self, finished_url: str = "") -> None:
        """Send a snapshot; called with the lock held, so snapshots arrive in order."""
        callback = self.prefetcher.progress
        if callback is None:
            return
        counts = Counter(outcome for outcome, _ in self.outcomes.values())
        outcome = self.outcomes[finished_url][0] if finished_url else None
        callback(
            PrefetchProgress(
                done=len(self.outcomes),
                total=len(self.targets),
                fetched=counts["fetched"],
                cached_already=counts["cached"],
                failed=counts["failed"],
                current=tuple(self.queue.current),
                last_error=self.last_error,
                finished_url=finished_url,
                finished_outcome=outcome,
            )
        )

    def summary(self, skipped: tuple[str, ...]) -> PrefetchSummary:
        with self.queue.lock:
            done = [(url, *self.outcomes[url]) for url in self.targets if url in self.outcomes]
            return PrefetchSummary(
                total=len(self.targets),
                fetched=tuple(url for url, outcome, _ in done if outcome == "fetched"),
                cached_already=tuple(url for url, outcome, _ in done if outcome == "cached"),
                failed=tuple((url, why) for url, outcome, why in done if outcome == "failed"),
                skipped=skipped,
                cancelled=self.queue.is_cancelled(),
                evicted=self.evicted,
            )


def _key(url: str) -> str | None:
    try:
        return normalize_url(url)
    except BadURL:
        return None


def _failed(url: str, exc: Exception) -> Done:
    """An error reading a URL (its worker's store cannot open, say) fails that URL, not the run."""
    return ("failed", _one_line(exc))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
