"""The real `tuireader` command in a pseudo-terminal, for tests that need a person's terminal.

The screen is read crudely: escape sequences stripped from everything written so far, which is
enough to see that a line of text was drawn. `children()` lists the program's child processes
(from /proc), for tests of the process that fetches the first article.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from contextlib import suppress
from pathlib import Path

from support.cli_runner import command, env_for

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[()][0-9A-Za-z]"  # character sets
)


class PtySession:
    def __init__(self, *args: str, cache_dir: Path, size: tuple[int, int] = (120, 40)) -> None:
        master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self._master = master
        self.output = b""
        self.process = subprocess.Popen(
            command(*args),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env_for(cache_dir), "TERM": "xterm-256color"},
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        os.close(slave)

    @property
    def text(self) -> str:
        return _ESCAPES.sub(b"", self.output).decode("utf-8", "replace")

    def _read(self, timeout: float) -> bool:
        if not select.select([self._master], [], [], timeout)[0]:
            return True
        try:
            chunk = os.read(self._master, 65536)
        except OSError:  # EIO: the program closed the terminal
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, needle: str, timeout: float = 30) -> None:
        """Read until `needle` is on screen; AssertionError with what was shown if it never is."""
        end = time.monotonic() + timeout
        while needle not in self.text:
            assert time.monotonic() < end, f"{needle!r} never shown; screen text: {self.text!r}"
            if not self._read(0.05) and needle not in self.text:
                raise AssertionError(f"exited before {needle!r} was shown: {self.text!r}")

    def send(self, keys: bytes) -> None:
        os.write(self._master, keys)

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def finish(self, timeout: float = 20) -> int:
        """Read until the program exits; its exit code."""
        end = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < end:
            self._read(0.05)
        code = self.process.wait(timeout=max(0.1, end - time.monotonic()))
        os.close(self._master)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        with suppress(OSError):
            os.close(self._master)


def gone(pid: int, timeout: float = 10) -> bool:
    """Whether process `pid` ends (and is collected, not left a zombie) within `timeout`."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z" and time.monotonic() > end - 0.1:
            return False
        time.sleep(0.02)
    return False
