"""The library screen and what its workers post (screen.py says how it works)."""

from tuireader.ui.screens.library.listing import LIST_GROUP, PAGE, SEARCH_GROUP
from tuireader.ui.screens.library.messages import (
    EntryMarked,
    FeedMarked,
    Forgotten,
    RowsListed,
    SearchDone,
)
from tuireader.ui.screens.library.row_keys import FEED_BINDINGS, LIST_BINDINGS
from tuireader.ui.screens.library.screen import ASK_FOR_URL, LibraryScreen

__all__ = [
    "ASK_FOR_URL",
    "FEED_BINDINGS",
    "LIST_BINDINGS",
    "LIST_GROUP",
    "PAGE",
    "SEARCH_GROUP",
    "EntryMarked",
    "FeedMarked",
    "Forgotten",
    "LibraryScreen",
    "RowsListed",
    "SearchDone",
]
