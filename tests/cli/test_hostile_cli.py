"""The hostile page through the command line: nothing a page holds reaches stdout or stderr raw.

Real `tuireader` processes (the cache commands through `main` in this one), a real server on
127.0.0.1 and a real cache in tmp_path. The saved
page itself (`cache export --format html`) is data for a file and is left out on purpose.
"""

from __future__ import annotations

import json
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from support.cli_runner import run_cli, run_in_process
from support.fixture_site import FixtureSite
from support.hostile_page import MARKUP, serve_hostile, stored_article, unsafe_in
from tuireader.cache import Store
from tuireader.models import Page
from tuireader.reading.export import FORMATS

pytestmark = pytest.mark.subprocess


def assert_inert(result: subprocess.CompletedProcess[str], what: str) -> None:
    for name, stream in (("stdout", result.stdout), ("stderr", result.stderr)):
        bad = [line for line in stream.splitlines() if unsafe_in(line)]
        assert not bad, f"{what} {name}: {unsafe_in(stream)} in {bad[:3]}"


@pytest.fixture
def cached(site: FixtureSite, cache_dir: Path) -> list[str]:
    """The URLs of the hostile page (both spellings), fetched, and of an uncleaned stored one."""
    raw_url, refs_url = serve_hostile(site)
    for url in (raw_url, refs_url):
        result = run_cli("--dump", url, cache_dir=cache_dir)
        assert result.returncode == 0, result.stderr
    info, article = stored_article(site.base)
    with closing(Store.in_directory(cache_dir)) as store:
        store.save(Page(info, "<p>stored</p>"), article)
    return [raw_url, refs_url, info.url]


LITERAL_MARKUP = {"text": MARKUP[0], "markdown": r"\[bold\]x\[/bold\]"}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_dump_in_every_format(cached: list[str], cache_dir: Path, fmt: str) -> None:
    for url in cached:
        result = run_cli("--dump", "--offline", "--format", fmt, url, cache_dir=cache_dir)
        assert result.returncode == 0, result.stderr
        assert_inert(result, f"--dump --format {fmt} {url}")
        if fmt == "json":  # the text as stored (the uncleaned one's ESC escaped as \\u001b)
            title = json.loads(result.stdout)["article"]["title"]
            assert ("\x1b[2J" in title) == (url == cached[2]), title
        else:
            assert LITERAL_MARKUP[fmt] in result.stdout


def test_a_fresh_dump_is_inert(site: FixtureSite, cache_dir: Path) -> None:
    raw_url, _ = serve_hostile(site)
    for fmt in FORMATS:
        assert_inert(run_cli("--dump", "--format", fmt, raw_url, cache_dir=cache_dir), fmt)


def test_cache_commands(cached: list[str], cache_dir: Path) -> None:
    listing = run_in_process("cache", "list", cache_dir=cache_dir)
    assert listing.returncode == 0
    assert all(url in listing.stdout for url in cached)
    assert_inert(listing, "cache list")
    found = run_in_process("cache", "search", "paragraph", cache_dir=cache_dir)
    assert found.returncode == 0 and "Stored paragraph" in found.stdout
    assert_inert(found, "cache search")
    for url in cached:
        shown = run_in_process("cache", "show", url, cache_dir=cache_dir)
        assert shown.returncode == 0 and "title:" in shown.stdout
        assert_inert(shown, f"cache show {url}")
        for fmt in ("markdown", "text", "json"):
            exported = run_in_process("cache", "export", url, "--format", fmt, cache_dir=cache_dir)
            assert exported.returncode == 0 and exported.stdout
            assert_inert(exported, f"cache export --format {fmt} {url}")


def test_errors_that_name_a_hostile_url(site: FixtureSite, cache_dir: Path) -> None:
    escaped = site.url("/gone%1b%5b2J%9b%e2%80%ae.html")
    for args in (
        ("--dump", escaped),
        ("--dump", "--offline", escaped),
        ("cache", "show", escaped + "\u202e\x9b"),
        ("cache", "search", "\x1b[2J\u202e"),
        ("--dump", site.url("/x\u202e\x9b.html")),
    ):
        run = run_in_process if args[0] == "cache" else run_cli
        result = run(*args, cache_dir=cache_dir)
        assert result.returncode != 0 and result.stderr, args
        assert_inert(result, " ".join(args))
    assert "/gone%1b%5b2J%9b%e2%80%ae.html" in site.paths_requested()


def test_prefetch_requests_only_the_http_links(site: FixtureSite, cache_dir: Path) -> None:
    raw_url, _ = serve_hostile(site)
    result = run_cli("--prefetch", raw_url, cache_dir=cache_dir)
    assert_inert(result, "--prefetch")
    requested = site.paths_requested()
    assert requested[0] == "/hostile.html"
    assert sorted(set(requested[1:])) == [
        "/hostile-refs.html",
        "/hostile.jpg",  # the pages' picture, fetched with them
        "/next%1b%5b2J%9b[2J31m.html",
        "/other%1b%5b31m.html",
    ]
