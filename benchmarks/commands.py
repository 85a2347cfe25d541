"""Timing a `tuireader` command the way a person runs it: a process of its own on a cache."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def timed_tuireader(
    benchmark: str, cache_dir: Path, *args: str
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run `tuireader ARGS` on `cache_dir`: (wall seconds, what it did); a failure ends the
    benchmark named `benchmark` with tuireader's own message."""
    env = {**os.environ, "TUIREADER_CACHE_DIR": str(cache_dir)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tuireader", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{benchmark} benchmark: tuireader {' '.join(args)} failed: {done.stderr}")
    return elapsed, done


def last_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[-1]
