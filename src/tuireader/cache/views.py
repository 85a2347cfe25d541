"""The library's views of articles from every source: Unread, Starred, Archive, a tag, a feed.

Unread holds the unread saved URLs and the unread feed entries, one row an article: a URL both
saved and in a feed is its saved row (its state is the list's, which `sync_read` keeps equal to
its entries'), an article in two feeds its first entry. A tag's view holds every article with
the tag: saved, in a feed, or only cached. A view narrowed by tags keeps the articles that have
them all, by words those whose title, site or URL contains them.

A window is read in two steps: which rows it holds (the views' parts merged newest first, each
read in the order of an index, so the first window costs the same however many rows there
are), then what those rows say.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from tuireader.cache.connections import StoreCore, guarded
from tuireader.cache.feeds import _ENTRY_COLUMNS, StoredEntry, _entry
from tuireader.cache.saved import clean_tag

UNREAD, STARRED, ARCHIVED = "unread", "starred", "archived"
FEED_PREFIX, TAG_PREFIX = "feed:", "#"
SAVED, ENTRY, OTHER = 0, 1, 2  # what a row is: a saved URL, a feed entry, another tagged URL


class ViewItem(NamedTuple):
    """An article as a view lists it: a saved URL, a feed entry, or both, or a tagged article."""

    url: str  # "" for a feed entry that links to no page
    title: str
    site: str  # the feed's title for an entry, else the article's site ("" unknown)
    date: str  # ISO 8601: when it was saved, else when the feed published it
    unread: bool
    saved: bool  # on the reading list
    starred: bool
    cached: bool  # the cache holds its page: it reads offline
    fetch_error: str  # why its page could not be fetched, "" when it was or was not tried
    tags: tuple[str, ...] = ()
    entry: StoredEntry | None = None  # the feed entry it is, if a feed links to it

    @property
    def key(self) -> str:
        """What names its row: its URL, or the entry's id for an entry without one."""
        return self.url or str(self.entry.id if self.entry is not None else "")


class ListCounts(NamedTuple):
    """The reading list in numbers, for the views list."""

    saved: int = 0
    unread: int = 0  # saved and unread
    starred: int = 0
    archived: int = 0
    tags: tuple[tuple[str, int], ...] = ()  # every tag with its articles, by name

    @property
    def in_use(self) -> bool:
        """Something was saved or tagged: the reading list's views are worth showing."""
        return bool(self.saved or self.tags)


def feed_of(view: str | None) -> int | None:
    """The feed a view shows alone, None for any other view."""
    if view is None or not view.startswith(FEED_PREFIX):
        return None
    number = view[len(FEED_PREFIX) :]
    return int(number) if number.isdigit() else None


def tag_of(view: str | None) -> str | None:
    """The tag a view shows, None for any other view."""
    if view is None or not view.startswith(TAG_PREFIX):
        return None
    return clean_tag(view) or None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_HAS_TAG = "{url} IN (SELECT url FROM tags WHERE tag = ?)"
_NOT_SAVED = "NOT EXISTS (SELECT 1 FROM saved x WHERE x.url = e.url)"
_ARTICLE_LIKE = (
    "EXISTS (SELECT 1 FROM articles a WHERE a.url = {url} AND "
    "(a.title LIKE ? ESCAPE '\\' OR a.site_name LIKE ? ESCAPE '\\'))"
)


class _Arm(NamedTuple):
    """One part of a view: a SELECT of (kind, id, date) and its parameters."""

    sql: str
    params: tuple[object, ...]


def _saved_arm(where: str, date: str, tags: Sequence[str], words: str) -> _Arm:
    conditions, params = [where], list[object]()
    for tag in tags:
        conditions.append(_HAS_TAG.format(url="s.url"))
        params.append(tag)
    if words:
        like = _like(words)
        conditions.append(
            "(s.title LIKE ? ESCAPE '\\' OR s.url LIKE ? ESCAPE '\\' OR "
            + _ARTICLE_LIKE.format(url="s.url")
            + ")"
        )
        params += [like] * 4
    return _Arm(
        f"SELECT {SAVED} AS kind, s.rowid AS id, {date} AS at FROM saved s "
        f"WHERE {' AND '.join(conditions)}",
        tuple(params),
    )


