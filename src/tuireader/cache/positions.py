"""How far each article was read, and at which paragraph: the `reading` table.

The reading state belongs to the URL, not to the copy: refetching or re-extracting an article
keeps it. The UI thread saves positions too, so a save can be told not to wait (`wait=False`).
"""

from __future__ import annotations

from tuireader.cache.connections import StoreCore, guarded
from tuireader.clock import now_iso


class Positions(StoreCore):
    """The store's reading positions."""

    @guarded("save the reading position", writes=True)
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

    @guarded("read the cache")
    def position(self, url: str) -> tuple[float, int, str]:
        """Where the reader left `url`: (progress 0..1, paragraph index, its opening words)."""
        db = self._reader
        key = self._key_for(url, db)
        row = db.execute(
            "SELECT progress, anchor, anchor_text FROM reading WHERE url = ?", (key,)
        ).fetchone()
        return (0.0, 0, "") if row is None else (float(row[0]), int(row[1]), str(row[2]))
