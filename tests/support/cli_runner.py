"""Running the real `tuireader` command in a subprocess, with its cache in a test's tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tuireader", *args]


def env_for(cache_dir: Path) -> dict[str, str]:
    return {**os.environ, "TUIREADER_CACHE_DIR": str(cache_dir)}


def run_cli(
    *args: str, cache_dir: Path, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`tuireader ARGS` (in `cwd` if given): exit code, stdout and stderr as text."""
    return subprocess.run(
        command(*args),
        input=stdin,
        capture_output=True,
        text=True,
        env=env_for(cache_dir),
        timeout=60,
        cwd=cwd,
    )
