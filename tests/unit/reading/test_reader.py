"""fetch -> extract -> cache -> read, against a real server on 127.0.0.1; then offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.fixture_site import FixtureSite
from support.paths import FIXTURE_DIR
from tuireader.cache import Store
from tuireader.models import CacheState
from tuireader.reading.reader import NotCached, Reader, ReadError, read_file
from tuireader.settings import Settings

ALWAYS_CHECK = Settings(max_age_seconds=0)  # every cached copy is old enough to revalidate


@pytest.fixture
def reader(cache_dir: Path) -> Reader:
    return Reader(Store.in_directory(cache_dir), settings=ALWAYS_CHECK)


def test_round_trip_then_offline(site: FixtureSite, reader: Reader, cache_dir: Path) -> None:
    url = site.url("/article.html")
    fresh = reader.open(url)
    assert fresh.state is CacheState.FRESH
    assert fresh.article.title == "Fog Rolls In Earlier Each Year, Harbour Town Says"
    assert "Harbour master Tomas Reyes keeps his own log" in fresh.article.text
    assert fresh.page.status == 200 and fresh.page.content_type.startswith("text/html")
    ua = site.requests[-1].headers["User-Agent"]
    assert ua.startswith("tuireader/")

    site.stop()
    # The network is gone: the cache answers, first on its own ...
    cached = Reader(Store.in_directory(cache_dir)).open(url, offline=True)
    assert cached.state is CacheState.CACHED
    assert cached.article == fresh.article
    # ... and as the fallback when a fetch fails.
    fallback = reader.open(url)
    assert fallback.state is CacheState.FALLBACK
    assert fallback.article.title == fresh.article.title
    assert "127.0.0.1" in fallback.fallback_reason
    assert fallback.state_label().startswith("offline copy of ")


def test_redirect_chain_records_final_url(site: FixtureSite, reader: Reader) -> None:
    reading = reader.open(site.url("/redirect/4"))
    assert reading.page.url == site.url("/redirect/4")
    assert reading.page.final_url == site.url("/article.html")
    assert [p for p in site.paths_requested()] == [
        "/redirect/4",
        "/redirect/3",
        "/redirect/2",
        "/redirect/1",
        "/article.html",
    ]
    again = reader.cached(site.url("/article.html"))
    assert again.page.url == site.url("/redirect/4")


def test_not_found_is_a_clear_error(site: FixtureSite, reader: Reader) -> None:
    with pytest.raises(ReadError, match="404"):
        reader.open(site.url("/missing"))
    assert reader.store.library() == []


def test_offline_says_when_not_cached(reader: Reader) -> None:
    with pytest.raises(NotCached, match="not in the cache"):
        reader.open("https://example.org/never-read", offline=True)


def test_bad_url_is_a_read_error(reader: Reader) -> None:
    with pytest.raises(ReadError, match="unsupported scheme"):
        reader.open("ftp://example.org/x")


def test_slow_page_reports_progress(site: FixtureSite, reader: Reader) -> None:
    seen: list[tuple[int, int | None]] = []
    reading = reader.open(
        site.url("/slow.html"), progress=lambda got, total: seen.append((got, total))
    )
    assert reading.article.title.startswith("Fog Rolls In")
    total = (FIXTURE_DIR / "site" / "article.html").stat().st_size
    received = [got for got, _ in seen]
    assert received == sorted(received) and received[-1] == total
    assert len({got for got in received if 0 < got < total}) >= 3
    assert all(t == total for _, t in seen)


def test_plain_text_page(site: FixtureSite, reader: Reader) -> None:
    url = site.add(
        "/notes.txt", "Notes on fog\n\nFirst paragraph.\n\nSecond one.", Content_Type="text/plain"
    )
    reading = reader.open(url)
    assert "First paragraph." in reading.article.text
    assert "Second one." in reading.article.markdown


def test_read_local_file_touches_no_cache(reader: Reader) -> None:
    path = FIXTURE_DIR / "site" / "second.html"
    reading = read_file(path)
    assert reading.state is CacheState.LOCAL
    assert reading.article.title == "Island Ferry Adds a Winter Timetable"
    assert reader.store.library() == []
    with pytest.raises(ReadError, match="cannot read"):
        read_file(path.with_name("nope.html"))


def test_a_young_copy_opens_with_no_request(site: FixtureSite, cache_dir: Path) -> None:
    reader = Reader(Store.in_directory(cache_dir), settings=Settings(max_age_seconds=3600))
    url = site.url("/article.html")
    assert reader.open(url).state is CacheState.FRESH
    requests = len(site.requests)
    again = reader.open(url)
    assert again.state is CacheState.CACHED and len(site.requests) == requests
    forced = reader.open(url, refresh=True)
    assert forced.state is CacheState.FRESH and len(site.requests) == requests + 1


def test_an_old_copy_is_revalidated_and_304_keeps_it(site: FixtureSite, reader: Reader) -> None:
    html = (FIXTURE_DIR / "site" / "article.html").read_text()
    url = site.add("/etag.html", html, ETag='"v1"')
    first = reader.open(url)
    assert first.state is CacheState.FRESH and first.page.etag == '"v1"'
    again = reader.open(url)
    path, headers = site.requests[-1]
    assert path == "/etag.html" and headers.get("If-None-Match") == '"v1"'
    assert again.state is CacheState.REVALIDATED
    assert again.article == first.article and again.page.etag == '"v1"'
    assert again.page.fetched_at >= first.page.fetched_at
    assert "unchanged on the server" in again.state_label()
    site.add("/etag.html", html.replace("Fog Rolls In", "Mist Rolls In"), ETag='"v2"')
    changed = reader.open(url)
    assert changed.state is CacheState.FRESH and changed.article.title.startswith("Mist")


def test_last_modified_revalidation(site: FixtureSite, reader: Reader) -> None:
    html = (FIXTURE_DIR / "site" / "second.html").read_text()
    stamp = "Wed, 01 Oct 2025 07:00:00 GMT"
    url = site.add("/lm.html", html, Last_Modified=stamp)
    reader.open(url)
    again = reader.open(url)
    assert site.requests[-1][1].get("If-Modified-Since") == stamp
    assert again.state is CacheState.REVALIDATED


def test_an_older_extractor_s_article_is_re_extracted_from_the_stored_page(
    site: FixtureSite, cache_dir: Path
) -> None:
    store = Store.in_directory(cache_dir)
    url = site.url("/article.html")
    fresh = Reader(store, settings=ALWAYS_CHECK).open(url)
    stale = fresh.article._replace(title="Made by an old extractor", extractor_version="0")
    store.replace_article(url, stale)
    site.stop()  # re-extraction must not need the network
    reading = Reader(store).open(url, offline=True)
    assert reading.article.title == fresh.article.title
    assert reading.article.extractor_version == fresh.article.extractor_version
    stored = store.load(url)
    assert stored is not None and stored[1].title == fresh.article.title
