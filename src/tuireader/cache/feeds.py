"""Feed subscriptions and their entries: the `feeds`, `entries` and `entry_content` tables.

A check of a feed is one transaction (its facts, its new and changed entries): a refresh killed
at any moment loses no check that was committed, and the next refresh does the rest. An entry is
known by its feed and key (GUID); an entry whose GUID changed but whose link did not is the same
entry. The same article in two feeds is one unread item: the later entry points at the first
(`dup_of`) and marking either read marks every entry with that URL. The feed's own content of an
entry is kept compressed apart from the entries, so listing them stays light. A lookup by URL
also says `url != ''`: the URL index leaves out entries without a link, and SQLite uses a partial
index only when the query implies its condition (else each lookup reads every entry).

An entry seen again is compared with what the feed said last time: its updated date when the
feed gives one, else a hash of its title and content. When that changed and its article is
cached, the entry is marked for a refetch (`refetch`), which the next refresh does
conditionally (`articles_to_refetch`, `refetched`). The first sight of an entry is no change.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zlib
from collections.abc import Iterable
from typing import NamedTuple

from tuireader.cache.connections import StoreCore, guarded
from tuireader.cache.saved import sync_read
from tuireader.clock import now_iso
from tuireader.feeds.model import FeedEntry, ParsedFeed

ARTICLE_ATTEMPTS = 3  # refreshes that try an entry's article before it is left to be opened by hand
_BASE = re.compile(r'^<base href="[^"]*">')  # where content_html's links resolve: not its text
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Subscription(NamedTuple):
    """A feed followed, with what its last check found and how many entries it holds."""

    id: int
    url: str
    title: str = ""
    site_url: str = ""
    tags: tuple[str, ...] = ()
    etag: str = ""
    last_modified: str = ""
    ttl_minutes: int | None = None
    skip_hours: frozenset[int] = frozenset()
    skip_days: frozenset[str] = frozenset()
    added_at: str = ""
    last_checked: str = ""  # "" never checked
    last_error: str = ""  # why the last check failed, "" when it worked
    not_before: str = ""  # the server asked us to wait until then (Retry-After)
    entries: int = 0
    unread: int = 0

    @property
    def name(self) -> str:
        return self.title or self.url


class StoredEntry(NamedTuple):
    """An entry as the lists show it: what the feed said, and whether it was read."""

    id: int
    feed_id: int
    url: str
    title: str
    author: str
    published: str  # as the feed said, "" when it did not
    first_seen: str
    summary: str
    read: bool
    feed_title: str = ""
    fetch_error: str = ""  # why its article could not be fetched, "" when it was or is pending

    @property
    def date(self) -> str:
        """When it was published, or first seen when the feed did not say."""
        return self.published or self.first_seen


_SUBSCRIPTION_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.tags, f.etag, f.last_modified, f.ttl_minutes, "
    "f.skip_hours, f.skip_days, f.added_at, f.last_checked, f.last_error, f.not_before"
)
_ENTRY_COLUMNS = (
    "e.id, e.feed_id, e.url, e.title, e.author, e.published, e.first_seen, e.summary, e.read, "
    "f.title, e.fetch_error"
)


def _subscription(row: tuple[object, ...], entries: int = 0, unread: int = 0) -> Subscription:
    try:
        tags = tuple(str(tag) for tag in json.loads(str(row[4])))
    except (ValueError, TypeError):
        tags = ()
    hours = frozenset(int(h) for h in str(row[8]).split(",") if h.isdigit())
    days = frozenset(d for d in str(row[9]).split(",") if d in DAYS)
    ttl = row[7]
    return Subscription(
        id=int(str(row[0])),
        url=str(row[1]),
        title=str(row[2]),
        site_url=str(row[3]),
        tags=tags,
        etag=str(row[5]),
        last_modified=str(row[6]),
        ttl_minutes=int(str(ttl)) if ttl is not None else None,
        skip_hours=hours,
        skip_days=days,
        added_at=str(row[10]),
        last_checked=str(row[11]),
        last_error=str(row[12]),
        not_before=str(row[13]),
        entries=entries,
        unread=unread,
    )


def _entry(row: tuple[object, ...]) -> StoredEntry:
    return StoredEntry(
        id=int(str(row[0])),
        feed_id=int(str(row[1])),
        url=str(row[2]),
        title=str(row[3]),
        author=str(row[4]),
        published=str(row[5]),
        first_seen=str(row[6]),
        summary=str(row[7]),
        read=bool(row[8]),
        feed_title=str(row[9] or ""),
        fetch_error=str(row[10]),
    )


class Feeds(StoreCore):
    """The store's subscriptions and their entries.

    A lookup by an entry's URL says `url != ''` as well: the index on url holds only the entries
    that have one, and SQLite uses it only when the query says so.
    """

    # Subscriptions ------------------------------------------------------------------------------

    @guarded("save the subscription", writes=True)
    def add_feed(
        self, url: str, title: str = "", site_url: str = "", tags: Iterable[str] = ()
    ) -> tuple[Subscription, bool]:
        """Follow `url` (already normalized); (the subscription, whether it is new)."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO feeds (url, title, site_url, tags, added_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO NOTHING",
                (url, title, site_url, json.dumps(list(tags)), now_iso()),
            )
            added = cursor.rowcount == 1
            row = db.execute(
                f"SELECT {_SUBSCRIPTION_COLUMNS} FROM feeds f WHERE f.url = ?", (url,)
            ).fetchone()
        return _subscription(row), added

    @guarded("remove the subscription", writes=True)
    def remove_feed(self, feed_id: int) -> bool:
        """Stop following a feed: its entries go, articles already fetched stay in the cache."""
        with self._transaction() as db:
            _promote_duplicates(db, "feed_id = ?", (feed_id,))
            return db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount == 1

    @guarded("read the subscriptions")
    def feeds(self, *, totals: bool = True) -> list[Subscription]:
        """Every subscription with its entry and unread counts, by title; `totals` False leaves
        the entry counts 0 (the library's views need only the unread, and read them often)."""
        db = self._reader
        counts: dict[int, int] = {}
        if totals:
            counts = dict(db.execute("SELECT feed_id, count(*) FROM entries GROUP BY feed_id"))
        unread = self._unread_counts(db)
        rows = db.execute(
            f"SELECT {_SUBSCRIPTION_COLUMNS} FROM feeds f ORDER BY f.title COLLATE NOCASE, f.url"
        ).fetchall()
        return [_subscription(row, counts.get(row[0], 0), unread.get(row[0], 0)) for row in rows]

    @guarded("read the subscriptions")
    def feed(self, url: str) -> Subscription | None:
        row = self._reader.execute(
            f"SELECT {_SUBSCRIPTION_COLUMNS} FROM feeds f WHERE f.url = ?", (url,)
        ).fetchone()
        return None if row is None else _subscription(row)

    @guarded("read the subscriptions")
    def unread_counts(self) -> dict[int, int]:
        """Unread entries of each feed that has any, by feed id."""
        return self._unread_counts(self._reader)

    @staticmethod
    def _unread_counts(db: sqlite3.Connection) -> dict[int, int]:
        rows = db.execute("SELECT feed_id, count(*) FROM entries WHERE read = 0 GROUP BY feed_id")
        return {int(feed): int(count) for feed, count in rows}

    # A check of a feed ---------------------------------------------------------------------------

    @guarded("save the feed", writes=True)
    def save_check(
        self,
        feed_id: int,
        parsed: ParsedFeed | None = None,
        *,
        etag: str = "",
        last_modified: str = "",
        error: str = "",
        not_before: str = "",
        moved_to: str = "",
    ) -> list[StoredEntry]:
        """Keep what one check of a feed found, in one transaction; the entries new to it.

        `parsed` None: the check found nothing new (a 304, or an `error`); the validators and
        the entries stay as they were, unless new ones are given. `moved_to`: the feed moved
        there for good (permanent redirects), so it is checked there from now on, unless
        another subscription follows that address already.
        """
        now = now_iso()
        with self._transaction() as db:
            if moved_to:
                db.execute(
                    "UPDATE feeds SET url = ? WHERE id = ? "
                    "AND NOT EXISTS (SELECT 1 FROM feeds WHERE url = ?)",
                    (moved_to, feed_id, moved_to),
                )
            if parsed is None:
                db.execute(
                    "UPDATE feeds SET last_checked = ?, last_error = ?, not_before = ?, "
                    "etag = coalesce(nullif(?, ''), etag), "
                    "last_modified = coalesce(nullif(?, ''), last_modified) WHERE id = ?",
                    (now, error, not_before, etag, last_modified, feed_id),
                )
                return []
            db.execute(
                "UPDATE feeds SET last_checked = ?, last_error = ?, not_before = ?, etag = ?, "
                "last_modified = ?, title = coalesce(nullif(?, ''), title), "
                "site_url = coalesce(nullif(?, ''), site_url), ttl_minutes = ?, "
                "skip_hours = ?, skip_days = ? WHERE id = ?",
                (
                    now,
                    error,
                    not_before,
                    etag,
                    last_modified,
                    parsed.title,
                    parsed.site_url,
                    parsed.ttl_minutes,
                    ",".join(str(h) for h in sorted(parsed.skip_hours)),
                    ",".join(d for d in DAYS if d in parsed.skip_days),
                    feed_id,
                ),
            )
            new_ids = [
                new_id
                for entry in parsed.entries
                if (new_id := self._keep_entry(db, feed_id, entry, now)) is not None
            ]
            if not new_ids:
                return []
            marks = ",".join("?" * len(new_ids))
            rows = db.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM entries e JOIN feeds f ON f.id = e.feed_id "
                f"WHERE e.id IN ({marks}) ORDER BY e.id",
                new_ids,
            ).fetchall()
        return [_entry(row) for row in rows]

    @staticmethod
    def _keep_entry(db: sqlite3.Connection, feed_id: int, entry: FeedEntry, now: str) -> int | None:
        """Insert `entry` or update the one it is; its id when it is new, else None."""
        row = db.execute(
            "SELECT id, url, updated, content_hash FROM entries WHERE feed_id = ? AND key = ?",
            (feed_id, entry.key),
        ).fetchone()
        if row is None and entry.url:  # the same link under a new GUID: the same entry
            row = db.execute(
                "SELECT id, url, updated, content_hash FROM entries INDEXED BY entries_url "
                "WHERE feed_id = ? AND url = ? AND url != ''",
                (feed_id, entry.url),
            ).fetchone()
        digest = _content_digest(entry)
        if row is not None:
            entry_id, url, updated, old_digest = int(row[0]), str(row[1]), str(row[2]), str(row[3])
            refetch = _changed(entry, digest, updated, old_digest) and _cached(db, url)
            db.execute(
                "UPDATE entries SET key = ?, title = ?, author = ?, summary = ?, seen_at = ?, "
                "published = coalesce(nullif(?, ''), published), updated = ?, content_hash = ?, "
                "refetch = CASE WHEN ? THEN 1 ELSE refetch END, "
                "fetch_attempts = CASE WHEN ? THEN 0 ELSE fetch_attempts END WHERE id = ?",
                (
                    entry.key,
                    entry.title,
                    entry.author,
                    entry.summary,
                    now,
                    entry.published,
                    entry.updated,
                    digest,
                    refetch,
                    refetch,
                    entry_id,
                ),
            )
            _keep_content(db, entry_id, entry.content_html)
            return None
        first = None
        read = 0
        if entry.url:  # the same article in another feed: one unread item, one read state
            first = db.execute(
                "SELECT id, read FROM entries WHERE url = ? AND url != '' AND dup_of IS NULL "
                "LIMIT 1",
                (entry.url,),
            ).fetchone()
            if first is not None:
                read = int(first[1])
        cursor = db.execute(
            "INSERT INTO entries (feed_id, key, url, title, author, published, first_seen, "
            "seen_at, sort_at, summary, read, dup_of, updated, content_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                feed_id,
                entry.key,
                entry.url,
                entry.title,
                entry.author,
                entry.published,
                now,
                now,
                entry.published or now,
                entry.summary,
                read,
                None if first is None else first[0],
                entry.updated,
                digest,
            ),
        )
        entry_id = int(cursor.lastrowid or 0)
        _keep_content(db, entry_id, entry.content_html)
        return entry_id

    # Entries ------------------------------------------------------------------------------------

    @guarded("read the feed entries")
    def entries(
        self,
        feed_id: int | None = None,
        *,
        unread_only: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> list[StoredEntry]:
        """A window of entries, newest first: one feed's, or every feed's (an article that is
        in several feeds once)."""
        where, params = [], []
        if feed_id is not None:
            where.append("e.feed_id = ?")
            params.append(feed_id)
        else:
            where.append("e.dup_of IS NULL")
        if unread_only:
            where.append("e.read = 0")
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM entries e JOIN feeds f ON f.id = e.feed_id "
            f"WHERE {' AND '.join(where)} ORDER BY e.sort_at DESC, e.id DESC LIMIT ? OFFSET ?"
        )
        rows = self._reader.execute(sql, (*params, limit, offset)).fetchall()
        return [_entry(row) for row in rows]

    @guarded("read the feed entries")
    def count_entries(self, feed_id: int | None = None, *, unread_only: bool = False) -> int:
        where = ["e.feed_id = ?" if feed_id is not None else "e.dup_of IS NULL"]
        if unread_only:
            where.append("e.read = 0")
        params = () if feed_id is None else (feed_id,)
        # Every unread article: the index that holds exactly those (the planner, with no
        # statistics, would go through the unread of each feed and look each one up).
        index = "INDEXED BY entries_unread" if feed_id is None and unread_only else ""
        row = self._reader.execute(
            f"SELECT count(*) FROM entries e {index} WHERE {' AND '.join(where)}", params
        ).fetchone()
        return int(row[0])

    @guarded("read the feed entries")
    def entry_for(self, url: str) -> StoredEntry | None:
        """The first entry that links to `url`, if a feed does."""
        row = self._reader.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e JOIN feeds f ON f.id = e.feed_id "
            "WHERE e.url = ? AND e.url != '' ORDER BY e.dup_of IS NOT NULL, e.id LIMIT 1",
            (url,),
        ).fetchone()
        return None if row is None else _entry(row)

    @guarded("read the feed entries")
    def entry(self, entry_id: int) -> StoredEntry | None:
        """The entry `entry_id`, as it is now (its read state may have changed since listed)."""
        row = self._reader.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e JOIN feeds f ON f.id = e.feed_id "
            "WHERE e.id = ?",
            (entry_id,),
        ).fetchone()
        return None if row is None else _entry(row)

    @guarded("read the feed entries")
    def entry_content(self, entry_id: int) -> str:
        """The feed's own content of an entry (HTML), "" when it gave none."""
        row = self._reader.execute(
            "SELECT html FROM entry_content WHERE entry_id = ?", (entry_id,)
        ).fetchone()
        if row is None:
            return ""
        try:
            return zlib.decompress(row[0]).decode("utf-8", "replace")
        except zlib.error:
            return ""

    @guarded("read the feed entries")
    def articles_to_fetch(self, per_feed: int) -> list[StoredEntry]:
        """What a refresh fetches: among the `per_feed` newest entries of each feed that link
        to an article, the unread ones whose article is not cached and has not failed
        ARTICLE_ATTEMPTS times (a server down for a while gets another chance); newest first,
        each URL once.

        Ranked among all of a feed's linked entries, not only the unread ones, so reading an
        entry never pulls an older one in: old entries are fetched when opened, not by a refresh.
        """
        if per_feed <= 0:
            return []
        rows = self._reader.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM (SELECT *, row_number() OVER "
            "(PARTITION BY feed_id ORDER BY sort_at DESC, id DESC) AS rank "
            "FROM entries WHERE url != '') e JOIN feeds f ON f.id = e.feed_id "
            "WHERE e.rank <= ? AND e.read = 0 AND e.fetch_attempts < ? "
            "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.url = e.url) "
            "ORDER BY e.sort_at DESC, e.id DESC",
            (per_feed, ARTICLE_ATTEMPTS),
        ).fetchall()
        return _each_url_once(rows)

    @guarded("read the feed entries")
    def articles_to_refetch(self, per_feed: int) -> list[StoredEntry]:
        """What a refresh fetches again: among the `per_feed` newest linked entries of each feed
        (as `articles_to_fetch` ranks them), read or not, those a feed changed since their
        article was cached, whose article is still cached and whose refetch has not failed
        ARTICLE_ATTEMPTS times; newest first, each URL once."""
        if per_feed <= 0:
            return []
        rows = self._reader.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM (SELECT *, row_number() OVER "
            "(PARTITION BY feed_id ORDER BY sort_at DESC, id DESC) AS rank "
            "FROM entries WHERE url != '' AND feed_id IN "
            "(SELECT feed_id FROM entries INDEXED BY entries_refetch WHERE refetch = 1)) e "
            "JOIN feeds f ON f.id = e.feed_id "
            "WHERE e.rank <= ? AND e.refetch = 1 AND e.fetch_attempts < ? "
            "AND EXISTS (SELECT 1 FROM articles a WHERE a.url = e.url) "
            "ORDER BY e.sort_at DESC, e.id DESC",
            (per_feed, ARTICLE_ATTEMPTS),
        ).fetchall()
        return _each_url_once(rows)

    @guarded("save the feed entries", writes=True)
    def refetched(self, url: str, *, failed: bool = False) -> None:
        """The article `url` was fetched again for the entries linking to it: done, or `failed`
        (counted: it is tried again by the next refreshes, ARTICLE_ATTEMPTS times in all)."""
        with self._transaction() as db:
            if failed:
                db.execute(
                    "UPDATE entries SET fetch_attempts = fetch_attempts + 1 "
                    "WHERE url = ? AND url != '' AND refetch = 1",
                    (url,),
                )
            else:
                db.execute(
                    "UPDATE entries SET refetch = 0, fetch_attempts = 0 "
                    "WHERE url = ? AND url != '' AND refetch = 1",
                    (url,),
                )

    @guarded("mark the entry", writes=True)
    def mark_entry(self, entry_id: int, read: bool = True) -> None:
        """Mark an entry read or unread, and every other entry with its URL."""
        with self._transaction() as db:
            row = db.execute("SELECT url FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                return
            stamp = now_iso() if read else ""
            if row[0]:  # every entry with its URL, and the URL on the reading list
                sync_read(db, [row[0]], read, stamp)
            else:
                db.execute(
                    "UPDATE entries SET read = ?, read_at = ? WHERE id = ?",
                    (int(read), stamp, entry_id),
                )

    @guarded("mark the entry", writes=True)
    def mark_url_read(self, url: str) -> int:
        """Every entry linking to `url` is read (its article was read to the end); how many."""
        with self._transaction() as db:
            unread = db.execute(
                "SELECT count(*) FROM entries WHERE url = ? AND url != '' AND read = 0", (url,)
            ).fetchone()[0]
            sync_read(db, [url], True, now_iso())  # and archived on the reading list
        return int(unread)

    @guarded("mark the feed read", writes=True)
    def mark_feed_read(self, feed_id: int) -> int:
        """Every entry of a feed is read (and the same articles in other feeds); how many."""
        with self._transaction() as db:
            stamp = now_iso()
            changed = db.execute(
                "UPDATE entries SET read = 1, read_at = ? WHERE feed_id = ? AND read = 0",
                (stamp, feed_id),
            ).rowcount
            urls = db.execute(
                "SELECT DISTINCT url FROM entries WHERE feed_id = ? AND url != ''", (feed_id,)
            ).fetchall()
            sync_read(db, [str(url) for (url,) in urls], True, stamp)  # other feeds, the list
        return changed

    @guarded("save the feed entries", writes=True)
    def set_fetch_error(self, url: str, error: str) -> None:
        """Why the article of the entries linking to `url` could not be fetched, counting the
        attempt; "": it was, and the count starts again."""
        with self._transaction() as db:
            db.execute(
                "UPDATE entries SET fetch_error = ?, "
                "fetch_attempts = CASE WHEN ? = '' THEN 0 ELSE fetch_attempts + 1 END "
                "WHERE url = ? AND url != ''",
                (error, error, url),
            )

    @guarded("forget old feed entries", writes=True)
    def forget_read_entries(self, before: str) -> int:
        """Drop entries read before `before` (ISO time) that no check has seen in the feed since
        then either (one still in the feed would come back as new); how many."""
        where = "read = 1 AND read_at != '' AND read_at < ? AND seen_at < ?"
        with self._transaction() as db:
            _promote_duplicates(db, where, (before, before))
            return db.execute(f"DELETE FROM entries WHERE {where}", (before, before)).rowcount


def _each_url_once(rows: list[tuple[object, ...]]) -> list[StoredEntry]:
    """The entries of `rows` in order, the first of each URL only: one article, one fetch."""
    seen: set[str] = set()
    found = []
    for row in rows:
        entry = _entry(row)
        if entry.url not in seen:
            seen.add(entry.url)
            found.append(entry)
    return found


def _promote_duplicates(db: sqlite3.Connection, going: str, params: tuple[object, ...]) -> None:
    """Before the entries matching `going` are deleted: the first remaining duplicate of each
    becomes the one the lists show, and the others point at it."""
    rows = db.execute(
        f"SELECT id, url FROM entries WHERE dup_of IN (SELECT id FROM entries WHERE {going}) "
        f"AND NOT ({going}) ORDER BY id",
        (*params, *params),
    ).fetchall()
    first: dict[str, int] = {}
    for entry_id, url in rows:
        db.execute("UPDATE entries SET dup_of = ? WHERE id = ?", (first.get(url), entry_id))
        first.setdefault(url, entry_id)


def _content_digest(entry: FeedEntry) -> str:
    """What the feed says of an entry, as a short hash: its title and content (the `<base>` that
    leads the content names the feed's address, which may move without the text changing)."""
    text = f"{entry.title}\n{_BASE.sub('', entry.content_html)}"
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def _changed(entry: FeedEntry, digest: str, updated: str, old_digest: str) -> bool:
    """Whether an entry seen again changed since last time: its updated date when the feed gives
    one, else its content. Nothing to compare with (a store from before these were kept) is
    no change."""
    if entry.updated:
        return bool(updated) and entry.updated != updated
    return bool(old_digest) and digest != old_digest


def _cached(db: sqlite3.Connection, url: str) -> bool:
    return (
        bool(url)
        and db.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None
    )


def _keep_content(db: sqlite3.Connection, entry_id: int, html: str) -> None:
    if html:
        data = zlib.compress(html.encode("utf-8", "replace"), 6)
        db.execute("INSERT OR REPLACE INTO entry_content VALUES (?, ?)", (entry_id, data))
