"""Pages and their articles: saved together, replaced, revalidated, and read back.

A page is kept zlib-compressed with its HTTP facts (for revalidation and re-extraction); its
Article as JSON, with its parsed body beside it, so that opening a cached article never
re-extracts nor parses; the full-text index entry is written in the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
import zlib

from tuireader.cache.connections import StoreCore, StoreError, guarded
from tuireader.cache.versions import keep_replaced
from tuireader.clock import now_iso
from tuireader.models import Article, Page, PageInfo

_URLS_A_QUERY = 400  # URLs asked about in one query (SQLite allows 32,766 parameters)

_PAGE_COLUMNS = "url, final_url, status, content_type, encoding, etag, last_modified, fetched_at"
_PAGE_COLUMNS_P = ", ".join(f"p.{name}" for name in _PAGE_COLUMNS.split(", "))


class Articles(StoreCore):
    """The store's pages and articles."""

    @guarded("save the article in the cache", writes=True)
    def save(self, page: Page, article: Article) -> None:
        """Store a page and its article together, replacing an older copy of the same URL.

        Reading state (last read, progress) belongs to the URL and survives the replacement.
        An older article whose text differs is kept as an earlier copy (`keep_replaced`).
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
            keep_replaced(db, info.url, article)
            self._put_article(db, info, article, data)
            db.execute(
                "INSERT OR IGNORE INTO reading (url, last_read_at) VALUES (?, ?)",
                (info.url, info.fetched_at or now_iso()),
            )

    @guarded("save the re-extracted article in the cache", writes=True)
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

    @guarded("record the revalidation in the cache", writes=True)
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

    @guarded("read the cache")
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

    @guarded("read the cache")
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

    @guarded("read the cache")
    def contains(self, url: str) -> bool:
        return self._key_for(url) is not None

    @guarded("read the cache")
    def cached_urls(self, urls: list[str]) -> set[str]:
        """Which of `urls` (asked-for or final URLs) the store holds.

        One query a few hundred URLs: a query each made a window of the library's feed entries
        cost some 80 round trips through the interpreter, each one a wait for the UI thread's
        turn when it runs in a worker.
        """
        found: set[str] = set()
        wanted = list(dict.fromkeys(urls))
        for start in range(0, len(wanted), _URLS_A_QUERY):
            chunk = wanted[start : start + _URLS_A_QUERY]
            marks = ",".join("?" * len(chunk))
            rows = self._reader.execute(
                f"SELECT url FROM pages WHERE url IN ({marks}) "
                f"UNION SELECT final_url FROM pages WHERE final_url IN ({marks})",
                (*chunk, *chunk),
            )
            found.update(str(row[0]) for row in rows)
        return found
