"""Earlier copies of an article, kept when a refetch changed its text.

A copy is its Article as zlib-compressed JSON, without the page (the newest page is enough to
revalidate and re-extract) and without the parsed body (made again when shown). Copies are
numbered from 1 per URL, never renumbered; they go with their page, count in the store's size,
and are evicted oldest first, before any article.
"""

from __future__ import annotations

import json
import zlib

from tuireader.cache.connections import StoreCore, StoreError, guarded
from tuireader.models import Article, Version

_COLUMNS = "number, fetched_at, read_at, replaced_at, title, word_count, changed, length(data)"


class Versions(StoreCore):
    """The store's earlier copies of articles."""

    @guarded("read the cache")
    def versions(self, url: str) -> list[Version]:
        """The earlier copies of the article `url` names, oldest first (no article text)."""
        db = self._reader
        key = self._key_for(url, db)
        if key is None:
            return []
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM versions WHERE url = ? ORDER BY number", (key,)
        ).fetchall()
        return [Version(*row) for row in rows]

    @guarded("read the cache")
    def latest_version(self, url: str) -> Version | None:
        """The newest earlier copy of the article `url` names: one indexed row, for opening."""
        db = self._reader
        key = self._key_for(url, db)
        if key is None:
            return None
        row = db.execute(
            f"SELECT {_COLUMNS} FROM versions WHERE url = ? ORDER BY number DESC LIMIT 1", (key,)
        ).fetchone()
        return None if row is None else Version(*row)

    @guarded("read the cache")
    def version_article(self, url: str, number: int) -> Article | None:
        """The article as copy `number` of `url` had it; None when the store has no such copy."""
        db = self._reader
        key = self._key_for(url, db)
        if key is None:
            return None
        row = db.execute(
            "SELECT data FROM versions WHERE url = ? AND number = ?", (key, number)
        ).fetchone()
        if row is None:
            return None
        try:
            return Article.from_dict(json.loads(zlib.decompress(row[0]).decode("utf-8")))
        except (zlib.error, ValueError, TypeError, AttributeError) as exc:
            raise StoreError(f"version {number} of {url} is damaged ({exc})") from None
