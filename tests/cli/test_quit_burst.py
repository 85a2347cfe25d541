"""Keys typed in the same burst as q: the app quits cleanly, whatever they would have done.

Found in a real terminal: `q` then `t` or `L` in one write ended in a NoMatches traceback and exit
code 1, the second key's action querying widgets of screens already being taken down. So these
run the real command in a pseudo-terminal and send each burst in one write.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.pty_session import PtySession
from support.sample_article import PARAGRAPHS, SAMPLE_URL

pytestmark = pytest.mark.subprocess

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no pseudo-terminals here")

# Each second key does something with widgets: contents, library, theme picker, help, links
# pane, source panel, the prompt for a URL; in the library: filtering, sorting, searching.
READER_BURSTS = [b"qt", b"qL", b"qT", b"q?", b"qe", b"qi", b"qo"]
LIBRARY_BURSTS = [b"qt", b"qs", b"q/x", b"qo"]


def run_burst(cache_dir: Path, shown: str, burst: bytes, *args: str) -> tuple[int, str]:
    session = PtySession(*args, cache_dir=cache_dir)
    try:
        session.wait_for(shown)
        session.send(burst)
        code = session.finish()
    finally:
        session.kill()
    return code, session.text


@pytest.mark.slow
@pytest.mark.parametrize("burst", READER_BURSTS, ids=lambda b: b.decode())
def test_keys_right_after_q_in_the_reader(cache_dir: Path, burst: bytes) -> None:
    code, text = run_burst(cache_dir, PARAGRAPHS[0], burst, SAMPLE_URL, "--offline")
    assert "Traceback" not in text and "NoMatches" not in text, text[-2000:]
    assert code == 0


@pytest.mark.parametrize("burst", LIBRARY_BURSTS, ids=lambda b: b.decode())
def test_keys_right_after_q_in_the_library(cache_dir: Path, burst: bytes) -> None:
    code, text = run_burst(cache_dir, "cached article", burst)
    assert "Traceback" not in text and "NoMatches" not in text, text[-2000:]
    assert code == 0
