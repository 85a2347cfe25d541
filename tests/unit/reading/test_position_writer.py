"""Reading positions are written off the UI thread, newest first per article, all of them at quit.

The writer is driven with a real store; a write that takes a while is stood for by a write
function that waits on an event, so what is queued meanwhile can be seen merging.
"""

from __future__ import annotations

import threading

from tuireader.cache import StoreError
from tuireader.reading.position_writer import PositionWriter

Call = tuple[str, float | None, int | None, str | None]


class SlowWrite:
    """Records each write; the first one waits until `go` is set."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.threads: list[bool] = []  # on the main thread?
        self.started = threading.Event()
        self.go = threading.Event()

    def __call__(
        self,
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
    ) -> None:
        self.threads.append(threading.current_thread() is threading.main_thread())
        self.started.set()
        self.go.wait(30)
        self.calls.append((url, progress, anchor, anchor_text))


def test_saves_queued_while_one_is_written_merge_and_the_newest_wins() -> None:
    write = SlowWrite()
    writer = PositionWriter(write)
    writer.save("a", progress=0.1, anchor=1, anchor_text="one")  # being written
    assert write.started.wait(30)
    writer.save("b", progress=0.2)
    writer.save("c")
    writer.save("b", anchor=5)  # merges into the queued b: progress kept, anchor added
    writer.save("c", progress=0.9, anchor_text="nine")
    writer.save("d", anchor=3)
    writer.save("d", progress=0.4)  # the anchor stays
    write.go.set()
    assert writer.flush(timeout=30)
    assert write.calls == [
        ("a", 0.1, 1, "one"),
        ("b", 0.2, 5, None),
        ("c", 0.9, None, "nine"),
        ("d", 0.4, 3, None),
    ]
    assert write.threads == [False] * 4  # never the caller's (UI) thread


def test_close_writes_what_is_queued_and_later_saves_are_written_at_once() -> None:
    write = SlowWrite()
    writer = PositionWriter(write)
    writer.save("a", progress=0.3)
    assert write.started.wait(30)
    writer.save("b", progress=0.4)
    write.go.set()
    writer.close()
    assert [call[0] for call in write.calls] == ["a", "b"]
    writer.save("c", progress=0.5)  # after close: no thread left to write it
    assert write.calls[-1] == ("c", 0.5, None, None) and write.threads[-1] is True


def test_each_outcome_is_reported() -> None:
    def write(
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
    ) -> None:
        if url == "bad":
            raise StoreError("the cache is read-only")

    reports: list[tuple[str, str, bool]] = []
    writer = PositionWriter(write)
    writer.report = lambda url, problem, had_progress: reports.append((url, problem, had_progress))
    writer.save("bad", progress=0.5)
    writer.save("good")
    writer.close()
    assert reports == [("bad", "the cache is read-only", True), ("good", "", False)]
