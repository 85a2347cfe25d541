"""The on-disk store: one SQLite file holding every fetched page and the article extracted from it.

The only module that writes to disk. Each write is one transaction (WAL), so a crash loses at most
the write in flight, and two processes can write at once (SQLite's lock, waited on for up to
`BUSY_TIMEOUT`). Pages are zlib-compressed; articles are JSON so opening one never re-extracts.
A store that is corrupt or from a newer tuireader is moved aside, never overwritten.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from tuireader.cache.schema import SCHEMA_VERSION, create_or_migrate
from tuireader.cache.search import HIT_END, HIT_START, fts_query
from tuireader.formatting import now_iso
from tuireader.models import Article, LibraryEntry, Page, PageInfo, SearchHit
from tuireader.paths import store_path

BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's transaction

SortKey = Literal["fetched", "title", "site", "read"]
_ORDER: dict[SortKey, str] = {
    "fetched": "a.fetched_at DESC, a.url",
    "title": "a.title COLLATE NOCASE, a.url",
    "site": "a.site_name COLLATE NOCASE, a.fetched_at DESC, a.url",
    "read": "r.last_read_at DESC, a.url",
}
_PAGE_COLUMNS = "url, final_url, status, content_type, encoding, etag, last_modified, fetched_at"
_PAGE_COLUMNS_P = ", ".join(f"p.{name}" for name in _PAGE_COLUMNS.split(", "))
_ENTRY_COLUMNS = (
    "a.url, a.title, a.site_name, a.byline, a.published, a.fetched_at, a.word_count, "
    "coalesce(r.progress, 0), coalesce(r.last_read_at, a.fetched_at), "
    "length(p.html) + length(a.data) + length(a.body)"
)
_ENTRY_FROM = "articles a JOIN pages p USING (url) LEFT JOIN reading r USING (url)"


def _like_pattern(text: str) -> str:
    """`text` as a LIKE pattern matching it anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class StoreError(Exception):
    """The store cannot be used; the message says why in one line."""


class _NewerSchema(Exception):
    """The file holds a schema this tuireader does not know."""


