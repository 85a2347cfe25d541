"""What a refresh tells its caller: a snapshot as it goes, and a summary at the end.

Plain records, apart from the refresh itself, so the command line and the app can show them
without loading the fetcher or the parser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, NamedTuple

Phase = Literal["feeds", "articles", "changes"]


class FeedOutcome(NamedTuple):
    """How one feed's check ended."""

    kind: Literal["updated", "unchanged", "failed"]
    new: int = 0  # entries new to the store
    error: str = ""  # why it failed
    title: str = ""  # the feed's title as just read, "" when it was not read


class RefreshProgress(NamedTuple):
    """Where a refresh stands; a new one whenever a feed or an article starts or ends.

    `phase` "feeds" counts feeds checked, "articles" new articles fetched, "changes" cached
    articles fetched again because their feed changed them. `finished` names the feed (its
    title, else URL) or the article URL whose end this snapshot reports, with its `outcome`
    ("updated", "unchanged", "failed" for a feed; "fetched" or "failed" for a new article;
    "changed", "unchanged" or "failed" for one fetched again).
    """

    phase: Phase
    done: int
    total: int
    failed: int
    current: tuple[str, ...] = ()
    finished: str = ""
    outcome: str = ""
    new_entries: int = 0
    error: str = ""


ProgressCallback = Callable[[RefreshProgress], None]


class RefreshSummary(NamedTuple):
    """What a run did. `feeds` counts every feed followed, `checked` those that were due."""

    feeds: int
    checked: int
    unchanged: int
    updated: int
    new_entries: int
    feeds_failed: tuple[tuple[str, str], ...]  # (feed title or URL, one-line reason)
    articles_fetched: int = 0  # new entries whose article is now in the cache
    articles_failed: tuple[tuple[str, str], ...] = ()  # (article URL, one-line reason)
    cancelled: bool = False
    forgotten: int = 0  # read entries older than keep_read, dropped
    store_error: str = ""  # the store failed to keep something: the run did not finish its job
    saved_fetched: int = 0  # reading-list articles not cached before, now in the cache
    saved_failed: tuple[tuple[str, str], ...] = ()  # (URL, one-line reason), kept on the list
    articles_changed: int = 0  # cached articles fetched again whose text changed (a copy kept)

    @property
    def not_due(self) -> int:
        return self.feeds - self.checked

    @property
    def nothing_refreshed(self) -> bool:
        """Every feed that was checked failed: nothing could be refreshed."""
        return self.checked > 0 and len(self.feeds_failed) == self.checked

    def line(self) -> str:
        """'42 feeds: 37 unchanged, 5 updated, 18 new articles fetched, 2 articles changed,
        1 article failed, 0 feeds failed' (the articles changed when there were any, and the
        feeds not due yet, the saved articles fetched when there were any, or what a cancel
        left unchecked)."""
        changed = f"{_count(self.articles_changed, 'article')} changed, "
        text = (
            f"{_count(self.feeds, 'feed')}: {self.unchanged} unchanged, {self.updated} updated, "
            f"{_count(self.articles_fetched, 'new article')} fetched, "
            f"{changed if self.articles_changed else ''}"
            f"{_count(len(self.articles_failed), 'article')} failed, "
            f"{_count(len(self.feeds_failed), 'feed')} failed"
        )
        unchecked = self.checked - self.unchanged - self.updated - len(self.feeds_failed)
        if self.not_due:
            text += f", {self.not_due} not due yet"
        if self.saved_fetched or self.saved_failed:
            text += (
                f"; {_count(self.saved_fetched, 'saved article')} fetched, "
                f"{len(self.saved_failed)} failed"
            )
        if unchecked:
            text += f"; stopped with {unchecked} not checked"
        elif self.cancelled:
            text += "; stopped"
        return text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
