"""Highlights in the real store: the full-text index kept in step, listing across the library by
tag and URL with what is known of each article, imports kept once, and highlights that outlive
their page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuireader.cache import SavedRow, Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Highlight, Page, PageInfo

A, B, C = (f"https://example.org/{name}" for name in ("a", "b", "c"))


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def cache(store: Store, url: str, title: str, final_url: str = "") -> None:
    store.save(
        Page(PageInfo(url=url, final_url=final_url or url), "<p>x</p>"),
        Article(
            title=title,
            byline="Ines Duarte",
            published="2025-03-01T10:00:00+00:00",
            site_name="Harbour News",
            text="x",
            extractor_version=EXTRACTOR_VERSION,
        ),
    )


def add(store: Store, url: str, exact: str, note: str = "") -> Highlight:
    return store.add_highlight(Highlight(0, url, exact, note=note))


def found(store: Store, query: str) -> list[tuple[str, bool]]:
    return [(hit.entry.highlight.exact, hit.in_note) for hit in store.search_highlights(query)]


def test_the_search_index_follows_every_change(store: Store) -> None:
    cache(store, A, "Fog")
    bell = add(store, A, "the old fog bell rang twice", note="ask about the lighthouse")
    add(store, A, "the ferry left late")
    assert found(store, "lighthouse") == [("the old fog bell rang twice", True)]
    assert found(store, "ferry") == [("the ferry left late", False)]
    assert store.set_note(bell.id, "the keeper remembers it")
    assert found(store, "lighthouse") == []
    assert found(store, "keeper") == [("the old fog bell rang twice", True)]
    assert store.remove_highlight(bell.id)
    assert found(store, "keeper") == [] and found(store, "bell") == []
    assert not store.set_note(bell.id, "gone") and not store.remove_highlight(bell.id)
    assert found(store, "gone") == []
    last = add(store, A, "the tide came in")
    assert store.remove_highlight(last.id)
    reused = add(store, A, "the pier was closed")  # SQLite may give the last id again
    assert found(store, "tide") == [] and found(store, "pier") == [("the pier was closed", False)]
    assert reused.id > 0


def test_a_search_hit_says_which_article(store: Store) -> None:
    cache(store, A, "Fog Over the Harbour")
    add(store, A, "a passage", note="a note about tides")
    [hit] = store.search_highlights("tides")
    assert (hit.entry.title, hit.entry.final_url, hit.entry.cached) == (
        "Fog Over the Harbour",
        A,
        True,
    )
    assert "\x02tides\x03" in hit.snippet  # marked as the article search marks its hits
    assert store.search_highlights('"') == []  # no words: nothing, and no FTS syntax error


def test_listing_groups_by_article_with_its_title_author_and_date(store: Store) -> None:
    cache(store, A, "Fog")
    cache(store, B, "Ferries")
    first = add(store, B, "b one")
    add(store, A, "a one")
    add(store, B, "b two")
    entries = store.library_highlights()
    assert [e.highlight.exact for e in entries] == ["b one", "b two", "a one"]
    assert entries[0].highlight == first
    assert (entries[0].title, entries[0].byline, entries[0].published) == (
        "Ferries",
        "Ines Duarte",
        "2025-03-01T10:00:00+00:00",
    )


def test_listing_by_tag_and_by_url(store: Store) -> None:
    cache(store, A, "Fog", final_url=A + "/final")
    cache(store, B, "Ferries")
    add(store, A, "in a")
    add(store, B, "in b")
    store.save_urls([SavedRow(B, tags=("Sea",))])
    assert [e.highlight.exact for e in store.library_highlights(tag="sea")] == ["in b"]
    assert store.library_highlights(tag="land") == []
    assert [e.highlight.exact for e in store.library_highlights(url=A)] == ["in a"]
    assert [e.highlight.exact for e in store.library_highlights(url=A + "/final")] == ["in a"]
    assert [e.highlight.exact for e in store.library_highlights(tag="sea", url=A)] == []


def test_highlights_outlive_their_page(store: Store) -> None:
    cache(store, A, "Fog")
    cache(store, B, "Ferries")
    store.save_urls([SavedRow(A, title="Fog, as saved")])
    kept = [add(store, A, "in a", note="mine"), add(store, B, "in b")]
    assert store.remove(A)
    assert store.clear() == 1
    assert store.highlights(A) == kept[:1] and store.highlights(B) == kept[1:]
    entries = store.library_highlights()
    assert [(e.title, e.cached, e.final_url) for e in entries] == [
        ("Fog, as saved", False, A),  # the reading list still names it
        ("", False, B),
    ]
    assert found(store, "mine") == [("in a", True)]


def test_an_import_keeps_each_highlight_once(store: Store) -> None:
    given = [
        Highlight(0, A, "a passage", note="a note", created_at="2024-01-01T00:00:00+00:00"),
        Highlight(0, A, "another", updated_at="2024-02-01T00:00:00+00:00"),
    ]
    assert store.import_highlights(A, given) == 2
    assert store.import_highlights(A, [*given, given[0]._replace(note="other note")]) == 1
    kept = store.highlights(A)
    assert [(h.exact, h.note) for h in kept] == [
        ("a passage", "a note"),
        ("another", ""),
        ("a passage", "other note"),
    ]
    assert kept[0].created_at == "2024-01-01T00:00:00+00:00"  # the file's dates are kept
    assert kept[1].updated_at == "2024-02-01T00:00:00+00:00"
    assert found(store, "another") == [("another", False)]
