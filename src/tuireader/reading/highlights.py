"""Highlights and notes as the screens and the command line ask for them (`Reader.highlights`).

The store keeps them by URL (cache/highlights.py); here they are made from a passage of the body
on screen (body.quotes), and found again in the article as it is now.
"""

from __future__ import annotations

from tuireader.body.quotes import Quote
from tuireader.cache import Store
from tuireader.models import Highlight


class HighlightBook:
    """An article's highlights: made, noted, removed and listed."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def of(self, url: str) -> list[Highlight]:
        """The highlights of `url`, in the order they were made. Raises StoreError."""
        return self.store.highlights(url)

    def add(self, url: str, quote: Quote, note: str = "") -> Highlight:
        """Keep a highlight of `quote` in the article `url`, with `note`. Raises StoreError."""
        return self.store.add_highlight(Highlight(0, url, *quote, note=note))

    def set_note(self, highlight_id: int, note: str) -> bool:
        return self.store.set_note(highlight_id, note)

    def remove(self, highlight_id: int) -> bool:
        return self.store.remove_highlight(highlight_id)