class Store:
    """The cache of pages and articles, keyed by the normalized URL that was asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self.notice = ""  # set when a damaged store was moved aside, for the UI to show once
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._connect()
            except _NewerSchema as exc:
                self.notice = self._move_aside(
                    f"it was written by a newer tuireader (schema {exc})"
                )
                self._db = self._connect()
            except sqlite3.OperationalError:
                raise  # locked, unwritable, out of space: not damage, so nothing is moved
            except sqlite3.DatabaseError as exc:
                self.notice = self._move_aside(f"it could not be read ({exc})")
                self._db = self._connect()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the cache at {path}: {exc}") from None

    @classmethod
    def in_directory(cls, directory: Path) -> Store:
        return cls(store_path(directory))

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _NewerSchema(version)
            if version == 0:
                db.execute("PRAGMA auto_vacuum=INCREMENTAL")  # only takes before the first table
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")
            if version < SCHEMA_VERSION:
                create_or_migrate(db, version)
            db.execute("SELECT count(*) FROM pages").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _move_aside(self, why: str) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            if part.exists():
                part.rename(Path(str(aside) + suffix))
        return (
            f"The cache at {self.path} was moved to {aside.name} because {why}; "
            "a new one was started."
        )

    def close(self) -> None:
        self._db.close()

    def interrupt(self) -> None:
        """Stop the query this connection is running (callable from any thread): it fails."""
        self._db.interrupt()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction at a time on this connection, whichever thread asks.

        The app writes from its load worker and from the UI thread (reading progress); other
        processes are kept out by SQLite's own lock.
        """
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # Writing ------------------------------------------------------------------------------------

    def save(self, page: Page, article: Article) -> None:
        """Store a page and its article together, replacing an older copy of the same URL.

        Reading state (last read, progress) belongs to the URL and survives the replacement.
        """
        info = page.info
        html = zlib.compress(page.html.encode("utf-8", "surrogatepass"), 6)
        data = json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self._transaction() as db:
            db.execute(
                f"INSERT INTO pages ({_PAGE_COLUMNS}, html) VALUES (?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(url) DO UPDATE SET final_url=excluded.final_url, "
                "status=excluded.status, content_type=excluded.content_type, "
                "encoding=excluded.encoding, etag=excluded.etag, "
                "last_modified=excluded.last_modified, fetched_at=excluded.fetched_at, "
                "html=excluded.html",
                (
                    info.url,
                    info.final_url,
                    info.status,
                    info.content_type,
                    info.encoding,
                    info.etag,
                    info.last_modified,
                    info.fetched_at,
                    html,
                ),
            )
            self._put_article(db, info, article, data)
            db.execute(
                "INSERT OR IGNORE INTO reading (url, last_read_at) VALUES (?, ?)",
                (info.url, info.fetched_at or now_iso()),
            )

    def replace_article(self, url: str, article: Article) -> None:
        """Store a re-extracted article for a page already cached (the page is unchanged)."""
        key = self._key_for(url)
        if key is None:
            return
        data = json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self._transaction() as db:
            row = db.execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE url = ?", (key,)).fetchone()
            if row is not None:
                self._put_article(db, PageInfo(*row), article, data)

    @staticmethod
    def _put_article(db: sqlite3.Connection, info: PageInfo, article: Article, data: str) -> None:
        db.execute(
            "INSERT INTO articles (url, title, site_name, byline, published, fetched_at, "
            "extractor_version, data, word_count, body) VALUES (?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(url) DO UPDATE SET title=excluded.title, site_name=excluded.site_name, "
            "byline=excluded.byline, published=excluded.published, "
            "fetched_at=excluded.fetched_at, extractor_version=excluded.extractor_version, "
            "data=excluded.data, word_count=excluded.word_count, body=excluded.body",
            (
                info.url,
                article.title,
                article.site_name,
                article.byline,
                article.published,
                info.fetched_at,
                article.extractor_version,
                data,
                article.word_count,
                article.body,
            ),
        )
        rowid = db.execute("SELECT rowid FROM articles WHERE url = ?", (info.url,)).fetchone()[0]
        db.execute("DELETE FROM articles_fts WHERE rowid = ?", (rowid,))
        db.execute(
            "INSERT INTO articles_fts (rowid, title, byline, site_name, text) VALUES (?,?,?,?,?)",
            (rowid, article.title, article.byline, article.site_name, article.text),
        )

    def touch(self, url: str, fetched_at: str, etag: str = "", last_modified: str = "") -> None:
        """Record a revalidation (304 Not Modified): the copy is current as of `fetched_at`."""
        key = self._key_for(url)
        if key is None:
            return
        with self._transaction() as db:
            db.execute(
                "UPDATE pages SET fetched_at = ?, etag = coalesce(nullif(?, ''), etag), "
                "last_modified = coalesce(nullif(?, ''), last_modified) WHERE url = ?",
                (fetched_at, etag, last_modified, key),
            )
            db.execute("UPDATE articles SET fetched_at = ? WHERE url = ?", (fetched_at, key))

    def mark_read(
        self,
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
    ) -> None:
        """Remember that `url` was read now, how far (0..1) and at which paragraph.

        `anchor` is the paragraph's index and `anchor_text` its opening words, which find it
        again after a re-extraction has renumbered the paragraphs.
        """
        key = self._key_for(url)
        if key is None:
            return
        with self._transaction() as db:
            db.execute(
                "INSERT INTO reading (url, last_read_at, progress, anchor, anchor_text) "
                "VALUES (?, ?, coalesce(?, 0), coalesce(?, 0), coalesce(?, '')) "
                "ON CONFLICT(url) DO UPDATE SET last_read_at=excluded.last_read_at, "
                "progress=coalesce(?, progress), anchor=coalesce(?, anchor), "
                "anchor_text=coalesce(?, anchor_text)",
                (key, now_iso(), progress, anchor, anchor_text, progress, anchor, anchor_text),
            )

    def remove(self, url: str) -> bool:
        """Forget `url`: its page, article, reading state and index entry. False if not cached."""
        key = self._key_for(url)
        if key is None:
            return False
        with self._transaction() as db:
            self._delete(db, [key])
        return True

    def clear(self) -> int:
        """Forget everything; the number of articles removed."""
        with self._transaction() as db:
            count = int(db.execute("SELECT count(*) FROM pages").fetchone()[0])
            db.execute("DELETE FROM articles_fts")
            db.execute("DELETE FROM pages")
        self._db.execute("PRAGMA incremental_vacuum")
        return count

    @staticmethod
    def _delete(db: sqlite3.Connection, keys: list[str]) -> None:
        for key in keys:
            row = db.execute("SELECT rowid FROM articles WHERE url = ?", (key,)).fetchone()
            if row is not None:
                db.execute("DELETE FROM articles_fts WHERE rowid = ?", (row[0],))
            db.execute("DELETE FROM pages WHERE url = ?", (key,))  # cascades to the rest

    def evict(self, max_bytes: int, keep: frozenset[str] = frozenset()) -> list[str]:
        """Remove the least recently read articles until the content fits in `max_bytes`.

        URLs in `keep` (the articles open now) are never removed. Returns the removed URLs.
        """
        removed: list[str] = []
        with self._transaction() as db:
            total = self._content_bytes(db)
            if total <= max_bytes:
                return removed
            rows = db.execute(
                "SELECT p.url, p.final_url, "
                "length(p.html) + coalesce(length(a.data), 0) + coalesce(length(a.body), 0) "
                "FROM pages p LEFT JOIN articles a USING (url) LEFT JOIN reading r USING (url) "
                "ORDER BY coalesce(r.last_read_at, p.fetched_at), p.url"
            )
            for url, final_url, size in rows.fetchall():
                if total <= max_bytes:
                    break
                if url in keep or final_url in keep:
                    continue
                removed.append(url)
                total -= size
            self._delete(db, removed)
        if removed:
            self._db.execute("PRAGMA incremental_vacuum")
        return removed

    # Reading ------------------------------------------------------------------------------------

    def _key_for(self, url: str) -> str | None:
        row = self._db.execute(
            "SELECT url FROM pages WHERE url = ? "
            "UNION ALL SELECT url FROM pages WHERE final_url = ? LIMIT 1",
            (url, url),
        ).fetchone()
        return None if row is None else str(row[0])

    def load(self, url: str) -> tuple[PageInfo, Article] | None:
        """The cached page info and article for `url` (asked-for or final URL), without the HTML."""
        key = self._key_for(url)
        if key is None:
            return None
        row = self._db.execute(
            f"SELECT {_PAGE_COLUMNS_P}, a.data, a.body FROM pages p JOIN articles a USING (url) "
            "WHERE url = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        info = PageInfo(*row[:8])
        try:
            article = Article.from_dict(json.loads(row[8]))
            article = article._replace(body=row[9] if isinstance(row[9], str) else "")
        except (ValueError, TypeError, AttributeError) as exc:
            raise StoreError(f"the cached article for {url} is damaged ({exc})") from None
        return info, article

    def load_page(self, url: str) -> Page | None:
        """The cached page with its HTML, for re-extraction and export."""
        key = self._key_for(url)
        if key is None:
            return None
        row = self._db.execute(
            f"SELECT {_PAGE_COLUMNS}, html FROM pages WHERE url = ?", (key,)
        ).fetchone()
        try:
            html = zlib.decompress(row[8]).decode("utf-8", "surrogatepass")
        except (zlib.error, UnicodeDecodeError) as exc:
            raise StoreError(f"the cached page for {url} is damaged ({exc})") from None
        return Page(PageInfo(*row[:8]), html)

    def contains(self, url: str) -> bool:
        return self._key_for(url) is not None

    def cached_urls(self, urls: list[str]) -> set[str]:
        """Which of `urls` (asked-for or final URLs) the store holds."""
        found: set[str] = set()
        for url in urls:
            if self._key_for(url) is not None:
                found.add(url)
        return found

    def position(self, url: str) -> tuple[float, int, str]:
        """Where the reader left `url`: (progress 0..1, paragraph index, its opening words)."""
        key = self._key_for(url)
        row = self._db.execute(
            "SELECT progress, anchor, anchor_text FROM reading WHERE url = ?", (key,)
        ).fetchone()
        return (0.0, 0, "") if row is None else (float(row[0]), int(row[1]), str(row[2]))

    def library(
        self, limit: int = -1, offset: int = 0, sort: SortKey = "fetched", matching: str = ""
    ) -> list[LibraryEntry]:
        """Cached articles in `sort` order (newest fetch first by default), a window at a time.

        `matching` keeps those whose title, site, author or URL contains it (case-insensitive).
        """
        where, params = "", list[object]([limit, offset])
        if matching.strip():
            where = " WHERE " + " OR ".join(
                f"{column} LIKE ? ESCAPE '\\'"
                for column in ("a.title", "a.site_name", "a.byline", "a.url")
            )
            params = [_like_pattern(matching.strip())] * 4 + params
        rows = self._db.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM}{where} ORDER BY {_ORDER[sort]} "
            "LIMIT ? OFFSET ?",
            params,
        ).fetchall()
        return [LibraryEntry(*row) for row in rows]

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, query: str, limit: int = 50, prefix: bool = False) -> list[SearchHit]:
        """Full-text search over titles, bylines, sites and bodies, best match first.

        `prefix` lets the last word match as the start of a word (search as you type).
        Snippets mark each matched word with HIT_START/HIT_END (control characters that page text
        never holds), so the UI can highlight them without parsing markup.
        """
        match = fts_query(query, prefix)
        if not match:
            return []
        try:
            # Rank first, then build snippets for the best `limit` only: computed in one query,
            # SQLite would make a snippet for every match before sorting (80 ms at 10,000).
            best = [
                rowid
                for (rowid,) in self._db.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                    "ORDER BY bm25(articles_fts, 10.0, 5.0, 2.0, 1.0) LIMIT ?",
                    (match, limit),
                )
            ]
            if not best:
                return []
            marks = ",".join("?" * len(best))
            rows = self._db.execute(
                f"SELECT {_ENTRY_COLUMNS}, "
                f"snippet(articles_fts, 3, '{HIT_START}', '{HIT_END}', '…', 12), "
                f"highlight(articles_fts, 0, '{HIT_START}', '{HIT_END}'), articles_fts.rowid "
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "JOIN pages p USING (url) LEFT JOIN reading r USING (url) "
                f"WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})",
                (match, *best),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from None
        rank = {rowid: n for n, rowid in enumerate(best)}
        rows.sort(key=lambda row: rank[row[12]])
        return [SearchHit(LibraryEntry(*row[:10]), row[10], row[11]) for row in rows]

    def size(self) -> tuple[int, int]:
        """(bytes of the store's files on disk, bytes of stored content)."""
        on_disk = sum(
            Path(str(self.path) + suffix).stat().st_size
            for suffix in ("", "-wal")
            if Path(str(self.path) + suffix).exists()
        )
        return on_disk, self._content_bytes(self._db)

    @staticmethod
    def _content_bytes(db: sqlite3.Connection) -> int:
        row = db.execute(
            "SELECT coalesce(sum(length(p.html)), 0) + "
            "coalesce((SELECT sum(length(data) + length(body)) FROM articles), 0) FROM pages p"
        ).fetchone()
        return int(row[0])

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


__all__ = ["SCHEMA_VERSION", "SortKey", "Store", "StoreError"]
