"""Earlier copies of an article as the screens and the command line ask for them
(`Reader.versions`): listed, opened offline, compared.

The store keeps a copy when a refetch changes the article's text (cache/versions.py).
"""

from __future__ import annotations

from tuireader.cache import Store
from tuireader.models import CacheState, Reading, Version


class VersionShelf:
    """The earlier copies of articles."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def of(self, url: str) -> list[Version]:
        """The earlier copies of `url`, oldest first. Raises StoreError."""
        return self.store.versions(url)

    def open(self, url: str, number: int) -> Reading | None:
        """Copy `number` of `url` as a Reading (offline); None when the store has no such copy.

        Raises StoreError.
        """
        article = self.store.version_article(url, number)
        found = self.store.load(url)
        if article is None or found is None:
            return None
        info = found[0]
        versions = self.store.versions(url)
        kept = next((v for v in versions if v.number == number), None)
        if kept is not None:
            info = info._replace(fetched_at=kept.fetched_at)
        previous = versions[-1] if versions else None  # the newest earlier copy: how many there are
        return Reading(article, info, CacheState.CACHED, previous=previous, version=number)
