"""The library's views for the screens: the reading list and the feeds together.

Reader owns one `LibraryViews` (`reader.views`), which asks the store: the views list's counts
(`overview`), windows of a view's articles, and the reading list's marks (archive, star, tags).
Every method may raise StoreError and is meant for a worker thread: none runs on the UI thread.

Archiving or starring an article that is not saved saves it; read and archived are one fact
(the store keeps a saved URL and its feed entries agreeing). Reading an article to its end marks
its feed entries read, as it always did, and archives it on the list when the settings'
`archive_when_finished` says so, unless it was unarchived by hand this session.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import NamedTuple

from tuireader.cache import ListCounts, ListItem, Store, Subscription, ViewItem
from tuireader.cache.saved import clean_tag
from tuireader.cache.views import UNREAD
from tuireader.reading.subscriptions import Subscriptions
from tuireader.settings import Settings
from tuireader.textsafe import clean_line


class LibraryOverview(NamedTuple):
    """What the views list shows: Unread's count, the reading list's, and every feed's."""

    feeds: tuple[Subscription, ...]  # their unread counts, not their entry totals (left 0)
    unread: int  # Unread: unread saved URLs and feed entries, an article once
    list: ListCounts = ListCounts()

    @property
    def has_list(self) -> bool:
        """Something was saved or tagged: Starred, Archive and the tags are views."""
        return self.list.in_use

    @property
    def has_views(self) -> bool:
        """There is more to show than the cached articles: the views list shows."""
        return bool(self.feeds) or self.has_list


class TagChanges(NamedTuple):
    add: tuple[str, ...]
    remove: tuple[str, ...]


def parse_tag_changes(words: Iterable[str], *, strict: bool = False) -> TagChanges:
    """The tag changes of `tuireader tag` and the tags prompt, a word each: +tag or a bare tag
    adds, -tag removes, a '#' before a name is allowed, and the last change of a tag wins (any
    case: `-a +A` keeps it). A word that names no tag raises ValueError when `strict` (the
    command line), else it is passed over (the prompt)."""
    last: dict[str, tuple[str, str]] = {}  # by the tag as kept, any case: (sign, tag)
    for word in words:
        sign, name = (word[0], word[1:]) if word[:1] in "+-" else ("+", word)
        tag = clean_tag(name)
        if not tag:
            if strict:
                raise ValueError(f"{clean_line(word)!r} names no tag: +TAG adds, -TAG removes")
            continue
        last.pop(tag.casefold(), None)
        last[tag.casefold()] = (sign, tag)
    add = tuple(tag for sign, tag in last.values() if sign == "+")
    return TagChanges(add, tuple(tag for sign, tag in last.values() if sign == "-"))


class LibraryViews:
    """The views of one Reader's store, for the library and the reader screens."""

    def __init__(self, store: Store, feeds: Subscriptions, settings: Settings) -> None:
        self._store = store
        self._feeds = feeds
        self._settings = settings
        self._lock = threading.Lock()
        self._kept_unread: set[str] = set()  # unarchived by hand: reading on keeps them so
        self.last: LibraryOverview | None = None  # the last overview read: None, not asked yet
        self._unread: tuple[int, list[ViewItem]] | None = None  # Unread's first window, and
        # how many read marks the feeds had made when it was read

    @property
    def last_unread(self) -> list[ViewItem] | None:
        """Unread's first window as last read, None when unknown or changed since by a mark."""
        known = self._unread
        if known is None or known[0] != self._feeds.marks:
            return None
        return known[1]

    # Views and lists ------------------------------------------------------------------------

    def overview(self) -> LibraryOverview:
        """Every count the views list shows; waits (briefly) for queued read marks to land."""
        feeds = self._feeds.overview()
        counts = self._store.list_counts()
        unread = self._store.count_view(UNREAD) if counts.saved else feeds.unread
        self.last = LibraryOverview(feeds.feeds, unread, counts)  # the library starts from it
        return self.last

    def items(
        self,
        view: str,
        *,
        tags: Iterable[str] = (),
        words: str = "",
        limit: int,
        offset: int = 0,
    ) -> list[ViewItem]:
        """A window of a view, newest first.

        Unread's first window unnarrowed is kept (`last_unread`): the library's next show draws
        it in its first frame while a worker reads it again; a mark made here forgets it.
        """
        tags = tuple(tags)
        marks = self._feeds.marks
        found = self._store.view_items(view, tags=tags, words=words, limit=limit, offset=offset)
        if view == UNREAD and not tags and not words.strip() and offset == 0:
            self._unread = (marks, found)
        return found

    def count(self, view: str, *, tags: Iterable[str] = (), words: str = "") -> int:
        return self._store.count_view(view, tags=tags, words=words)

    def item(self, url: str) -> ViewItem | None:
        """The article at `url` as the views list it now."""
        return self._store.view_item(url)

    # The reading list's marks ---------------------------------------------------------------

    def set_archived(self, url: str, archived: bool) -> ListItem | None:
        """Archive `url` or put it back in Unread, saving it if it was not; how it is now."""
        self._store.set_state(url, "archived" if archived else "unread")
        self._unread = None
        with self._lock:
            if archived:
                self._kept_unread.discard(url)
            else:
                self._kept_unread.add(url)
        return self._store.saved_item(url)

    def toggle_archived(self, url: str) -> ListItem | None:
        """Archived if it is unread or not saved (then saved), else unread again."""
        item = self._store.saved_item(url)
        return self.set_archived(url, item is None or item.state == "unread")

    def toggle_starred(self, url: str) -> ListItem | None:
        """Starred if it was not (saving it), else unstarred."""
        item = self._store.saved_item(url)
        self._store.set_starred(url, item is None or not item.starred)
        self._unread = None
        return self._store.saved_item(url)

    def tags(self, url: str) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
        """The tags of `url`, and every tag with its count (to complete from)."""
        return self._store.tags_of(url), tuple(self._store.all_tags())

    def retag(self, url: str, changes: TagChanges) -> tuple[str, ...]:
        """Add and remove tags of `url` (saved or not: tagging saves nothing); its tags after."""
        self._unread = None
        return self._store.retag(url, add=changes.add, remove=changes.remove)

    def saved(self, url: str) -> ListItem | None:
        """`url` on the reading list, None when it is not saved."""
        return self._store.saved_item(url)

    def fetch_failed(self, url: str, error: str) -> None:
        """A saved URL's page could not be fetched: keep why (the list shows it)."""
        self._store.set_saved_error(url, error)

    def fetched(self, url: str) -> None:
        """A saved URL's page was fetched after all: its old error goes."""
        self._store.set_saved_error(url, "")

    def read_to_end(self, url: str) -> None:
        """The article at `url` was read to its end (the position writer's thread): its feed
        entries are read; on the reading list, it is archived when the settings say so."""
        with self._lock:
            if url in self._kept_unread:
                return
        self._feeds.read_to_end(url)
        if not self._settings.archive_when_finished or self._feeds.kept_unread(url):
            return
        item = self._store.saved_item(url)
        if item is not None and item.state == "unread":
            self._store.set_state(url, "archived")
            self._unread = None
