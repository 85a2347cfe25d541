"""Which view the library lists: the one asked for while it exists, else Unread or All articles,
and what the filter box asks for (#tags and words)."""

from __future__ import annotations

from tuireader.cache import ViewItem
from tuireader.reading.views import LibraryOverview
from tuireader.ui.widgets.feed_views import ALL, ARCHIVED, STARRED, UNREAD, feed_of, tag_of

Choice = str | ViewItem | None  # what the library dismisses with


def split_query(text: str) -> tuple[tuple[str, ...], str]:
    """What the filter box holds: its #tags, and the other words."""
    tags = tuple(word[1:] for word in text.split() if word.startswith("#") and len(word) > 1)
    words = " ".join(word for word in text.split() if not word.startswith("#"))
    return tags, words


def default_view(overview: LibraryOverview) -> str:
    """Unread when anything is unread (or feeds are followed), else All articles."""
    return UNREAD if overview.feeds or overview.unread else ALL


def settled_view(asked: str | None, overview: LibraryOverview) -> str:
    """The view to list: the one asked for while it exists, else the default."""
    if not overview.has_views:
        return ALL
    if asked is None:
        return default_view(overview)
    feed, tag = feed_of(asked), tag_of(asked)
    if feed is not None and all(f.id != feed for f in overview.feeds):
        return default_view(overview)  # the feed was removed meanwhile
    if tag is not None and all(t.casefold() != tag.casefold() for t, _ in overview.list.tags):
        return default_view(overview)  # its last article lost the tag
    if asked in (STARRED, ARCHIVED) and not overview.has_list:
        return default_view(overview)
    return asked
