"""The reading list: URLs saved to read later, their state, and the tags of any article.

A saved URL is unread or archived, and starred or not (independent of the other two). It is
kept whether or not its page is cached yet: a URL saved with `--later`, or one whose fetch failed
(its error and attempts kept, for the next `tuireader fetch` or `refresh`). Saving a URL that is
saved already changes nothing but adds its new tags, so importing a file twice adds nothing.

Read and archived are one fact: archiving a saved URL marks the feed entries linking to it read,
and marking those read archives it (`sync_read`, used by cache/feeds.py too), so the Unread view
the two share never disagrees with itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from tuireader.cache.connections import StoreCore, guarded
from tuireader.clock import now_iso

State = Literal["unread", "archived"]
STATES: tuple[State, ...] = ("unread", "archived")
FETCH_ATTEMPTS = 3  # fetches of a saved URL before it is left to be opened by hand
TAG_CHARS = 100


class SavedRow(NamedTuple):
    """What to save: a URL (normalized already) with what is known of it."""

    url: str
    title: str = ""
    state: State = "unread"
    starred: bool = False
    tags: tuple[str, ...] = ()
    saved_at: str = ""  # ISO 8601; "" is now


class ListItem(NamedTuple):
    """A saved URL as the lists show it."""

    url: str
    title: str  # the article's title once fetched, else the one saved with it
    state: State
    starred: bool
    saved_at: str
    fetch_error: str
    cached: bool  # its article is in the cache: readable offline
    tags: tuple[str, ...] = ()


class SaveCounts(NamedTuple):
    added: int
    already: int  # saved before (their new tags, if any, were added)


def clean_tag(tag: str) -> str:
    """A tag as kept: one line, trimmed, no leading '#', at most TAG_CHARS characters."""
    return " ".join(tag.split()).lstrip("#").strip()[:TAG_CHARS]


def sync_read(db: sqlite3.Connection, urls: Sequence[str], read: bool, stamp: str) -> None:
    """Read and archived are one fact: the saved URLs and the feed entries of `urls` agree."""
    for url in urls:
        if not url:
            continue
        db.execute(
            "UPDATE saved SET state = ?, state_at = ? WHERE url = ? AND state != ?",
            ("archived" if read else "unread", stamp, url, "archived" if read else "unread"),
        )
        db.execute(
            "UPDATE entries SET read = ?, read_at = ? WHERE url = ? AND url != '' AND read != ?",
            (int(read), stamp if read else "", url, int(read)),
        )


class ReadingList(StoreCore):
    """The store's saved URLs and tags."""

    @guarded("save to the reading list", writes=True)
    def save_urls(self, rows: Iterable[SavedRow], source: str = "") -> SaveCounts:
        """Save `rows` in one transaction; a URL saved before keeps its state, gains its tags."""
        added = already = 0
        now = now_iso()
        with self._transaction() as db:
            for row in rows:
                cursor = db.execute(
                    "INSERT INTO saved (url, title, state, starred, saved_at, state_at, source) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO NOTHING",
                    (
                        row.url,
                        row.title,
                        row.state if row.state in STATES else "unread",
                        int(row.starred),
                        row.saved_at or now,
                        now if row.state == "archived" else "",
                        source,
                    ),
                )
                if cursor.rowcount == 1:
                    added += 1
                    if row.state == "archived":
                        sync_read(db, [row.url], True, now)
                else:
                    already += 1
                _add_tags(db, row.url, row.tags)
        return SaveCounts(added, already)

    @guarded("change the reading list", writes=True)
    def set_state(self, url: str, state: State) -> bool:
        """Archive or unarchive `url` (saving it if it was not); False if it already was."""
        now = now_iso()
        with self._transaction() as db:
            row = db.execute("SELECT state FROM saved WHERE url = ?", (url,)).fetchone()
            if row is not None and row[0] == state:
                return False
            if row is None:
                db.execute(
                    "INSERT INTO saved (url, state, saved_at) VALUES (?, 'unread', ?)", (url, now)
                )
            sync_read(db, [url], state == "archived", now)
        return True

    @guarded("change the reading list", writes=True)
    def set_starred(self, url: str, starred: bool) -> None:
        """Star or unstar `url`, saving it (unread) if it was not."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO saved (url, starred, saved_at) VALUES (?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET starred = excluded.starred",
                (url, int(starred), now_iso()),
            )

    @guarded("change the tags", writes=True)
    def retag(
        self, url: str, add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> tuple[str, ...]:
        """Add and remove tags of `url` (any article, saved or not); its tags after."""
        with self._transaction() as db:
            _add_tags(db, url, add)
            for tag in remove:
                db.execute("DELETE FROM tags WHERE url = ? AND tag = ?", (url, clean_tag(tag)))
            return _tags_of(db, url)

    @guarded("read the tags")
    def tags_of(self, url: str) -> tuple[str, ...]:
        return _tags_of(self._reader, url)

    @guarded("read the tags")
    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag with how many articles have it, by name (for completion and the views)."""
        rows = self._reader.execute(
            "SELECT tag, count(*) FROM tags GROUP BY tag ORDER BY tag COLLATE NOCASE"
        )
        return [(str(tag), int(count)) for tag, count in rows]

    @guarded("read the reading list")
    def saved_item(self, url: str) -> ListItem | None:
        rows = self._items("s.url = ?", (url,), "s.url", 1, 0)
        return rows[0] if rows else None

    @guarded("read the reading list")
    def reading_list(
        self, view: str = "unread", *, limit: int = 100, offset: int = 0
    ) -> list[ListItem]:
        """A window of the list, newest first: "unread", "archived", "starred", "all", or
        "#tag" (the saved URLs with that tag)."""
        where, params, order = _view(view)
        return self._items(where, params, order, limit, offset)

    @guarded("read the reading list")
    def count_saved(self, view: str = "unread") -> int:
        where, params, _ = _view(view)
        row = self._reader.execute(f"SELECT count(*) FROM saved s WHERE {where}", params)
        return int(row.fetchone()[0])

    @guarded("read the reading list")
    def urls_to_fetch(self, limit: int = -1) -> list[str]:
        """Saved URLs whose page is not cached and has not failed FETCH_ATTEMPTS times, oldest
        saved first (what `tuireader fetch` and `refresh` fetch)."""
        rows = self._reader.execute(
            "SELECT s.url FROM saved s WHERE s.fetch_attempts < ? AND NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.url = s.url) ORDER BY s.saved_at, s.url LIMIT ?",
            (FETCH_ATTEMPTS, limit),
        )
        return [str(url) for (url,) in rows]

    @guarded("save to the reading list", writes=True)
    def set_saved_error(self, url: str, error: str) -> None:
        """Why `url` could not be fetched, counting the attempt; "": it was, counted afresh."""
        with self._transaction() as db:
            db.execute(
                "UPDATE saved SET fetch_error = ?, "
                "fetch_attempts = CASE WHEN ? = '' THEN 0 ELSE fetch_attempts + 1 END "
                "WHERE url = ?",
                (error, error, url),
            )

    @guarded("change the reading list", writes=True)
    def unsave(self, url: str) -> bool:
        """Take `url` off the list (its cached article and tags stay); False if not on it."""
        with self._transaction() as db:
            return db.execute("DELETE FROM saved WHERE url = ?", (url,)).rowcount == 1

    def _items(
        self, where: str, params: tuple[object, ...], order: str, limit: int, offset: int
    ) -> list[ListItem]:
        db = self._reader
        rows = db.execute(
            "SELECT s.url, coalesce(nullif(a.title, ''), s.title), s.state, s.starred, "
            "s.saved_at, s.fetch_error, a.url IS NOT NULL FROM saved s "
            f"LEFT JOIN articles a ON a.url = s.url WHERE {where} "
            f"ORDER BY {order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [
            ListItem(
                url=str(url),
                title=str(title),
                state="archived" if state == "archived" else "unread",
                starred=bool(starred),
                saved_at=str(saved_at),
                fetch_error=str(error),
                cached=bool(cached),
                tags=_tags_of(db, str(url)),
            )
            for url, title, state, starred, saved_at, error, cached in rows
        ]

    @guarded("read the reading list")
    def list_marks(self, urls: Sequence[str]) -> dict[str, Marks]:
        """The state, star and tags of each of `urls` that is saved or tagged, a few hundred URLs
        a query: `cache list` shows them beside thousands of articles."""
        db = self._reader
        found: dict[str, Marks] = {}
        wanted = list(dict.fromkeys(urls))
        for start in range(0, len(wanted), MARKS_A_QUERY):
            chunk = wanted[start : start + MARKS_A_QUERY]
            marks = ",".join("?" * len(chunk))
            for url, state, starred in db.execute(
                f"SELECT url, state, starred FROM saved WHERE url IN ({marks})", chunk
            ):
                found[str(url)] = Marks(str(state), bool(starred))
            tagged = db.execute(
                f"SELECT url, tag FROM tags WHERE url IN ({marks}) ORDER BY tag COLLATE NOCASE",
                chunk,
            )
            for url, tag in tagged:
                mark = found.get(str(url), Marks())
                found[str(url)] = mark._replace(tags=(*mark.tags, str(tag)))
        return found


