"""Refresh: check every feed that is due, keep what is new, then fetch the new articles whole.

No Textual here: `tuireader refresh` runs `Refresher.run` in the foreground and the app in a
thread worker. Feeds are checked politely (`reading/polite.py`: 4 at a time, 2 per host,
Retry-After honoured and kept as the feed's `not_before`), conditionally on their stored ETag and
Last-Modified, and never more often than their own ttl, skipHours and skipDays allow. Each check
is saved in one transaction as it ends, so a refresh killed at any moment loses no check that
was saved, and the next one does the rest: it fetches the articles still missing as well as the
new ones (`Store.articles_to_fetch`), through the read-ahead (`reading/prefetch.py`). Then the
cached articles of entries the feeds changed (another updated date, else another title or
content: `Store.articles_to_refetch`) are fetched again, conditionally, and a changed text
keeps the one it replaced (`reading/refetch.py`). Last, what is on the reading list but not
cached yet is fetched the same way (`reading/saving.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from functools import partial

from tuireader.cache import Store, StoreError
from tuireader.cache.feeds import DAYS, Subscription
from tuireader.reading.feed_check import FeedProblem, read_feed
from tuireader.reading.polite import (
    MAX_RETRY_AFTER,
    RETRY_STATUSES,
    STOPPED,
    PoliteQueue,
    Retry,
    Step,
    run_politely,
)
from tuireader.reading.prefetch import Prefetcher, PrefetchProgress
from tuireader.reading.reader import Reader
from tuireader.reading.refresh_report import (
    FeedOutcome,
    ProgressCallback,
    RefreshProgress,
    RefreshSummary,
)

__all__ = ["RefreshProgress", "RefreshSummary", "Refresher", "is_due"]


def is_due(feed: Subscription, now: datetime, *, force: bool = False) -> bool:
    """Whether to check `feed` now: always when never checked; never while its server asked to
    wait; otherwise when its ttl has passed and neither skipHours nor skipDays (UTC) name now,
    unless `force`."""
    if _after(feed.not_before, now):
        return False
    if not feed.last_checked or force:
        return True
    if feed.ttl_minutes and _after(feed.last_checked, now - timedelta(minutes=feed.ttl_minutes)):
        return False
    return now.hour not in feed.skip_hours and DAYS[now.weekday()] not in feed.skip_days


def _after(iso: str, moment: datetime) -> bool:
    """`iso` (a stored time) is later than `moment`; an empty or unreadable one never is."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return False
    return (when if when.tzinfo else when.replace(tzinfo=UTC)) > moment


