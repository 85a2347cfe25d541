"""The library's queries: cached articles a window at a time, sorted or filtered, and full-text
search over them.

Searches run on a connection of their own, so that one can be interrupted (the library's search
as you type stops the previous one) without touching any other read or write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Literal

from tuireader.cache import opening
from tuireader.cache.connections import SearchInterrupted, StoreCore, StoreError, guarded
from tuireader.cache.pictures import PICTURE_BYTES
from tuireader.cache.search import fts_query, highlight, hit_pattern, snippet
from tuireader.cache.versions import VERSION_BYTES
from tuireader.models import LibraryEntry, SearchHit

SortKey = Literal["fetched", "title", "site", "read"]
_ORDER: dict[SortKey, str] = {
    "fetched": "a.fetched_at DESC, a.url",
    "title": "a.title COLLATE NOCASE, a.url",
    "site": "a.site_name COLLATE NOCASE, a.fetched_at DESC, a.url",
    "read": "r.last_read_at DESC, a.url",
}
_ENTRY_COLUMNS = (
    "a.url, a.title, a.site_name, a.byline, a.published, a.fetched_at, a.word_count, "
    "coalesce(r.progress, 0), coalesce(r.last_read_at, a.fetched_at), "
    f"length(p.html) + length(a.data) + length(a.body) + {PICTURE_BYTES} + {VERSION_BYTES}"
)
_ENTRY_FROM = "articles a JOIN pages p USING (url) LEFT JOIN reading r USING (url)"


def _like_pattern(text: str) -> str:
    """`text` as a LIKE pattern matching it anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Listing(StoreCore):
    """The library's rows, their count and the full-text search."""

    @guarded("read the cache")
    def library(
        self,
        limit: int = -1,
        offset: int = 0,
        sort: SortKey = "fetched",
        matching: str = "",
        tags: Sequence[str] = (),
    ) -> list[LibraryEntry]:
        """Cached articles in `sort` order (newest fetch first by default), a window at a time.

        `matching` keeps those whose title, site, author or URL contains it (case-insensitive),
        `tags` those that have every one of them.
        """
        conditions, params = list[str](), list[object]()
        if matching.strip():
            conditions.append(
                "("
                + " OR ".join(
                    f"{column} LIKE ? ESCAPE '\\'"
                    for column in ("a.title", "a.site_name", "a.byline", "a.url")
                )
                + ")"
            )
            params += [_like_pattern(matching.strip())] * 4
        for tag in tags:
            conditions.append("a.url IN (SELECT url FROM tags WHERE tag = ?)")
            params.append(tag)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._reader.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM}{where} ORDER BY {_ORDER[sort]} "
            "LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [LibraryEntry(*row) for row in rows]

    @guarded("read the cache")
    def count(self) -> int:
        return int(self._reader.execute("SELECT count(*) FROM articles").fetchone()[0])

    @guarded("search the cache", own_connection=True)
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
            self._search_db = opening.connect(self.path)
        return self._search_db
