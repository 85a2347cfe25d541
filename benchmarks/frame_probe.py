"""Run the real `tuireader` command with every screen update timed, for the scrolling benchmark.

    python benchmarks/frame_probe.py OUT.json [tuireader arguments...]

Textual draws a frame in `Screen._on_timer_update`: the layout if needed, the compositor's update
(ArticleView.render_line for each changed line), the conversion to escape sequences and the
hand-over to the driver's writer thread. This wraps that method (in this process only; the
program is otherwise untouched) to record when each frame started (time.monotonic, comparable
with the benchmark's clock) and how long it took. The list is written to OUT.json on exit.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

from textual.screen import Screen


def _timed(update: Callable[[Screen[Any]], None], frames: list[tuple[float, float]]) -> Any:
    def timed_update(self: Screen[Any]) -> None:
        start = time.monotonic()
        began = time.perf_counter()
        try:
            update(self)
        finally:
            frames.append((start, (time.perf_counter() - began) * 1000))

    return timed_update


def main() -> int:
    out, arguments = sys.argv[1], sys.argv[2:]
    frames: list[tuple[float, float]] = []
    Screen._on_timer_update = _timed(Screen._on_timer_update, frames)  # type: ignore[method-assign]
    from tuireader.cli import main as tuireader

    try:
        return tuireader(arguments)
    finally:
        with open(out, "w", encoding="utf-8") as file:
            json.dump(frames, file)


if __name__ == "__main__":
    sys.exit(main())
