"""`tuireader add`, `fetch` and `tag`, and what `refresh`, `cache list`, `cache search` and
`--dump --format json` say of the reading list: real pages on 127.0.0.1, the store in tmp_path,
in this process (nothing here is about the process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli_runner import run_in_process
from support.feed_site import FeedSite, article_page
from support.fixture_site import FixtureSite
from tuireader.cache import Store

NOT_FOUND = "{} was not found (HTTP 404): check the address"


def tuireader(*args: str, cache_dir: Path, stdin: str = "") -> tuple[int, str, str]:
    done = run_in_process(*args, cache_dir=cache_dir, stdin=stdin)
    return done.returncode, done.stdout, done.stderr


def stored(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


@pytest.fixture
def pages(site: FixtureSite) -> list[str]:
    return [site.add(f"/story{n}.html", article_page(f"Story {n}")) for n in range(3)]


def test_add_saves_fetches_and_names_what_failed(
    site: FixtureSite, pages: list[str], cache_dir: Path
) -> None:
    gone = site.url("/gone.html")
    code, out, err = tuireader(
        "add", pages[0], pages[1] + "?utm_source=mail", gone, "--tag", "news", cache_dir=cache_dir
    )
    assert out == f"3 saved, 2 fetched, 1 failed: {NOT_FOUND.format(gone)}\n"
    assert code == 0  # one failure among fetches that worked: saved, and retried later
    assert sum(line.endswith(f" failed {gone}") for line in err.splitlines()) == 1
    store = stored(cache_dir)
    item = store.saved_item(gone)
    assert item is not None and "HTTP 404" in item.fetch_error and item.tags == ("news",)
    assert {i.url for i in store.reading_list("all") if i.cached} == set(pages[:2])
    code, out, _ = tuireader("add", pages[0], pages[1], cache_dir=cache_dir)
    assert (code, out) == (0, "0 saved, 2 already saved, nothing to fetch: all in the cache\n")


def test_a_bad_url_is_one_line_and_the_others_are_saved(pages: list[str], cache_dir: Path) -> None:
    code, out, err = tuireader("add", "not a url", pages[0], "--later", cache_dir=cache_dir)
    assert code == 1
    assert out == "1 saved, 1 refused\n"
    assert err == "tuireader: not a URL (it contains spaces or control characters): 'not a url'\n"
    assert stored(cache_dir).urls_to_fetch() == [pages[0]]


def test_later_saves_without_a_request_and_fetch_goes_on(
    site: FixtureSite, pages: list[str], cache_dir: Path
) -> None:
    code, out, err = tuireader("add", "--later", *pages, cache_dir=cache_dir)
    assert (code, out, err) == (0, "3 saved\n", "")
    assert site.requests == []
    code, out, err = tuireader("fetch", cache_dir=cache_dir)
    assert (code, out) == (0, "3 fetched, 0 failed\n")
    assert sorted(line.split(" ")[0] for line in err.splitlines()) == ["1/3", "2/3", "3/3"]
    assert stored(cache_dir).urls_to_fetch() == []
    assert tuireader("fetch", cache_dir=cache_dir)[:2] == (0, "nothing to fetch\n")


def test_urls_from_stdin_skip_blanks_and_comments(pages: list[str], cache_dir: Path) -> None:
    stdin = f"# my list\n\n  {pages[0]}  \n#{pages[1]}\n{pages[2]}\n"
    code, out, _ = tuireader("add", "-", "--later", "-t", "x", cache_dir=cache_dir, stdin=stdin)
    assert (code, out) == (0, "2 saved\n")
    assert {i.url for i in stored(cache_dir).reading_list("#x")} == {pages[0], pages[2]}
    code, _, err = tuireader("add", "-", cache_dir=cache_dir, stdin="# nothing\n\n")
    assert code == 2 and err.startswith("tuireader: no URL to save")


def test_a_failure_is_retried_by_fetch_and_cleared_when_it_works(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = site.url("/late.html")
    code, out, _ = tuireader("add", url, cache_dir=cache_dir)
    assert code == 1 and out == f"1 saved, 0 fetched, 1 failed: {NOT_FOUND.format(url)}\n"
    code, out, _ = tuireader("fetch", cache_dir=cache_dir)
    assert code == 1 and out == f"0 fetched, 1 failed: {NOT_FOUND.format(url)}\n"
    site.add("/late.html", article_page("Late, but here"))
    code, out, _ = tuireader("fetch", cache_dir=cache_dir)
    assert (code, out) == (0, "1 fetched, 0 failed\n")
    item = stored(cache_dir).saved_item(url)
    assert item is not None and item.cached and item.fetch_error == ""
    assert item.title == "Late, but here"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["add"], "the following arguments are required: URL"),
        (["add", "--tag", " ", "https://e.org/a"], "--tag needs a name"),
        (["tag", "https://e.org/a", "+"], "'+' names no tag"),
        (["tag", "https://e.org/a", "--later"], "--later: not an option of `tuireader tag`"),
        (["tag", "no url here", "+a"], "not a URL"),
        (["fetch", "extra"], "unrecognized arguments: extra"),
    ],
)
def test_usage_errors_are_one_line_and_status_2(
    args: list[str], said: str, cache_dir: Path
) -> None:
    code, out, err = tuireader(*args, cache_dir=cache_dir)
    assert code == 2 and out == ""
    assert err.startswith("tuireader: ") and said in err and err.count("\n") == 1


def test_tag_adds_and_removes_on_any_article_and_prints_them(cache_dir: Path) -> None:
    url = "https://example.org/a"
    code, out, _ = tuireader("tag", url, "+news", "World", "-h2", "+h2", cache_dir=cache_dir)
    assert (code, out) == (0, f"{url}: h2, news, World\n")
    code, out, _ = tuireader("tag", url, "-news", "--", "-h2", cache_dir=cache_dir)
    assert (code, out) == (0, f"{url}: World\n")
    assert tuireader("tag", url + "?utm_source=x", cache_dir=cache_dir)[1] == f"{url}: World\n"
    assert stored(cache_dir).saved_item(url) is None  # tagged, not saved


def test_tags_show_markup_and_escapes_literally(cache_dir: Path) -> None:
    code, out, _ = tuireader(
        "tag", "https://example.org/a", "+[b]bold[/b]", "+\x1b[31mred", cache_dir=cache_dir
    )
    assert code == 0 and "\x1b" not in out and "[b]bold[/b]" in out


def test_cache_list_search_and_json_show_state_and_tags(pages: list[str], cache_dir: Path) -> None:
    def said(*args: str) -> list[str]:
        code, out, err = tuireader(*args, cache_dir=cache_dir)
        assert code == 0, err
        return out.splitlines()

    tuireader("add", pages[0], "--tag", "news", cache_dir=cache_dir)
    tuireader("--dump", pages[1], cache_dir=cache_dir)  # cached, not saved
    store = stored(cache_dir)
    store.set_starred(pages[0], True)
    store.close()
    rows = {line.split("\t")[3]: line.split("\t")[4:] for line in said("cache", "list")}
    assert rows[pages[0]] == ["unread starred", "news"]
    assert rows[pages[1]] == ["-", "-"]
    found = said("cache", "search", "Story", "0")[0]
    assert found.split("\t")[3:] == [pages[0], "unread starred", "news"]
    data = json.loads("\n".join(said("--dump", "--offline", "--format", "json", pages[0])))
    assert data["reading_list"] == {"state": "unread", "starred": True}
    assert data["tags"] == ["news"]
    data = json.loads("\n".join(said("--dump", "--offline", "--format", "json", pages[1])))
    assert data["reading_list"] == {"state": None, "starred": False} and data["tags"] == []


def test_refresh_fetches_saved_urls_after_the_feeds_and_says_so_only_then(
    site: FixtureSite, pages: list[str], cache_dir: Path
) -> None:
    feed = FeedSite(site).feed("harbour", 1)
    store = stored(cache_dir)
    store.add_feed(feed)
    store.close()
    tuireader("add", "--later", pages[0], site.url("/gone.html"), cache_dir=cache_dir)
    code, out, err = tuireader("refresh", cache_dir=cache_dir)
    assert code == 0
    assert out == (
        "1 feed: 0 unchanged, 1 updated, 1 new article fetched, 0 articles failed, "
        "0 feeds failed; 1 saved article fetched, 1 failed\n"
    )
    assert f"tuireader: {NOT_FOUND.format(site.url('/gone.html'))}" in err
    code, out, _ = tuireader("refresh", "--no-articles", cache_dir=cache_dir)
    assert out.endswith("0 feeds failed\n")  # nothing saved was fetched: not a word of it


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("add", ["--tag", "--later", "reads URLs from stdin", "exit status"]),
        ("fetch", ["--quiet", "three times in all", "exit status"]),
        ("tag", ["+TAG or TAG adds it, -TAG removes it", "tuireader tag URL -- -h"]),
        ("import", ["pocket-csv", "omnivore-zip", "--no-fetch", "exit status"]),
        ("export", ["wallabag-json", "netscape-html", "--output FILE"]),
    ],
)
def test_help_explains_each_command(name: str, words: list[str], cache_dir: Path) -> None:
    code, out, _ = tuireader(name, "--help", cache_dir=cache_dir)
    assert code == 0 and all(word in out for word in words), out
    assert f"tuireader {name}" in tuireader("--help", cache_dir=cache_dir)[1]
