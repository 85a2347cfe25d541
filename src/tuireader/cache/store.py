"""The on-disk store: one SQLite file holding every fetched page and the article extracted from it.

Only the store writes to disk. Each write is one transaction (WAL), so a crash loses at most the
write in flight, and two processes can write at once (SQLite's lock, waited on for up to
`BUSY_TIMEOUT`; the UI thread waits `QUICK_TIMEOUT` at most). Pages are zlib-compressed; articles
are JSON so opening one never re-extracts. A store that is corrupt or from a newer tuireader is
moved aside under a name of its own, never overwritten. A store that cannot be written (a full
disk, a read-only directory) is still read; every SQLite failure leaves a public method as a
one-line StoreError.

`Store` is its parts put together, one module each, every part a `StoreCore`:

- `connections.py` (`StoreCore`): opening, the connections, transactions, StoreError;
- `opening.py`: the file itself: migrations, the read-only fallback, moving a damaged one aside;
- `articles.py` (`Articles`): pages and articles, saved and read;
- `positions.py` (`Positions`): how far each article was read;
- `pictures.py` (`Pictures`): the pictures of articles, as they came;
- `versions.py` (`Versions`): earlier copies of articles, kept when a refetch changed them;
- `highlights.py` (`Highlights`): highlights and notes, kept by URL;
- `listing.py` (`Listing`): the library's rows and the full-text search;
- `space.py` (`Space`): sizes, removal and eviction;
- `feeds.py` (`Feeds`): feed subscriptions and their entries;
- `saved.py` (`ReadingList`): the reading list's saved URLs and states, and tags;
- `views.py` (`Views`): the library's views of both: Unread, Starred, Archive, a tag, a feed;
- here: `meta`, the store's own settings (which samples were imported).

A new kind of record (feed subscriptions, reading-list states and tags) gets its tables in
`schema.py` (a new SCHEMA_VERSION and its migration), its methods in a part of its own beside
these, and that part among Store's bases below.
"""

from __future__ import annotations

from pathlib import Path

from tuireader.cache.articles import Articles
from tuireader.cache.connections import guarded
from tuireader.cache.feeds import Feeds
from tuireader.cache.highlights import Highlights
from tuireader.cache.listing import Listing
from tuireader.cache.pictures import Pictures
from tuireader.cache.positions import Positions
from tuireader.cache.saved import ReadingList
from tuireader.cache.space import Space
from tuireader.cache.versions import Versions
from tuireader.cache.views import Views
from tuireader.paths import store_path


class Store(
    Articles,
    Positions,
    Pictures,
    Versions,
    Highlights,
    Listing,
    Space,
    Feeds,
    ReadingList,
    Views,
):
    """The cache of pages and articles, keyed by the normalized URL that was asked for."""

    @classmethod
    def in_directory(cls, directory: Path) -> Store:
        return cls(store_path(directory))

    @guarded("read the cache")
    def get_meta(self, key: str) -> str | None:
        row = self._reader.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @guarded("save to the cache", writes=True)
    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


__all__ = ["Store"]
