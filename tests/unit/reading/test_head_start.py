"""The first article fetched in a forked child while the app starts (tuireader.reading.first_fetch).

A fork copies one thread, so `HeadStart.begin` refuses while others run, as in this test process
(the local site's server thread). The child is therefore tried from fresh processes: a small
script for its answers, and the real command in a pseudo-terminal for the app around it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from support.cli_runner import env_for
from support.fixture_site import FixtureSite
from support.pty_session import PtySession, gone
from support.sample_article import PARAGRAPHS, TITLE
from tuireader.cache import Store
from tuireader.models import CacheState
from tuireader.reading.first_fetch import HeadStart
from tuireader.reading.reader import Reader, ReadError
from tuireader.settings import Settings

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")

SCRIPT = """
import json, os, signal, sys
from pathlib import Path
from tuireader.reading.first_fetch import HeadStart, HeadStartLost
from tuireader.reading.reader import ReadError

url, cache, how = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
start = HeadStart.begin(url, cache)
if start is None:
    print(json.dumps({"started": False}))
    sys.exit()
report = {"started": True, "pid": start.pid, "progress": []}
if how == "kill":
    os.kill(start.pid, signal.SIGKILL)
try:
    reading = start.wait(
        lambda got, total: report["progress"].append([got, total]),
        cancelled=lambda: how == "cancel",
    )
except ReadError as exc:
    report.update(error=str(exc), status=exc.status)
except HeadStartLost as exc:
    report.update(lost=str(exc))
else:
    report.update(title=reading.article.title, state=reading.state.name, url=reading.url)
try:
    os.waitpid(start.pid, os.WNOHANG)
    report["collected"] = False
except ChildProcessError:
    report["collected"] = True
print(json.dumps(report))
"""


def run_head_start(url: str, cache_dir: Path, how: str = "wait") -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, url, str(cache_dir), how],
        capture_output=True,
        text=True,
        env=env_for(cache_dir),
        timeout=60,
        check=True,
    )
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_no_fork_while_other_threads_run(site: FixtureSite, cache_dir: Path) -> None:
    assert threading.active_count() > 1  # the site's server
    assert HeadStart.begin(site.url("/sample.html"), cache_dir) is None


@pytest.mark.subprocess
def test_the_child_reads_caches_and_reports_progress(site: FixtureSite, cache_dir: Path) -> None:
    url = site.url("/sample.html")
    report = run_head_start(url, cache_dir)
    assert report["started"] is True
    assert report["title"] == TITLE
    assert report["state"] == CacheState.FRESH.name
    progress = report["progress"]
    assert isinstance(progress, list) and progress and progress[-1][0] > 0
    assert report["collected"] is True  # no zombie left
    assert [path for path, _ in site.requests] == ["/sample.html"]
    store = Store.in_directory(cache_dir)
    try:
        found = store.load(url)
    finally:
        store.close()
    assert found is not None and found[1].title == TITLE
    assert found[1].markdown.count(PARAGRAPHS[0]) == 1


@pytest.mark.subprocess
def test_no_child_for_a_copy_the_cache_shows_at_once(site: FixtureSite, cache_dir: Path) -> None:
    url = site.url("/sample.html")
    assert run_head_start(url, cache_dir)["title"] == TITLE
    assert run_head_start(url, cache_dir) == {"started": False}
    assert len(site.requests) == 1


@pytest.mark.subprocess
def test_the_childs_failure_is_the_readers_own_message(
    site: FixtureSite, cache_dir: Path, tmp_path: Path
) -> None:
    url = site.url("/missing")
    report = run_head_start(url, cache_dir)
    store = Store.in_directory(tmp_path / "elsewhere")
    try:
        with pytest.raises(ReadError) as raised:
            Reader(store, settings=Settings()).open(url)
    finally:
        store.close()
    assert report["error"] == str(raised.value)
    assert report["status"] == 404 == raised.value.status
    assert report["collected"] is True


@pytest.mark.subprocess
def test_a_child_that_dies_is_reported_lost(site: FixtureSite, cache_dir: Path) -> None:
    site.slow_chunk_delay = 0.5
    report = run_head_start(site.url("/slow.html"), cache_dir, how="kill")
    assert "ended without an answer" in str(report["lost"])
    assert report["collected"] is True


@pytest.mark.subprocess
def test_cancelling_stops_the_child(site: FixtureSite, cache_dir: Path) -> None:
    site.slow_chunk_delay = 1.0
    start = time.monotonic()
    report = run_head_start(site.url("/slow.html"), cache_dir, how="cancel")
    assert str(report["error"]).startswith("stopped loading")
    assert report["collected"] is True
    assert time.monotonic() - start < 6  # the slow page takes 8 s: it was not waited for
    assert isinstance(report["pid"], int) and gone(report["pid"])


# The app around it, in a real terminal ------------------------------------------------------


@pytest.mark.subprocess
def test_an_uncached_page_opens_in_the_app(site: FixtureSite, cache_dir: Path) -> None:
    url = site.url("/sample.html")
    session = PtySession(url, cache_dir=cache_dir)
    try:
        session.wait_for(PARAGRAPHS[0])
        assert session.children() == []  # done and collected
        session.send(b"q")
        assert session.finish() == 0
    finally:
        session.kill()
    assert [path for path, _ in site.requests] == ["/sample.html"]
    assert "Traceback" not in session.text


@pytest.mark.subprocess
def test_the_app_shows_the_childs_error(site: FixtureSite, cache_dir: Path) -> None:
    session = PtySession(site.url("/missing"), cache_dir=cache_dir)
    try:
        session.wait_for("Could not read")
        session.wait_for("HTTP 404")
        session.send(b"q")
        assert session.finish() == 0
    finally:
        session.kill()


def child_of(session: PtySession, timeout: float = 10) -> int:
    end = time.monotonic() + timeout
    while not session.children():
        assert time.monotonic() < end, "no child process was started"
        time.sleep(0.005)
    (pid,) = session.children()
    return pid


@pytest.mark.subprocess
def test_when_the_child_dies_the_app_loads_the_page_itself(
    site: FixtureSite, cache_dir: Path
) -> None:
    site.slow_chunk_delay = 0.3
    session = PtySession(site.url("/slow.html"), cache_dir=cache_dir)
    try:
        child = child_of(session)
        end = time.monotonic() + 10
        while not site.requests:  # killed mid-download
            assert time.monotonic() < end, "the child never asked for the page"
            time.sleep(0.005)
        os.kill(child, signal.SIGKILL)
        session.wait_for("Fog Rolls In Earlier Each Year")
        session.send(b"q")
        assert session.finish() == 0
    finally:
        session.kill()
    # the page twice (the dead child's try, the app's), and perhaps its picture after the words
    pages = [path for path, _ in site.requests if path.endswith(".html")]
    assert pages == ["/slow.html", "/slow.html"]


@pytest.mark.subprocess
def test_quitting_while_the_child_loads_stops_it(site: FixtureSite, cache_dir: Path) -> None:
    site.slow_chunk_delay = 2.0
    session = PtySession(site.url("/slow.html"), cache_dir=cache_dir)
    try:
        pid = child_of(session)
        session.wait_for("Opening")
        session.send(b"q")
        assert session.finish() == 0
    finally:
        session.kill()
    assert gone(pid, timeout=5)
