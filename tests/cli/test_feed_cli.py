"""`tuireader feed ...`: follow, list, remove, import and export, against feeds on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli_runner import run_cli
from support.feed_site import FeedSite, page_declaring
from support.fixture_site import FixtureSite
from tuireader.cache import Store
from tuireader.cli.main import main
from tuireader.feeds.opml import read_opml

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def feeds(site: FixtureSite) -> FeedSite:
    return FeedSite(site)


def feed(cache_dir: Path, *args: str) -> int:
    return main(["feed", *args, "--cache-dir", str(cache_dir)])


def followed(cache_dir: Path) -> list[tuple[str, str, tuple[str, ...], int]]:
    store = Store.in_directory(cache_dir)
    try:
        return [(f.title, f.url, f.tags, f.entries) for f in store.feeds()]
    finally:
        store.close()


def test_add_a_feed_url(feeds: FeedSite, cache_dir: Path, capsys: Capture) -> None:
    url = feeds.feed("harbour", 3)
    assert feed(cache_dir, "add", url) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"added Harbour <{url}>: 3 entries\n", "")
    assert feed(cache_dir, "add", url) == 0
    assert capsys.readouterr().out == f"already following Harbour <{url}>\n"
    assert followed(cache_dir) == [("Harbour", url, (), 3)]


def test_add_a_feed_that_moved_for_good_follows_its_new_address(
    feeds: FeedSite, site: FixtureSite, cache_dir: Path, capsys: Capture
) -> None:
    url = feeds.feed("harbour", 3)
    old = site.add("/old.xml", "", 301, Location=url)
    assert feed(cache_dir, "add", old) == 0
    assert capsys.readouterr().out == f"added Harbour <{url}>: 3 entries\n"
    assert followed(cache_dir) == [("Harbour", url, (), 3)]


def test_add_a_page_that_declares_two_feeds(
    feeds: FeedSite, site: FixtureSite, cache_dir: Path, capsys: Capture
) -> None:
    harbour = feeds.feed("harbour", 2)
    fog = feeds.feed("fog", 1)
    page = site.add(
        "/blog", page_declaring(("/harbour/feed.xml", "Posts"), ("fog/feed.xml", "Fog"))
    )
    assert feed(cache_dir, "add", page) == 0
    out, err = capsys.readouterr()
    assert out == f"added Harbour <{harbour}>: 2 entries\n"
    assert err == (
        f"tuireader: {page} declares 2 feeds:\n"
        f"  1. Posts <{harbour}>\n"
        f"  2. Fog <{fog}>\n"
        "tuireader: following the first (--pick N for another)\n"
    )
    assert feed(cache_dir, "add", page, "--pick", "2") == 0
    assert capsys.readouterr().out == f"added Fog <{fog}>: 1 entry\n"
    assert feed(cache_dir, "add", page, "--pick", "3") == 2
    assert capsys.readouterr().err == f"tuireader: --pick 3: {page} declares 2 feeds\n"
    assert [url for _, url, _, _ in followed(cache_dir)] == [fog, harbour]


@pytest.mark.parametrize(
    ("path", "body", "says"),
    [
        ("/missing.xml", None, "{url} was not found (HTTP 404): check the address"),
        (
            "/plain",
            "<!doctype html><p>No feeds.</p>",
            "{url}: this is a web page, not a feed, and it declares no feed",
        ),
        (
            "/notes.txt",
            "just words",
            "{url} is text/plain, neither a feed nor a web page: check the address",
        ),
    ],
)
def test_what_cannot_be_followed_is_one_line_and_status_1(
    site: FixtureSite, cache_dir: Path, capsys: Capture, path: str, body: str | None, says: str
) -> None:
    url = site.url(path)
    if body is not None:
        content_type = "text/plain" if path.endswith(".txt") else "text/html"
        site.add(path, body, 200, **{"Content-Type": content_type})
    assert feed(cache_dir, "add", url) == 1
    assert capsys.readouterr() == ("", f"tuireader: {says.format(url=url)}\n")
    assert followed(cache_dir) == []


def test_a_bad_url_is_a_usage_error(cache_dir: Path, capsys: Capture) -> None:
    assert feed(cache_dir, "add", "javascript:alert(1)") == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("tuireader: unsupported scheme") and err.count("\n") == 1


def test_list_and_remove(
    feeds: FeedSite, site: FixtureSite, cache_dir: Path, capsys: Capture
) -> None:
    harbour = feeds.feed("harbour", 2)
    fog = feeds.feed("fog", 1, title="Fog\tand\n weather")
    feed(cache_dir, "add", harbour)
    feed(cache_dir, "add", fog)
    capsys.readouterr()
    assert feed(cache_dir, "list") == 0
    out, err = capsys.readouterr()
    lines = [line.split("\t") for line in out.splitlines()]
    assert [fields[:4] + fields[5:] for fields in lines] == [
        ["Fog and weather", fog, "1", "1", "-"],
        ["Harbour", harbour, "2", "2", "-"],
    ]  # the title is page text: no tab or newline breaks the line
    assert all(len(fields[4]) == len("2026-01-01 00:00") for fields in lines)
    assert err == "2 feeds, 3 entries, 3 unread\n"
    assert feed(cache_dir, "remove", "HARBOUR", "nowhere") == 1
    out, err = capsys.readouterr()
    assert out == f"removed Harbour <{harbour}>: 2 entries\n"
    assert err == "tuireader: nowhere is not followed (see tuireader feed list)\n"
    assert feed(cache_dir, "remove", fog) == 0
    assert followed(cache_dir) == []


NESTED_OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
  <outline text="News">
    <outline text="World">
      <outline type="rss" text="Harbour" xmlUrl="{harbour}" htmlUrl="https://example.org/"/>
    </outline>
    <outline type="rss" text="Fog" xmlUrl="{fog}"/>
  </outline>
  <outline type="rss" text="Broken" xmlUrl="javascript:alert(1)"/>
  <outline type="rss" text="Top" xmlUrl="{top}"/>
</body></opml>
"""


