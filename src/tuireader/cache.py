"""The on-disk store: one SQLite file holding every fetched page and the article extracted from it.

The only module that writes to disk. Each save is one transaction (WAL), so a crash loses at most
the write in flight. Pages are zlib-compressed; articles are JSON so opening one never re-extracts.
A store that is corrupt or from a newer tuireader is moved aside, never overwritten.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from tuireader.models import Article, LibraryEntry, Page, PageInfo
from tuireader.paths import store_path

SCHEMA_VERSION = 1

_SCHEMA = """
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

_PAGE_COLUMNS = "url, final_url, status, content_type, encoding, etag, last_modified, fetched_at"
_PAGE_COLUMNS_P = ", ".join(f"p.{name}" for name in _PAGE_COLUMNS.split(", "))


class StoreError(Exception):
    """The store cannot be used; the message says why in one line."""


class _NewerSchema(Exception):
    """The file holds a schema this tuireader does not know."""


class Store:
    """The cache of pages and articles, keyed by the normalized URL that was asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
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
        db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _NewerSchema(version)
            if version < SCHEMA_VERSION:
                db.executescript(_SCHEMA)
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
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

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def save(self, page: Page, article: Article) -> None:
        """Store a page and its article together, replacing an older copy of the same URL."""
        info = page.info
        html = zlib.compress(page.html.encode("utf-8", "surrogatepass"), 6)
        data = json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self._transaction() as db:
            db.execute(
                f"INSERT OR REPLACE INTO pages ({_PAGE_COLUMNS}, html) VALUES (?,?,?,?,?,?,?,?,?)",
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
            db.execute(
                "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?)",
                (
                    info.url,
                    article.title,
                    article.site_name,
                    article.byline,
                    article.published,
                    info.fetched_at,
                    article.extractor_version,
                    data,
                ),
            )

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
            f"SELECT {_PAGE_COLUMNS_P}, a.data FROM pages p JOIN articles a USING (url) "
            "WHERE url = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        info = PageInfo(*row[:8])
        try:
            article = Article.from_dict(json.loads(row[8]))
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

    def library(self, limit: int = -1) -> list[LibraryEntry]:
        """Cached articles, newest fetch first."""
        rows = self._db.execute(
            "SELECT url, title, site_name, byline, published, fetched_at FROM articles "
            "ORDER BY fetched_at DESC, url LIMIT ?",
            (limit,),
        ).fetchall()
        return [LibraryEntry(*row) for row in rows]

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
