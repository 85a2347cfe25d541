"""Highlights and their notes: the reader's own words about an article, kept by its URL.

Like tags, they belong to the URL, not to a copy: they outlive a refetch, a re-extraction, the
page's eviction and its removal, and one whose passage has left the article is kept (the reader
says so). The passage is kept as a quote (body.quotes), found again in whatever copy is shown.
"""

from __future__ import annotations

from tuireader.cache.connections import StoreCore, guarded
from tuireader.clock import now_iso
from tuireader.models import Highlight

_COLUMNS = "id, url, exact, prefix, suffix, block, block_text, note, created_at, updated_at"


class Highlights(StoreCore):
    """The store's highlights."""

    @guarded("save the highlight", writes=True)
    def add_highlight(self, highlight: Highlight) -> Highlight:
        """Keep `highlight` (its `id` is ignored) for the article its URL names; it with its id.

        The URL is the cached page's key when the page is cached (asked for or final URL).
        """
        now = now_iso()
        with self._transaction() as db:
            url = self._key_for(highlight.url, db) or highlight.url
            made = highlight._replace(
                url=url,
                created_at=highlight.created_at or now,
                updated_at=now,
            )
            cursor = db.execute(
                f"INSERT INTO highlights ({_COLUMNS}) VALUES (NULL,?,?,?,?,?,?,?,?,?)",
                made[1:],
            )
            return made._replace(id=int(cursor.lastrowid or 0))

    @guarded("save the note", writes=True)
    def set_note(self, highlight_id: int, note: str) -> bool:
        """Replace the note of a highlight; False when there is no such highlight."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE highlights SET note = ?, updated_at = ? WHERE id = ?",
                (note, now_iso(), highlight_id),
            )
            return cursor.rowcount > 0

    @guarded("remove the highlight", writes=True)
    def remove_highlight(self, highlight_id: int) -> bool:
        with self._transaction() as db:
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
