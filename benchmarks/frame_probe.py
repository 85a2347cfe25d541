"""Run the real `tuireader` command with every screen update timed, for the scrolling benchmark.

    python benchmarks/frame_probe.py OUT.json [tuireader arguments...]

Textual draws a frame in `Screen._on_timer_update`: the layout if needed, the compositor's update
(ArticleView.render_line for each changed line), the conversion to escape sequences and the
hand-over to the driver's writer thread. This wraps that method (in this process only; the
program is otherwise untouched) to record for each frame when it started (time.monotonic,
comparable with the benchmark's clock), how long it took (wall clock), the CPU time of the thread
in it (what a busy machine does not inflate) and the time spent in Python's garbage collector
during it. The list is written to OUT.json on exit.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable
from typing import Any

from textual.screen import Screen

Frame = tuple[float, float, float, float]  # start, wall ms, CPU ms, garbage collection ms


class Collections:
    """The wall time spent in the garbage collector, as a running total."""

    def __init__(self) -> None:
        self.total = 0.0
        self._began = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.total += (time.perf_counter() - self._began) * 1000


def _timed(update: Callable[[Screen[Any]], None], frames: list[Frame]) -> Any:
    collections = Collections()

    def timed_update(self: Screen[Any]) -> None:
        start = time.monotonic()
        began, cpu, collected = time.perf_counter(), time.thread_time(), collections.total
        try:
            update(self)
        finally:
            frames.append(
                (
                    start,
                    (time.perf_counter() - began) * 1000,
                    (time.thread_time() - cpu) * 1000,
                    collections.total - collected,
                )
            )

    return timed_update


def main() -> int:
    out, arguments = sys.argv[1], sys.argv[2:]
    frames: list[Frame] = []
    Screen._on_timer_update = _timed(Screen._on_timer_update, frames)  # type: ignore[method-assign]
    from tuireader.cli.main import main as tuireader

    try:
        return tuireader(arguments)
    finally:
        with open(out, "w", encoding="utf-8") as file:
            json.dump(frames, file)


if __name__ == "__main__":
    sys.exit(main())
