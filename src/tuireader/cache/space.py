"""The room the store takes: its size, and what leaves it, on request or to fit `max_size`.

Removing a page removes everything that hangs off it (article, reading state, pictures and
earlier copies by cascade; the full-text entry by hand, FTS5 has no foreign keys); freed pages go
back to the disk when they can. An article's size is its page, its article, its pictures' bytes
and its earlier copies. Making room takes earlier copies first, the longest replaced first, and
only then whole articles.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from pathlib import Path

from tuireader.cache.connections import StoreCore, guarded
from tuireader.cache.pictures import PICTURE_BYTES
from tuireader.cache.versions import VERSION_BYTES


class Space(StoreCore):
    """Sizes, removal and eviction."""

    @guarded("remove the article from the cache", writes=True)
    def remove(self, url: str) -> bool:
        """Forget `url`: its page, article, reading state, pictures, earlier copies and index
        entry. False if not cached."""
        key = self._key_for(url)
        if key is None:
            return False
        with self._transaction() as db:
            self._delete(db, [key])
        return True

    @guarded("clear the cache", writes=True)
    def clear(self) -> int:
        """Forget everything; the number of articles removed."""
        with self._transaction() as db:
            count = int(db.execute("SELECT count(*) FROM pages").fetchone()[0])
            db.execute("DELETE FROM articles_fts")
            db.execute("DELETE FROM pages")
        self._vacuum()
        return count

    @guarded("make room in the cache", writes=True)
    def evict(self, max_bytes: int, keep: frozenset[str] = frozenset()) -> list[str]:
        """Remove earlier copies of articles, then the least recently read articles, until the
        content fits in `max_bytes`.

        Earlier copies go first, the one replaced longest ago first, whatever their article.
        URLs in `keep` (the articles open now) are never removed. Articles waiting on the
        reading list (saved unread, or starred) go last: only when nothing else is left to go.
        Returns the removed URLs (articles; not the copies).
        """
        removed: list[str] = []
        with self._transaction() as db:
            total = self._content_bytes(db)
            if total <= max_bytes:
                return removed
            freed = self._evict_versions(db, total - max_bytes)
            if total - freed > max_bytes:
                removed = self._least_read(db, total - freed, max_bytes, keep)
                self._delete(db, removed)
        if removed or freed:
            self._vacuum()
        return removed

    @staticmethod
    def _least_read(
        db: sqlite3.Connection, total: int, max_bytes: int, keep: frozenset[str]
    ) -> list[str]:
        """The articles to remove, least recently read first, for `total` to fit `max_bytes`."""
        chosen: list[str] = []
        rows = db.execute(
            "SELECT p.url, p.final_url, "
            "length(p.html) + coalesce(length(a.data), 0) + coalesce(length(a.body), 0) + "
            f"{PICTURE_BYTES} + {VERSION_BYTES} "
            "FROM pages p LEFT JOIN articles a USING (url) LEFT JOIN reading r USING (url) "
            "ORDER BY EXISTS (SELECT 1 FROM saved s WHERE s.url = p.url "
            "AND (s.state = 'unread' OR s.starred = 1)), "
            "coalesce(r.last_read_at, p.fetched_at), p.url"
        )
        for url, final_url, size in rows.fetchall():
            if total <= max_bytes:
                break
            if url in keep or final_url in keep:
                continue
            chosen.append(url)
            total -= size
        return chosen

    @staticmethod
    def _evict_versions(db: sqlite3.Connection, excess: int) -> int:
        """Delete earlier copies, the one replaced longest ago first, until `excess` bytes are
        freed or none is left; the bytes freed."""
        freed = 0
        doomed: list[tuple[str, int]] = []
        rows = db.execute(
            "SELECT url, number, length(data) FROM versions ORDER BY replaced_at, url, number"
        )
        for url, number, size in rows:
            if freed >= excess:
                break
            doomed.append((url, number))
            freed += size
        db.executemany("DELETE FROM versions WHERE url = ? AND number = ?", doomed)
        return freed

    @guarded("read the cache")
    def size(self) -> tuple[int, int]:
        """(bytes of the store's files on disk, bytes of stored content)."""
        on_disk = sum(
            Path(str(self.path) + suffix).stat().st_size
            for suffix in ("", "-wal")
            if Path(str(self.path) + suffix).exists()
        )
        return on_disk, self._content_bytes(self._reader)

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

    @staticmethod
    def _content_bytes(db: sqlite3.Connection) -> int:
        row = db.execute(
            "SELECT coalesce(sum(length(p.html)), 0) + "
            "coalesce((SELECT sum(length(data) + length(body)) FROM articles), 0) + "
            "coalesce((SELECT sum(size) FROM pictures), 0) + "
            "coalesce((SELECT sum(length(data)) FROM versions), 0) FROM pages p"
        ).fetchone()
        return int(row[0])
