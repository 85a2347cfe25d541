"""The store: round trips, lookups by final URL, ordering, and damaged files moved aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tuireader.cache import SCHEMA_VERSION, Store
from tuireader.models import Article, Image, Link, Page, PageInfo


def make_page(url: str, fetched_at: str, html: str = "<p>body</p>", final: str = "") -> Page:
    return Page(PageInfo(url=url, final_url=final or url, fetched_at=fetched_at, etag='"v1"'), html)


def make_article(title: str) -> Article:
    return Article(
        title=title,
        byline="Jane Doe",
        published="2025-01-02",
        site_name="Example",
        lead_image=Image(url="https://example.org/a.jpg", caption="A cap", credit="Photo: X"),
        markdown="Body *text*.",
        text="Body text.",
        body_links=(Link("https://example.org/b", "B", "body"),),
        related_links=(Link("https://example.org/r", "R", "related"),),
        credits=("AFP contributed reporting",),
        word_count=2,
        reading_minutes=1,
        extractor_version="9",
    )


def test_save_and_load_round_trip(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    page = make_page("https://example.org/a", "2025-01-01T00:00:00+00:00", "<p>héllo ✓</p>")
    article = make_article("First")
    store.save(page, article)
    store.close()

    reopened = Store.in_directory(cache_dir)
    found = reopened.load("https://example.org/a")
    assert found is not None
    info, loaded = found
    assert info == page.info
    assert loaded == article
    full = reopened.load_page("https://example.org/a")
    assert full is not None and full.html == "<p>héllo ✓</p>"


def test_lookup_by_final_url(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    store.save(
        make_page(
            "https://example.org/short",
            "2025-01-01T00:00:00+00:00",
            final="https://example.org/long",
        ),
        make_article("Redirected"),
    )
    found = store.load("https://example.org/long")
    assert found is not None
    assert found[0].url == "https://example.org/short"
    assert store.contains("https://example.org/long")
    assert not store.contains("https://example.org/other")
    assert store.load("https://example.org/other") is None


def test_library_is_newest_first_and_replaces_old_copies(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    store.save(make_page("https://example.org/1", "2025-01-01T00:00:00+00:00"), make_article("Old"))
    store.save(make_page("https://example.org/2", "2025-03-01T00:00:00+00:00"), make_article("New"))
    store.save(make_page("https://example.org/3", "2025-02-01T00:00:00+00:00"), make_article("Mid"))
    assert [e.title for e in store.library()] == ["New", "Mid", "Old"]
    store.save(
        make_page("https://example.org/1", "2025-04-01T00:00:00+00:00"), make_article("Old v2")
    )
    assert [e.title for e in store.library()] == ["Old v2", "New", "Mid"]


def test_corrupt_store_is_moved_aside_not_overwritten(cache_dir: Path) -> None:
    path = cache_dir / "tuireader.sqlite3"
    garbage = b"this is not a database" * 200
    path.write_bytes(garbage)
    store = Store.in_directory(cache_dir)
    assert "moved to" in store.notice and "could not be read" in store.notice
    aside = [p for p in cache_dir.iterdir() if ".unreadable-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    store.save(make_page("https://example.org/a", "2025-01-01T00:00:00+00:00"), make_article("A"))
    assert store.load("https://example.org/a") is not None


def test_newer_schema_is_moved_aside(cache_dir: Path) -> None:
    path = cache_dir / "tuireader.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE future (x)")
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    store = Store.in_directory(cache_dir)
    assert "newer tuireader" in store.notice
    assert any(".unreadable-" in p.name for p in cache_dir.iterdir())
    assert store.library() == []


def test_a_failed_save_leaves_the_previous_copy(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    store.save(
        make_page("https://example.org/a", "2025-01-01T00:00:00+00:00"), make_article("Kept")
    )

    class Unserialisable(Article):
        def to_dict(self) -> dict[str, object]:
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.save(
            make_page("https://example.org/a", "2025-05-01T00:00:00+00:00", "<p>new</p>"),
            Unserialisable(title="Lost"),
        )
    found = store.load("https://example.org/a")
    assert found is not None and found[1].title == "Kept"
    page = store.load_page("https://example.org/a")
    assert page is not None and page.html == "<p>body</p>"