def _entry_arm(where: str, tags: Sequence[str], words: str, index: str = "") -> _Arm:
    conditions, params = [where], list[object]()
    for tag in tags:
        conditions.append(_HAS_TAG.format(url="e.url"))
        params.append(tag)
    if words:
        like = _like(words)
        conditions.append(
            "(e.title LIKE ? ESCAPE '\\' OR e.url LIKE ? ESCAPE '\\' OR e.feed_id IN "
            "(SELECT id FROM feeds WHERE title LIKE ? ESCAPE '\\'))"
        )
        params += [like] * 3
    return _Arm(
        f"SELECT {ENTRY} AS kind, e.id AS id, e.sort_at AS at FROM entries e {index} "
        f"WHERE {' AND '.join(conditions)}",
        tuple(params),
    )


def _other_arm(tag: str, tags: Sequence[str], words: str) -> _Arm:
    """Tagged URLs neither saved nor in a feed: cached articles, or URLs tagged from the shell."""
    conditions = [
        "t.tag = ?",
        "NOT EXISTS (SELECT 1 FROM saved x WHERE x.url = t.url)",
        "NOT EXISTS (SELECT 1 FROM entries y WHERE y.url = t.url AND y.url != '')",
    ]
    params: list[object] = [tag]
    for other in tags:
        conditions.append(_HAS_TAG.format(url="t.url"))
        params.append(other)
    if words:
        like = _like(words)
        conditions.append("(t.url LIKE ? ESCAPE '\\' OR " + _ARTICLE_LIKE.format(url="t.url") + ")")
        params += [like] * 3
    return _Arm(
        f"SELECT {OTHER} AS kind, t.url AS id, "
        "coalesce((SELECT a.fetched_at FROM articles a WHERE a.url = t.url), '') AS at "
        f"FROM tags t WHERE {' AND '.join(conditions)}",
        tuple(params),
    )


def _arms(view: str, tags: Iterable[str], words: str) -> list[_Arm]:
    """The parts of `view` narrowed by `tags` and `words`, each a SELECT of (kind, id, date)."""
    tags = [cleaned for tag in tags if (cleaned := clean_tag(tag))]
    words = words.strip()
    if view == UNREAD:
        unread_entries = "e.read = 0 AND e.dup_of IS NULL AND " + _NOT_SAVED
        # A tag's few URLs lead to their entries; else the unread, newest first, lead.
        index = "INDEXED BY entries_url" if tags else "INDEXED BY entries_unread"
        if tags:
            unread_entries += " AND e.url != ''"
        return [
            _saved_arm("s.state = 'unread'", "s.saved_at", tags, words),
            _entry_arm(unread_entries, tags, words, index),
        ]
    if view == STARRED:
        return [_saved_arm("s.starred = 1", "s.saved_at", tags, words)]
    if view == ARCHIVED:
        return [_saved_arm("s.state = 'archived'", "s.state_at", tags, words)]
    feed = feed_of(view)
    if feed is not None:
        return [_entry_arm(f"e.feed_id = {feed}", tags, words)]
    tag = tag_of(view)
    if tag is not None:
        return [
            _saved_arm("1", "s.saved_at", [tag, *tags], words),
            _entry_arm(
                "e.url != '' AND e.dup_of IS NULL AND " + _NOT_SAVED,
                [tag, *tags],
                words,
            ),
            _other_arm(tag, tags, words),
        ]
    raise ValueError(f"no view named {view!r}")


