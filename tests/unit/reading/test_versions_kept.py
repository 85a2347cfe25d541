"""Earlier copies of an article, kept when a refetch from a real server on 127.0.0.1 changes its
text: `r` (open with refresh), revalidation of an old copy, the read-ahead that refreshes and the
reading list use; none for a 304, the same text, a newer extractor or a wall."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.fixture_site import FixtureSite, article_page
from support.no_article_site import PAYWALL
from tuireader.cache import Store
from tuireader.models import CacheState
from tuireader.reading.prefetch import Prefetcher
from tuireader.reading.reader import Reader
from tuireader.settings import Settings

ALWAYS_CHECK = Settings(max_age_seconds=0)  # every cached copy is old enough to revalidate
TITLE = "Harbour Council Votes on the New Quay"
FIRST = [
    "The harbour council met on Tuesday evening to vote on the plans for a new quay.",
    "Fishermen filled the hall and many of them spoke against the plans for an hour.",
    "The vote was close, and the chair said the council would meet again in spring.",
]
SECOND = [
    FIRST[0],
    "Fishermen filled the hall and most of them spoke in favour of the plans at last.",
    FIRST[2],
    "A spokesperson for the port said work could start before the summer season.",
]


@pytest.fixture
def reader(cache_dir: Path) -> Reader:
    return Reader(Store.in_directory(cache_dir), settings=ALWAYS_CHECK)


def serve(site: FixtureSite, paragraphs: list[str], etag: str = "", extra: str = "") -> str:
    html = article_page(TITLE, paragraphs, extra)
    if etag:
        return site.add("/quay.html", html, ETag=etag)
    return site.add("/quay.html", html)


def test_a_refetch_with_other_text_keeps_the_copy_it_replaces(
    site: FixtureSite, reader: Reader
) -> None:
    url = serve(site, FIRST)
    first = reader.open(url)
    assert first.previous is None
    reader.remember_position(url, progress=0.4)
    serve(site, SECOND)

    second = reader.open(url, refresh=True)

    assert second.state is CacheState.FRESH
    assert "start before the summer" in second.article.text
    kept = reader.versions.of(url)
    assert [v.number for v in kept] == [1]
    version = kept[0]
    assert second.previous == version
    assert version.fetched_at == first.page.fetched_at
    assert version.read_at and version.read_at == _last_read_at(reader, url)
    assert version.replaced_at >= version.fetched_at
    assert version.changed == 2  # one paragraph edited, one added
    assert version.title == TITLE and version.word_count == first.article.word_count
    assert version.size > 0
    old = reader.versions.open(url, 1)
    assert old is not None and old.version == 1
    assert old.article.text == first.article.text
    assert old.page.fetched_at == first.page.fetched_at


def test_an_unread_copy_has_no_read_date_and_numbers_go_on(
    site: FixtureSite, reader: Reader
) -> None:
    url = serve(site, FIRST)
    reader.open(url)
    serve(site, SECOND)
    reader.open(url)  # revalidated: old enough, no ETag, so a 200 with other text
    serve(site, [*SECOND, "A third edition adds a closing paragraph about the vote."])
    third = reader.open(url)
    kept = reader.versions.of(url)
    assert [v.number for v in kept] == [1, 2]
    assert [v.read_at for v in kept] == ["", ""]
    assert third.previous is not None and third.previous.number == 2
    second_copy = reader.versions.open(url, 2)
    assert second_copy is not None and "start before the summer" in second_copy.article.text


def test_a_304_keeps_nothing(site: FixtureSite, reader: Reader) -> None:
    url = serve(site, FIRST, etag='"e1"')
    reader.open(url)
    again = reader.open(url)
    assert again.state is CacheState.REVALIDATED
    assert site.requests[-1].headers["If-None-Match"] == '"e1"'
    assert reader.versions.of(url) == [] and again.previous is None


def test_the_same_text_in_other_markup_keeps_nothing(site: FixtureSite, reader: Reader) -> None:
    url = serve(site, FIRST)
    reader.open(url)
    serve(site, FIRST, extra='<meta name="generator" content="a new CMS">')
    again = reader.open(url, refresh=True)
    assert again.state is CacheState.FRESH
    assert reader.versions.of(url) == [] and again.previous is None


def test_a_newer_extractor_alone_makes_no_version(site: FixtureSite, reader: Reader) -> None:
    url = serve(site, FIRST)
    fresh = reader.open(url)
    # What an older extractor made of the same page: other text, another version.
    older = fresh.article._replace(
        extractor_version="0-older",
        text=fresh.article.text + "\n\nSubscribe to our newsletter.",
        markdown=fresh.article.markdown + "\n\nSubscribe to our newsletter.",
    )
    reader.store.replace_article(url, older)
    again = reader.open(url, refresh=True)
    assert again.state is CacheState.FRESH
    assert reader.versions.of(url) == []


def test_a_wall_neither_replaces_the_article_nor_is_kept(site: FixtureSite, reader: Reader) -> None:
    url = serve(site, FIRST)
    first = reader.open(url)
    site.add("/quay.html", PAYWALL)
    walled = reader.open(url, refresh=True)
    assert walled.state is CacheState.FALLBACK
    assert walled.fallback_reason == "the page holds no article now (a paywall)"
    assert walled.article.text == first.article.text
    stored = reader.store.load(url)
    assert stored is not None and stored[1].text == first.article.text
    assert reader.versions.of(url) == []
    # The wall lifted: the article comes back, and the copy it replaces is kept as usual.
    serve(site, SECOND)
    back = reader.open(url, refresh=True)
    assert back.state is CacheState.FRESH
    assert [v.number for v in reader.versions.of(url)] == [1]


def test_an_article_after_a_wall_keeps_no_copy_of_the_wall(
    site: FixtureSite, reader: Reader
) -> None:
    url = site.add("/quay.html", PAYWALL)
    assert not reader.open(url).article.found
    serve(site, FIRST)
    assert reader.open(url, refresh=True).article.found
    assert reader.versions.of(url) == []


def test_the_read_ahead_that_refresh_and_the_reading_list_use_keeps_copies_too(
    site: FixtureSite, reader: Reader
) -> None:
    url = serve(site, FIRST)
    reader.open(url)
    serve(site, SECOND)
    summary = Prefetcher(reader, concurrency=1).run([url])
    assert summary.failed == () and summary.fetched == (url,)
    assert [v.number for v in reader.versions.of(url)] == [1]
    assert reader.cached(url).previous is not None


def test_every_way_of_opening_says_which_copy_came_before(
    site: FixtureSite, cache_dir: Path
) -> None:
    young = Settings(max_age_seconds=3600)
    fetching = Reader(Store.in_directory(cache_dir), settings=ALWAYS_CHECK)
    url = serve(site, FIRST, etag='"e1"')
    fetching.open(url)
    serve(site, SECOND, etag='"e2"')
    fresh = fetching.open(url)
    version = fetching.versions.of(url)[0]
    assert fresh.previous == version
    assert fetching.open(url).state is CacheState.REVALIDATED
    assert fetching.open(url).previous == version
    assert fetching.cached(url).previous == version
    assert fetching.open(url, offline=True).previous == version
    opening = Reader(Store.in_directory(cache_dir), settings=young)
    assert opening.open(url).state is CacheState.CACHED
    assert opening.open(url).previous == version
    ready = opening.ready(url)
    assert ready is not None and ready.previous == version
    site.stop()
    fallback = fetching.open(url)
    assert fallback.state is CacheState.FALLBACK and fallback.previous == version


def _last_read_at(reader: Reader, url: str) -> str:
    row = reader.store._reader.execute(
        "SELECT last_read_at FROM reading WHERE url = ?", (url,)
    ).fetchone()
    return str(row[0])
