"""The store's tables, and the in-place migrations from every older schema.

`PRAGMA user_version` names the schema. A file at version 0 is new; an older version is migrated in
one transaction; a newer one belongs to a newer tuireader and is never touched (the store moves it
aside). Reading state lives in its own table so that refetching an article keeps its progress.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress

SCHEMA_VERSION = 8

_PAGES = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    encoding TEXT NOT NULL,
    etag TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    html BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_final_url ON pages(final_url);
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY REFERENCES pages(url) ON DELETE CASCADE,
    title TEXT NOT NULL,
    site_name TEXT NOT NULL,
    byline TEXT NOT NULL,
    published TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_fetched_at ON articles(fetched_at);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Version 2: word counts for the library, reading state, and a full-text index of every article.
_V2 = """
CREATE TABLE IF NOT EXISTS reading (
    url TEXT PRIMARY KEY REFERENCES pages(url) ON DELETE CASCADE,
    last_read_at TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    anchor INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS reading_last_read_at ON reading(last_read_at);
CREATE INDEX IF NOT EXISTS articles_title ON articles(title COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS articles_site ON articles(site_name COLLATE NOCASE);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, byline, site_name, text, tokenize = 'unicode61 remove_diacritics 2'
);
"""

# Version 5: feed subscriptions and their entries (cache/feeds.py). An entry's article, once
# fetched, is an ordinary page and article keyed by the entry's URL; the feed's own content is
# kept apart (zlib) for when the article cannot be fetched.
_V5 = """
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    site_url TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    ttl_minutes INTEGER,
    skip_hours TEXT NOT NULL DEFAULT '',
    skip_days TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    last_checked TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    not_before TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    first_seen TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    sort_at TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    read INTEGER NOT NULL DEFAULT 0,
    read_at TEXT NOT NULL DEFAULT '',
    dup_of INTEGER,
    fetch_error TEXT NOT NULL DEFAULT '',
    fetch_attempts INTEGER NOT NULL DEFAULT 0,
    UNIQUE (feed_id, key)
);
CREATE INDEX IF NOT EXISTS entries_url ON entries(url) WHERE url != '';
CREATE INDEX IF NOT EXISTS entries_feed_sort ON entries(feed_id, sort_at);
CREATE INDEX IF NOT EXISTS entries_unread_feed ON entries(feed_id) WHERE read = 0;
CREATE INDEX IF NOT EXISTS entries_unread ON entries(sort_at) WHERE read = 0 AND dup_of IS NULL;
CREATE TABLE IF NOT EXISTS entry_content (
    entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
    html BLOB NOT NULL
);
"""

# Version 6: the reading list (cache/saved.py): URLs saved to read later with their state, and the
# tags of any article. Both are keyed by the normalized URL, like pages, but outlive a page's
# eviction: a saved URL not fetched yet has no page at all.
_V6 = """
CREATE TABLE IF NOT EXISTS saved (
    url TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'unread',
    starred INTEGER NOT NULL DEFAULT 0,
    saved_at TEXT NOT NULL,
    state_at TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    fetch_error TEXT NOT NULL DEFAULT '',
    fetch_attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS saved_unread ON saved(saved_at) WHERE state = 'unread';
CREATE INDEX IF NOT EXISTS saved_archived ON saved(state_at) WHERE state = 'archived';
CREATE INDEX IF NOT EXISTS saved_starred ON saved(saved_at) WHERE starred = 1;
CREATE TABLE IF NOT EXISTS tags (
    url TEXT NOT NULL,
    tag TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (url, tag)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tags_by_tag ON tags(tag, url);
"""

# Version 7: the pictures of an article (cache/pictures.py), as they came, keyed by the page and
# the image's URL as the article names it; removed with their page. A picture that could not be
# had is kept too, bytes empty, with its `problem`, so that it is not asked for at every open.
# The bytes come last in the row, so that listing an article's pictures never reads them.
_V7 = """
CREATE TABLE IF NOT EXISTS pictures (
    url TEXT NOT NULL REFERENCES pages(url) ON DELETE CASCADE,
    src TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    problem TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    fetched_at TEXT NOT NULL,
    data BLOB NOT NULL DEFAULT x'',
    UNIQUE (url, src)
);
"""

# Version 8: what the reader keeps of what was read. Highlights and their notes
# (cache/highlights.py) are the reader's own words: keyed by the URL like tags, they outlive the
# page's eviction and removal, and are never dropped when their passage leaves the article.
# Their passages and notes are indexed for `cache search` (highlights_fts, rowid = the
# highlight's id, kept in step by cache/highlights.py).
# Earlier copies of an article (cache/versions.py), kept when a refetch changed its text: the
# Article as zlib-compressed JSON (no page), removed with their page, counted in the store's
# size and evicted, oldest first, before any article. What a feed said of each entry when last
# seen (its updated date, a hash of its title and content), and whether that changed since its
# article was cached: the next refresh refetches it (cache/feeds.py).
_V8 = """
CREATE TABLE IF NOT EXISTS highlights (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    block INTEGER NOT NULL DEFAULT 0,
    block_text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS highlights_url ON highlights(url, id);
CREATE VIRTUAL TABLE IF NOT EXISTS highlights_fts USING fts5(
    exact, note, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS versions (
    url TEXT NOT NULL REFERENCES pages(url) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    read_at TEXT NOT NULL DEFAULT '',
    replaced_at TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    word_count INTEGER NOT NULL DEFAULT 0,
    changed INTEGER NOT NULL DEFAULT 0,
    extractor_version TEXT NOT NULL DEFAULT '',
    data BLOB NOT NULL,
    PRIMARY KEY (url, number)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS versions_replaced_at ON versions(replaced_at);
"""
_V8_ENTRIES = {
    "updated": "TEXT NOT NULL DEFAULT ''",
    "content_hash": "TEXT NOT NULL DEFAULT ''",
    "refetch": "INTEGER NOT NULL DEFAULT 0",
}


def create_or_migrate(db: sqlite3.Connection) -> int:
    """Bring the store to SCHEMA_VERSION inside one write transaction; 0, or a newer version
    found there (left untouched).

    The version is read under the write lock: another process may have created or migrated the
    store between this connection's first look and now.
    """
    with write_transaction(db):
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            return version  # nothing was written: the commit changes nothing
        if version == 0:
            _run(db, _PAGES)
            _run(db, _V2)
            db.execute("ALTER TABLE articles ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0")
        if version == 1:
            _v1_to_v2(db)
        if version <= 2:
            _v2_to_v3(db)
        if version <= 3:
            _v3_to_v4(db)
        if version <= 4:
            _run(db, _V5)
        if version <= 5:
            _run(db, _V6)
        if version <= 6:
            _run(db, _V7)
        if version <= 7:
            _run(db, _V8)
            _v7_to_v8_entries(db)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    return 0


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE, then COMMIT, or ROLLBACK on any error.

    A full disk can make SQLite roll back by itself: then no ROLLBACK is tried, whose "no
    transaction is active" would hide why the write failed.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise


def _run(db: sqlite3.Connection, script: str) -> None:
    """Statements one by one: executescript() would commit the open transaction first."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v7_to_v8_entries(db: sqlite3.Connection) -> None:
    """Version 8's columns of `entries` (ALTER has no IF NOT EXISTS: each added when missing)."""
    have = {str(row[1]) for row in db.execute("PRAGMA table_info(entries)")}
    for name, kind in _V8_ENTRIES.items():
        if name not in have:
            db.execute(f"ALTER TABLE entries ADD COLUMN {name} {kind}")
    db.execute("CREATE INDEX IF NOT EXISTS entries_refetch ON entries(feed_id) WHERE refetch = 1")


def _v2_to_v3(db: sqlite3.Connection) -> None:
    """Version 3: the opening words of the paragraph at the top, so a re-extracted article
    (whose paragraphs may be numbered differently) still opens at the same text."""
    db.execute("ALTER TABLE reading ADD COLUMN anchor_text TEXT NOT NULL DEFAULT ''")


def _v3_to_v4(db: sqlite3.Connection) -> None:
    """Version 4: the body parsed for the view (render.body_codec), so opening a cached article
    never parses Markdown. Older articles start with none and are parsed when shown."""
    db.execute("ALTER TABLE articles ADD COLUMN body TEXT NOT NULL DEFAULT ''")


def _v1_to_v2(db: sqlite3.Connection) -> None:
    _run(db, _V2)
    db.execute("ALTER TABLE articles ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "INSERT OR IGNORE INTO reading (url, last_read_at) SELECT url, fetched_at FROM articles"
    )
    rows = db.execute("SELECT rowid, data FROM articles").fetchall()
    for rowid, data in rows:
        try:
            article = json.loads(data)
        except ValueError:
            article = {}
        fields = [str(article.get(k, "")) for k in ("title", "byline", "site_name", "text")]
        db.execute(
            "INSERT INTO articles_fts (rowid, title, byline, site_name, text) VALUES (?,?,?,?,?)",
            (rowid, *fields),
        )
        count = article.get("word_count", 0)
        db.execute(
            "UPDATE articles SET word_count = ? WHERE rowid = ?",
            (count if isinstance(count, int) else 0, rowid),
        )