class Views(StoreCore):
    """The store's views of articles from the reading list and the feeds together."""

    @guarded("read the library's views")
    def view_items(
        self,
        view: str,
        *,
        tags: Iterable[str] = (),
        words: str = "",
        limit: int = 80,
        offset: int = 0,
    ) -> list[ViewItem]:
        """A window of `view` ("unread", "starred", "archived", "#tag", "feed:N"), newest
        first (Archive: most recently archived first), narrowed by `tags` and `words`."""
        arms = _arms(view, tags, words)
        sql = " UNION ALL ".join(arm.sql for arm in arms)
        params = tuple(p for arm in arms for p in arm.params)
        rows = self._reader.execute(
            f"{sql} ORDER BY at DESC, kind, id DESC LIMIT ? OFFSET ?", (*params, limit, offset)
        ).fetchall()
        return _details(self._reader, [(int(kind), key) for kind, key, _ in rows])

    @guarded("read the library's views")
    def count_view(self, view: str, *, tags: Iterable[str] = (), words: str = "") -> int:
        """How many articles `view` holds, narrowed as `view_items` narrows it."""
        tags = list(tags)
        if view == UNREAD and not tags and not words.strip():
            return self._count_unread()
        arms = _arms(view, tags, words)
        total = 0
        for arm in arms:
            total += int(
                self._reader.execute(f"SELECT count(*) FROM ({arm.sql})", arm.params).fetchone()[0]
            )
        return total

    def _count_unread(self) -> int:
        """Unread saved URLs, and unread entries less those whose URL is saved: counted from
        the indexes of each (a test of every unread entry against the list reads every row)."""
        db = self._reader
        saved = db.execute("SELECT count(*) FROM saved WHERE state = 'unread'").fetchone()[0]
        entries = db.execute(
            "SELECT count(*) FROM entries INDEXED BY entries_unread "
            "WHERE read = 0 AND dup_of IS NULL"
        ).fetchone()[0]
        both = db.execute(
            "SELECT count(*) FROM saved s CROSS JOIN entries e INDEXED BY entries_url "
            "ON e.url = s.url WHERE e.url != '' AND e.read = 0 AND e.dup_of IS NULL"
        ).fetchone()[0]
        return int(saved) + int(entries) - int(both)

    @guarded("read the reading list")
    def list_counts(self) -> ListCounts:
        """What the views list shows of the reading list: its counts, and every tag's."""
        db = self._reader
        saved, unread, starred, archived = db.execute(
            "SELECT count(*), coalesce(sum(state = 'unread'), 0), coalesce(sum(starred), 0), "
            "coalesce(sum(state = 'archived'), 0) FROM saved"
        ).fetchone()
        tags = db.execute(
            "SELECT tag, count(*) FROM tags GROUP BY tag ORDER BY tag COLLATE NOCASE"
        ).fetchall()
        return ListCounts(
            int(saved),
            int(unread),
            int(starred),
            int(archived),
            tuple((str(tag), int(count)) for tag, count in tags),
        )

    @guarded("read the library's views")
    def view_item(self, url: str) -> ViewItem | None:
        """The article at `url` as a view would list it now (None: not saved, tagged or in a
        feed, nor cached)."""
        db = self._reader
        row = db.execute("SELECT rowid FROM saved WHERE url = ?", (url,)).fetchone()
        if row is not None:
            return _details(db, [(SAVED, row[0])])[0]
        row = db.execute(
            "SELECT id FROM entries WHERE url = ? AND url != '' "
            "ORDER BY dup_of IS NOT NULL, id LIMIT 1",
            (url,),
        ).fetchone()
        if row is not None:
            return _details(db, [(ENTRY, row[0])])[0]
        known = db.execute(
            "SELECT 1 FROM tags WHERE url = ? UNION ALL SELECT 1 FROM articles WHERE url = ?",
            (url, url),
        ).fetchone()
        return None if known is None else _details(db, [(OTHER, url)])[0]


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


class _Saved(NamedTuple):
    url: str
    title: str
    state: str
    starred: bool
    saved_at: str
    fetch_error: str


_SAVED_COLUMNS = "url, title, state, starred, saved_at, fetch_error"


def _saved(fields: Sequence[object]) -> _Saved:
    url, title, state, starred, saved_at, error = fields
    return _Saved(str(url), str(title), str(state), bool(starred), str(saved_at), str(error))


class _Facts(NamedTuple):
    """What a window's rows say, read for those rows only."""

    articles: dict[str, tuple[str, str, str]]  # url: title, site, fetched at
    cached: set[str]  # the URLs whose page is cached (asked-for or final URLs)
    tags: dict[str, list[str]]

    def article(self, url: str) -> tuple[str, str, str]:
        return self.articles.get(url, ("", "", ""))


def _facts(db: sqlite3.Connection, urls: list[str]) -> _Facts:
    facts = _Facts({}, set(), {})
    if not urls:
        return facts
    marks = _marks(urls)
    for url, title, site, fetched in db.execute(
        f"SELECT url, title, site_name, fetched_at FROM articles WHERE url IN ({marks})", urls
    ):
        facts.articles[str(url)] = (str(title), str(site), str(fetched))
    facts.cached.update(
        str(url)
        for (url,) in db.execute(
            f"SELECT url FROM pages WHERE url IN ({marks}) "
            f"UNION SELECT final_url FROM pages WHERE final_url IN ({marks})",
            (*urls, *urls),
        )
    )
    for url, tag in db.execute(
        f"SELECT url, tag FROM tags WHERE url IN ({marks}) ORDER BY tag COLLATE NOCASE", urls
    ):
        facts.tags.setdefault(str(url), []).append(str(tag))
    return facts


