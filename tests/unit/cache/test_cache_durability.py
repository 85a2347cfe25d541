"""Never lose a page: writers killed mid-write, and two processes writing at once.

Real processes and a real SQLite file: a writer reports each URL only after its save committed,
is killed with SIGKILL at a random moment, and the store must then open with every reported
article readable and pass SQLite's integrity check.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tuireader.cache import Store

pytestmark = pytest.mark.subprocess

WRITER = """
import sys
from pathlib import Path
from tuireader.cache import Store
from tuireader.models import Article, Page, PageInfo

store = Store(Path(sys.argv[1]))
prefix, count = sys.argv[2], int(sys.argv[3])
body = "<p>" + "words " * 500 + "</p>"
for n in range(count):
    url = f"https://example.org/{prefix}/{n}"
    info = PageInfo(url=url, final_url=url, fetched_at="2025-01-01T00:00:00+00:00")
    article = Article(title=f"{prefix} {n}", text="words " * 200, extractor_version="1")
    store.save(Page(info, body + str(n)), article)
    print(url, flush=True)
"""


def writer(path: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )


def assert_intact(path: Path, committed: list[str]) -> None:
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    store = Store(path)
    assert store.notice == ""  # opened as it is: nothing was moved aside
    for url in committed:
        found = store.load(url)
        assert found is not None, url
        page = store.load_page(url)
        assert page is not None and page.html.endswith(url.rsplit("/", 1)[1])
    assert len(store.search("words")) > 0 or not committed
    store.close()


@pytest.mark.slow
def test_a_writer_killed_at_any_moment_loses_nothing_committed(cache_dir: Path) -> None:
    path = cache_dir / "tuireader.sqlite3"
    rng = random.Random(4)
    committed: list[str] = []
    for round_ in range(20):
        proc = writer(path, f"r{round_}", 10_000)
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(rng.randint(1, 12))]
        time.sleep(rng.uniform(0, 0.05))  # kill somewhere inside a later save
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        committed += [line.strip() for line in lines + rest.splitlines() if line.strip()]
        assert proc.returncode == -signal.SIGKILL
        assert_intact(path, committed)
    assert len(committed) >= 20


def test_two_writers_at_once_keep_both_sets(cache_dir: Path) -> None:
    path = cache_dir / "tuireader.sqlite3"
    Store(path).close()  # both start from an existing store
    procs = [writer(path, name, 40) for name in ("left", "right")]
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0]
    committed = [line for out in outputs for line in out.split()]
    assert len(committed) == 80
    assert_intact(path, committed)
    store = Store(path)
    assert store.count() == 80
    store.close()
