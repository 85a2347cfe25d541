"""`tuireader import` and `tuireader export`: files written by hand in each format's shape, real
pages on 127.0.0.1, the store in tmp_path; in this process, except where a process is the point
(a SIGKILL in the middle of a fetching import)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from support.cli_runner import command, env_for, run_cli, run_in_process
from support.feed_site import ARTICLE_WORDS, article_page
from support.fixture_site import FixtureSite, Route
from support.interchange_files import INTERCHANGE, omnivore_zip
from tuireader.cache import SavedRow, Store
from tuireader.reading.reader import Reader

HANG = 60.0  # seconds: only a hang takes this long


def tuireader(*args: str, cache_dir: Path) -> tuple[int, str, str]:
    done = run_in_process(*args, cache_dir=cache_dir)
    return done.returncode, done.stdout, done.stderr


def pocket_csv(path: Path, rows: list[tuple[str, str, int, str, str]]) -> Path:
    """A Pocket CSV export: (title, url, time_added, tags joined by |, status) each."""
    lines = ["title,url,time_added,tags,status"]
    lines += [
        f'"{title}",{url},{added},{tags},{status}' for title, url, added, tags, status in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def test_a_pocket_export_is_said_saved_with_its_states_and_tags_then_fetched(
    site: FixtureSite, cache_dir: Path, tmp_path: Path
) -> None:
    one = site.add("/one.html", article_page("One"))
    two = site.add("/two.html", article_page("Two"))
    gone = site.url("/gone.html")
    export = pocket_csv(
        tmp_path / "part_000000.csv",
        [
            ("First", one + "?utm_source=pocket_saves", 1700000000, "news|sea", "unread"),
            ("Second", two, 1700000100, "", "archive"),
            ("Missing", "", 1700000200, "", "unread"),
            ("Gone", gone, 1700000300, "", "unread"),
        ],
    )
    code, out, err = tuireader("import", str(export), cache_dir=cache_dir)
    assert out.splitlines() == [
        "3 saved, 1 skipped: line 4 has no URL",
        f"2 fetched, 1 failed: {gone} was not found (HTTP 404): check the address",
    ]
    assert code == 0
    assert err.splitlines()[0] == f"{export}: pocket-csv, 3 articles, 1 bad row"  # said first
    store = stored(cache_dir)
    first, second, lost = (store.saved_item(url) for url in (one, two, gone))
    assert first is not None and second is not None and lost is not None
    assert (first.state, first.tags, first.saved_at) == (
        "unread",
        ("news", "sea"),
        "2023-11-14T22:13:20+00:00",
    )
    assert second.state == "archived" and first.cached and second.cached
    assert "HTTP 404" in lost.fetch_error and store.urls_to_fetch() == [gone]


def test_importing_the_same_file_twice_adds_nothing(cache_dir: Path) -> None:
    export = INTERCHANGE / "pocket.csv"
    code, out, _ = tuireader("import", str(export), "--no-fetch", cache_dir=cache_dir)
    assert code == 0
    assert out == (
        "3 saved, 3 skipped: line 5 has no URL, line 6 is not an http(s) URL: "
        "'gopher://old.example/1', … (1 more)\n"
    )
    before = stored(cache_dir).reading_list("all")
    code, out, _ = tuireader("import", str(export), "--no-fetch", cache_dir=cache_dir)
    assert out.startswith("0 saved, 3 already saved, 3 skipped: ")
    assert stored(cache_dir).reading_list("all") == before


def test_no_fetch_asks_nothing_and_fetch_goes_on(
    site: FixtureSite, cache_dir: Path, tmp_path: Path
) -> None:
    urls = [site.add(f"/p{n}.html", article_page(f"P{n}")) for n in range(3)]
    export = tmp_path / "list.txt"
    export.write_text("# my links\n" + "\n".join(urls) + "\n")
    code, out, err = tuireader("import", str(export), "--no-fetch", cache_dir=cache_dir)
    assert (code, out) == (0, "3 saved\n") and err == f"{export}: urls, 3 articles\n"
    assert site.requests == []
    assert tuireader("fetch", cache_dir=cache_dir)[:2] == (0, "3 fetched, 0 failed\n")


def test_content_in_the_file_reads_offline_with_no_request(
    site: FixtureSite, cache_dir: Path, tmp_path: Path
) -> None:
    url = site.url("/kept.html")  # never served: the file's content is the article
    paragraphs = "".join(f"<p>{ARTICLE_WORDS}</p>" for _ in range(4))
    entry = {"url": url, "title": "Kept <b>whole</b>", "is_archived": 0, "is_starred": 1}
    export = tmp_path / "wallabag.json"
    export.write_text(json.dumps([{**entry, "tags": ["sea"], "content": paragraphs}]))
    code, out, err = tuireader("import", str(export), cache_dir=cache_dir)
    assert (code, out) == (0, "1 saved, 1 readable offline from the file's content\n")
    assert err == f"{export}: wallabag-json, 1 article\n"
    assert site.requests == []
    code, out, _ = tuireader("--dump", "--offline", "--format", "text", url, cache_dir=cache_dir)
    assert code == 0 and out.startswith("Kept <b>whole</b>\n") and "harbour master" in out


def test_omnivore_markdown_content_and_opml_feeds(cache_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "omnivore.zip"
    export.write_bytes(omnivore_zip())
    feeds = INTERCHANGE / "subscriptions.opml"
    code, out, err = tuireader("import", str(export), str(feeds), "--no-fetch", cache_dir=cache_dir)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"{export}: 3 saved, 2 readable offline from the file's content")
    assert lines[1].startswith(f"{feeds}: imported ")
    assert f"{export}: omnivore-zip, 3 articles, 1 bad row" in err and f"{feeds}: opml, " in err
    store = stored(cache_dir)
    assert store.feeds() != []
    found = store.load("https://tides.example/explained")
    assert found is not None and found[1].text == "The moon pulls the sea."
    assert found[0].content_type == "text/markdown"  # cache import's Markdown path


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["import", "{missing}"], "cannot read {missing}: No such file or directory"),
        (["import", "{tmp}"], "{tmp} is a directory: give the export file in it"),
        (["import", "{junk}"], "{junk}: plain text whose lines are not URLs"),
        (["import", "{empty}"], "{empty}: the file is empty"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_line_and_the_others_go_on(
    args: list[str], said: str, cache_dir: Path, tmp_path: Path
) -> None:
    names = {
        "missing": tmp_path / "missing.csv",
        "tmp": tmp_path,
        "junk": tmp_path / "junk.txt",
        "empty": tmp_path / "empty.csv",
    }
    names["junk"].write_text("dear diary,\ntoday I read nothing\n")
    names["empty"].write_text("")
    good = tmp_path / "good.txt"
    good.write_text("https://example.org/a\n")
    argv = [arg.format(**names) for arg in args]
    code, out, err = tuireader(*argv, str(good), "--no-fetch", cache_dir=cache_dir)
    assert code == 1
    assert err.splitlines()[0].startswith(f"tuireader: {said.format(**names)}")
    assert out == f"{good}: 1 saved\n"  # the other file, imported all the same
    assert stored(cache_dir).count_saved("all") == 1


def test_format_forced_and_a_file_with_nothing_to_import(cache_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "links.csv"  # the name says CSV; the content and --format say URLs
    export.write_text("https://example.org/a\nhttps://example.org/b\n")
    code, out, _ = tuireader(
        "import", str(export), "--format", "urls", "--no-fetch", cache_dir=cache_dir
    )
    assert (code, out) == (0, "2 saved\n")
    code, out, err = tuireader(
        "import", str(export), "--format", "pocket-csv", "--no-fetch", cache_dir=cache_dir
    )
    assert code == 1 and out.startswith("0 saved, ")  # every row skipped: nothing imported
    code, _, err = tuireader("import", str(export), "--format", "pdf", cache_dir=cache_dir)
    assert code == 2 and "invalid choice: 'pdf'" in err and err.count("\n") == 1


# export ---------------------------------------------------------------------------------------


def a_reading_list(cache_dir: Path, site: FixtureSite) -> tuple[str, str, str]:
    """Unread and archived, starred, tagged, dated, one of them cached with its article. The
    others are on 127.0.0.1 too, unanswered: nothing may fetch them, nor look up a host."""
    store = stored(cache_dir)
    cached = site.add("/cached.html", article_page("A cached story"))
    archived, plain = site.url("/a"), site.url("/b?id=1")
    store.save_urls(
        [
            SavedRow(cached, "A cached story", tags=("sea",), saved_at="2024-01-02T03:04:05+00:00"),
            SavedRow(
                archived,
                'Commas, "quotes" & <angles>',
                state="archived",
                starred=True,
                tags=("news", "two words"),
                saved_at="2024-02-01T00:00:00+00:00",
            ),
            SavedRow(plain, "Plain", saved_at="2024-03-01T00:00:00+00:00"),
        ]
    )
    store.set_starred(plain, True)
    Reader(store).open(cached)
    store.close()
    return cached, archived, plain


@pytest.mark.parametrize("fmt", ["wallabag-json", "netscape-html", "csv"])
def test_a_round_trip_through_export_and_import_changes_nothing(
    fmt: str, site: FixtureSite, cache_dir: Path, tmp_path: Path
) -> None:
    a_reading_list(cache_dir, site)
    code, exported, err = tuireader("export", "--format", fmt, cache_dir=cache_dir)
    assert code == 0 and err.startswith(f"3 saved articles exported as {fmt}")
    file = tmp_path / f"export.{fmt}"
    file.write_text(exported, encoding="utf-8")
    before = stored(cache_dir).reading_list("all")
    code, out, _ = tuireader("import", str(file), "--no-fetch", cache_dir=cache_dir)
    assert (code, out) == (0, "0 saved, 3 already saved\n")
    assert stored(cache_dir).reading_list("all") == before
    elsewhere = tmp_path / "elsewhere"
    code, out, _ = tuireader("import", str(file), "--no-fetch", cache_dir=elsewhere)
    assert code == 0 and out.startswith("3 saved")
    again = tuireader("export", "--format", fmt, cache_dir=elsewhere)[1]
    assert again == exported
    moved = stored(elsewhere).reading_list("all")
    assert [(i.url, i.title, i.state, i.starred, i.tags, i.saved_at) for i in moved] == [
        (i.url, i.title, i.state, i.starred, i.tags, i.saved_at) for i in before
    ]


def test_export_to_a_file_and_its_errors(
    site: FixtureSite, cache_dir: Path, tmp_path: Path
) -> None:
    urls = a_reading_list(cache_dir, site)
    target = tmp_path / "list.json"
    code, out, err = tuireader(
        "export", "-f", "wallabag-json", "-o", str(target), cache_dir=cache_dir
    )
    assert (code, out) == (0, "")
    assert err == f"3 saved articles exported as wallabag-json (1 with their content) to {target}\n"
    entries = json.loads(target.read_text())
    assert [e["url"] for e in entries] == list(urls)  # oldest saved first
    assert "harbour master" in entries[0]["content"] and entries[1]["content"] == ""
    code, _, err = tuireader("export", "-f", "csv", "-o", str(tmp_path), cache_dir=cache_dir)
    assert code == 1 and err == f"tuireader: {tmp_path} is a directory: give a file name to write\n"
    code, _, err = tuireader("export", cache_dir=cache_dir)
    assert code == 2 and "--format" in err and err.count("\n") == 1


# A SIGKILL in the middle ------------------------------------------------------------------------


def saved_and_cached(cache_dir: Path) -> tuple[int, int]:
    db = sqlite3.connect(cache_dir / "tuireader.sqlite3", timeout=30)
    try:
        saved = db.execute("SELECT count(*) FROM saved").fetchone()[0]
        cached = db.execute(
            "SELECT count(*) FROM saved s "
            "WHERE EXISTS (SELECT 1 FROM articles a WHERE a.url = s.url)"
        ).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0, 0
    finally:
        db.close()
    return int(saved), int(cached)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + HANG
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


@pytest.mark.subprocess
def test_a_fetching_import_killed_midway_loses_nothing_and_fetch_goes_on(
    site: FixtureSite, cache_dir: Path, tmp_path: Path
) -> None:
    gate = threading.Event()
    quick = [site.add(f"/quick{n}.html", article_page(f"Quick {n}")) for n in range(3)]
    held = []
    for n in range(3):
        route = Route(200, article_page(f"Held {n}").encode(), {"Content-Type": "text/html"})

        def after_the_gate(route: Route = route) -> Route:
            gate.wait(HANG)
            return route

        held.append(site.on(f"/held{n}.html", after_the_gate))
    export = pocket_csv(
        tmp_path / "pocket.csv",
        [(f"Item {n}", url, 1700000000 + n, "", "unread") for n, url in enumerate(quick + held)],
    )
    process = subprocess.Popen(
        command("import", str(export)),
        env=env_for(cache_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: saved_and_cached(cache_dir) == (6, 3), "the quick pages to be kept")
        wait_for(lambda: "/held0.html" in site.paths_requested(), "a held page to be asked for")
        process.send_signal(signal.SIGKILL)
        process.wait(HANG)
    finally:
        if process.poll() is None:
            process.kill()
        gate.set()
    assert process.returncode == -signal.SIGKILL
    assert saved_and_cached(cache_dir) == (6, 3)  # the list whole, and every page it kept
    done = run_cli("fetch", cache_dir=cache_dir)
    assert (done.returncode, done.stdout) == (0, "3 fetched, 0 failed\n"), done.stderr
    assert saved_and_cached(cache_dir) == (6, 6)


def test_escapes_and_markup_in_a_file_are_shown_literally(cache_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "hostile.csv"
    export.write_text(
        "title,url,time_added,tags,status\n"
        '"[b]Bold[/b] \x1b[2Jcleared",https://example.org/a,1700000000,\x1b[31mred|[i]x[/i],unread\n'
        '"Bad",javascript:alert(1)\x1b[2J,1700000000,,unread\n'
    )
    code, out, err = tuireader("import", str(export), "--no-fetch", cache_dir=cache_dir)
    assert code == 0 and out.startswith("1 saved, 1 skipped: line 3 ")
    assert "\x1b" not in out + err
    item = stored(cache_dir).saved_item("https://example.org/a")
    assert item is not None and item.title.startswith("[b]Bold[/b] ")
    assert "[i]x[/i]" in item.tags and all("\x1b" not in tag for tag in item.tags)
    exported = tuireader("export", "--format", "csv", cache_dir=cache_dir)[1]
    assert "\x1b" not in exported and "[b]Bold[/b]" in exported


@pytest.mark.subprocess
def test_ctrl_c_stops_fetch_with_one_line_and_keeps_what_it_fetched(
    site: FixtureSite, cache_dir: Path
) -> None:
    site.slow_page_delay = 0.8
    urls = [site.url(f"/slow/page{n}") for n in range(6)]
    with closing(stored(cache_dir)) as store:
        store.save_urls(SavedRow(url) for url in urls)
    process = subprocess.Popen(
        command("fetch"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(cache_dir),
        # As from a terminal: a shell running the tests in the background ignores SIGINT, and
        # a child would inherit that and never see the Ctrl+C.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    assert process.stderr.readline().startswith("1/6 fetched ")  # under way
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=HANG)
    assert process.returncode == 130 and out == ""
    assert err.splitlines()[-1] == (
        "tuireader: stopped fetching: what was fetched is kept; `tuireader fetch` goes on"
    )
    assert "Traceback" not in err
    saved, cached = saved_and_cached(cache_dir)
    assert saved == 6 and 1 <= cached < 6