class Refresher:
    """One refresh of the reader's store: `run()` checks, keeps, fetches and tidies."""

    def __init__(
        self,
        reader: Reader,
        *,
        force: bool = False,
        articles: bool | None = None,
        cancelled: Callable[[], bool] | None = None,
        progress: ProgressCallback | None = None,
        retry_cap: float = MAX_RETRY_AFTER,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        settings = reader.settings
        self.reader = reader
        self.force = force
        self.articles = settings.feed_fetch_articles if articles is None else articles
        self.saved = articles is not False  # the reading list's: saved to be read, unless told
        self.cancelled = cancelled
        self.progress = progress
        self.retry_cap = retry_cap
        self.clock = clock

    def run(self) -> RefreshSummary:
        """Refresh every due feed, then fetch articles; StoreError if the store cannot be read."""
        store = self.reader.store
        now = self.clock()
        feeds = store.feeds()
        due = [feed for feed in feeds if is_due(feed, now, force=self.force)]
        checks = _Checks(self, due)
        checks.run()
        summary = checks.summary(len(feeds))
        if self.articles and not checks.queue.is_cancelled():
            summary = self._fetch_articles(summary)
            if not summary.cancelled:
                summary = self._refetch_changed(summary)
        if self.saved and not summary.cancelled:
            summary = self._fetch_saved(summary)
        keep = timedelta(seconds=self.reader.settings.feed_keep_read_seconds)
        try:
            forgotten = store.forget_read_entries((now - keep).isoformat(timespec="seconds"))
        except StoreError as exc:
            return summary._replace(store_error=summary.store_error or str(exc))
        return summary._replace(forgotten=forgotten)

    def _fetch_articles(self, summary: RefreshSummary) -> RefreshSummary:
        store = self.reader.store
        try:
            wanted = store.articles_to_fetch(self.reader.settings.feed_max_articles)
        except StoreError as exc:
            return summary._replace(store_error=str(exc))
        if not wanted:
            return summary
        article_progress = None
        if self.progress is not None:
            article_progress = _ArticleProgress(self.progress, summary).update
        done = Prefetcher(
            self.reader,
            cancelled=self.cancelled,
            progress=article_progress,
            retry_cap=self.retry_cap,
        ).run(entry.url for entry in wanted)
        failed = dict(done.failed)
        for entry in wanted:
            if entry.url not in failed and not entry.fetch_error:
                continue  # fetched at the first try: nothing to keep
            try:  # why it failed (one more attempt), or that a retry worked
                store.set_fetch_error(entry.url, failed.get(entry.url, ""))
            except StoreError as exc:
                summary = summary._replace(store_error=str(exc))
        return summary._replace(
            articles_fetched=len(done.fetched) + len(done.cached_already),
            articles_failed=done.failed,
            cancelled=summary.cancelled or done.cancelled,
        )

    def _refetch_changed(self, summary: RefreshSummary) -> RefreshSummary:
        """Fetch again the cached articles of the entries a feed changed; count those whose
        text changed, and keep what became of each for the next refresh."""
        from tuireader.reading.refetch import refetch

        store = self.reader.store
        try:
            wanted = store.articles_to_refetch(self.reader.settings.feed_max_articles)
        except StoreError as exc:
            return summary._replace(store_error=summary.store_error or str(exc))
        if not wanted:
            return summary
        done = refetch(
            self.reader,
            (entry.url for entry in wanted),
            cancelled=self.cancelled,
            progress=self.progress,
            retry_cap=self.retry_cap,
            new_entries=summary.new_entries,
        )
        failed = {url for url, _ in done.failed}
        for url in (*done.changed, *done.unchanged, *failed):
            try:
                store.refetched(url, failed=url in failed)
            except StoreError as exc:
                summary = summary._replace(store_error=summary.store_error or str(exc))
        return summary._replace(
            articles_changed=len(done.changed),
            articles_failed=(*summary.articles_failed, *done.failed),
            cancelled=summary.cancelled or done.cancelled,
        )

    def _fetch_saved(self, summary: RefreshSummary) -> RefreshSummary:
        from tuireader.reading.saving import fetch_saved

        progress = self.progress and _ArticleProgress(self.progress, summary).update
        try:
            if not (wanted := self.reader.store.urls_to_fetch()):
                return summary
            done = fetch_saved(
                self.reader, wanted, progress=progress, cancelled=self.cancelled,
                retry_cap=self.retry_cap,
            )  # fmt: skip
        except StoreError as exc:
            return summary._replace(store_error=summary.store_error or str(exc))
        cancelled = summary.cancelled or done.cancelled
        return summary._replace(
            saved_fetched=len(done.fetched), saved_failed=done.failed, cancelled=cancelled
        )


class _ArticleProgress:
    """Read-ahead snapshots as refresh snapshots of its second phase."""

    def __init__(self, progress: ProgressCallback, feeds: RefreshSummary) -> None:
        self.progress = progress
        self.feeds = feeds

    def update(self, snapshot: PrefetchProgress) -> None:
        outcome = snapshot.finished_outcome or ""
        self.progress(
            RefreshProgress(
                phase="articles",
                done=snapshot.done,
                total=snapshot.total,
                failed=snapshot.failed,
                current=snapshot.current,
                finished=snapshot.finished_url,
                outcome="fetched" if outcome == "cached" else outcome,
                new_entries=self.feeds.new_entries,
            )
        )


class _Checks:
    """The first phase: each due feed checked by a pool of workers, each with its own store."""

    def __init__(self, refresher: Refresher, due: list[Subscription]) -> None:
        self.refresher = refresher
        self.by_url = {feed.url: feed for feed in due}
        self.queue = PoliteQueue(self.by_url, cancelled=refresher.cancelled, changed=self.report)
        self.outcomes: dict[str, FeedOutcome] = {}
        self.store_error = ""
        settings = refresher.reader.settings
        from tuireader.fetch import FetchOptions

        self.options = refresher.reader.fetch_options or FetchOptions(
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            max_bytes=settings.max_page_bytes,
        )

    def run(self) -> None:
        with self.queue.lock:
            self.report("")
        run_politely(
            self.queue,
            "refresh",
            worker=lambda: closing(Store(self.refresher.reader.store.path)),
            work=self.check,
            record=self.outcomes.__setitem__,
            failed=self.failed,
            errors=(StoreError,),
        )

    def failed(self, url: str, exc: Exception) -> FeedOutcome:
        """A store that cannot open or save fails this feed; the summary tells why."""
        self.store_error = str(exc)
        return FeedOutcome("failed", error=str(exc))

    def check(self, store: Store, url: str) -> Step[FeedOutcome]:
        queue, feed = self.queue, self.by_url[url]
        try:
            found = read_feed(
                feed.url,
                self.options,
                etag=feed.etag,
                last_modified=feed.last_modified,
                cancelled=queue.is_cancelled,
            )
        except FeedProblem as exc:
            if queue.is_cancelled():
                return STOPPED  # stopped, not failed: the next refresh checks it
            wait = exc.retry_after if exc.status in RETRY_STATUSES else None
            if wait is not None and wait <= self.refresher.retry_cap:
                # tried once more in this run, after the wait
                return Retry(wait, partial(self.problem, store, feed, exc, wait))
            return self.problem(store, feed, exc, wait)
        if found.parsed is None:
            store.save_check(
                feed.id,
                None,
                etag=found.etag,
                last_modified=found.last_modified,
                moved_to=found.moved_to,
            )
            return FeedOutcome("unchanged")
        new = store.save_check(
            feed.id,
            found.parsed,
            etag=found.etag,
            last_modified=found.last_modified,
            error=found.parsed.malformed,
            moved_to=found.moved_to,
        )
        outcome = FeedOutcome("updated" if new else "unchanged", new=len(new))
        return outcome._replace(title=found.parsed.title)

    def problem(
        self, store: Store, feed: Subscription, exc: FeedProblem, wait: float | None
    ) -> FeedOutcome:
        """Keep a failed check, and the time its server asked to be left alone till, if any."""
        not_before = ""
        if wait is not None:
            later = self.refresher.clock() + timedelta(seconds=wait)
            not_before = later.isoformat(timespec="seconds")
        store.save_check(feed.id, None, error=str(exc), not_before=not_before)
        return FeedOutcome("failed", error=str(exc))

    def report(self, finished: str) -> None:
        """A snapshot, sent with the queue's lock held so they arrive in order."""
        progress = self.refresher.progress
        if progress is None:
            return
        outcomes = self.outcomes.values()
        outcome = self.outcomes.get(finished)
        progress(
            RefreshProgress(
                phase="feeds",
                done=len(self.outcomes),
                total=len(self.by_url),
                failed=sum(o.kind == "failed" for o in outcomes),
                current=tuple(self.queue.current),
                finished=_name(self.by_url[finished], outcome) if finished else "",
                outcome=outcome.kind if outcome else "",
                new_entries=sum(o.new for o in outcomes),
                error=outcome.error if outcome else "",
            )
        )

    def summary(self, followed: int) -> RefreshSummary:
        with self.queue.lock:  # in the feeds' order, not the order they happened to end
            outcomes = {url: self.outcomes[url] for url in self.by_url if url in self.outcomes}
        kinds = [o.kind for o in outcomes.values()]
        return RefreshSummary(
            feeds=followed,
            checked=len(self.by_url),
            unchanged=kinds.count("unchanged"),
            updated=kinds.count("updated"),
            new_entries=sum(o.new for o in outcomes.values()),
            feeds_failed=tuple(
                (_name(self.by_url[url], o), o.error)
                for url, o in outcomes.items()
                if o.kind == "failed"
            ),
            cancelled=self.queue.is_cancelled(),
            store_error=self.store_error,
        )


def _name(feed: Subscription, outcome: FeedOutcome | None) -> str:
    """A feed as messages name it: its title (as just read, if it has one now), else its URL."""
    return (outcome.title if outcome and outcome.title else "") or feed.name
