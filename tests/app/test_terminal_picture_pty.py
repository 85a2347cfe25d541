"""The full view in the terminal's own graphics, in a pseudo-terminal that answers as a Sixel
terminal would: the app suspends, textual-image asks the terminal what it can draw (only now,
with the app's input thread stopped), the picture goes out as Sixel with its caption, a key
brings the app back."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import textwrap
import time
from pathlib import Path

import pytest

from support import hostile_images as images

pytestmark = [pytest.mark.subprocess, pytest.mark.slow]

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import tuireader.ui
    from tuireader.models import Image
    from tuireader.ui.app import TuiReaderApp
    from tuireader.ui.screens.picture import PictureScreen

    UI = Path(tuireader.ui.__file__).parent
    data = Path(sys.argv[2]).read_bytes()
    picture = Image(caption="Red over blue", credit="Photo: A. Person", alt="red and blue")


    class WithAPicture(TuiReaderApp):
        CSS_PATH = [str(UI / path) for path in TuiReaderApp.CSS_PATH]

        def on_ready(self) -> None:
            self.push_screen(PictureScreen(picture, lambda: data, terminal=True))


    WithAPicture(Path(sys.argv[1]), import_samples=False).run()
    """
)
DEVICE_ATTRIBUTES = b"\x1b[c"  # the query; the answer lists 4 for Sixel
SIXEL_START = b"\x1bP0;0;0q"


class Terminal:
    """The program in a pseudo-terminal of 100 x 30 cells of 10 x 20 pixels; what it wrote."""

    def __init__(self, args: list[str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 1000, 600))
        self.master = master
        self.output = b""
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"},
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        os.close(slave)

    def wait_for(self, needle: bytes, start: int = 0, timeout: float = 30) -> int:
        """Read until `needle` is written after `start`; where it starts."""
        end = time.monotonic() + timeout
        while (at := self.output.find(needle, start)) < 0:
            assert time.monotonic() < end, f"{needle!r} never written: {self.output[-400:]!r}"
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    raise AssertionError(f"exited before {needle!r}") from None
        return at

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self, timeout: float = 30) -> None:
        """Read what it writes until it exits (a full terminal would hold it up)."""
        end = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < end:
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break

    def close(self) -> int | None:
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait(timeout=20)
        os.close(self.master)
        return code


def test_a_sixel_terminal_gets_the_picture_in_sixel_and_a_key_brings_the_app_back(
    tmp_path: Path, cache_dir: Path
) -> None:
    picture = tmp_path / "picture.png"
    picture.write_bytes(images.red_over_blue_png(400, 300))
    terminal = Terminal([sys.executable, "-c", SCRIPT, str(cache_dir), str(picture)])
    try:
        asked = terminal.wait_for(DEVICE_ATTRIBUTES)
        terminal.send(b"\x1b[?62;4;22c")  # a VT220 with Sixel graphics
        drawn = terminal.wait_for(SIXEL_START, asked)
        caption = terminal.wait_for(b"Red over blue", drawn)
        credit = terminal.wait_for(b"Photo: A. Person", caption)
        hint = terminal.wait_for(b"Any key: back to the article", credit)
        terminal.send(b"x")
        left = terminal.wait_for(b"\x1b[?1049l", hint)  # the picture's own screen left...
        terminal.wait_for(b"Open URL", left)  # ...and the library drawn again, the view closed
        terminal.send(b"\x11")  # ctrl+q
        terminal.finish()
    finally:
        code = terminal.close()
    assert code == 0
    sixel = terminal.output[drawn : terminal.output.index(b"\x1b\\", drawn)]
    assert b'"1;1;400;300' in sixel  # the whole picture, at its own size


def test_a_terminal_without_graphics_gets_the_half_block_view(
    tmp_path: Path, cache_dir: Path
) -> None:
    """No answer to either question: textual-image would draw half blocks, so PictureScreen
    does, inside the app, once it is back."""
    picture = tmp_path / "picture.png"
    picture.write_bytes(images.red_over_blue_png(400, 300))
    terminal = Terminal([sys.executable, "-c", SCRIPT, str(cache_dir), str(picture)])
    try:
        asked = terminal.wait_for(DEVICE_ATTRIBUTES)
        back = terminal.wait_for(b"\x1b[?1049h", asked)  # the app's screen again
        terminal.wait_for("▀".encode(), back)
        terminal.wait_for(b"Red over blue", back)
        terminal.send(b"\x11")  # ctrl+q
        terminal.finish()
    finally:
        code = terminal.close()
    assert code == 0
    assert SIXEL_START not in terminal.output and b"\x1b_G" not in terminal.output[back:]


def test_a_kitty_terminal_gets_the_picture_in_its_graphics_protocol(
    tmp_path: Path, cache_dir: Path
) -> None:
    """No Sixel, but the graphics protocol's query answered OK: the picture is sent as PNG data
    and placed with Kitty's placeholder characters, then deleted when a key is pressed."""
    picture = tmp_path / "picture.png"
    picture.write_bytes(images.red_over_blue_png(400, 300))
    terminal = Terminal([sys.executable, "-c", SCRIPT, str(cache_dir), str(picture)])
    try:
        asked = terminal.wait_for(DEVICE_ATTRIBUTES)
        terminal.send(b"\x1b[?62;22c")  # no 4: no Sixel
        query = terminal.wait_for(b"\x1b_G", asked)
        terminal.wait_for(b"\x1b\\", query)
        terminal.send(b"\x1b_Gi=1;OK\x1b\\")
        placed = terminal.wait_for(b"a=p,", query)
        placeholders = terminal.wait_for(chr(0x10EEEE).encode(), placed)
        hint = terminal.wait_for(b"Any key: back to the article", placeholders)
        terminal.send(b"x")
        deleted = terminal.wait_for(b"\x1b_Ga=d,", hint)
        terminal.wait_for(b"Open URL", deleted)
        terminal.send(b"\x11")  # ctrl+q
        terminal.finish()
    finally:
        code = terminal.close()
    assert code == 0
    assert SIXEL_START not in terminal.output