def test_import_nested_opml_then_export_round_trip(
    site: FixtureSite, feeds: FeedSite, cache_dir: Path, tmp_path: Path, capsys: Capture
) -> None:
    harbour, fog, top = (site.url(f"/{name}/feed.xml") for name in ("harbour", "fog", "top"))
    feed(cache_dir, "add", feeds.feed("top", 1))
    opml = tmp_path / "mine.opml"
    opml.write_text(NESTED_OPML.format(harbour=harbour, fog=fog, top=top))
    capsys.readouterr()
    assert feed(cache_dir, "import", str(opml)) == 0
    out, err = capsys.readouterr()
    assert out == (
        "imported 2 feeds (1 already followed, 1 bad): run `tuireader refresh` to read them\n"
    )
    assert err == (
        "tuireader: skipped Broken: unsupported scheme 'javascript:': "
        "only http and https pages can be read\n"
    )
    assert sorted(followed(cache_dir)) == [
        ("Fog", fog, ("News",), 0),
        ("Harbour", harbour, ("News", "World"), 0),
        ("Top", top, (), 1),
    ]
    assert feed(cache_dir, "export") == 0
    exported = read_opml(capsys.readouterr().out.encode())
    assert sorted((f.url, f.title, f.tags) for f in exported) == [
        (fog, "Fog", ("News",)),
        (harbour, "Harbour", ("News", "World")),
        (top, "Top", ()),
    ]
    again = tmp_path / "again.opml"
    feed(cache_dir, "export")
    again.write_text(capsys.readouterr().out)
    assert feed(cache_dir, "import", str(again)) == 0
    assert capsys.readouterr().out == "imported 0 feeds (3 already followed, 0 bad)\n"


@pytest.mark.parametrize("content", [None, "<html><body>not opml</body></html>", ""])
def test_import_of_what_is_no_opml_is_one_line(
    cache_dir: Path, tmp_path: Path, capsys: Capture, content: str | None
) -> None:
    path = tmp_path / "list.opml"
    if content is None:
        path.mkdir()
    else:
        path.write_text(content)
    assert feed(cache_dir, "import", str(path)) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"tuireader: {path}") and err.count("\n") == 1


@pytest.mark.subprocess
def test_feed_commands_take_the_cache_dir_anywhere_and_explain_themselves(
    feeds: FeedSite, tmp_path: Path
) -> None:
    chosen = tmp_path / "chosen"
    url = feeds.feed("harbour", 1)
    added = run_cli("--cache-dir", str(chosen), "feed", "add", url, cache_dir=tmp_path / "other")
    assert added.returncode == 0, added.stderr
    for argv in (
        ["feed", "--cache-dir", str(chosen), "list"],
        ["feed", "list", "--cache-dir", str(chosen)],
    ):
        listed = run_cli(*argv, cache_dir=tmp_path / "other")
        assert listed.stdout.startswith(f"Harbour\t{url}\t1\t1\t"), listed.stderr
    assert not (tmp_path / "other").exists()
    refused = run_cli("--offline", "feed", "list", cache_dir=chosen)
    assert (refused.returncode, refused.stderr) == (
        2,
        "tuireader: --offline: not an option of `tuireader feed`\n",
    )
    helped = run_cli("feed", "add", "--help", cache_dir=chosen)
    assert "--pick N" in helped.stdout and "declares several feeds" in helped.stdout
    main_help = run_cli("--help", cache_dir=chosen)
    assert "tuireader feed add https://example.org/blog" in main_help.stdout
    assert "tuireader refresh --quiet" in main_help.stdout
