"""`tuireader cache show URL` lists an article's copies; `cache export URL --version N` prints
one in any format; a number that names no copy is one line and a failing status. The copies are
made as the reader makes them: a page on 127.0.0.1 whose text changes between fetches."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.cli_runner import run_cli
from support.fixture_site import FixtureSite, article_page
from tuireader.cache import Store
from tuireader.cli.cache import main
from tuireader.formatting import human_size
from tuireader.reading.reader import Reader
from tuireader.settings import Settings

TITLE = "Harbour Council Votes on the New Quay"
EDITIONS = [
    [
        "The harbour council met on Tuesday evening to vote on the plans for a new quay.",
        "Fishermen filled the hall and many of them spoke against the plans for an hour.",
    ],
    [
        "The harbour council met on Tuesday evening to vote on the plans for a new quay.",
        "Fishermen filled the hall and most of them spoke in favour of the plans at last.",
        "A spokesperson for the port said work could start before the summer season.",
    ],
    [
        "The harbour council met on Wednesday evening to vote on the plans for a new quay.",
        "Fishermen filled the hall and most of them spoke in favour of the plans at last.",
        "A spokesperson for the port said work could start before the summer season.",
    ],
]
DATE = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"
SIZE = r"(?:\d+ B|\d+\.\d [KM]iB)"


def three_editions(site: FixtureSite, cache_dir: Path) -> str:
    """The article fetched three times, its text changed each time, read the first."""
    reader = Reader(Store.in_directory(cache_dir), settings=Settings(max_age_seconds=0))
    url = ""
    for number, paragraphs in enumerate(EDITIONS):
        url = site.add("/quay.html", article_page(TITLE, paragraphs))
        reader.open(url)
        if number == 0:
            reader.remember_position(url, progress=0.5)
    reader.close()
    return url


def fields(stdout: str) -> dict[str, str]:
    return {
        key: value.strip() for key, value in (line.split(":", 1) for line in stdout.splitlines())
    }


def test_show_lists_each_copy_and_the_current_one(
    site: FixtureSite, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = three_editions(site, cache_dir)
    assert main(["show", url, "--cache-dir", str(cache_dir)]) == 0
    shown = fields(capsys.readouterr().out)
    assert shown["versions"] == "2 earlier copies and the current one (cache export --version N)"
    store = Store.in_directory(cache_dir)
    first, second = store.versions(url)
    loaded = store.load(url)
    assert loaded is not None
    current = loaded[1]
    assert first.word_count < second.word_count
    assert re.fullmatch(
        rf"fetched {DATE}, read {DATE}, {first.word_count} words, the next changed 2 paragraphs, "
        + re.escape(human_size(first.size)),
        shown["version 1"],
    )
    assert re.fullmatch(
        rf"fetched {DATE}, read (?:{DATE}|not read), {second.word_count} words, "
        "the next changed 1 paragraph, " + re.escape(human_size(second.size)),
        shown["version 2"],
    )
    assert re.fullmatch(
        rf"the current copy: fetched {DATE}, read (?:{DATE}|not read), {current.word_count} words, "
        + SIZE,
        shown["version 3"],
    )


def test_show_says_when_only_the_current_copy_is_kept(
    site: FixtureSite, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reader = Reader(Store.in_directory(cache_dir))
    url = site.add("/quay.html", article_page(TITLE, EDITIONS[0]))
    reader.open(url)
    reader.close()
    assert main(["show", url, "--cache-dir", str(cache_dir)]) == 0
    assert fields(capsys.readouterr().out)["versions"] == "only the current copy"


@pytest.mark.parametrize("fmt", ["markdown", "text", "json", "html"])
def test_export_prints_an_earlier_copy_in_every_format(
    site: FixtureSite, cache_dir: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    url = three_editions(site, cache_dir)
    args = ["export", url, "--format", fmt, "--cache-dir", str(cache_dir)]
    assert main([*args, "--version", "1"]) == 0
    first = capsys.readouterr().out
    assert "many of them spoke against" in first
    assert "summer season" not in first
    assert main([*args, "--version", "2"]) == 0
    second = capsys.readouterr().out
    assert "summer season" in second and "Tuesday" in second
    assert main([*args, "--version", "3"]) == 0  # the current copy, numbered after them
    current = capsys.readouterr().out
    assert "Wednesday" in current
    assert main(args) == 0
    assert capsys.readouterr().out == current
    if fmt == "json":
        exported = json.loads(first)
        assert (
            exported["page"]["fetched_at"]
            == Store.in_directory(cache_dir).versions(url)[0].fetched_at
        )


@pytest.mark.parametrize(
    "number,kept",
    [
        ("4", "copies 1-2 and the current one, 3"),
        ("0", "copies 1-2 and the current one, 3"),
        ("-1", "copies 1-2 and the current one, 3"),
    ],
)
def test_a_number_that_names_no_copy_is_one_line(
    site: FixtureSite,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
    number: str,
    kept: str,
) -> None:
    url = three_editions(site, cache_dir)
    status = main(["export", url, "--version", number, "--cache-dir", str(cache_dir)])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert err == f"tuireader: {url} has no copy {number} in the cache: it keeps {kept}\n"


def test_an_evicted_copy_is_named_among_those_left(
    site: FixtureSite, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = three_editions(site, cache_dir)
    store = Store.in_directory(cache_dir)
    store.evict(store.size()[1] - store.versions(url)[0].size)
    store.close()
    status = main(["export", url, "--version", "1", "--cache-dir", str(cache_dir)])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert err.endswith("has no copy 1 in the cache: it keeps copy 2 and the current one, 3\n")


@pytest.mark.subprocess
def test_a_version_that_is_no_number_is_a_usage_error(site: FixtureSite, cache_dir: Path) -> None:
    url = three_editions(site, cache_dir)
    result = run_cli("cache", "export", url, "--version", "two", cache_dir=cache_dir)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "invalid int value: 'two'" in result.stderr
