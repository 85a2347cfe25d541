"""The on-disk store: one SQLite file holding every fetched page and the article extracted from it.

The only module that writes to disk. Each write is one transaction (WAL), so a crash loses at most
the write in flight, and two processes can write at once (SQLite's lock, waited on for up to
`BUSY_TIMEOUT`; the UI thread waits `QUICK_TIMEOUT` at most). Pages are zlib-compressed; articles
are JSON so opening one never re-extracts. A store that is corrupt or from a newer tuireader is
moved aside under a name of its own, never overwritten. A store that cannot be written (a full
disk, a read-only directory) is still read; every SQLite failure leaves a public method as a
one-line StoreError.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, Literal, ParamSpec, TypeVar
from urllib.parse import quote

from tuireader.cache.schema import SCHEMA_VERSION, create_or_migrate, write_transaction
from tuireader.cache.search import fts_query, highlight, hit_pattern, snippet
from tuireader.clock import now_iso
from tuireader.models import Article, LibraryEntry, Page, PageInfo, SearchHit
from tuireader.paths import store_path

BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's transaction
QUICK_TIMEOUT = 0.1  # seconds the UI thread waits for it (wait=False): then the write fails
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_CANNOT_WRITE = (
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PERM,
)

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


class SearchInterrupted(StoreError):
    """Store.interrupt_search() stopped a search before it finished."""


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(
    action: str, writes: bool = False, own_connection: bool = False
) -> Callable[[Callable[Concatenate[Store, _P], _R]], Callable[Concatenate[Store, _P], _R]]:
    """Make any SQLite failure of the method a StoreError saying what could not be done.

    A method that `writes` fails at once, saying why, on a store opened only for reading. A
    read chooses its connection with `_reading`, unless it has a connection of its own.
    """

    def wrap(method: Callable[Concatenate[Store, _P], _R]) -> Callable[Concatenate[Store, _P], _R]:
        @functools.wraps(method)
        def guarded(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            if writes and self.read_only:
                raise StoreError(f"cannot {action}: {self.read_only}")
            try:
                if writes or own_connection:
                    return method(self, *args, **kwargs)
                with self._reading():
                    return method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot {action}: {self.explain(exc)}") from None

        return guarded

    return wrap


class _NewerSchema(Exception):
    """The file holds a schema this tuireader does not know."""


class Store:
    """The cache of pages and articles, keyed by the normalized URL that was asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self.notice = ""  # a damaged store moved aside, or one only read: for the UI to show once
        self.read_only = ""  # why the store cannot be written, when it is only read
        self._quick: sqlite3.Connection | None = None  # the UI thread's writes: short waits
        self._quick_lock = threading.Lock()
        self._search_db: sqlite3.Connection | None = None  # searches, which can be interrupted
        self._read_on = threading.local()  # the connection this thread's read goes to
        self._search_lock = threading.Lock()
        try:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._db = self._connect()
            except _NewerSchema as exc:
                self.notice = self._move_aside(
                    f"it was written by a newer tuireader (schema {exc})"
                )
                self._db = self._connect()
            except sqlite3.OperationalError as exc:
                # locked, unwritable, out of space: not damage, so nothing is moved
                if exc.sqlite_errorcode & 0xFF not in _CANNOT_WRITE or not path.is_file():
                    raise
                self._db = self._connect_read_only()
                self.read_only = self.explain(exc)
                self.notice = f"{self.read_only}: its articles can be read, nothing new is kept."
            except sqlite3.DatabaseError as exc:
                self.notice = self._move_aside(f"it could not be read ({exc})")
                self._db = self._connect()
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise StoreError(f"cannot open the cache: {self._read_only_text()}") from None
            raise StoreError(f"cannot open the cache at {path}: {exc}") from None
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the cache at {path}: {self.explain(exc)}") from None

    @classmethod
    def in_directory(cls, directory: Path) -> Store:
        return cls(store_path(directory))

    def _connect(self, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
        """A connection to the store, created or migrated if need be, waiting up to `timeout`.

        Switching a new file to WAL can fail at once as busy while another process creates it
        (SQLite does not wait where waiting could deadlock): that is tried again until then.
        """
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self._open(timeout)
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode & 0xFF not in _BUSY or time.monotonic() > deadline:
                    raise
            time.sleep(0.01)

    def _open(self, timeout: float) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
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
                newer = create_or_migrate(db)  # reads the version again, under the write lock
                if newer:
                    raise _NewerSchema(newer)
            db.execute("SELECT count(*) FROM pages").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _connect_read_only(self) -> sqlite3.Connection:
        """The store as it is on disk, read without creating or changing any file.

        For a disk that is full or read-only: SQLite's WAL index cannot be made there, so the
        file is read as immutable (what another process has not yet checkpointed is not seen).
        """
        uri = f"file:{quote(str(self.path))}?immutable=1"
        db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise sqlite3.OperationalError(f"it is at schema {version}, not {SCHEMA_VERSION}")
            db.execute("SELECT count(*) FROM pages").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def explain(self, exc: sqlite3.Error) -> str:
        """Why `exc` happened, in words for the person at the terminal: one line."""
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in _BUSY:
            return f"the cache at {self.path.parent} is in use by another program"
        if code == sqlite3.SQLITE_FULL or _disk_full(self.path.parent):
            return f"the disk holding the cache at {self.path.parent} is full"
        if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN) and (
            not os.access(self.path.parent, os.W_OK)
            or (self.path.exists() and not os.access(self.path, os.W_OK))
        ):
            return self._read_only_text()
        if code == sqlite3.SQLITE_INTERRUPT:
            return "interrupted"
        return f"the cache at {self.path} failed: {' '.join(str(exc).split())}"

    def _read_only_text(self) -> str:
        return f"the cache at {self.path.parent} is read-only"

    def _move_aside(self, why: str) -> str:
        """Rename the store (and its WAL files) to a name no earlier copy holds."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        for n in range(1, 10_000):
            name = f"{self.path.name}.unreadable-{stamp}" + (f"-{n}" if n > 1 else "")
            aside = self.path.with_name(name)
            if any(os.path.lexists(str(aside) + suffix) for suffix in ("-wal", "-shm")):
                continue
            try:  # a hard link claims the name or fails: never replaces a copy there
                os.link(self.path, aside, follow_symlinks=False)
            except FileExistsError:
                continue
            except OSError:  # no hard links here: rename, having looked first
                if os.path.lexists(aside):
                    continue
                self.path.rename(aside)
                break
            self.path.unlink()
            break
        else:
            raise OSError(errno.EEXIST, "no free name to move the damaged cache to", str(aside))
        for suffix in ("-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            if part.exists():
                part.rename(Path(str(aside) + suffix))
        return (
            f"The cache at {self.path} was moved to {aside.name} because {why}; "
            "a new one was started."
        )

    def close(self) -> None:
        for db in (self._quick, self._search_db, self._db):
            if db is not None:
                db.close()

    @contextmanager
    def _transaction(self, wait: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction at a time on this connection, whichever thread asks.

        The app writes from its load worker; the UI thread (reading progress) passes
        `wait=False`: it writes on the main connection waiting QUICK_TIMEOUT at most for another
        process, or, while a worker holds that connection, on a connection of its own. Neither
        this lock nor another process's transaction can hold up the screen.
        """
        if wait:
            with self._lock, write_transaction(self._db) as db:
                yield db
        elif self._lock.acquire(blocking=False):
            try:
                self._db.execute(f"PRAGMA busy_timeout = {int(QUICK_TIMEOUT * 1000)}")
                try:
                    with write_transaction(self._db) as db:
                        yield db
                finally:
                    self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            finally:
                self._lock.release()
        else:
            with self._quick_lock, write_transaction(self._quick_connection()) as db:
                yield db

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Choose the connection for a read on the UI (main) thread: one that cannot wait.

        A writer on another thread may hold the main connection while it waits up to
        BUSY_TIMEOUT for another process, and SQLite would hold a read on that connection
        just as long: then the UI reads on its own connection. Other threads may wait.
        """
        if getattr(self._read_on, "db", None) is not None or self.read_only:
            yield  # a read inside a read: already chosen; or no writer to wait for
        elif threading.current_thread() is not threading.main_thread():
            with self._lock:
                yield
        elif self._lock.acquire(blocking=False):  # no write in flight: read there, holding it
            try:
                yield
            finally:
                self._lock.release()
        else:
            self._read_on.db = self._quick_connection()
            try:
                yield
            finally:
                self._read_on.db = None

    @property
    def _reader(self) -> sqlite3.Connection:
        """The connection `_reading` chose for this thread's read (the main one by default)."""
        return getattr(self._read_on, "db", None) or self._db

    def _quick_connection(self) -> sqlite3.Connection:
        if self._quick is None:
            self._quick = self._connect(timeout=QUICK_TIMEOUT)
        return self._quick

    # Writing ------------------------------------------------------------------------------------

    @_guarded("save the article in the cache", writes=True)
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

    @_guarded("save the re-extracted article in the cache", writes=True)
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

    @_guarded("record the revalidation in the cache", writes=True)
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

    @_guarded("save the reading position", writes=True)
    def mark_read(
        self,
        url: str,
        progress: float | None = None,
        anchor: int | None = None,
        anchor_text: str | None = None,
        *,
        wait: bool = True,
    ) -> None:
        """Remember that `url` was read now, how far (0..1) and at which paragraph.

        `anchor` is the paragraph's index and `anchor_text` its opening words, which find it
        again after a re-extraction has renumbered the paragraphs. With `wait=False` (the UI
        thread) it fails with StoreError rather than wait more than QUICK_TIMEOUT for a writer.
        """
        with self._transaction(wait) as db:
            key = self._key_for(url, db)
            if key is None:
                return
            db.execute(
                "INSERT INTO reading (url, last_read_at, progress, anchor, anchor_text) "
                "VALUES (?, ?, coalesce(?, 0), coalesce(?, 0), coalesce(?, '')) "
                "ON CONFLICT(url) DO UPDATE SET last_read_at=excluded.last_read_at, "
                "progress=coalesce(?, progress), anchor=coalesce(?, anchor), "
                "anchor_text=coalesce(?, anchor_text)",
                (key, now_iso(), progress, anchor, anchor_text, progress, anchor, anchor_text),
            )

    @_guarded("remove the article from the cache", writes=True)
    def remove(self, url: str) -> bool:
        """Forget `url`: its page, article, reading state and index entry. False if not cached."""
        key = self._key_for(url)
        if key is None:
            return False
        with self._transaction() as db:
            self._delete(db, [key])
        return True

    @_guarded("clear the cache", writes=True)
    def clear(self) -> int:
        """Forget everything; the number of articles removed."""
        with self._transaction() as db:
            count = int(db.execute("SELECT count(*) FROM pages").fetchone()[0])
            db.execute("DELETE FROM articles_fts")
            db.execute("DELETE FROM pages")
        self._vacuum()
        return count

    def _vacuum(self) -> None:
        """Give freed pages back to the disk; when that fails (a full disk) they are reused."""
        with suppress(sqlite3.Error):
            self._db.execute("PRAGMA incremental_vacuum")

    @staticmethod
    def _delete(db: sqlite3.Connection, keys: list[str]) -> None:
        for key in keys:
            row = db.execute("SELECT rowid FROM articles WHERE url = ?", (key,)).fetchone()
            if row is not None:
                db.execute("DELETE FROM articles_fts WHERE rowid = ?", (row[0],))
            db.execute("DELETE FROM pages WHERE url = ?", (key,))  # cascades to the rest

    @_guarded("make room in the cache", writes=True)
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
            self._vacuum()
        return removed

    # Reading ------------------------------------------------------------------------------------

    def _key_for(self, url: str, db: sqlite3.Connection | None = None) -> str | None:
        row = (
            (db or self._reader)
            .execute(
                "SELECT url FROM pages WHERE url = ? "
                "UNION ALL SELECT url FROM pages WHERE final_url = ? LIMIT 1",
                (url, url),
            )
            .fetchone()
        )
        return None if row is None else str(row[0])

    @_guarded("read the cache")
    def load(self, url: str) -> tuple[PageInfo, Article] | None:
        """The cached page info and article for `url` (asked-for or final URL), without the HTML."""
        key = self._key_for(url)
        if key is None:
            return None
        row = self._reader.execute(
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

    @_guarded("read the cache")
    def load_page(self, url: str) -> Page | None:
        """The cached page with its HTML, for re-extraction and export."""
        key = self._key_for(url)
        if key is None:
            return None
        row = self._reader.execute(
            f"SELECT {_PAGE_COLUMNS}, html FROM pages WHERE url = ?", (key,)
        ).fetchone()
        try:
            html = zlib.decompress(row[8]).decode("utf-8", "surrogatepass")
        except (zlib.error, UnicodeDecodeError) as exc:
            raise StoreError(f"the cached page for {url} is damaged ({exc})") from None
        return Page(PageInfo(*row[:8]), html)

    @_guarded("read the cache")
    def contains(self, url: str) -> bool:
        return self._key_for(url) is not None

    @_guarded("read the cache")
    def cached_urls(self, urls: list[str]) -> set[str]:
        """Which of `urls` (asked-for or final URLs) the store holds."""
        found: set[str] = set()
        for url in urls:
            if self._key_for(url) is not None:
                found.add(url)
        return found

    @_guarded("read the cache")
    def position(self, url: str) -> tuple[float, int, str]:
        """Where the reader left `url`: (progress 0..1, paragraph index, its opening words)."""
        db = self._reader
        key = self._key_for(url, db)
        row = db.execute(
            "SELECT progress, anchor, anchor_text FROM reading WHERE url = ?", (key,)
        ).fetchone()
        return (0.0, 0, "") if row is None else (float(row[0]), int(row[1]), str(row[2]))

    @_guarded("read the cache")
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
        rows = self._reader.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM}{where} ORDER BY {_ORDER[sort]} "
            "LIMIT ? OFFSET ?",
            params,
        ).fetchall()
        return [LibraryEntry(*row) for row in rows]

    @_guarded("read the cache")
    def count(self) -> int:
        return int(self._reader.execute("SELECT count(*) FROM articles").fetchone()[0])

    @_guarded("search the cache", own_connection=True)
    def search(self, query: str, limit: int = 50, prefix: bool = False) -> list[SearchHit]:
        """Full-text search over titles, bylines, sites and bodies, best match first.

        `prefix` lets the last word match as the start of a word (search as you type).
        Snippets mark each matched word with HIT_START/HIT_END (control characters that page text
        never holds), so the UI can highlight them without parsing markup.
        """
        match = fts_query(query, prefix)
        if not match:
            return []
        pattern = hit_pattern(query, prefix)
        with self._search_lock:
            db = self._searcher()
            try:
                # FTS5 ranks; the snippets are made for the best `limit` only, in Python from a
                # bounded window around the first hit (search.snippet): FTS5's snippet() costs
                # the square of the hits in one article.
                best = [
                    rowid
                    for (rowid,) in db.execute(
                        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                        "ORDER BY bm25(articles_fts, 10.0, 5.0, 2.0, 1.0) LIMIT ?",
                        (match, limit),
                    )
                ]
                if not best:
                    return []
                marks = ",".join("?" * len(best))
                found: dict[int, SearchHit] = {}
                for row in db.execute(  # one article's text at a time
                    f"SELECT {_ENTRY_COLUMNS}, f.title, f.text, f.rowid FROM articles_fts f "
                    "JOIN articles a ON a.rowid = f.rowid JOIN pages p USING (url) "
                    f"LEFT JOIN reading r USING (url) WHERE f.rowid IN ({marks})",
                    best,
                ):
                    title, text = str(row[10] or ""), str(row[11] or "")
                    found[row[12]] = SearchHit(
                        LibraryEntry(*row[:10]), snippet(text, pattern), highlight(title, pattern)
                    )
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode == sqlite3.SQLITE_INTERRUPT:
                    raise SearchInterrupted(f"the search for {query!r} was stopped") from None
                raise StoreError(f"cannot search for {query!r}: {self.explain(exc)}") from None
        return [found[rowid] for rowid in best if rowid in found]

    def interrupt_search(self) -> None:
        """Stop the search running now in another thread: it raises SearchInterrupted.

        Searches have a connection of their own, so nothing else is interrupted. Safe to call
        from any thread, and when no search runs (then it does nothing).
        """
        if self._search_db is not None:
            self._search_db.interrupt()

    def _searcher(self) -> sqlite3.Connection:
        if self.read_only:
            return self._db
        if self._search_db is None:
            self._search_db = self._connect()
        return self._search_db

    @_guarded("read the cache")
    def size(self) -> tuple[int, int]:
        """(bytes of the store's files on disk, bytes of stored content)."""
        on_disk = sum(
            Path(str(self.path) + suffix).stat().st_size
            for suffix in ("", "-wal")
            if Path(str(self.path) + suffix).exists()
        )
        return on_disk, self._content_bytes(self._reader)

    @staticmethod
    def _content_bytes(db: sqlite3.Connection) -> int:
        row = db.execute(
            "SELECT coalesce(sum(length(p.html)), 0) + "
            "coalesce((SELECT sum(length(data) + length(body)) FROM articles), 0) FROM pages p"
        ).fetchone()
        return int(row[0])

    @_guarded("read the cache")
    def get_meta(self, key: str) -> str | None:
        row = self._reader.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @_guarded("save to the cache", writes=True)
    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


__all__ = ["SCHEMA_VERSION", "SearchInterrupted", "SortKey", "Store", "StoreError"]


def _disk_full(directory: Path) -> bool:
    """No space left where the cache lives (SQLite reports some of those as I/O errors)."""
    try:
        return os.statvfs(directory).f_bavail == 0
    except OSError:
        return False
