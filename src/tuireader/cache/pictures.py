"""The pictures of cached articles: the bytes as they came, and what was learnt of them.

A picture belongs to its page (removed with it, counted in its size) and is named by its URL as
the article gives it. Listing an article's pictures reads no bytes: they are read one picture at
a time, when it is drawn. A picture that could not be had is kept with its `problem` and no
bytes, so that opening the article again does not ask for it again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from tuireader.cache.connections import StoreCore, guarded
from tuireader.clock import now_iso
from tuireader.models import Picture

# The page a URL names, as asked for or where it redirected: inside one query, so that listing
# an article's pictures is a single statement.
_PAGE_KEY = (
    "(SELECT url FROM pages WHERE url = ? UNION ALL SELECT url FROM pages WHERE final_url = ? "
    "LIMIT 1)"
)
# The bytes of the pictures of the page `p`, in a query over pages: part of an article's size.
PICTURE_BYTES = "coalesce((SELECT sum(size) FROM pictures i WHERE i.url = p.url), 0)"


# One picture to keep: (what it is, its bytes, b"" when none came, its place in the article: 0 the
# lead image, then the body's in reading order). A plain tuple: a class would cost start-up time.
PictureItem = tuple[Picture, bytes, int]


class Pictures(StoreCore):
    """The store's pictures of articles."""

    @guarded("save the pictures in the cache", writes=True)
    def save_pictures(self, url: str, items: Iterable[PictureItem]) -> int:
        """Keep `items` for the cached article `url`, replacing any of the same image URL; the
        number kept (0 when the article is not cached: a picture never outlives its page)."""
        rows = list(items)
        with self._transaction() as db:
            key = self._key_for(url, db)
            if key is None or not rows:
                return 0
            fetched_at = now_iso()
            db.executemany(
                "INSERT INTO pictures (url, src, position, content_type, width, height, problem, "
                "size, fetched_at, data) VALUES (?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(url, src) DO UPDATE SET position=excluded.position, "
                "content_type=excluded.content_type, width=excluded.width, "
                "height=excluded.height, problem=excluded.problem, size=excluded.size, "
                "fetched_at=excluded.fetched_at, data=excluded.data",
                [
                    (
                        key,
                        picture.url,
                        position,
                        picture.content_type,
                        picture.width,
                        picture.height,
                        picture.problem,
                        len(data),
                        fetched_at,
                        sqlite3.Binary(data),
                    )
                    for picture, data, position in rows
                ],
            )
        return len(rows)

    @guarded("arrange the pictures in the cache", writes=True)
    def arrange_pictures(self, url: str, srcs: Sequence[str]) -> None:
        """Keep the pictures of `url` that `srcs` names, in that order; forget the others (the
        article changed since they were kept)."""
        place = {src: n for n, src in enumerate(srcs)}
        with self._transaction() as db:
            key = self._key_for(url, db)
            rows = db.execute(
                "SELECT rowid, src, position FROM pictures WHERE url = ?", (key,)
            ).fetchall()
            db.executemany(
                "DELETE FROM pictures WHERE rowid = ?",
                [(rowid,) for rowid, src, _ in rows if src not in place],
            )
            db.executemany(
                "UPDATE pictures SET position = ? WHERE rowid = ?",
                [
                    (place[src], rowid)
                    for rowid, src, position in rows
                    if src in place and place[src] != position
                ],
            )

    @guarded("read the cache")
    def pictures(self, url: str) -> tuple[Picture, ...]:
        """The pictures kept for `url`, the lead image first, then the body's in reading order;
        without their bytes. One query."""
        rows = self._reader.execute(
            "SELECT src, content_type, width, height, size, problem FROM pictures "
            f"WHERE url = {_PAGE_KEY} ORDER BY position, rowid",
            (url, url),
        ).fetchall()
        return tuple(Picture(*row) for row in rows)

    @guarded("read the cache")
    def picture_data(self, url: str, src: str) -> bytes | None:
        """The bytes of the picture `src` of the article `url`, as they came; None when the
        cache holds none (never fetched, or it could not be had)."""
        row = self._reader.execute(
            f"SELECT data FROM pictures WHERE url = {_PAGE_KEY} AND src = ? AND size > 0",
            (url, url, src),
        ).fetchone()
        return None if row is None else bytes(row[0])

    @guarded("read the cache")
    def all_picture_bytes(self) -> tuple[int, int]:
        """(how many pictures the whole cache holds bytes of, how many bytes they take)."""
        row = self._reader.execute(
            "SELECT count(*), coalesce(sum(size), 0) FROM pictures WHERE size > 0"
        ).fetchone()
        return int(row[0]), int(row[1])
