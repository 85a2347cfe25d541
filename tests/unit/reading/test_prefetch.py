"""Reading ahead: every link of an article into the cache, politely, cancellable; CLI and app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from support.cli_runner import run_cli
from support.fixture_site import FixtureSite
from support.pilot import notifications, settle
from tuireader.cache import Store
from tuireader.models import CacheState
from tuireader.reading.prefetch import (
    Prefetcher,
    PrefetchProgress,
    PrefetchSummary,
    prefetch_targets,
    retry_delay,
)
from tuireader.reading.reader import Reader, ReadError
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.related_sidebar import OFFLINE_MARKER, RelatedSidebar

SIZE = (120, 40)
PAGES = [f"/slow/page{n}" for n in range(6)]


def article_linking_to(site: FixtureSite, paths: list[str], name: str = "/index.html") -> str:
    """Add an article whose body links to `paths` on the site; returns its URL."""
    paragraphs = "".join(
        f"<p>Paragraph {n} about the harbour and the fog that rolls in each morning, with "
        f'<a href="{path}">the page at {path}</a> to read next, and enough words to count.</p>'
        for n, path in enumerate(paths)
    )
    return site.add(
        name,
        f"<!doctype html><html><head><title>Read ahead</title></head><body><article>"
        f"<h1>Read ahead</h1>{paragraphs}</article></body></html>",
    )


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


@pytest.fixture
def quick(site: FixtureSite) -> FixtureSite:
    site.slow_page_delay = 0.0
    return site


def test_every_link_is_cached_and_then_readable_offline(quick: FixtureSite, store: Store) -> None:
    urls = [quick.url(path) for path in PAGES]
    seen: list[PrefetchProgress] = []
    summary = Prefetcher(Reader(store), progress=seen.append).run(urls)
    assert summary.fetched == tuple(urls)
    assert summary.failed == () and summary.cached_already == () and not summary.cancelled
    assert summary.line() == "6 links: 6 fetched, 0 already cached, 0 failed"
    assert seen[-1].done == seen[-1].total == 6 and seen[-1].current == ()
    assert {s.finished_url for s in seen if s.finished_offline} == set(urls)
    for url in urls:
        reading = Reader(store).open(url, offline=True)
        assert reading.state is CacheState.CACHED
        assert reading.article.title == url.rsplit("/", 1)[1]


def test_cached_pages_are_not_downloaded_again(quick: FixtureSite, store: Store) -> None:
    reader = Reader(store)
    urls = [quick.url(path) for path in PAGES[:4]]
    for url in urls[:2]:
        reader.open(url)
    summary = Prefetcher(reader).run(urls)
    assert summary.cached_already == tuple(urls[:2])
    assert summary.fetched == tuple(urls[2:])
    requested = quick.paths_requested()
    assert all(requested.count(path) == 1 for path in PAGES[:4])


def test_no_more_than_per_host_requests_at_once(site: FixtureSite, store: Store) -> None:
    site.slow_page_delay = 0.3
    urls = [site.url(path) for path in PAGES]
    summary = Prefetcher(Reader(store), concurrency=4, per_host=2).run(urls)
    assert len(summary.fetched) == 6
    assert 1 <= site.peak_slow <= 2


def test_one_at_a_time_when_asked(site: FixtureSite, store: Store) -> None:
    site.slow_page_delay = 0.1
    urls = [site.url(path) for path in PAGES[:4]]
    Prefetcher(Reader(store), concurrency=4, per_host=1).run(urls)
    assert site.peak_slow == 1


def test_retry_after_holds_the_host_then_retries_once(quick: FixtureSite, store: Store) -> None:
    limited = quick.url("/retry-after/1/limited")
    others = [quick.url(path) for path in PAGES[:3]]
    summary = Prefetcher(Reader(store), per_host=1).run([limited, *others])
    assert summary.fetched == (limited, *others) and summary.failed == ()
    first, *rest = quick.timeline
    assert first[1] == "/retry-after/1/limited"
    assert rest[0][1] == "/retry-after/1/limited"
    assert all(when - first[0] >= 1.0 for when, _ in rest)  # nothing went to the host sooner


def test_a_second_429_is_a_failure_not_a_loop(quick: FixtureSite, store: Store) -> None:
    url = quick.add("/always-429", "slow down", status=429, Retry_After="0")
    summary = Prefetcher(Reader(store)).run([url])
    assert [u for u, _ in summary.failed] == [url]
    assert "rate limited" in summary.failed[0][1]
    assert quick.paths_requested().count("/always-429") == 2


def test_retry_delay_reads_the_status_the_read_error_carries() -> None:
    def read_error(status: int, retry_after: int | None) -> ReadError:
        return ReadError("no", status=status, retry_after=retry_after)

    assert retry_delay(read_error(429, 5)) == 5.0
    assert retry_delay(read_error(503, 600)) == 60.0  # capped
    assert retry_delay(read_error(503, None)) is None
    assert retry_delay(read_error(404, 5)) is None
    assert retry_delay(ReadError("no cause")) is None


def test_cancelling_stops_promptly(site: FixtureSite, store: Store) -> None:
    site.slow_page_delay = 0.8
    urls = [site.url(path) for path in PAGES]
    stop = threading.Event()

    def progress(snapshot: PrefetchProgress) -> None:
        if snapshot.current:
            stop.set()

    summary = Prefetcher(
        Reader(store), concurrency=2, cancelled=stop.is_set, progress=progress
    ).run(urls)
    assert summary.cancelled
    assert len(summary.fetched) < len(urls) and summary.failed == ()
    assert len(set(site.paths_requested())) <= 2  # no link was started after the cancel
    assert "stopped with" in summary.line()


def test_only_http_links_are_read_once_each(quick: FixtureSite, store: Store) -> None:
    page = quick.url(PAGES[0])
    own = quick.url("/index.html")
    links = [
        "mailto:someone@example.org",
        "javascript:alert(1)",
        "ftp://files.example.org/a",
        page,
        page + "#section",
        page.replace("http://127.0.0.1", "HTTP://127.0.0.1"),
        own,
    ]
    targets, skipped = prefetch_targets(links, exclude=[own])
    assert targets == [page]
    assert skipped == links[:3]
    summary = Prefetcher(Reader(store)).run(links, exclude=[own])
    assert summary.fetched == (page,) and summary.skipped == tuple(links[:3])
    assert quick.paths_requested() == [PAGES[0]]


def test_summary_line() -> None:
    summary = PrefetchSummary(
        total=30,
        fetched=("a",) * 22,
        cached_already=("b",) * 5,
        failed=(("c", "why"),) * 3,
        skipped=(),
        cancelled=False,
    )
    assert summary.line() == "30 links: 22 fetched, 5 already cached, 3 failed"


# The command line ----------------------------------------------------------------------------


@pytest.mark.subprocess
def test_prefetch_command_caches_every_link(quick: FixtureSite, cache_dir: Path) -> None:
    article = article_linking_to(quick, [*PAGES[:3], "/missing"])
    result = run_cli("--prefetch", article, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "4 links: 3 fetched, 0 already cached, 1 failed\n"
    assert "Traceback" not in result.stderr
    failures = [line for line in result.stderr.splitlines() if line.startswith("tuireader:")]
    assert failures == [
        f"tuireader: {quick.url('/missing')} was not found (HTTP 404): check the address"
    ]
    assert f"fetched {quick.url(PAGES[0])}" in result.stderr  # one line per link off a TTY
    quick.stop()
    dumped = run_cli("--dump", "--offline", quick.url(PAGES[1]), cache_dir=cache_dir)
    assert dumped.returncode == 0, dumped.stderr
    assert dumped.stdout.startswith("# page1\n")


@pytest.mark.subprocess
def test_ctrl_c_stops_the_prefetch_command_cleanly(site: FixtureSite, cache_dir: Path) -> None:
    site.slow_page_delay = 0.8
    article = article_linking_to(site, PAGES)
    env = {**os.environ, "TUIREADER_CACHE_DIR": str(cache_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tuireader", "--prefetch", article],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # As from a terminal: a shell running the tests in the background ignores SIGINT, and
        # a child would inherit that and never see the Ctrl+C.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    first = process.stderr.readline()  # the first link read: reading ahead is under way
    assert first.startswith("1/6 fetched ")
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.splitlines()[-1] == "tuireader: stopped reading ahead" and out == ""
    assert "Traceback" not in err


@pytest.mark.subprocess
def test_prefetch_command_fails_when_the_article_cannot_be_read(
    quick: FixtureSite, cache_dir: Path
) -> None:
    result = run_cli("--prefetch", quick.url("/missing"), cache_dir=cache_dir)
    assert result.returncode == 1
    assert result.stderr.startswith("tuireader: ") and result.stdout == ""


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "args", [["--prefetch", "--offline", "https://example.org/a"], ["--prefetch"]]
)
def test_prefetch_usage_errors(args: list[str], cache_dir: Path) -> None:
    result = run_cli(*args, cache_dir=cache_dir)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("tuireader: ")


@pytest.mark.subprocess
def test_help_names_prefetch(cache_dir: Path) -> None:
    result = run_cli("--help", cache_dir=cache_dir)
    assert "--prefetch" in result.stdout
    assert "tuireader --prefetch URL" in result.stdout


# The app ---------------------------------------------------------------------------------------


def notes(app: TuiReaderApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in notifications(app)]


async def test_p_reads_ahead_and_marks_the_links(quick: FixtureSite, cache_dir: Path) -> None:
    article = article_linking_to(quick, PAGES[:4])
    app = TuiReaderApp(cache_dir, start_url=article, import_samples=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(RelatedSidebar)
        assert len(sidebar.links) == 4 and sidebar.offline_links == []
        await pilot.press("p")
        await settle(pilot)
        assert sidebar.offline_links == sidebar.links
        prompts = [str(option.prompt) for option in sidebar.options if option.id is not None]
        assert all(OFFLINE_MARKER in prompt for prompt in prompts)
        assert "Read ahead: 4 links: 4 fetched, 0 already cached, 0 failed" in notes(app)
        assert not app.screen.query_one(FetchStatus).display
        assert not app.reader_screen.reading_ahead


async def test_cached_links_are_marked_when_the_article_opens(
    quick: FixtureSite, cache_dir: Path
) -> None:
    store = Store.in_directory(cache_dir)
    Reader(store).open(quick.url(PAGES[1]))
    store.close()
    article = article_linking_to(quick, PAGES[:3])
    app = TuiReaderApp(cache_dir, start_url=article, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)  # the marks are read from the cache in a worker once it is shown
        sidebar = app.screen.query_one(RelatedSidebar)
        assert [link.url for link in sidebar.offline_links] == [quick.url(PAGES[1])]


async def test_p_twice_stops_reading_ahead(site: FixtureSite, cache_dir: Path) -> None:
    site.slow_page_delay = 0.8
    article = article_linking_to(site, PAGES)
    app = TuiReaderApp(cache_dir, start_url=article, import_samples=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.reader_screen.reading_ahead
        status = app.screen.query_one(FetchStatus)
        assert status.display
        await pilot.press("p")
        assert not app.reader_screen.reading_ahead
        for _ in range(200):  # the worker thread notices the cancel, then posts its summary
            if any(note.startswith("Stopped reading ahead") for note in notes(app)):
                break
            await pilot.pause(0.05)
        stopped = [note for note in notes(app) if note.startswith("Stopped reading ahead")]
        assert stopped and "stopped with" in stopped[0]
        assert len(app.screen.query_one(RelatedSidebar).offline_links) < len(PAGES)
        assert not status.display
