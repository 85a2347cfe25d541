"""Earlier copies of an article, kept when a refetch changed its text.

A copy is its Article as zlib-compressed JSON, without the page (the newest page is enough to
revalidate and re-extract) and without the parsed body (made again when shown). Copies are
numbered from 1 per URL, never renumbered (the next is one past the newest kept, so only a URL
whose every copy was evicted starts again from 1); they go with their page, count in the store's
size, and are evicted oldest first, before any article (cache/space.py).
"""

from __future__ import annotations

import json
import sqlite3
import zlib

from tuireader.cache.connections import StoreCore, StoreError, guarded
from tuireader.clock import now_iso
from tuireader.models import Article, Version

_COLUMNS = "number, fetched_at, read_at, replaced_at, title, word_count, changed, length(data)"
# The bytes of a page's earlier copies, for its size (p: the pages row)
VERSION_BYTES = "coalesce((SELECT sum(length(v.data)) FROM versions v WHERE v.url = p.url), 0)"


def keep_replaced(db: sqlite3.Connection, url: str, article: Article) -> int:
    """Inside a save's transaction: keep the stored article of `url` as its next earlier copy
    when `article`, about to replace it, reads differently. The copy's number, 0 if none kept.

    Only articles are kept, and only for an article: a page that held none (a wall, an empty
    shell) has nothing worth going back to, and comparing one with an article says nothing.
    The same text (a page whose markup or date changed, a 304 answered as a 200) keeps nothing.
    """
    row = db.execute(
        "SELECT a.data, a.body, a.fetched_at, r.last_read_at, r.progress "
        "FROM articles a LEFT JOIN reading r USING (url) WHERE a.url = ?",
        (url,),
    ).fetchone()
    if row is None or not article.found:
        return 0
    try:
        old = Article.from_dict(json.loads(row[0]))
    except (ValueError, TypeError, AttributeError):
        return 0  # a damaged copy: nothing to go back to
    if not old.found or old.text == article.text:
        return 0
    old = old._replace(body=row[1] if isinstance(row[1], str) else "")
    number, came = db.execute(
        "SELECT coalesce(max(number), 0) + 1, coalesce(max(replaced_at), '') FROM versions "
        "WHERE url = ?",
        (url,),
    ).fetchone()
    read_at = was_read(str(row[3] or ""), float(row[4] or 0), str(came))
    db.execute(
        "INSERT INTO versions (url, number, fetched_at, read_at, replaced_at, title, "
        "word_count, changed, extractor_version, data) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            url,
            int(number),
            str(row[2]),
            read_at,
            now_iso(),
            old.title,
            old.word_count,
            _paragraphs_changed(old, article),
            old.extractor_version,
            _packed(old),
        ),
    )
    return int(number)


def was_read(last_read_at: str, progress: float, came: str) -> str:
    """When the copy that came at `came` (the replacement of the one before it; "" for the
    first) was last read, "" if it was not: the reading state belongs to the URL, so a read
    before the copy came was of an earlier one."""
    return last_read_at if progress > 0 and last_read_at >= came else ""


def _paragraphs_changed(old: Article, new: Article) -> int:
    """How many of the body's paragraphs differ, on the basis the comparison view shows."""
    from tuireader.body import paragraph_texts
    from tuireader.body.diff import paragraphs_changed

    return paragraphs_changed(paragraph_texts(old), paragraph_texts(new))


def _packed(article: Article) -> bytes:
    """The copy as stored: its JSON, without the page's whole text (kept only for a page that
    held no article, which a copy never is), zlib-compressed."""
    data = article._replace(page_text="").to_dict()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


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
            return Article.from_dict(
                json.loads(zlib.decompress(row[0]).decode("utf-8", "surrogatepass"))
            )
        except (zlib.error, ValueError, TypeError, AttributeError) as exc:
            raise StoreError(f"version {number} of {url} is damaged ({exc})") from None
