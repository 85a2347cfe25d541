"""`tuireader refresh` as cron and a person run it: what it prints, its exit status, and what a
killed or doubled run leaves in the store (real processes for those)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from support.cli_runner import command, env_for, run_cli
from support.feed_site import FeedSite
from support.fixture_site import FixtureSite, Route
from tuireader.cache import Store
from tuireader.cli.main import main

Capture = pytest.CaptureFixture[str]
HANG = 60.0  # seconds: only a hang takes this long


@pytest.fixture
def feeds(site: FixtureSite) -> FeedSite:
    return FeedSite(site)


def follow(cache_dir: Path, *urls: str) -> None:
    store = Store.in_directory(cache_dir)
    try:
        for url in urls:
            store.add_feed(url)
    finally:
        store.close()


def refresh(cache_dir: Path, *args: str) -> int:
    return main(["refresh", *args, "--cache-dir", str(cache_dir)])


@pytest.mark.subprocess
def test_refresh_keeps_entries_and_their_articles_read_offline(
    feeds: FeedSite, site: FixtureSite, cache_dir: Path
) -> None:
    follow(cache_dir, feeds.feed("harbour", 2), feeds.feed("fog", 1))
    done = run_cli("refresh", cache_dir=cache_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "2 feeds: 0 unchanged, 2 updated, 3 new articles fetched, 0 articles failed, "
        "0 feeds failed\n"
    )
    progress = done.stderr.splitlines()  # not a terminal: one plain line per feed and article
    assert [line.split(" ", 1)[0] for line in progress] == ["1/2", "2/2", "1/3", "2/3", "3/3"]
    assert {line.split(" ", 1)[1] for line in progress[:2]} == {"updated Harbour", "updated Fog"}
    assert all(line.split(" ")[1] == "fetched" for line in progress[2:])
    site.stop()  # offline now: the article is in the cache
    dumped = run_cli("--offline", "--dump", site.url("/harbour/1.html"), cache_dir=cache_dir)
    assert dumped.returncode == 0 and dumped.stdout.startswith("# harbour story 1\n")


def test_a_second_refresh_finds_nothing_new(
    feeds: FeedSite, cache_dir: Path, capsys: Capture
) -> None:
    follow(cache_dir, feeds.feed("harbour", 2))
    assert refresh(cache_dir) == 0
    capsys.readouterr()
    assert refresh(cache_dir) == 0
    out, err = capsys.readouterr()
    assert out == (
        "1 feed: 1 unchanged, 0 updated, 0 new articles fetched, 0 articles failed, "
        "0 feeds failed\n"
    )
    assert err == "1/1 unchanged Harbour\n"


def test_an_article_that_fails_is_said_and_the_run_succeeds(
    feeds: FeedSite, site: FixtureSite, cache_dir: Path, capsys: Capture
) -> None:
    follow(cache_dir, feeds.feed("harbour", 2))
    del site.routes["/harbour/0.html"]
    assert refresh(cache_dir, "--quiet") == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"tuireader: {site.url('/harbour/0.html')} was not found (HTTP 404): check the address\n"
    )


def test_every_feed_failing_is_status_1(
    site: FixtureSite, cache_dir: Path, capsys: Capture
) -> None:
    follow(cache_dir, site.url("/one.xml"), site.url("/two.xml"))
    assert refresh(cache_dir) == 1
    out, err = capsys.readouterr()
    assert out == (
        "2 feeds: 0 unchanged, 0 updated, 0 new articles fetched, 0 articles failed, "
        "2 feeds failed\n"
    )
    said = [line for line in err.splitlines() if line.startswith("tuireader: ")]
    assert said == [
        f"tuireader: {site.url(path)} was not found (HTTP 404): check the address"
        for path in ("/one.xml", "/two.xml")
    ]


def test_one_feed_failing_among_others_is_status_0(
    feeds: FeedSite, site: FixtureSite, cache_dir: Path, capsys: Capture
) -> None:
    follow(cache_dir, feeds.feed("harbour", 1), site.url("/gone.xml"))
    assert refresh(cache_dir, "--quiet", "--no-articles") == 0
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "gone.xml was not found (HTTP 404)" in err


def test_quiet_when_all_is_well_prints_nothing(
    feeds: FeedSite, cache_dir: Path, capsys: Capture
) -> None:
    follow(cache_dir, feeds.feed("harbour", 2))
    assert refresh(cache_dir, "-q") == 0
    assert capsys.readouterr() == ("", "")


def test_no_feeds_is_no_failure(cache_dir: Path, capsys: Capture) -> None:
    assert refresh(cache_dir) == 0
    out, err = capsys.readouterr()
    assert out.startswith("0 feeds: 0 unchanged")
    assert err == "tuireader: no feeds followed yet: tuireader feed add URL follows one\n"


def test_force_checks_a_feed_its_ttl_would_leave(
    feeds: FeedSite, cache_dir: Path, capsys: Capture
) -> None:
    follow(cache_dir, feeds.feed("harbour", 1, ttl=600))
    refresh(cache_dir, "--no-articles")
    capsys.readouterr()
    refresh(cache_dir, "--no-articles")
    assert capsys.readouterr().out.endswith("0 feeds failed, 1 not due yet\n")
    refresh(cache_dir, "--no-articles", "--force")
    assert capsys.readouterr().out.startswith("1 feed: 1 unchanged")


@pytest.mark.subprocess
def test_options_go_anywhere_and_help_explains(cache_dir: Path, tmp_path: Path) -> None:
    for argv in (
        ["--cache-dir", str(cache_dir), "refresh"],
        ["refresh", "--cache-dir", str(cache_dir), "--quiet"],
    ):
        result = run_cli(*argv, cache_dir=tmp_path / "elsewhere")
        assert result.returncode == 0, result.stderr
    assert not (tmp_path / "elsewhere").exists()
    refused = run_cli("--dump", "refresh", cache_dir=cache_dir)
    assert refused.stderr == "tuireader: --dump: not an option of `tuireader refresh`\n"
    helped = run_cli("refresh", "--help", cache_dir=cache_dir)
    for words in ("--quiet", "--force", "--no-articles", "*/30 * * * * tuireader refresh"):
        assert words in helped.stdout


# Real processes ---------------------------------------------------------------------------------


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + HANG
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def checked(cache_dir: Path) -> dict[str, int]:
    """Each feed checked so far, with its entries, read from the file as another process would."""
    db = sqlite3.connect(cache_dir / "tuireader.sqlite3", timeout=30)
    try:
        rows = db.execute(
            "SELECT f.url, (SELECT count(*) FROM entries e WHERE e.feed_id = f.id) "
            "FROM feeds f WHERE f.last_checked != ''"
        ).fetchall()
    finally:
        db.close()
    return {str(url): int(count) for url, count in rows}


@pytest.mark.subprocess
def test_a_refresh_killed_mid_run_loses_no_check_and_the_next_one_finishes(
    feeds: FeedSite, site: FixtureSite, cache_dir: Path
) -> None:
    gate = threading.Event()
    quick = [feeds.feed(name, 2) for name in ("a", "b", "c")]
    held = []
    for name in ("d", "e", "f"):
        feeds.feed(name, 2)
        route = site.routes.pop(f"/{name}/feed.xml")

        def after_the_gate(route: Route = route) -> Route:
            gate.wait(HANG)
            return route

        held.append(site.on(f"/{name}/feed.xml", after_the_gate))
    follow(cache_dir, *quick, *held)  # checked in title order: a, b, c first
    process = subprocess.Popen(
        command("refresh"), env=env_for(cache_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        wait_for(lambda: len(checked(cache_dir)) == 3, "the quick feeds to be checked")
        wait_for(lambda: "/d/feed.xml" in site.paths_requested(), "a held feed to be asked for")
        process.send_signal(signal.SIGKILL)
        process.wait(HANG)
    finally:
        if process.poll() is None:
            process.kill()
        gate.set()
    assert process.returncode == -signal.SIGKILL
    assert checked(cache_dir) == {url: 2 for url in quick}
    done = run_cli("refresh", cache_dir=cache_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "6 feeds: 3 unchanged, 3 updated, 12 new articles fetched, 0 articles failed, "
        "0 feeds failed\n"
    )  # the articles of the feeds checked before the kill are fetched too
    assert checked(cache_dir) == {url: 2 for url in (*quick, *held)}


@pytest.mark.subprocess
def test_two_refreshes_at_once_make_no_duplicates(
    feeds: FeedSite, site: FixtureSite, cache_dir: Path
) -> None:
    """As cron while the app refreshes: each feed is answered to both at the same moment, and
    is long enough that both keep it at about the same time."""
    names = [f"f{n}" for n in range(6)]
    per_feed = 400
    arrived: dict[str, int] = {}
    together = threading.Condition()
    urls = []
    for name in names:
        feeds.feed(name, per_feed, articles=False)
        route = site.routes.pop(f"/{name}/feed.xml")

        def both(route: Route = route, name: str = name) -> Route:
            with together:  # hold the first until the second asks too (or a hang is clear)
                arrived[name] = arrived.get(name, 0) + 1
                together.notify_all()
                together.wait_for(lambda: arrived[name] >= 2, timeout=10)
            return route

        urls.append(site.on(f"/{name}/feed.xml", both))
    follow(cache_dir, *urls)
    runs = [
        subprocess.Popen(
            command("refresh", "--no-articles"),
            env=env_for(cache_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=HANG) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all(arrived[name] == 2 for name in names)  # both really read every feed
    updated = sum(int(out.split(" unchanged, ")[1].split(" updated")[0]) for out, _ in outputs)
    assert updated == 6  # each feed's entries were new to exactly one of the two
    db = sqlite3.connect(cache_dir / "tuireader.sqlite3")
    try:
        (entries,) = db.execute("SELECT count(*) FROM entries").fetchone()
        (distinct,) = db.execute(
            "SELECT count(DISTINCT feed_id || ' ' || url) FROM entries"
        ).fetchone()
    finally:
        db.close()
    assert (entries, distinct) == (6 * per_feed, 6 * per_feed)


def test_on_a_terminal_progress_is_one_line_redrawn_then_cleared() -> None:
    import io

    from tuireader.cli.refresh import RefreshLine
    from tuireader.reading.refresh_report import RefreshProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    line = RefreshLine(stream)
    line.update(
        RefreshProgress("feeds", 1, 3, 1, current=("http://a.example/feed",), new_entries=2)
    )
    line.update(RefreshProgress("articles", 0, 4, 0, finished="", current=("https://b.example/x",)))
    line.clear()
    assert stream.getvalue() == (
        "\r\x1b[Kchecking feeds 1/3, 2 new (1 failed) a.example/feed"
        "\r\x1b[Kfetching articles 0/4 b.example/x"
        "\r\x1b[K"
    )
