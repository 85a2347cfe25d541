"""The cache: one SQLite store of pages, articles, reading state and a full-text index."""

from tuireader.cache.connections import SearchInterrupted, StoreError
from tuireader.cache.feeds import StoredEntry, Subscription
from tuireader.cache.highlights import HighlightEntry, HighlightHit
from tuireader.cache.listing import SortKey
from tuireader.cache.saved import ListItem, SaveCounts, SavedRow
from tuireader.cache.schema import SCHEMA_VERSION
from tuireader.cache.search import HIT_END, HIT_START, fts_query, split_hits
from tuireader.cache.store import Store
from tuireader.cache.views import ListCounts, ViewItem

__all__ = [
    "HIT_END",
    "HIT_START",
    "SCHEMA_VERSION",
    "HighlightEntry",
    "HighlightHit",
    "ListCounts",
    "ListItem",
    "SaveCounts",
    "SavedRow",
    "SearchInterrupted",
    "SortKey",
    "Store",
    "StoreError",
    "StoredEntry",
    "Subscription",
    "ViewItem",
    "fts_query",
    "split_hits",
]
