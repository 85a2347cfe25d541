"""The store under an unlucky machine: huge repetitive pages, a locked or full or read-only disk,
several processes at once, damage found twice in a second. Real processes, real files, and a small
tmpfs for the full and read-only disks (as root; skipped with the reason otherwise).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support.cli_runner import run_cli
from support.fixture_site import FixtureSite
from support.pilot import notifications
from tuireader.cache import HIT_END, HIT_START, Store, StoreError
from tuireader.cache.search import _TOKEN, SNIPPET_WORDS
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Page, PageInfo
from tuireader.paths import store_path
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus

WHEN = "2025-01-01T00:00:00+00:00"


def page(url: str, html: str = "<p>x</p>") -> Page:
    return Page(PageInfo(url=url, final_url=url, fetched_at=WHEN), html)


def article(title: str, text: str) -> Article:
    return Article(
        title=title,
        text=text,
        markdown=text,
        word_count=len(text.split()),
        extractor_version=EXTRACTOR_VERSION,  # opened as it is, never re-extracted
    )


# Search: bounded work whatever one page holds ---------------------------------------------------

# 200,000 hits in one article (1.4 MB of text). FTS5's snippet() weighs every pair of hits: 300 KB
# of it took 17 s here, so this page would take minutes; the timeout of run_cli (60 s) catches it.
REPEATS = 200_000


@pytest.mark.subprocess
def test_search_in_a_page_repeating_one_word_finishes_with_a_snippet(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    store.save(
        page("https://example.org/many"), article("Plain", "A start. " + "banana " * REPEATS)
    )
    store.save(page("https://example.org/few"), article("Banana bread", "One banana, ripe."))
    store.close()
    result = run_cli("cache", "search", "banana", cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    snippets = {lines[n].split("\t")[3]: lines[n + 1] for n in (0, 2)}  # the URL column
    assert len(lines) == 4 and snippets["https://example.org/few"] == "    One banana, ripe."
    many = snippets["https://example.org/many"]
    assert many.startswith("    A start. banana banana") and many.endswith("…")


def test_search_ranks_as_fts5_does(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    store.save(page("https://example.org/1"), article("Notes", "x " * 200 + "fog"))
    store.save(page("https://example.org/2"), article("Fog", "fog"))
    store.save(page("https://example.org/3"), article("Weather", "fog fog fog, more fog"))
    assert [h.entry.url[-1] for h in store.search("fog")] == ["2", "3", "1"]
    assert [h.entry.url[-1] for h in store.search("fog", limit=1)] == ["2"]


def test_snippets_and_titles_mark_each_hit_in_a_bounded_window(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    text = "x " * 5000 + "The Café_crème was served. " + "café " * 50_000
    store.save(page("https://example.org/c"), article("Cafe, cafe and CAFÉ", text))
    [hit] = store.search("cafe")
    assert hit.title == f"{HIT_START}Cafe{HIT_END}, {HIT_START}cafe{HIT_END} and " + (
        f"{HIT_START}CAFÉ{HIT_END}"
    )
    assert hit.snippet.startswith(f"…x x The {HIT_START}Café{HIT_END}_crème was served.")
    assert len(_TOKEN.findall(hit.snippet)) == SNIPPET_WORDS and hit.snippet.endswith("…")
    [typed] = store.search("caf", prefix=True)
    assert f"{HIT_START}Café{HIT_END}" in typed.snippet
    assert store.search("caf") == []


# Failures are StoreErrors; the UI never waits for a lock ----------------------------------------

HOLDER = """
import select, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
select.select([sys.stdin], [], [], float(sys.argv[2]))  # until told, or the safety valve
db.execute("COMMIT")
"""

# The holder lets go by itself after this long: a UI that waited for the lock would then save
# and show no notice, so the test fails rather than hangs.
VALVE_SECONDS = 20.0


@pytest.fixture
def holder(cache_dir: Path) -> Iterator[Callable[[], subprocess.Popen[str]]]:
    """Start another process that holds the cache's database in an exclusive transaction."""
    started: list[subprocess.Popen[str]] = []

    def start() -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(store_path(cache_dir)), str(VALVE_SECONDS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        assert process.stdout is not None and process.stdout.readline() == "held\n"
        return process

    yield start
    for process in started:
        if process.stdin is not None:
            process.stdin.close()
        process.wait(timeout=30)


@pytest.mark.subprocess
async def test_saving_the_position_while_another_process_holds_the_cache(
    cache_dir: Path, holder: Callable[[], subprocess.Popen[str]]
) -> None:
    url = "https://example.org/long"
    store = Store.in_directory(cache_dir)
    store.save(page(url), article("Long", "\n\n".join(f"Paragraph {n}." for n in range(300))))
    store.close()
    app = TuiReaderApp(cache_dir, start_url=url, offline=True, import_samples=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        held = holder()
        screen = app.reader_screen
        for _ in range(4):  # four scrolls, each saved
            await pilot.press("pagedown")
            await pilot.pause()
            screen.remember_position()
            assert app.reader.positions.flush(timeout=30)  # each save tried on the writer
        await pilot.pause()  # its reports reach the screen
        assert held.poll() is None  # the lock was never let go: nobody waited for it
        assert app.is_running
        notes = [n for n in notifications(app) if n.title == "Reading position not saved"]
        assert len(notes) == 1
        assert "in use by another program" in notes[0].message
        assert screen.query_one(BodyPane).scroll_y > 0


@pytest.mark.subprocess
def test_every_sqlite_failure_is_a_store_error(
    cache_dir: Path, holder: Callable[[], subprocess.Popen[str]]
) -> None:
    store = Store.in_directory(cache_dir)
    store.save(page("https://example.org/a"), article("A", "words"))
    held = holder()
    with pytest.raises(StoreError, match="in use by another program"):
        store.mark_read("https://example.org/a", progress=0.5, wait=False)
    assert held.poll() is None


@pytest.mark.subprocess
def test_the_ui_thread_reads_while_a_worker_waits_for_another_process(
    cache_dir: Path, holder: Callable[[], subprocess.Popen[str]]
) -> None:
    """The load worker waits up to BUSY_TIMEOUT to write; the screen's reads must not wait too."""
    store = Store.in_directory(cache_dir)
    store.save(page("https://example.org/a"), article("A", "words"))
    held = holder()
    failures: list[StoreError] = []

    def save_another() -> None:  # as the load worker does, on its thread
        try:
            store.save(page("https://example.org/b"), article("B", "more words"))
        except StoreError as exc:
            failures.append(exc)

    writer = threading.Thread(target=save_another)
    writer.start()
    for _ in range(2000):  # until the writer holds the store and waits for the other process
        if not store._lock.acquire(blocking=False):
            break
        store._lock.release()
        time.sleep(0.005)
    else:
        pytest.fail("the writer never started its transaction")
    loaded = store.load("https://example.org/a")
    assert loaded is not None and loaded[1].title == "A"
    assert [entry.title for entry in store.library()] == ["A"]
    assert store.count() == 1
    assert store.position("https://example.org/a") == (0.0, 0, "")
    assert writer.is_alive() and held.poll() is None  # read while the writer still waits
    assert held.stdin is not None
    held.stdin.close()  # the other process lets go: the writer goes on
    writer.join(timeout=60)
    assert not failures and store.contains("https://example.org/b")
    store.close()


# Two processes opening a new cache -------------------------------------------------------------

OPENER = """
import os, sys, time
from pathlib import Path
from tuireader.cache import Store
go = Path(sys.argv[2])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
Store(Path(sys.argv[1])).close()
"""


@pytest.mark.slow
@pytest.mark.subprocess
def test_many_processes_creating_one_new_cache_all_succeed(tmp_path: Path) -> None:
    failures = []
    for attempt in range(8):
        path = tmp_path / f"try{attempt}" / "tuireader.sqlite3"
        go = tmp_path / f"go{attempt}"
        openers = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(path), str(go)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        for opener in openers:  # all of them imported and waiting for the signal
            assert opener.stdout is not None
            assert opener.stdout.readline() == "ready\n", opener.communicate(timeout=60)[1]
        go.touch()
        for opener in openers:
            _, err = opener.communicate(timeout=60)
            if opener.returncode:
                failures.append(err.strip().splitlines()[-1])
    assert failures == []


# A damaged store moved aside twice in a second ---------------------------------------------------


def test_damaged_stores_moved_aside_in_one_second_each_keep_their_copy(cache_dir: Path) -> None:
    path = store_path(cache_dir)
    for n in range(5):  # five within two seconds at most: two at least share one second
        path.write_bytes(f"not a database, copy {n}".encode() * 100)
        Store(path).close()
    copies = {p.read_bytes() for p in cache_dir.glob("*.unreadable-*")}
    assert copies == {f"not a database, copy {n}".encode() * 100 for n in range(5)}


# Full and read-only disks ------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs, unmounted afterwards.

    The suite runs as root (as CI does): a full disk cannot be made any other way, and a test
    that is not run proves nothing, so without root these tests fail saying why.
    """
    if os.geteuid() != 0:
        pytest.fail("the full-disk tests mount a 2 MiB tmpfs: run the suite as root, as CI does")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        pytest.fail(f"cannot mount a tmpfs for the full-disk tests: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int = 0) -> None:
    """Take every free byte of `disk` but about `leave` of them."""
    with (disk / "filler").open("wb", buffering=0) as out:
        for size in (65536, 4096, 512, 1):
            try:
                while free(disk) - size >= leave:
                    out.write(b"\0" * size)
            except OSError:
                pass
    assert free(disk) <= leave + 4096


def free(disk: Path) -> int:
    stats = os.statvfs(disk)
    return stats.f_bavail * stats.f_frsize


def cached_sample(cache: Path, site: FixtureSite) -> str:
    """The fixture article fetched into the cache at `cache`, with the store closed."""
    url = site.url("/article.html")
    result = run_cli("--dump", "--cache-dir", str(cache), url, cache_dir=cache)
    assert result.returncode == 0, result.stderr
    return url


@pytest.mark.subprocess
def test_a_page_fetched_onto_a_full_disk_is_shown_and_said_not_kept(
    small_disk: Path, site: FixtureSite
) -> None:
    cache = small_disk / "cache"
    cached_sample(cache, site)
    fill(small_disk)
    url = site.url("/second.html")
    result = run_cli("--dump", "--cache-dir", str(cache), url, cache_dir=cache)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ")
    full = f"the disk holding the cache at {cache} is full"
    assert result.stderr.splitlines() == [
        f"tuireader: {full}: its articles can be read, nothing new is kept.",
        f"tuireader: cannot save the article in the cache: {full}; "
        "the article is shown but not kept",
    ]


@pytest.mark.subprocess
async def test_the_app_shows_a_page_a_full_disk_could_not_keep(
    small_disk: Path, site: FixtureSite
) -> None:
    cache = small_disk / "cache"
    cached_sample(cache, site)
    fill(small_disk)
    app = TuiReaderApp(cache, start_url=site.url("/second.html"), import_samples=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        reading = app.reader_screen.reading
        assert reading is not None and reading.article.found and reading.not_kept
        assert app.screen.query_one(BodyPane).plain_text().startswith(reading.article.title)
        status = app.screen.query_one(FetchStatus)
        assert status.has_class("-error") and status.text.startswith("Not kept: cannot save")
        notes = [n for n in notifications(app) if n.title == "Not kept in the cache"]
        assert len(notes) == 1 and notes[0].message.endswith("is shown but not kept")
        assert app.is_running


@pytest.mark.subprocess
def test_a_full_store_write_says_the_disk_is_full_not_cannot_rollback(
    small_disk: Path,
) -> None:
    store = Store.in_directory(small_disk / "cache")
    store.save(page("https://example.org/a"), article("A", "kept words"))
    fill(small_disk)
    full = f"the disk holding the cache at {small_disk / 'cache'} is full"
    for size in (20_000, 3_000_000):  # written at commit; spilled while writing (SQLite undoes it)
        big = os.urandom(size).hex()  # does not compress: far more than the free space
        with pytest.raises(StoreError) as raised:
            store.save(page("https://example.org/b", f"<p>{big}</p>"), article("B", big))
        assert str(raised.value) == f"cannot save the article in the cache: {full}"
    assert store.load("https://example.org/a") is not None
    assert not store.contains("https://example.org/b")
    (small_disk / "filler").unlink()
    store.save(page("https://example.org/c"), article("C", "saved once there is room"))
    assert store.contains("https://example.org/c")
    store.close()


@pytest.mark.subprocess
def test_a_write_that_fails_at_commit_says_the_disk_is_full(small_disk: Path) -> None:
    """Small enough for SQLite's page cache, the write reaches the disk only at COMMIT, which
    fails and undoes the transaction itself: a ROLLBACK after it must not hide why."""
    store = Store.in_directory(small_disk / "cache")
    store.save(page("https://example.org/a"), article("A", "kept words"))
    fill(small_disk, leave=150_000)
    big = os.urandom(100_000).hex()  # 200 KB that do not compress, twice over in the article
    with pytest.raises(StoreError) as raised:
        store.save(page("https://example.org/b", f"<p>{big}</p>"), article("B", big))
    full = f"the disk holding the cache at {small_disk / 'cache'} is full"
    assert str(raised.value) == f"cannot save the article in the cache: {full}"
    assert not store.contains("https://example.org/b")
    (small_disk / "filler").unlink()
    store.save(page("https://example.org/b", f"<p>{big}</p>"), article("B", big))
    assert store.contains("https://example.org/b")
    store.close()


@pytest.mark.subprocess
def test_offline_reading_and_remove_on_a_full_disk(small_disk: Path, site: FixtureSite) -> None:
    cache = small_disk / "cache"
    url = cached_sample(cache, site)
    fill(small_disk)
    read = run_cli("--dump", "--offline", "--cache-dir", str(cache), url, cache_dir=cache)
    assert read.returncode == 0, read.stderr
    assert read.stdout.startswith("# Fog Rolls In Earlier Each Year, Harbour Town Says")
    full = f"the disk holding the cache at {cache} is full"
    removed = run_cli("cache", "--cache-dir", str(cache), "remove", url, cache_dir=cache)
    assert removed.returncode == 1
    assert removed.stderr.splitlines()[-1] == (
        f"tuireader: cannot remove the article from the cache: {full}"
    )
    (small_disk / "filler").unlink()
    removed = run_cli("cache", "--cache-dir", str(cache), "remove", url, cache_dir=cache)
    assert removed.returncode == 0, removed.stderr
    assert removed.stderr == ""


@pytest.mark.subprocess
def test_a_read_only_cache_is_named_read_only(small_disk: Path, site: FixtureSite) -> None:
    cache = small_disk / "cache"
    url = cached_sample(cache, site)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    read_only = f"the cache at {cache} is read-only"
    listed = run_cli("cache", "--cache-dir", str(cache), "list", cache_dir=cache)
    assert listed.returncode == 0, listed.stderr
    assert url in listed.stdout
    assert listed.stderr.splitlines()[0] == (
        f"tuireader: {read_only}: its articles can be read, nothing new is kept."
    )
    removed = run_cli("cache", "--cache-dir", str(cache), "remove", url, cache_dir=cache)
    assert removed.returncode == 1
    assert removed.stderr.splitlines()[-1] == (
        f"tuireader: cannot remove the article from the cache: {read_only}"
    )
    new = small_disk / "new"
    listed = run_cli("cache", "--cache-dir", str(new), "list", cache_dir=new)
    assert listed.returncode == 1
    assert listed.stderr == f"tuireader: cannot open the cache: the cache at {new} is read-only\n"


def test_closing_never_closes_a_connection_a_worker_is_using(cache_dir: Path) -> None:
    """A worker mid-read holds the store's lock: close waits for it, and when it waits too long
    it leaves the connections open (the process is ending) rather than pull one from under a
    running statement, which crashes the process."""
    store = Store.in_directory(cache_dir)
    store.save(page("https://example.org/a"), article("A", "words"))
    reading, finish = threading.Event(), threading.Event()
    answers: list[object] = []

    def worker() -> None:
        with store._lock:  # as a worker's read holds it
            reading.set()
            finish.wait(30)
            answers.append(store._db.execute("SELECT count(*) FROM pages").fetchone()[0])

    thread = threading.Thread(target=worker)
    thread.start()
    reading.wait(30)
    store.close(wait=0.05)  # the worker still reads: nothing is closed
    finish.set()
    thread.join(30)
    assert answers == [1]
    store.close()  # nobody uses it now: closed
    with pytest.raises(sqlite3.ProgrammingError):
        store._db.execute("SELECT 1")
