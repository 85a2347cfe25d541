"""The line above the library's rows: what they are, how many, and what Enter does."""

from __future__ import annotations

from tuireader.cache import SortKey
from tuireader.reading.subscriptions import Overview
from tuireader.textsafe import clean_line
from tuireader.ui.widgets.feed_views import UNREAD, feed_of

SORT_NAMES: dict[SortKey, str] = {
    "fetched": "newest first",
    "title": "by title",
    "site": "by site",
    "read": "recently read first",
}
ENTRY_KEYS = "Enter reads one, even offline"


def _articles(count: int) -> str:
    return f"{count:,} article{'s' if count != 1 else ''}"


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


def entries_heading(view: str, total: int, overview: Overview) -> str:
    """An entry view: Unread of every feed, or one feed's `total` entries."""
    count = len(overview.feeds)
    feeds = f"{count} feed{'s' if count != 1 else ''}"
    if view == UNREAD:
        if not overview.unread:
            return f"Nothing unread: every article of your {feeds} is read."
        return f"Unread: {_articles(overview.unread)} from {feeds}, newest first. {ENTRY_KEYS}."
    feed = next((f for f in overview.feeds if f.id == feed_of(view)), None)
    if feed is None:
        return "Feed"
    text = f"{clean_line(feed.name)}: {feed.unread:,} unread of {_articles(total)}, newest first."
    text += f" {ENTRY_KEYS}."
    if feed.last_error:
        text += f" Its last check failed: {clean_line(feed.last_error)}"
    return text
