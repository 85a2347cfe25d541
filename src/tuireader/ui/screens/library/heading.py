"""The line above the library's rows: what they are, how many, and what Enter does."""

from __future__ import annotations

from tuireader.cache import SortKey
from tuireader.reading.views import LibraryOverview
from tuireader.textsafe import clean_line
from tuireader.ui.widgets.feed_views import ARCHIVED, STARRED, UNREAD, feed_of, tag_of

SORT_NAMES: dict[SortKey, str] = {
    "fetched": "newest first",
    "title": "by title",
    "site": "by site",
    "read": "recently read first",
}
ENTRY_KEYS = "Enter reads one, even offline"


def _articles(count: int) -> str:
    return f"{count:,} article{'s' if count != 1 else ''}"


def _feeds(overview: LibraryOverview) -> str:
    count = len(overview.feeds)
    return f"{count} feed{'s' if count != 1 else ''}"


def library_heading(total: int, sort: SortKey, searched: bool, pending: bool, shown: int) -> str:
    """The cached articles: `total` of them (-1 not counted yet), or a search's `shown` hits."""
    if total < 0:
        return "Library"
    if total == 0:
        return "The library is empty: articles you read are kept here. Press o to open a URL."
    if searched and pending:
        return "Searching every article…"
    if searched:
        text = f"Search: {shown} article{'s contain' if shown != 1 else ' contains'} every word."
        return text + " Enter reads one; Escape ends the search."
    plural = "s" if total != 1 else ""
    text = f"Library: {total} cached article{plural}, "
    return text + f"{SORT_NAMES[sort]}. Enter reads one, even offline."


def view_name(view: str, overview: LibraryOverview) -> str:
    """A view as the views list names it."""
    names = {UNREAD: "Unread", STARRED: "Starred", ARCHIVED: "Archive"}
    if view in names:
        return names[view]
    tag = tag_of(view)
    if tag is not None:
        return f"#{clean_line(tag)}"
    feed = next((f for f in overview.feeds if f.id == feed_of(view)), None)
    return clean_line(feed.name) if feed is not None else "Feed"


def narrowed_heading(view: str, total: int, overview: LibraryOverview, query: str) -> str:
    """A view narrowed by what was typed in the filter box (#tags, words)."""
    return (
        f"{view_name(view, overview)}, narrowed to “{clean_line(query.strip())}”: "
        f"{_articles(total)}. {ENTRY_KEYS}; Escape shows them all."
    )


def entries_heading(view: str, total: int, overview: LibraryOverview) -> str:
    """A view: Unread of the list and every feed, Starred, Archive, a tag, or one feed's
    `total` entries."""
    if view == UNREAD:
        return _unread_heading(overview)
    if view == STARRED:
        if not total:
            return "Nothing starred yet: * stars the article under the cursor."
        return f"Starred: {_articles(total)}, newest saved first. {ENTRY_KEYS}."
    if view == ARCHIVED:
        if not total:
            return "Nothing archived yet: a archives the article under the cursor."
        return f"Archive: {_articles(total)}, most recently archived first. {ENTRY_KEYS}."
    if tag_of(view) is not None:
        return f"{view_name(view, overview)}: {_articles(total)}, newest first. {ENTRY_KEYS}."
    feed = next((f for f in overview.feeds if f.id == feed_of(view)), None)
    if feed is None:
        return "Feed"
    text = f"{clean_line(feed.name)}: {feed.unread:,} unread of {_articles(total)}, newest first."
    text += f" {ENTRY_KEYS}."
    if feed.last_error:
        text += f" Its last check failed: {clean_line(feed.last_error)}"
    return text


def _unread_heading(overview: LibraryOverview) -> str:
    feeds = _feeds(overview)
    if not overview.has_list:
        if not overview.unread:
            return f"Nothing unread: every article of your {feeds} is read."
        return f"Unread: {_articles(overview.unread)} from {feeds}, newest first. {ENTRY_KEYS}."
    if not overview.unread:
        text = "Nothing unread: every saved article is archived"
        text += f", every article of your {feeds} read." if overview.feeds else "."
        return text
    saved = overview.list.unread
    parts = [f"{saved:,} saved"] if saved else []
    if overview.unread > saved:
        parts.append(f"{overview.unread - saved:,} from {feeds}")
    return (
        f"Unread: {_articles(overview.unread)} ({' and '.join(parts)}), newest first. {ENTRY_KEYS}."
    )
