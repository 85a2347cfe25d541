"""The store's earlier copies: kept by a save that changes an article's text, counted in the
store's and the article's size, evicted oldest first before any article, gone with their page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuireader.body import with_body
from tuireader.cache import Store, StoreError
from tuireader.models import Article, Page, PageInfo

STAMP = "2025-03-0{day}T08:00:00+00:00"


def page(url: str, day: int = 1) -> Page:
    html = "<p>" + "page markup " * 200 + "</p>"
    return Page(PageInfo(url=url, final_url=url, fetched_at=STAMP.format(day=day)), html)


def article(*paragraphs: str) -> Article:
    markdown = "\n\n".join(paragraphs)
    words = len(markdown.split())
    return with_body(Article(title="Quay", markdown=markdown, text=markdown, word_count=words))


PARAGRAPHS = [
    f"Paragraph {n} says what the council decided about the quay today." for n in range(8)
]


def edition(n: int) -> Article:
    """The article as its `n`th edition has it: paragraph `n` rewritten."""
    changed = list(PARAGRAPHS)
    changed[n % len(changed)] = f"Edition {n} rewrote this paragraph about the quay entirely."
    return article(*changed)


def test_only_a_changed_text_is_kept(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    url = "https://example.org/quay"
    store.save(page(url, 1), article(*PARAGRAPHS))
    store.save(page(url, 2), article(*PARAGRAPHS))  # the same text again
    assert store.versions(url) == []
    store.save(page(url, 3), edition(1))
    store.save(page(url, 4), edition(2))
    kept = store.versions(url)
    assert [(v.number, v.fetched_at, v.changed) for v in kept] == [
        (1, STAMP.format(day=2), 1),
        (2, STAMP.format(day=3), 2),  # edition 1's paragraph back, edition 2's rewritten
    ]
    assert store.latest_version(url) == kept[-1]
    first = store.version_article(url, 1)
    assert first is not None and first.text == article(*PARAGRAPHS).text
    assert first.page_text == ""
    assert store.version_article(url, 3) is None
    assert store.version_article("https://example.org/other", 1) is None


def test_replacing_the_article_from_the_same_page_keeps_nothing(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    url = "https://example.org/quay"
    store.save(page(url), article(*PARAGRAPHS))
    store.replace_article(url, edition(1))  # what a newer extractor made of the stored page
    assert store.versions(url) == []


def test_copies_count_in_the_sizes(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    url = "https://example.org/quay"
    store.save(page(url, 1), article(*PARAGRAPHS))
    store.save(page(url, 2), edition(1))
    copy = store.versions(url)[0].size
    assert copy > 0
    content, row = store.size()[1], store.library()[0].size
    assert content == row  # one article: the store's content is that article's size
    with store._transaction() as db:
        db.execute("DELETE FROM versions")
    assert store.size()[1] == content - copy
    assert store.library()[0].size == row - copy


def test_eviction_takes_copies_oldest_replaced_first_before_any_article(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    old, new = "https://example.org/old", "https://example.org/new"
    store.save(page(old, 1), article(*PARAGRAPHS))  # the least recently read article
    store.save(page(new, 2), article(*PARAGRAPHS))
    for day in (3, 4, 5):
        store.save(page(new, day), edition(day))
    assert [v.number for v in store.versions(new)] == [1, 2, 3]
    total = store.size()[1]
    oldest = store.versions(new)[0].size

    assert store.evict(total - oldest) == []  # one copy's room: the oldest copy goes
    assert [v.number for v in store.versions(new)] == [2, 3]
    assert store.load(old) is not None

    remaining = sum(v.size for v in store.versions(new))
    assert store.evict(total - oldest - remaining) == []  # every copy before any article
    assert store.versions(new) == [] and store.load(old) is not None
    assert store.evict(store.size()[1] - 1) == [old]  # then the least recently read article


def test_numbers_go_on_after_older_copies_are_evicted(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    url = "https://example.org/quay"
    for day in (1, 2, 3):
        store.save(page(url, day), edition(day))
    store.evict(store.size()[1] - store.versions(url)[0].size)
    assert [v.number for v in store.versions(url)] == [2]
    store.save(page(url, 4), edition(4))
    assert [v.number for v in store.versions(url)] == [2, 3]
    kept = store.version_article(url, 3)
    assert kept is not None and kept.text == edition(3).text


def test_copies_go_with_their_page(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    url = "https://example.org/quay"
    store.save(page(url, 1), edition(1))
    store.save(page(url, 2), edition(2))
    assert store.remove(url)
    assert store.versions(url) == [] and store.latest_version(url) is None
    rows = store._reader.execute("SELECT count(*) FROM versions").fetchone()[0]
    assert rows == 0


def test_a_damaged_copy_is_a_one_line_store_error(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    url = "https://example.org/quay"
    store.save(page(url, 1), edition(1))
    store.save(page(url, 2), edition(2))
    with store._transaction() as db:
        db.execute("UPDATE versions SET data = x'00ff'")
    with pytest.raises(StoreError, match=r"version 1 of https://example\.org/quay is damaged"):
        store.version_article(url, 1)


def test_a_copy_was_read_only_if_read_after_it_came(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    url = "https://example.org/quay"
    store.save(page(url, 1), edition(1))
    with store._transaction() as db:
        db.execute(
            "UPDATE reading SET last_read_at = ?, progress = 0.5 WHERE url = ?",
            ("2025-03-01T09:00:00+00:00", url),
        )
    store.save(page(url, 2), edition(2))  # replaces the copy read on the first
    store.save(page(url, 3), edition(3))  # replaces one that came after that reading
    assert [v.read_at for v in store.versions(url)] == ["2025-03-01T09:00:00+00:00", ""]
