"""Shared options before or after a subcommand: `tuireader --cache-dir D cache list` and friends."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli_runner import run_in_process
from tuireader.cache import Store
from tuireader.cli.main import main
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Page, PageInfo

URL = "https://a.example/story"


def keep_article(cache_dir: Path, url: str = URL, title: str = "A Story") -> None:
    store = Store.in_directory(cache_dir)
    try:
        page = Page(PageInfo(url, url), "<html><p>Words.</p></html>")
        store.save(
            page,
            Article(
                title=title,
                markdown="Words.",
                text="Words.",
                word_count=1,
                extractor_version=EXTRACTOR_VERSION,
            ),
        )
    finally:
        store.close()


@pytest.mark.parametrize(
    "where",
    [
        ["--cache-dir", "{d}", "cache", "list"],
        ["--cache-dir={d}", "cache", "list"],
        ["cache", "--cache-dir", "{d}", "list"],
        ["cache", "list", "--cache-dir", "{d}"],
    ],
)
def test_cache_dir_goes_before_or_after_the_cache_command(where: list[str], tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    keep_article(chosen)
    elsewhere = tmp_path / "elsewhere"  # the environment's cache, which --cache-dir overrides
    result = run_in_process(*(arg.format(d=chosen) for arg in where), cache_dir=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip("\n").split("\t")[2:] == ["A Story", URL, "-", "-"]
    assert not elsewhere.exists()


def test_the_last_cache_dir_given_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, last = tmp_path / "first", tmp_path / "last"
    keep_article(first, "https://a.example/first", "First")
    keep_article(last, "https://a.example/last", "Last")
    assert main(["--cache-dir", str(first), "cache", "list", "--cache-dir", str(last)]) == 0
    assert "https://a.example/last" in capsys.readouterr().out


def test_a_cache_dir_named_cache_is_no_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    keep_article(tmp_path / "cache")
    assert main(["--cache-dir", "cache", "cache", "list"]) == 0
    assert capsys.readouterr().out.split("\t")[3] == URL


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--offline", "cache", "list"], "--offline"),
        (["--format", "json", "cache", "list"], "--format json"),
        (["--dump", "--cache-dir", "D", "cache", "list"], "--dump"),
    ],
)
def test_an_option_of_reading_before_cache_is_a_usage_error(
    argv: list[str], named: str, cache_dir: Path
) -> None:
    result = run_in_process(*argv, cache_dir=cache_dir)
    assert result.returncode == 2
    assert result.stderr == f"tuireader: {named}: not an option of `tuireader cache`\n"
    assert result.stdout == ""


def test_a_url_first_is_still_read_and_cache_after_it_is_refused(
    cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["https://a.example/", "cache"])
    assert raised.value.code == 2
    assert "unrecognized arguments: cache" in capsys.readouterr().err


def test_help_says_where_cache_dir_goes(cache_dir: Path) -> None:
    result = run_in_process("--help", cache_dir=cache_dir)
    assert "--cache-dir goes before or after a command" in result.stdout
    sub = run_in_process("cache", "list", "--help", cache_dir=cache_dir)
    assert "--cache-dir DIR" in sub.stdout
