"""Running the `tuireader` command with its cache in a test's tmp_path: as a real process
(`run_cli`), or in this one (`run_in_process`) where a process adds nothing to what is tested.

A test needs the process when it is about the process: a terminal, a signal, a closed pipe or
stream, what gets imported, a crash or a kill. For the output and exit status of a command,
`run_in_process` gives the same answer in a fraction of the time.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tuireader.cli.main import main
from tuireader.paths import CACHE_DIR_ENV


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tuireader", *args]


def env_for(cache_dir: Path) -> dict[str, str]:
    return {**os.environ, CACHE_DIR_ENV: str(cache_dir)}


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


def run_in_process(
    *args: str, cache_dir: Path, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`tuireader ARGS` as `run_cli` runs it, but through `main(argv)` in this process.

    The command sees what the started process would: the environment of `env_for` (the
    conftest's settings file, `cache_dir` as TUIREADER_CACHE_DIR), `cwd`, `stdin` on a stream
    that is no terminal, and stdout and stderr that are pipes in all but name (UTF-8, no
    terminal, no file descriptor). An exit through SystemExit is its exit status. Newlines are
    not translated as `run_cli`'s are, so a stray carriage return stays visible.
    """
    stdout, stderr = _pipe("strict"), _pipe("backslashreplace")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_DIR_ENV, str(cache_dir))
        if "COLUMNS" not in os.environ:  # a pipe has no width: help wraps at 80, as argparse's
            patch.setenv("COLUMNS", "80")  # fallback does in a started process
        if cwd is not None:
            patch.chdir(cwd)
        patch.setattr(sys, "stdin", io.StringIO(stdin))
        patch.setattr(sys, "stdout", stdout)
        patch.setattr(sys, "stderr", stderr)
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = _exit_status(exc.code, stderr)
        stdout.flush()
        stderr.flush()
    return subprocess.CompletedProcess(["tuireader", *args], code, _text(stdout), _text(stderr))


def _pipe(errors: str) -> io.TextIOWrapper:
    """A text stream as Python opens one on a pipe: UTF-8, `errors` as for stdout or stderr."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors, newline="\n")


def _text(stream: io.TextIOWrapper) -> str:
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")


def _exit_status(code: object, stderr: io.TextIOWrapper) -> int:
    """What the interpreter exits with for SystemExit(code), saying a message as it would."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=stderr)
    return 1
