"""The one worker loop every polite run shares (`run_politely`), driven by plain callables.

What a URL's work returns decides what becomes of it: an outcome is recorded as the URL
finishes, a `Retry` puts it back once after the hold asked for, `STOPPED` releases it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from time import monotonic

from tuireader.reading.polite import (
    STOPPED,
    PoliteQueue,
    Retry,
    Step,
    host_key,
    run_politely,
)

SITE = "http://127.0.0.1:9"  # never requested: the loop only reads the host of a URL


def urls(count: int, site: str = SITE) -> list[str]:
    return [f"{site}/page-{n}" for n in range(count)]


class Record:
    """What `record` was given: each URL's outcome."""

    def __init__(self) -> None:
        self.outcomes: dict[str, str] = {}

    def __call__(self, url: str, outcome: str) -> None:
        assert url not in self.outcomes, "a URL is recorded once"
        self.outcomes[url] = outcome


def run(queue: PoliteQueue, work: Callable[[None, str], Step[str]]) -> Record:
    record = Record()
    run_politely(queue, "test", worker=nullcontext, work=work, record=record)
    return record


def test_every_url_is_recorded_once_with_what_its_work_returned() -> None:
    queue = PoliteQueue(urls(5))
    done = run(queue, lambda _, url: f"read {url}")
    assert done.outcomes == {url: f"read {url}" for url in urls(5)}
    assert not queue.pending and not queue.current


def test_a_retry_comes_back_once_after_the_hold_the_server_asked_for() -> None:
    first, second = urls(2)
    calls: list[tuple[str, float]] = []

    def work(_: None, url: str) -> Step[str]:
        calls.append((url, monotonic()))
        if url == first and len(calls) == 1:
            return Retry(0.3, lambda: "gave up")
        return "read"

    queue = PoliteQueue([first, second], concurrency=1)
    done = run(queue, work)
    assert done.outcomes == {first: "read", second: "read"}
    # put first in line again, and not handed out before its host's hold ended
    assert [url for url, _ in calls] == [first, first, second]
    held_until = queue.hold_until[host_key(first)]
    assert held_until >= calls[0][1] + 0.3
    assert calls[1][1] >= held_until
    assert queue.retried == {first}


def test_a_second_retry_is_not_waited_on_the_url_ends_as_otherwise_says() -> None:
    (url,) = urls(1)
    asked: list[str] = []

    def work(_: None, url: str) -> Step[str]:
        asked.append(url)
        return Retry(0.0, lambda: "failed after its retry")

    done = run(PoliteQueue([url]), work)
    assert asked == [url, url]
    assert done.outcomes == {url: "failed after its retry"}


def test_a_stopped_url_is_released_neither_recorded_nor_tried_again() -> None:
    stopped, *rest = urls(4)
    asked: list[str] = []

    def work(_: None, url: str) -> Step[str]:
        asked.append(url)
        return STOPPED if url == stopped else "read"

    queue = PoliteQueue([stopped, *rest], concurrency=1)
    done = run(queue, work)
    assert done.outcomes == dict.fromkeys(rest, "read")
    assert asked == [stopped, *rest]
    assert not queue.current and queue.active[host_key(stopped)] == 0


def test_cancelling_ends_the_run_and_hands_out_no_more_urls() -> None:
    cancel = threading.Event()
    asked: list[str] = []

    def work(_: None, url: str) -> Step[str]:
        asked.append(url)
        if len(asked) == 2:
            cancel.set()
            return STOPPED  # as a fetch cut short by the cancel ends
        return "read"

    queue = PoliteQueue(urls(6), concurrency=1, cancelled=cancel.is_set)
    done = run(queue, work)
    assert asked == urls(2)
    assert done.outcomes == {urls(1)[0]: "read"}
    assert queue.pending == type(queue.pending)(urls(6)[2:])


def test_the_outcome_is_recorded_before_the_snapshot_of_its_finish() -> None:
    seen: list[tuple[str, bool]] = []
    holder: list[Record] = []

    def changed(finished: str) -> None:
        if finished:
            seen.append((finished, finished in holder[0].outcomes))

    queue = PoliteQueue(urls(4), changed=changed)
    record = Record()
    holder.append(record)
    run_politely(queue, "test", worker=nullcontext, work=lambda _, url: "read", record=record)
    assert sorted(seen) == [(url, True) for url in sorted(urls(4))]


@dataclass
class Own:
    """A worker thread's own object: its thread, and the URLs handed to it."""

    thread: int
    urls: list[str] = field(default_factory=list)


def test_several_workers_each_enter_their_own_worker_once_and_close_it() -> None:
    """Three URLs in flight at once (the barrier waits for all three), each thread with the
    worker it entered at its first URL, every worker closed when the run ends."""
    in_flight = threading.Barrier(3, timeout=30)
    entered: list[Own] = []
    closed: list[Own] = []
    lock = threading.Lock()

    class Worker:
        def __enter__(self) -> Own:
            self.own = Own(threading.get_ident())
            with lock:
                entered.append(self.own)
            return self.own

        def __exit__(self, *exc: object) -> None:
            with lock:
                closed.append(self.own)

    def work(own: Own, url: str) -> Step[str]:
        assert own.thread == threading.get_ident()
        own.urls.append(url)
        if url in urls(3):
            in_flight.wait()
        return "read"

    queue = PoliteQueue(urls(9), concurrency=3, per_host=3)
    record = Record()
    run_politely(queue, "test", worker=Worker, work=work, record=record)
    assert set(record.outcomes) == set(urls(9))
    assert len(entered) == 3
    assert sorted(map(id, closed)) == sorted(map(id, entered))
    handled = [url for own in entered for url in own.urls]
    assert sorted(handled) == sorted(urls(9))


def test_an_error_of_the_kinds_given_is_the_urls_outcome_and_the_worker_is_tried_again() -> None:
    attempts: list[int] = []

    @contextmanager
    def worker() -> Iterator[None]:
        attempts.append(len(attempts))
        if len(attempts) == 1:
            raise OSError("the store cannot open")
        yield None

    def work(_: None, url: str) -> Step[str]:
        if url.endswith("page-2"):
            raise ValueError("broken page")
        return "read"

    queue = PoliteQueue(urls(4), concurrency=1)
    record = Record()
    run_politely(
        queue,
        "test",
        worker=worker,
        work=work,
        record=record,
        failed=lambda url, exc: f"failed: {exc}",
    )
    first, second, third, fourth = urls(4)
    assert record.outcomes == {
        first: "failed: the store cannot open",
        second: "read",
        third: "failed: broken page",
        fourth: "read",
    }
    assert len(attempts) == 2


def test_only_the_kinds_of_error_given_are_caught() -> None:
    seen: list[BaseException | None] = []
    hook = threading.excepthook
    threading.excepthook = lambda args: seen.append(args.exc_value)
    cancel = threading.Event()

    def work(_: None, url: str) -> Step[str]:
        cancel.set()  # lets the run end: the URL the thread died with is never finished
        raise ValueError("not a store error")

    try:
        run_politely(
            PoliteQueue(urls(1), cancelled=cancel.is_set),
            "test",
            worker=nullcontext,
            work=work,
            record=lambda url, outcome: None,
            failed=lambda url, exc: "failed",
            errors=(OSError,),
        )
    finally:
        threading.excepthook = hook
    assert [str(exc) for exc in seen] == ["not a store error"]
