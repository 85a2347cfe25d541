"""`tuireader refresh` says how many cached articles changed, and lists each as it ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.changing_feed import atom
from support.fixture_site import FixtureSite, article_page
from tuireader.cache import Store
from tuireader.cli.main import main

FIRST = ["The harbour council met on Tuesday evening to vote on the plans for a new quay."] * 3
SECOND = ["The harbour council voted on Tuesday evening for the plans for a new quay."] * 3


def test_a_refresh_counts_and_names_the_articles_that_changed(
    site: FixtureSite, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.add("/quay.html", article_page("Quay", FIRST), ETag='"a1"')
    store = Store.in_directory(cache_dir)
    store.add_feed(atom(site, [("/quay.html", "2024-10-28T08:00:00Z", "Met.")]))
    store.close()
    assert main(["refresh", "--cache-dir", str(cache_dir)]) == 0
    capsys.readouterr()
    site.add("/quay.html", article_page("Quay", SECOND), ETag='"a2"')
    atom(site, [("/quay.html", "2024-10-28T19:30:00Z", "Met.")])

    assert main(["refresh", "--cache-dir", str(cache_dir)]) == 0

    out, err = capsys.readouterr()
    assert out == (
        "1 feed: 1 unchanged, 0 updated, 0 new articles fetched, 1 article changed, "
        "0 articles failed, 0 feeds failed\n"
    )
    assert f"1/1 changed {url}" in err.splitlines()
