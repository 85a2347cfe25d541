"""The store as a library: reading state, sorting, search, removal, eviction, migration."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from tuireader.cache import HIT_END, HIT_START, SCHEMA_VERSION, Store, fts_query, split_hits
from tuireader.cache.schema import _PAGES
from tuireader.models import Article, Page, PageInfo


def page(n: int, fetched: str = "", html: str = "<p>body</p>") -> Page:
    url = f"https://example.org/{n}"
    return Page(PageInfo(url=url, final_url=url + "?final", fetched_at=fetched), html)


def article(title: str, text: str = "Body text.", site: str = "Example") -> Article:
    return Article(title=title, site_name=site, text=text, word_count=len(text.split()))


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def test_sort_orders(store: Store) -> None:
    store.save(page(1, "2025-01-03T00:00:00+00:00"), article("banana", site="Zeta"))
    store.save(page(2, "2025-01-01T00:00:00+00:00"), article("Apple", site="alpha"))
    store.save(page(3, "2025-01-02T00:00:00+00:00"), article("cherry", site="Mid"))
    assert [e.title for e in store.library()] == ["banana", "cherry", "Apple"]
    assert [e.title for e in store.library(sort="title")] == ["Apple", "banana", "cherry"]
    assert [e.title for e in store.library(sort="site")] == ["Apple", "cherry", "banana"]
    store.mark_read("https://example.org/2")
    assert store.library(sort="read")[0].title == "Apple"
    assert [e.title for e in store.library(limit=1, offset=1)] == ["cherry"]
    assert store.count() == 3


def test_reading_state_survives_a_refetch(store: Store) -> None:
    store.save(page(1, "2025-01-01T00:00:00+00:00"), article("A"))
    store.mark_read("https://example.org/1?final", progress=0.4, anchor=7)
    store.save(page(1, "2025-06-01T00:00:00+00:00"), article("A again"))
    assert store.position("https://example.org/1") == (0.4, 7, "")
    entry = store.library()[0]
    assert entry.title == "A again" and entry.progress == pytest.approx(0.4)
    assert entry.size > 0 and entry.word_count == 2


def test_full_text_search_finds_words_with_marked_snippets(store: Store) -> None:
    store.save(page(1), article("Harbour fog", "The ferry left forty minutes late in thick fog."))
    store.save(page(2), article("Budget", "The council deferred the sensor budget."))
    store.save(page(3), article("Café opens", "A new café by the pier serves crêpes."))
    hits = store.search("ferry fog")
    assert [h.entry.title for h in hits] == ["Harbour fog"]
    assert f"{HIT_START}ferry{HIT_END}" in hits[0].snippet
    assert hits[0].title == f"Harbour {HIT_START}fog{HIT_END}"
    assert [h.entry.title for h in store.search("cafe")] == ["Café opens"]  # diacritics folded
    assert [h.entry.title for h in store.search("coun", prefix=True)] == ["Budget"]  # typing
    assert store.search("coun ", prefix=True) == []  # a finished word must match whole
    assert store.search("coun") == []  # whole words unless asked
    assert store.search('"unbalanced AND ( NEAR') == []  # operators are text, never an error
    assert store.search("   ") == []


def test_search_index_follows_replacement_and_removal(store: Store) -> None:
    store.save(page(1), article("Old", "alpha words"))
    store.save(page(1), article("New", "beta words"))
    assert store.search("alpha") == []
    assert [h.entry.title for h in store.search("beta")] == ["New"]
    assert store.remove("https://example.org/1?final")
    assert store.search("beta") == [] and store.count() == 0
    assert not store.remove("https://example.org/1")


def test_clear_empties_everything(store: Store) -> None:
    for n in range(3):
        store.save(page(n), article(f"T{n}", "shared words"))
    assert store.clear() == 3
    assert store.library() == [] and store.search("shared") == []


def test_evict_removes_least_recently_read_but_never_what_is_open(store: Store) -> None:
    big = "<p>" + "".join(f"{n:08x}" for n in range(4000)) + "</p>"  # compresses poorly
    for n in range(4):
        store.save(page(n, f"2025-01-0{n + 1}T00:00:00+00:00", big), article(f"T{n}"))
    store.mark_read("https://example.org/0")  # read now: the most recent
    each = store.library()[0].size
    removed = store.evict(2 * each + 10, keep=frozenset({"https://example.org/1"}))
    assert removed == ["https://example.org/2", "https://example.org/3"]
    assert {e.title for e in store.library()} == {"T0", "T1"}
    assert store.evict(10**9) == []
    _, content = store.size()
    assert content <= 2 * each + 10


def test_touch_records_a_revalidation(store: Store) -> None:
    store.save(page(1, "2025-01-01T00:00:00+00:00"), article("A"))
    store.touch("https://example.org/1", "2025-02-01T00:00:00+00:00", etag='"v2"')
    found = store.load("https://example.org/1")
    assert found is not None
    assert found[0].fetched_at == "2025-02-01T00:00:00+00:00" and found[0].etag == '"v2"'


def test_replace_article_keeps_the_page(store: Store) -> None:
    store.save(page(1, "2025-01-01T00:00:00+00:00", "<p>kept</p>"), article("Old", "old words"))
    store.replace_article("https://example.org/1", article("New", "new words"))
    found = store.load("https://example.org/1")
    assert found is not None and found[1].title == "New"
    kept = store.load_page("https://example.org/1")
    assert kept is not None and kept.html == "<p>kept</p>"
    assert [h.entry.title for h in store.search("new")] == ["New"]


def test_version_1_store_is_migrated_in_place(cache_dir: Path) -> None:
    path = cache_dir / "tuireader.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(_PAGES)
    data = json.dumps(article("Kept from v1", "migrated words here").to_dict())
    db.execute(
        "INSERT INTO pages VALUES (?,?,?,?,?,?,?,?,?)",
        (
            "https://example.org/v1",
            "https://example.org/v1",
            200,
            "text/html",
            "utf-8",
            "",
            "",
            "2024-01-01T00:00:00+00:00",
            zlib.compress(b"<p>x</p>"),
        ),
    )
    db.execute(
        "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?)",
        (
            "https://example.org/v1",
            "Kept from v1",
            "Example",
            "",
            "",
            "2024-01-01T00:00:00+00:00",
            "1",
            data,
        ),
    )
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    store = Store(path)
    assert store.notice == ""
    assert [e.title for e in store.library()] == ["Kept from v1"]
    assert store.library()[0].word_count == 3
    assert [h.entry.title for h in store.search("migrated")] == ["Kept from v1"]
    store.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not any(".unreadable-" in p.name for p in cache_dir.iterdir())


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("fog", '"fog"*'),
        ("fog ", '"fog"'),
        ('fog "ferry', '"fog" "ferry"*'),
        ("a-b", '"a" "b"*'),
        ("NEAR(", '"NEAR"'),
        ("?!", ""),
    ],
)
def test_fts_query_quotes_every_word(typed: str, query: str) -> None:
    assert fts_query(typed, prefix=True) == query
    assert fts_query(typed) == query.replace("*", "")


def test_split_hits() -> None:
    assert split_hits(f"a {HIT_START}b{HIT_END} c") == [("a ", False), ("b", True), (" c", False)]


def test_version_2_store_gains_anchor_text_and_keeps_progress(cache_dir: Path) -> None:
    path = cache_dir / "tuireader.sqlite3"
    store = Store(path)
    store.save(page(1, "2025-01-01T00:00:00+00:00"), article("Kept"))
    store.mark_read("https://example.org/1", progress=0.5, anchor=3)
    store.close()
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE reading DROP COLUMN anchor_text")  # as version 2 wrote it
    db.execute("ALTER TABLE articles DROP COLUMN body")
    db.execute("PRAGMA user_version=2")
    db.commit()
    db.close()
    store = Store(path)
    assert store.notice == "" and store.position("https://example.org/1") == (0.5, 3, "")
    store.mark_read("https://example.org/1", anchor=4, anchor_text="Opening words")
    assert store.position("https://example.org/1") == (0.5, 4, "Opening words")


def test_version_3_store_gains_bodies_and_its_articles_still_show(cache_dir: Path) -> None:
    from tuireader.body import with_body
    from tuireader.ui.layout.document import article_document

    path = cache_dir / "tuireader.sqlite3"
    store = Store(path)
    old = Article(title="Old", markdown="An *old* article.", word_count=300)
    store.save(page(1, "2025-01-01T00:00:00+00:00"), old)
    store.close()
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE articles DROP COLUMN body")  # as version 3 wrote it
    db.execute("PRAGMA user_version=3")
    db.commit()
    db.close()
    store = Store(path)
    found = store.load("https://example.org/1")
    assert store.notice == "" and found is not None and found[1].body == ""
    assert article_document(found[1]) == article_document(with_body(old))
    store.save(page(2, "2025-01-02T00:00:00+00:00"), with_body(old))
    again = store.load("https://example.org/2")
    assert again is not None and again[1].body == with_body(old).body != ""
