"""A program in a pseudo-terminal with an emulated screen (pyte): when is some text on it?

`Launch` forks the command into a new pty of the given size and reads everything it writes. The
time a text appeared is the time the bytes that drew it were read from the pty (taken before the
emulator parses them), so the emulator's own speed does not count. To keep the emulator from
competing with the program for the CPU, bytes are parsed only when the text shows in the raw
output, or when the output pauses.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Mapping, Sequence

import pyte

QUIET = 0.02  # seconds without output after which pending bytes are parsed anyway

_LIVE: set[int] = set()  # children not yet reaped, killed by kill_all()


class Exited(Exception):
    """The program ended before the text appeared; the message holds its last screen."""


class Launch:
    """One run of `argv` in a `cols`x`rows` pty; `started` is taken just before the fork."""

    def __init__(
        self, argv: Sequence[str], env: Mapping[str, str], cols: int = 120, rows: int = 40
    ) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self._pending: list[tuple[float, bytes]] = []
        self._tail = b""
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execve(argv[0], list(argv), dict(env))
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        _LIVE.add(pid)
        self.returncode: int | None = None

    # Reading the screen ---------------------------------------------------------------------

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def _on_screen(self, needle: str) -> bool:
        return any(needle in line for line in self.screen.display)

    def _parse_pending(self, needle: str | None) -> float | None:
        """Feed the pending chunks; the read time of the first after which `needle` shows."""
        found = None
        for stamp, data in self._pending:
            self.stream.feed(data)
            if found is None and needle is not None and self._on_screen(needle):
                found = stamp
        self._pending.clear()
        return found

    def _read(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout`); False when nothing came."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        stamp = time.perf_counter()
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the program closed the terminal
            data = b""
        if not data:
            self._reap()
            self._parse_pending(None)
            raise Exited(f"the program exited ({self.returncode}); screen:\n{self.text()}")
        self._pending.append((stamp, data))
        return True

    def wait_for(self, needle: str, timeout: float = 30.0) -> float:
        """Seconds from the launch until `needle` is on the screen."""
        raw = needle.encode("utf-8")
        deadline = time.perf_counter() + timeout
        if self._on_screen(needle):  # already drawn: the screen changes only when bytes are parsed
            return time.perf_counter() - self.started
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                self._parse_pending(None)
                raise TimeoutError(f"{needle!r} not on screen after {timeout} s:\n{self.text()}")
            got = self._read(min(QUIET, left))
            if got:
                data = self._pending[-1][1]
                window, self._tail = self._tail + data, (self._tail + data)[-len(raw) :]
                if raw not in window:
                    continue
            # Parse only when the needle came or the output paused; never re-read an unchanged
            # screen while waiting (pyte's display is ~5 ms of Python: a third busy process on a
            # 2-core machine, taking turns with the program and the child of an uncached launch).
            stamp = self._parse_pending(needle) if self._pending else None
            if stamp is not None:
                return stamp - self.started

    def wait_until(self, check: Callable[[pyte.Screen], bool], timeout: float = 30.0) -> float:
        """Seconds from the launch until `check(screen)` holds, each chunk parsed as it is read
        (for what the raw bytes cannot tell, such as a colour appearing under some words)."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"not seen after {timeout} s:\n{self.text()}")
            if not self._read(min(QUIET, left)):
                continue
            stamp, data = self._pending.pop()
            self.stream.feed(data)
            if check(self.screen):
                return stamp - self.started

    def drain(self, quiet: float = 0.05, limit: float = 5.0) -> None:
        """Read and parse until the program has written nothing for `quiet` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and self._read(quiet):
            pass
        self._parse_pending(None)

    # Input and the process ------------------------------------------------------------------

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def peak_rss_kib(self) -> int:
        """The process's peak resident set (VmHWM), in KiB."""
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc status")

    def wait_exit(self, timeout: float) -> bool:
        """Keep reading until the program exits (True) or `timeout` passes (False)."""
        deadline = time.perf_counter() + timeout
        try:
            while time.perf_counter() < deadline:
                self._read(QUIET)
        except Exited:
            return True
        return False

    def _reap(self) -> None:
        if self.pid in _LIVE:
            _, status = os.waitpid(self.pid, 0)
            _LIVE.discard(self.pid)
            self.returncode = os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        """Kill the program if it still runs, reap it and close the terminal."""
        if self.pid in _LIVE:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> Launch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def kill_all() -> None:
    """Kill and reap every child still running (after Ctrl+C, say)."""
    for pid in list(_LIVE):
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        _LIVE.discard(pid)