def _view(view: str) -> tuple[str, tuple[object, ...], str]:
    """The WHERE clause, its parameters and the order of a view of the list."""
    if view.startswith("#"):
        tag = clean_tag(view)
        return "s.url IN (SELECT url FROM tags WHERE tag = ?)", (tag,), "s.saved_at DESC, s.url"
    if view == "archived":
        return "s.state = 'archived'", (), "s.state_at DESC, s.url"
    if view == "starred":
        return "s.starred = 1", (), "s.saved_at DESC, s.url"
    if view == "all":
        return "1", (), "s.saved_at DESC, s.url"
    return "s.state = 'unread'", (), "s.saved_at DESC, s.url"


def _add_tags(db: sqlite3.Connection, url: str, tags: Iterable[str]) -> None:
    for tag in tags:
        if cleaned := clean_tag(tag):
            db.execute("INSERT OR IGNORE INTO tags (url, tag) VALUES (?, ?)", (url, cleaned))


def _tags_of(db: sqlite3.Connection, url: str) -> tuple[str, ...]:
    rows = db.execute("SELECT tag FROM tags WHERE url = ? ORDER BY tag COLLATE NOCASE", (url,))
    return tuple(str(tag) for (tag,) in rows)


MARKS_A_QUERY = 400  # URLs a query of list_marks: well under SQLite's limit on parameters


class Marks(NamedTuple):
    """What the reading list says of an article: state "" when it is not saved."""

    state: str = ""
    starred: bool = False
    tags: tuple[str, ...] = ()
