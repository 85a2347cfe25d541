"""Highlights and their notes: the reader's own words about an article, kept by its URL.

Like tags, they belong to the URL, not to a copy: they outlive a refetch, a re-extraction, the
page's eviction and its removal, and one whose passage has left the article is kept (the reader
says so). The passage is kept as a quote (body.quotes), found again in whatever copy is shown.
Passages and notes are indexed for full-text search (`highlights_fts`, its rowid the highlight's
id), kept in step with every change in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from tuireader.cache.connections import StoreCore, guarded
from tuireader.cache.search import fts_query, hit_pattern, snippet
from tuireader.clock import now_iso
from tuireader.models import Highlight

_COLUMNS = "id, url, exact, prefix, suffix, block, block_text, note, created_at, updated_at"
_H_COLUMNS = ", ".join(f"h.{name}" for name in _COLUMNS.split(", "))
# The article a highlight belongs to, as far as the store still knows it: the cached article,
# else the reading list's title.
_ARTICLE = (
    "coalesce(a.title, s.title, ''), coalesce(a.byline, ''), coalesce(a.published, ''), "
    "coalesce(a.site_name, ''), coalesce(p.final_url, h.url), p.url IS NOT NULL"
)
_JOINS = (
    "LEFT JOIN articles a ON a.url = h.url LEFT JOIN pages p ON p.url = h.url "
    "LEFT JOIN saved s ON s.url = h.url"
)


class HighlightEntry(NamedTuple):
    """A highlight with what is known of its article, for lists across the library."""

    highlight: Highlight
    title: str = ""  # the cached article's, else the reading list's, else ""
    byline: str = ""
    published: str = ""
    site_name: str = ""
    final_url: str = ""  # where the page was read (its final URL), else the highlight's URL
    cached: bool = False  # whether the article is in the cache: else its passage cannot be found


class HighlightHit(NamedTuple):
    """A highlight whose passage or note matched a search, with a snippet of the matching one
    (its hits marked as `Store.search` marks them)."""

    entry: HighlightEntry
    snippet: str
    in_note: bool  # the snippet is of the note (else of the passage)


class Highlights(StoreCore):
    """The store's highlights."""

    @guarded("save the highlight", writes=True)
    def add_highlight(self, highlight: Highlight) -> Highlight:
        """Keep `highlight` (its `id` is ignored) for the article its URL names; it with its id.

        The URL is the cached page's key when the page is cached (asked for or final URL).
        """
        with self._transaction() as db:
            return _insert(
                db, highlight._replace(url=self._key_for(highlight.url, db) or highlight.url)
            )

    @guarded("save the highlights", writes=True)
    def import_highlights(self, url: str, highlights: Sequence[Highlight]) -> int:
        """Keep those of `highlights` the article `url` names has not (the same passage with
        the same note), in one transaction: importing a file twice adds nothing. How many."""
        with self._transaction() as db:
            key = self._key_for(url, db) or url
            kept = set(db.execute("SELECT exact, note FROM highlights WHERE url = ?", (key,)))
            added = 0
            for highlight in highlights:
                if (highlight.exact, highlight.note) not in kept:
                    kept.add((highlight.exact, highlight.note))
                    _insert(db, highlight._replace(url=key))
                    added += 1
            return added

    @guarded("save the note", writes=True)
    def set_note(self, highlight_id: int, note: str) -> bool:
        """Replace the note of a highlight; False when there is no such highlight."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE highlights SET note = ?, updated_at = ? WHERE id = ?",
                (note, now_iso(), highlight_id),
            )
            if cursor.rowcount > 0:
                db.execute(
                    "UPDATE highlights_fts SET note = ? WHERE rowid = ?", (note, highlight_id)
                )
            return cursor.rowcount > 0

    @guarded("remove the highlight", writes=True)
    def remove_highlight(self, highlight_id: int) -> bool:
        with self._transaction() as db:
            db.execute("DELETE FROM highlights_fts WHERE rowid = ?", (highlight_id,))
            return db.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,)).rowcount > 0

    @guarded("read the highlights")
    def highlights(self, url: str) -> list[Highlight]:
        """The highlights of the article `url` names, in the order they were made."""
        db = self._reader
        key = self._key_for(url, db) or url
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM highlights WHERE url = ? ORDER BY id", (key,)
        ).fetchall()
        return [Highlight(*row) for row in rows]

    @guarded("read the highlights")
    def library_highlights(self, tag: str = "", url: str = "") -> list[HighlightEntry]:
        """Every highlight with its article, grouped by article (the first highlighted first),
        in the order they were made; only those of articles tagged `tag`, or of `url`."""
        db = self._reader
        where: list[str] = []
        values: list[object] = []
        if url:
            where.append("h.url = ?")
            values.append(self._key_for(url, db) or url)
        if tag:
            tagged = "(SELECT url FROM tags WHERE tag = ?)"  # by the URL as read or as it ended
            where.append(f"(h.url IN {tagged} OR p.final_url IN {tagged})")
            values += (tag, tag)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = db.execute(
            f"SELECT {_H_COLUMNS}, {_ARTICLE} FROM highlights h {_JOINS} {clause} "
            "ORDER BY min(h.id) OVER (PARTITION BY h.url), h.id",
            values,
        )
        return [_entry(row) for row in rows]

    @guarded("search the highlights")
    def search_highlights(self, query: str, limit: int = 50) -> list[HighlightHit]:
        """Highlights whose note or passage holds every word of `query`, best match first
        (a word in a note counts twice one in a passage)."""
        match = fts_query(query)
        if not match:
            return []
        pattern = hit_pattern(query)
        db = self._reader
        rows = db.execute(
            f"SELECT {_H_COLUMNS}, {_ARTICLE} FROM highlights_fts f "
            f"JOIN highlights h ON h.id = f.rowid {_JOINS} "
            "WHERE highlights_fts MATCH ? ORDER BY bm25(highlights_fts, 1.0, 2.0) LIMIT ?",
            (match, limit),
        )
        hits: list[HighlightHit] = []
        for row in rows:
            entry = _entry(row)
            note = entry.highlight.note
            in_note = pattern is not None and pattern.search(note) is not None
            text = note if in_note else entry.highlight.exact
            hits.append(HighlightHit(entry, snippet(text, pattern), in_note))
        return hits


def _insert(db: sqlite3.Connection, highlight: Highlight) -> Highlight:
    """Keep `highlight` under its URL and index it; it with its id and its dates (now, if none)."""
    now = now_iso()
    made = highlight._replace(
        created_at=highlight.created_at or now, updated_at=highlight.updated_at or now
    )
    cursor = db.execute(
        f"INSERT INTO highlights ({_COLUMNS}) VALUES (NULL,?,?,?,?,?,?,?,?,?)", made[1:]
    )
    made = made._replace(id=int(cursor.lastrowid or 0))
    db.execute(
        "INSERT INTO highlights_fts (rowid, exact, note) VALUES (?, ?, ?)",
        (made.id, made.exact, made.note),
    )
    return made


def _entry(row: sqlite3.Row | tuple[object, ...]) -> HighlightEntry:
    values = tuple(row)
    title, byline, published, site, final_url, cached = values[10:]
    return HighlightEntry(
        Highlight(*values[:10]),
        str(title),
        str(byline),
        str(published),
        str(site),
        str(final_url),
        bool(cached),
    )
