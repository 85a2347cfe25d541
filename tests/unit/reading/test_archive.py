"""The Internet Archive's copy of a page, asked of a real server on 127.0.0.1 that answers as the
availability API documents: a copy, no copy, and answers no archive should send."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from support.fixture_site import FixtureSite
from support.no_article_site import ARCHIVED_WORDS, TIMESTAMP, serve_archive, serve_pages
from tuireader.reading.archive import ANSWER_LIMIT, NO_COPY, ArchiveError, archived_reading
from tuireader.settings import Settings, load_settings


def settings_for(site: FixtureSite) -> Settings:
    return Settings(archive_base_url=site.base + "/")


def test_the_closest_copy_is_fetched_and_extracted(site: FixtureSite) -> None:
    url = serve_pages(site)["paywall"]
    serve_archive(site, url)
    reading = archived_reading(url, settings_for(site))
    assert reading.article.found and ARCHIVED_WORDS in reading.article.text
    assert reading.archived == "2024-01-05"
    assert reading.state_label() == "archived copy of 2024-01-05 (the Internet Archive)"
    assert reading.url == url  # the page it stands in for; the copy is where it came from
    assert reading.page.final_url == site.url(f"/web/{TIMESTAMP}id_/{url}")
    asked = site.requests[0].path
    assert asked.startswith("/wayback/available?url=") and unquote(asked.split("=", 1)[1]) == url
    assert site.paths_requested()[1] == f"/web/{TIMESTAMP}id_/{url}"  # the raw copy, no toolbar


@pytest.mark.parametrize(
    "answer",
    [{"archived_snapshots": {}}, {"archived_snapshots": {"closest": {"available": False}}}],
    ids=["no snapshots", "not available"],
)
def test_no_copy_is_said_in_one_line(site: FixtureSite, answer: object) -> None:
    url = serve_pages(site)["paywall"]
    serve_archive(site, url, answer)
    with pytest.raises(ArchiveError) as failure:
        archived_reading(url, settings_for(site))
    assert str(failure.value) == NO_COPY == "The Internet Archive has no copy of this page."
    assert len(site.requests) == 1  # nothing else was fetched


HOSTILE = {
    "not JSON": (b"<html><body>Service unavailable</body></html>", "not JSON"),
    "huge": (
        json.dumps({"archived_snapshots": {}, "pad": "x" * (2 * ANSWER_LIMIT)}).encode(),
        "answer was over 64 KiB",
    ),
    "javascript: url": (
        json.dumps(
            {
                "archived_snapshots": {
                    "closest": {"available": True, "url": "javascript:alert(1)", "timestamp": "1"}
                }
            }
        ).encode(),
        "will not open (javascript:alert(1))",
    ),
    "deep nesting": (b"[" * 30_000 + b"]" * 30_000, "not JSON"),
    "a list": (b"[1, 2, 3]", NO_COPY),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_answer_is_one_clear_line(site: FixtureSite, name: str) -> None:
    body, words = HOSTILE[name]
    url = serve_pages(site)["paywall"]
    serve_archive(site, url, body)
    with pytest.raises(ArchiveError) as failure:
        archived_reading(url, settings_for(site))
    message = str(failure.value)
    assert words in message and "\n" not in message
    assert len(site.requests) == 1  # no copy was fetched on its say-so


def test_a_copy_that_cannot_be_fetched_says_so(site: FixtureSite) -> None:
    url = serve_pages(site)["paywall"]
    serve_archive(site, url)
    del site.routes[f"/web/{TIMESTAMP}id_/{url}"]
    with pytest.raises(ArchiveError, match=r"^Could not fetch the archived copy: .*HTTP 404"):
        archived_reading(url, settings_for(site))


def test_an_archive_that_is_down_says_so(site: FixtureSite) -> None:
    url = serve_pages(site)["paywall"]
    settings = settings_for(site)
    site.stop()
    with pytest.raises(ArchiveError, match=r"^Could not ask the Internet Archive: "):
        archived_reading(url, settings)


def test_the_archive_address_comes_from_the_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[archive]\nbase_url = "http://127.0.0.1:9/"\n', encoding="utf-8")
    assert load_settings(path).archive_base_url == "http://127.0.0.1:9/"
    path.write_text('[archive]\nbase_url = "javascript:alert(1)"\n', encoding="utf-8")
    refused = load_settings(path)
    assert refused.archive_base_url == "https://archive.org"
    assert "[archive] base_url" in refused.problem
