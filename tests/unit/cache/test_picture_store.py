"""The store's pictures: kept as they came, listed without their bytes, counted in an article's
size and in max_size, and gone with their article."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from support.paths import FIXTURE_DIR
from support.sample_article import SAMPLE_URL, TITLE
from tuireader.cache import SCHEMA_VERSION, Store, StoreError
from tuireader.cache.pictures import PictureItem
from tuireader.models import Article, Page, PageInfo, Picture
from tuireader.paths import store_path

A = "https://example.org/a"
B = "https://example.org/b"
LEAD = "https://cdn.example.org/lead.jpg"
FIG = "https://cdn.example.org/fig.png"


def cache(store: Store, url: str, fetched: str = "2025-01-01T00:00:00+00:00") -> None:
    info = PageInfo(url=url, final_url=url + "?final", fetched_at=fetched)
    store.save(Page(info, "<p>body</p>"), Article(title=url, text="Body text.", word_count=2))


def item(src: str, data: bytes, position: int, problem: str = "") -> PictureItem:
    kept = b"" if problem else data
    picture = Picture(src, "image/png", 40, 30, len(kept), problem)
    return (picture, kept, position)


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def test_pictures_are_kept_as_they_came_and_listed_lead_first(store: Store) -> None:
    cache(store, A)
    lead, fig = b"\x89PNG lead bytes", b"\x89PNG figure bytes \x00\xff"
    assert store.save_pictures(A, [item(FIG, fig, 1), item(LEAD, lead, 0)]) == 2
    assert store.pictures(A) == (
        Picture(LEAD, "image/png", 40, 30, len(lead), ""),
        Picture(FIG, "image/png", 40, 30, len(fig), ""),
    )
    assert store.picture_data(A, FIG) == fig
    assert store.picture_data(A + "?final", LEAD) == lead  # by the page's final URL too
    assert store.picture_data(A, "https://cdn.example.org/other.png") is None
    assert store.picture_data(B, FIG) is None


def test_a_picture_that_could_not_be_had_is_kept_without_bytes(store: Store) -> None:
    cache(store, A)
    store.save_pictures(A, [item(FIG, b"", 0, problem="HTTP 404")])
    assert store.pictures(A) == (Picture(FIG, "image/png", 40, 30, 0, "HTTP 404"),)
    assert store.picture_data(A, FIG) is None


def test_saving_a_picture_again_replaces_it(store: Store) -> None:
    cache(store, A)
    store.save_pictures(A, [item(FIG, b"", 0, problem="timed out")])
    store.save_pictures(A, [item(FIG, b"now it came", 0)])
    assert [(p.size, p.problem) for p in store.pictures(A)] == [(11, "")]
    assert store.picture_data(A, FIG) == b"now it came"


def test_no_picture_is_kept_for_an_article_the_cache_lacks(store: Store) -> None:
    assert store.save_pictures(B, [item(FIG, b"bytes", 0)]) == 0
    assert store.pictures(B) == ()


def test_pictures_survive_a_refetch_of_their_page(store: Store) -> None:
    cache(store, A)
    store.save_pictures(A, [item(FIG, b"bytes", 0)])
    cache(store, A, "2025-06-01T00:00:00+00:00")
    assert store.picture_data(A, FIG) == b"bytes"


def test_arranging_pictures_forgets_those_not_named_and_orders_the_rest(store: Store) -> None:
    cache(store, A)
    other = "https://cdn.example.org/other.png"
    store.save_pictures(A, [item(LEAD, b"lead", 0), item(FIG, b"fig", 1), item(other, b"o", 2)])
    store.arrange_pictures(A, [other, "https://cdn.example.org/new.png", LEAD])
    assert [(p.url, p.size) for p in store.pictures(A)] == [(other, 1), (LEAD, 4)]
    assert store.picture_data(A, FIG) is None


def test_pictures_count_in_the_articles_size_and_the_caches(store: Store) -> None:
    cache(store, A)
    before = store.library()[0].size
    _, content_before = store.size()
    store.save_pictures(A, [item(LEAD, bytes(5000), 0), item(FIG, bytes(3000), 1)])
    assert store.library()[0].size == before + 8000
    assert store.size()[1] == content_before + 8000
    assert store.all_picture_bytes() == (2, 8000)


def test_removing_an_article_removes_its_pictures(store: Store) -> None:
    cache(store, A)
    cache(store, B)
    store.save_pictures(A, [item(FIG, b"a's", 0)])
    store.save_pictures(B, [item(FIG, b"b's", 0)])
    assert store.remove(A)
    assert store.pictures(A) == () and store.picture_data(A, FIG) is None
    assert store.picture_data(B, FIG) == b"b's"
    assert _rows(store) == 1


def test_clearing_the_cache_removes_every_picture(store: Store) -> None:
    for url in (A, B):
        cache(store, url)
        store.save_pictures(url, [item(FIG, b"bytes", 0)])
    store.clear()
    assert _rows(store) == 0 and store.all_picture_bytes() == (0, 0)


def test_eviction_counts_pictures_and_takes_them_with_their_article(store: Store) -> None:
    cache(store, A, "2025-01-01T00:00:00+00:00")  # older: the first to go
    cache(store, B, "2025-01-02T00:00:00+00:00")
    store.save_pictures(A, [item(FIG, bytes(200_000), 0)])
    store.save_pictures(B, [item(FIG, bytes(1000), 0)])
    _, content = store.size()
    # Room for everything but A's picture: without it counted, nothing would need to go.
    assert store.evict(content - 150_000) == [A]
    assert store.pictures(A) == () and _rows(store) == 1
    assert store.size()[1] <= content - 150_000


def test_eviction_weighs_an_article_with_its_pictures(store: Store) -> None:
    cache(store, A, "2025-01-01T00:00:00+00:00")
    cache(store, B, "2025-01-02T00:00:00+00:00")
    cache(store, "https://example.org/c", "2025-01-03T00:00:00+00:00")
    store.save_pictures(A, [item(FIG, bytes(100_000), 0)])
    _, content = store.size()
    # A with its picture frees enough on its own: B (next by age) stays.
    assert store.evict(content - 50_000) == [A]


def test_a_store_only_read_refuses_to_keep_pictures(store: Store, cache_dir: Path) -> None:
    cache(store, A)
    store.close()
    reader = Store.in_directory(cache_dir)
    reader.read_only = "the cache folder is read-only"
    with pytest.raises(StoreError, match="cannot save the pictures"):
        reader.save_pictures(A, [item(FIG, b"bytes", 0)])


def test_a_version_6_store_migrates_and_keeps_everything(cache_dir: Path) -> None:
    """A store written by tuireader at schema 6 (tests/fixtures/stores/v6.sqlite.gz: the
    sample article, read half-way, saved to the list with a tag) gains pictures, losing
    nothing."""
    path = store_path(cache_dir)
    path.write_bytes(gzip.decompress((FIXTURE_DIR / "stores" / "v6.sqlite.gz").read_bytes()))
    assert _version(path) == 6
    store = Store.in_directory(cache_dir)
    assert store.notice == ""  # not moved aside
    assert _version(path) == SCHEMA_VERSION == 8
    found = store.load(SAMPLE_URL)
    assert found is not None and found[1].title == TITLE
    assert store.position(SAMPLE_URL)[:2] == (0.5, 3)
    assert store.tags_of(SAMPLE_URL) == ("korea",)
    assert store.pictures(SAMPLE_URL) == ()
    store.save_pictures(SAMPLE_URL, [item(FIG, b"bytes", 0)])
    assert store.picture_data(SAMPLE_URL, FIG) == b"bytes"
    assert store.remove(SAMPLE_URL) and _rows(store) == 0


def _rows(store: Store) -> int:
    db = sqlite3.connect(store.path)
    try:
        return int(db.execute("SELECT count(*) FROM pictures").fetchone()[0])
    finally:
        db.close()


def _version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()
