"""What the reader screen asks of the store, through `Reader` only: positions and cache lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuireader.cache import Store, StoreError
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Page, PageInfo
from tuireader.reading.reader import Reader

URL = "https://example.org/kept"
OTHER = "https://example.org/not-kept"


def kept(cache_dir: Path) -> Reader:
    store = Store.in_directory(cache_dir)
    info = PageInfo(url=URL, final_url=URL, fetched_at="2025-01-01T00:00:00+00:00")
    text = "First paragraph.\n\nSecond paragraph."
    article = Article(title="Kept", text=text, markdown=text, extractor_version=EXTRACTOR_VERSION)
    store.save(Page(info, "<p>x</p>"), article)
    return Reader(store)


def test_a_position_remembered_is_the_position_read_back(cache_dir: Path) -> None:
    reader = kept(cache_dir)
    assert reader.position(URL) == (0, "")
    reader.remember_position(URL, progress=0.5, anchor=1, anchor_text="Second paragraph.")
    assert reader.position(URL) == (1, "Second paragraph.")
    reader.remember_position(URL)  # read now; where, as it was
    assert reader.position(URL) == (1, "Second paragraph.")
    assert reader.store.library()[0].progress == 0.5


def test_an_unknown_url_has_no_position_article_or_mark(cache_dir: Path) -> None:
    reader = kept(cache_dir)
    assert reader.position(OTHER) == (0, "")
    assert reader.cached_article(OTHER) is None
    assert reader.cached_among([URL, OTHER]) == {URL}
    article = reader.cached_article(URL)
    assert article is not None and article.title == "Kept"


def test_a_store_that_cannot_answer_is_no_answer_and_a_failed_save_says_why(
    cache_dir: Path,
) -> None:
    reader = kept(cache_dir)
    reader.store.close()  # every call on a closed connection fails
    assert reader.position(URL) == (0, "")
    assert reader.cached_article(URL) is None
    assert reader.cached_among([URL]) == set()
    with pytest.raises(StoreError, match="cannot save the reading position"):
        reader.remember_position(URL, progress=1.0)