def _details(db: sqlite3.Connection, keys: list[tuple[int, object]]) -> list[ViewItem]:
    """What each row of a window says, in the window's order: a few queries for the window."""
    saved_ids = [key for kind, key in keys if kind == SAVED]
    entry_ids = [key for kind, key in keys if kind == ENTRY]
    saved_by_id: dict[object, _Saved] = {}
    if saved_ids:
        for rowid, *fields in db.execute(
            f"SELECT rowid, {_SAVED_COLUMNS} FROM saved WHERE rowid IN ({_marks(saved_ids)})",
            saved_ids,
        ):
            saved_by_id[rowid] = _saved(fields)
    entries: dict[object, StoredEntry] = {}
    if entry_ids:
        for row in db.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e JOIN feeds f ON f.id = e.feed_id "
            f"WHERE e.id IN ({_marks(entry_ids)})",
            entry_ids,
        ):
            entries[row[0]] = _entry(row)
    saved_urls = [s.url for s in saved_by_id.values()]
    first_entry = _first_entries(db, saved_urls)
    # An entry of a feed's view may be saved too: its star and state are the list's.
    entry_urls = [e.url for e in entries.values() if e.url]
    on_list = {s.url: s for s in saved_by_id.values()}
    if missing := [url for url in entry_urls if url not in on_list]:
        for fields in db.execute(
            f"SELECT {_SAVED_COLUMNS} FROM saved WHERE url IN ({_marks(missing)})", missing
        ):
            on_list[str(fields[0])] = _saved(fields)
    others = [str(key) for kind, key in keys if kind == OTHER]
    facts = _facts(db, list(dict.fromkeys([*saved_urls, *entry_urls, *others])))
    items = []
    for kind, key in keys:
        if kind == SAVED and key in saved_by_id:
            saved = saved_by_id[key]
            items.append(_saved_item(saved, first_entry.get(saved.url), facts))
        elif kind == ENTRY and key in entries:
            entry = entries[key]
            items.append(_entry_item(entry, on_list.get(entry.url) if entry.url else None, facts))
        elif kind == OTHER:
            items.append(_other_item(str(key), facts))
    return items


def _saved_item(saved: _Saved, entry: StoredEntry | None, facts: _Facts) -> ViewItem:
    title, site, _ = facts.article(saved.url)
    return ViewItem(
        url=saved.url,
        title=title or saved.title or (entry.title if entry else ""),
        site=site or (entry.feed_title if entry else ""),
        date=saved.saved_at,
        unread=saved.state == "unread",
        saved=True,
        starred=saved.starred,
        cached=saved.url in facts.cached,
        fetch_error=saved.fetch_error or (entry.fetch_error if entry else ""),
        tags=tuple(facts.tags.get(saved.url, ())),
        entry=entry,
    )


def _entry_item(entry: StoredEntry, saved: _Saved | None, facts: _Facts) -> ViewItem:
    return ViewItem(
        url=entry.url,
        title=entry.title or facts.article(entry.url)[0],
        site=entry.feed_title,
        date=entry.date,
        unread=not entry.read,
        saved=saved is not None,
        starred=saved is not None and saved.starred,
        cached=bool(entry.url) and entry.url in facts.cached,
        fetch_error=entry.fetch_error,
        tags=tuple(facts.tags.get(entry.url, ())) if entry.url else (),
        entry=entry,
    )


def _other_item(url: str, facts: _Facts) -> ViewItem:
    title, site, fetched = facts.article(url)
    return ViewItem(
        url=url,
        title=title,
        site=site,
        date=fetched,
        unread=False,
        saved=False,
        starred=False,
        cached=url in facts.cached,
        fetch_error="",
        tags=tuple(facts.tags.get(url, ())),
    )


def _first_entries(db: sqlite3.Connection, urls: list[str]) -> dict[str, StoredEntry]:
    """The first feed entry linking to each of `urls` (the one the lists show), if any."""
    found: dict[str, StoredEntry] = {}
    if not urls:
        return found
    for row in db.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entries e JOIN feeds f ON f.id = e.feed_id "
        f"WHERE e.url IN ({_marks(urls)}) AND e.url != '' ORDER BY e.dup_of IS NOT NULL, e.id",
        urls,
    ):
        entry = _entry(row)
        found.setdefault(entry.url, entry)
    return found
