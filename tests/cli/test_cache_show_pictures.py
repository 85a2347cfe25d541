"""`tuireader cache show`, `cache list` and `cache export` say what the cache holds of an article's
pictures, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli_runner import run_cli
from support.fixture_site import FixtureSite
from support.picture_files import jpeg, png, store_article
from tuireader.cache import Store
from tuireader.formatting import human_size
from tuireader.reading.reader import Reader

URL = "https://news.example.org/pictures"


def fields(stdout: str) -> dict[str, str]:
    return {
        key: value.strip() for key, value in (line.split(":", 1) for line in stdout.splitlines())
    }


@pytest.mark.subprocess
def test_show_counts_the_pictures_kept_and_says_why_others_were_not(
    site: FixtureSite, cache_dir: Path
) -> None:
    lead, figure = jpeg(64, 48), png(40, 30)
    srcs = [
        site.add("/img/fig.png", figure, Content_Type="image/png"),
        site.url("/img/gone.png"),  # 404
    ]
    store = Store.in_directory(cache_dir)
    store_article(store, URL, srcs, lead=site.add("/img/lead.jpg", lead, Content_Type="image/jpeg"))
    size_before = store.library()[0].size
    reader = Reader(store)
    reader.fetch_pictures(reader.cached(URL))
    reader.close()

    result = run_cli("cache", "show", URL, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    shown = fields(result.stdout)
    kept = len(lead) + len(figure)
    assert shown["pictures"] == f"2 in the cache ({human_size(kept)}); 1 not kept: HTTP 404"
    assert shown["size"] == f"{human_size(size_before + kept)} in the cache"

    exported = run_cli("cache", "export", URL, "--format", "json", cache_dir=cache_dir)
    assert exported.returncode == 0, exported.stderr
    images = json.loads(exported.stdout)["images"]
    assert [(image["url"], image["cached"]) for image in images] == [
        (site.url("/img/lead.jpg"), True),
        (srcs[0], True),
        (srcs[1], False),
    ]

    listed = run_cli("cache", "list", cache_dir=cache_dir)
    assert listed.returncode == 0
    assert listed.stderr.strip().endswith(f", with 2 pictures ({human_size(kept)})")

    assert run_cli("cache", "remove", URL, cache_dir=cache_dir).returncode == 0
    after = run_cli("cache", "list", cache_dir=cache_dir)
    assert after.stderr.strip().startswith("0 articles") and "picture" not in after.stderr


@pytest.mark.subprocess
def test_show_says_no_pictures_with_a_dash(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    store_article(store, URL, [])
    store.close()
    result = run_cli("cache", "show", URL, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    assert fields(result.stdout)["pictures"] == "-"
