"""Politeness, one rule for every run that requests many URLs (read-ahead, feed refresh).

At most `concurrency` requests in flight, at most `per_host` to any one host, and a 429 or 503
with Retry-After holds that whole host for the time asked (capped) before the URL is tried once
more. A `PoliteQueue` hands URLs to worker threads under those rules, and `run_politely` is the
one loop those threads run; what a worker does with a URL, and what it keeps of the outcome, is
the caller's.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from enum import Enum
from time import monotonic
from typing import Generic, Literal, TypeAlias, TypeVar
from urllib.parse import urlsplit

DEFAULT_CONCURRENCY = 4
DEFAULT_PER_HOST = 2
MAX_RETRY_AFTER = 60.0  # seconds: a server asking for longer is not waited on past this
RETRY_STATUSES = frozenset({429, 503})
POLL_SECONDS = 0.1  # how often a waiting worker checks cancelled()

R = TypeVar("R")
W = TypeVar("W")


def host_key(url: str) -> str:
    """What the per-host limit counts: host and port, since one server answers on one port."""
    return urlsplit(url).netloc.lower()


def retry_delay(exc: BaseException, cap: float = MAX_RETRY_AFTER) -> float | None:
    """Seconds to wait before retrying, when the failure was a 429 or 503 with Retry-After."""
    status, after = getattr(exc, "status", None), getattr(exc, "retry_after", None)
    if status not in RETRY_STATUSES or after is None:
        return None
    return min(max(0.0, float(after)), cap)


class PoliteQueue:
    """URLs for worker threads, handed out politely; every field is guarded by `lock`.

    A worker (`run_politely`'s loop) takes URLs with `take()` and ends each with `finish` (done,
    whatever the outcome), `retry_later` (the server asked to wait; False when it was retried
    already) or `release` (stopped mid-way: neither done nor failed). `changed(url)` is called
    with the lock held after each change, with the URL that finished or "", so snapshots taken
    there come in order.
    """

    def __init__(
        self,
        urls: Iterable[str],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        per_host: int = DEFAULT_PER_HOST,
        cancelled: Callable[[], bool] | None = None,
        changed: Callable[[str], None] | None = None,
    ) -> None:
        if concurrency < 1 or per_host < 1:
            raise ValueError("concurrency and per_host must be at least 1")
        self.concurrency = concurrency
        self.per_host = per_host
        self.cancelled = cancelled
        self.changed = changed
        self.lock = threading.Condition()  # reentrant: callers record outcomes under it too
        self.pending: deque[str] = deque(urls)
        self.current: list[str] = []
        self.active: Counter[str] = Counter()
        self.hold_until: dict[str, float] = {}
        self.retried: set[str] = set()
        self.stopped = threading.Event()

    def is_cancelled(self) -> bool:
        return self.stopped.is_set() or (self.cancelled is not None and self.cancelled())

    def stop(self) -> None:
        self.stopped.set()
        with self.lock:
            self.lock.notify_all()

    def run(self, work: Callable[[], None], name: str) -> None:
        """Run `work` (a loop on `take`) in as many threads as can be busy, until all end.

        An interrupt (Ctrl+C) in the calling thread stops the workers before it is raised again.
        """
        count = min(self.concurrency, len(self.pending))
        threads = [
            threading.Thread(target=work, name=f"tuireader-{name}-{n}", daemon=True)
            for n in range(count)
        ]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                while thread.is_alive():
                    thread.join(POLL_SECONDS)
        except BaseException:
            self.stop()
            deadline = monotonic() + 1.0  # a request in flight may take longer: daemon threads
            for thread in threads:
                thread.join(max(0.0, deadline - monotonic()))
            raise

    def take(self) -> str | None:
        """The next URL whose host has a free slot and no Retry-After hold; None when done."""
        with self.lock:
            while not self.is_cancelled():
                if not self.pending and not self.current:
                    return None
                now = monotonic()
                wait = POLL_SECONDS
                for url in self.pending:
                    host = host_key(url)
                    held = self.hold_until.get(host, 0.0) - now
                    if held > 0:
                        wait = min(wait, held)
                    elif self.active[host] < self.per_host:
                        self.pending.remove(url)
                        self.active[host] += 1
                        self.current.append(url)
                        self._changed("")
                        return url
                # nothing can start now: wait for a slot, a hold to end, or a retry to come back
                self.lock.wait(wait)
            return None

    def finish(self, url: str) -> None:
        with self.lock:
            self._free(url)
            self._changed(url)
            self.lock.notify_all()

    def release(self, url: str) -> None:
        with self.lock:
            self._free(url)
            self.lock.notify_all()

    def retry_later(self, url: str, delay: float) -> bool:
        """Hold the whole host for `delay` seconds and put `url` first in line for its one retry;
        False (nothing done) when it had its retry already."""
        host = host_key(url)
        with self.lock:
            if url in self.retried:
                return False
            self.retried.add(url)
            self.hold_until[host] = max(self.hold_until.get(host, 0.0), monotonic() + delay)
            self._free(url)
            self.pending.appendleft(url)
            self._changed("")
            self.lock.notify_all()
            return True

    def _free(self, url: str) -> None:
        if url in self.current:
            self.current.remove(url)
            self.active[host_key(url)] -= 1

    def _changed(self, finished: str) -> None:
        if self.changed is not None:
            self.changed(finished)


class Stop(Enum):
    """One member, so that a type checker tells it from any outcome."""

    STOPPED = "stopped"


STOPPED = Stop.STOPPED
"""What a URL's work returns when it was stopped mid-way: neither done nor failed."""


@dataclass(frozen=True, slots=True)
class Retry(Generic[R]):
    """What a URL's work returns when its server asked to wait `delay` seconds: the URL is tried
    once more after that, or, when it had its retry already, `otherwise()` is what became of it."""

    delay: float
    otherwise: Callable[[], R]


Step: TypeAlias = R | Retry[R] | Literal[Stop.STOPPED]


def run_politely(
    queue: PoliteQueue,
    name: str,
    *,
    worker: Callable[[], AbstractContextManager[W]],
    work: Callable[[W, str], Step[R]],
    record: Callable[[str, R], None],
    failed: Callable[[str, Exception], R] | None = None,
    errors: tuple[type[Exception], ...] = (Exception,),
) -> None:
    """Work through `queue` in its threads (`PoliteQueue.run`) until it is empty or cancelled.

    Each thread enters `worker()` at its first URL (its own store, say) and hands it to `work`
    with each URL: a `Retry` goes back in the queue, `STOPPED` is released, and anything else is
    the URL's outcome, given to `record` under the queue's lock as the URL finishes (so the
    `changed` snapshots see it). With `failed`, an exception of `errors` raised by `worker()` or
    `work` is made the URL's outcome instead of ending the thread.
    """

    def loop() -> None:
        with ExitStack() as stack:
            own: list[W] = []  # this thread's worker, once entered
            while (url := queue.take()) is not None:
                try:
                    if not own:
                        own.append(stack.enter_context(worker()))
                    step = work(own[0], url)
                    if isinstance(step, Retry):
                        if queue.retry_later(url, step.delay):
                            continue
                        step = step.otherwise()
                except errors as exc:
                    if failed is None:
                        raise
                    step = failed(url, exc)
                if step is STOPPED:
                    queue.release(url)
                    continue
                with queue.lock:
                    record(url, step)
                    queue.finish(url)

    queue.run(loop, name)
