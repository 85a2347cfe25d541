"""The reading list's work against a real store and real pages on 127.0.0.1: URLs saved as the
list keys them, fetched politely, failures kept and cleared, and content an import carries kept
as a readable article with no request."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.feed_site import article_page
from support.fixture_site import FixtureSite
from tuireader.cache import Store
from tuireader.models import CacheState
from tuireader.reading.carried import keep_carried
from tuireader.reading.reader import Reader
from tuireader.reading.saving import Fetched, fetch_saved, not_cached, save_urls, saved_url


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def test_urls_are_saved_normalized_without_tracking_and_bad_ones_refused(store: Store) -> None:
    given = [
        "example.org/a?utm_source=feed&id=3#comments",
        "https://EXAMPLE.org/a?id=3",  # the same article
        "not a url",
        "ftp://example.org/file",
        "https://example.org/b",
    ]
    saved = save_urls(store, given, tags=["news", "#Later"])
    assert saved.urls == ("https://example.org/a?id=3", "https://example.org/b")
    assert (saved.added, saved.already) == (2, 0)
    assert [raw for raw, _ in saved.refused] == ["not a url", "ftp://example.org/file"]
    assert "spaces" in saved.refused[0][1] and "scheme" in saved.refused[1][1]
    assert saved.line() == "2 saved, 2 refused"
    item = store.saved_item("https://example.org/a?id=3")
    assert item is not None and item.state == "unread" and item.tags == ("Later", "news")
    again = save_urls(store, ["https://example.org/b?fbclid=x"], tags=["more"])
    assert (again.added, again.already) == (0, 1) and again.line() == "0 saved, 1 already saved"
    assert store.tags_of("https://example.org/b") == ("Later", "more", "news")


def test_saved_url_is_idempotent_so_the_read_ahead_keys_it_alike() -> None:
    url = saved_url("HTTPS://Example.org/x/?gclid=1&b=2&utm_medium=m")
    assert url == "https://example.org/x/?b=2" and saved_url(url) == url


def test_fetching_keeps_pages_records_failures_and_a_retry_clears_them(
    site: FixtureSite, store: Store
) -> None:
    good = site.add("/good.html", article_page("A good story"))
    gone = site.url("/gone.html")
    save_urls(store, [good, gone])
    assert not_cached(store, [good, gone]) == [good, gone]
    done = fetch_saved(Reader(store), [good, gone])
    assert done.fetched == (good,)
    assert done.failed == ((gone, f"{gone} was not found (HTTP 404): check the address"),)
    assert done.line() == f"1 fetched, 1 failed: {gone} was not found (HTTP 404): check the address"
    item = store.saved_item(gone)
    assert item is not None and "HTTP 404" in item.fetch_error and not item.cached
    assert store.urls_to_fetch() == [gone]  # tried again next time
    site.add("/gone.html", article_page("Back again"))
    again = fetch_saved(Reader(store), store.urls_to_fetch())
    assert again.fetched == (gone,) and again.failed == ()
    item = store.saved_item(gone)
    assert item is not None and item.fetch_error == "" and item.cached
    assert item.title == "Back again" and store.urls_to_fetch() == []


def test_fetching_is_polite_two_at_a_time_on_one_site(site: FixtureSite, store: Store) -> None:
    site.slow_page_delay = 0.3
    urls = [site.url(f"/slow/page{n}") for n in range(6)]
    save_urls(store, urls)
    progress: list[int] = []
    done = fetch_saved(Reader(store), urls, progress=lambda p: progress.append(p.done))
    assert len(done.fetched) == 6 and done.failed == ()
    assert 1 <= site.peak_slow <= 2
    assert progress[-1] == 6 and progress == sorted(progress)


def test_the_summary_names_two_failures_and_counts_the_rest() -> None:
    failed = tuple((f"https://e.org/{n}", "HTTP 500") for n in range(5))
    done = Fetched(total=7, fetched=("https://e.org/ok",), failed=failed, cancelled=True)
    assert done.line() == (
        "1 fetched, 5 failed: https://e.org/0: HTTP 500; https://e.org/1: HTTP 500; "
        "… (3 more); stopped with 1 not fetched"
    )


WALLABAG_CONTENT = (
    "<p>The harbour master counted the boats that came in before the fog, and wrote each "
    "name in the ledger kept by the door.</p><p>His father had done the same for forty years, "
    "and his father before him, in the same hand and the same blue ink.</p>"
)


def test_carried_html_is_an_article_read_offline_with_no_request(
    site: FixtureSite, store: Store
) -> None:
    url = site.url("/carried.html")  # the site does not have it: nothing may ask for it
    assert keep_carried(store, url, "The Ledger <by the door>", WALLABAG_CONTENT, "")
    reading = Reader(store).open(url, offline=True)
    assert reading.state is CacheState.CACHED
    assert reading.article.title == "The Ledger <by the door>"
    assert "forty years" in reading.article.text and "blue ink" in reading.article.text
    assert site.requests == []


def test_carried_markdown_goes_the_way_of_cache_import(store: Store) -> None:
    url = "https://example.org/notes"
    markdown = "Some **bold** words about the ferry.\n\nA [link](/timetable) to follow.\n"
    assert keep_carried(store, url, "Ferry notes", "", markdown)
    reading = Reader(store).open(url, offline=True)
    assert reading.article.title == "Ferry notes"
    assert reading.article.text.startswith("Some bold words about the ferry.")
    assert [link.url for link in reading.article.body_links] == ["https://example.org/timetable"]
    assert reading.page.content_type == "text/markdown"


def test_carried_content_never_replaces_a_fetched_page(site: FixtureSite, store: Store) -> None:
    url = site.add("/real.html", article_page("The real page"))
    Reader(store).open(url)
    assert not keep_carried(store, url, "Imported", WALLABAG_CONTENT, "")
    assert not keep_carried(store, "https://example.org/empty", "Nothing", "  ", "")
    assert Reader(store).open(url, offline=True).article.title == "The real page"
    assert not store.contains("https://example.org/empty")
