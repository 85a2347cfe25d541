"""The library: every cached article, and with feeds or a reading list, the views of them.

Rows come from the store a window at a time (`PAGE` rows, more as the cursor nears the end), so
the first rows show at once however large the library is. Typing a letter filters by title, site
and author; `/` searches the full text of every article (SQLite FTS5) and shows snippets with the
matched words highlighted. Enter reads the article under the cursor from the cache.

When the store follows feeds or holds a reading list (URLs saved or tagged), a list of views
stands at the left (`FeedViews`): Unread (the unread saved URLs and feed entries together, an
article once), Starred, Archive, All articles (the cached articles), each tag, each feed. The
library opens on Unread when anything is unread. A view lists its articles, unread and starred
marked, with their tags and whether each reads offline; Enter reads one (from the cache; a saved
URL not fetched yet is fetched, a feed entry falls back to the feed's own content), `m` marks it
read or unread (a saved URL: archived or not), `M` marks a whole feed read. `a`, `*` and `+`
archive, star and tag the article under the cursor in every view (`ui/list_marks.py`). In a
view, `#` starts the filter: `#news` keeps the articles tagged news, other words those whose
title, site or URL has them; in All articles typing filters as always, `#news` there too.
`/` searches every cached article.

The screen is three layers, each a base class of the next: `LibraryListing` (listing.py) reads
the rows in thread workers, latest query wins; `RowKeys` (row_keys.py) acts on the highlighted
row; `LibraryScreen` composes, routes the keys and the query box. Every store read, deletes and
marks too, runs in a thread worker, so the screen never waits on SQLite.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from tuireader.cache import SortKey
from tuireader.ui.screens.library.heading import SORT_NAMES
from tuireader.ui.screens.library.listing import FILTER_HINT
from tuireader.ui.screens.library.row_keys import (
    FEED_ACTIONS,
    FEED_BINDINGS,
    LIST_ACTIONS,
    LIST_BINDINGS,
    RowKeys,
)
from tuireader.ui.widgets.article_list import ArticleList
from tuireader.ui.widgets.feed_views import ALL, FeedViews
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.key_footer import KeyFooter

ASK_FOR_URL = "tuireader:ask-for-url"  # dismissed with this: the reader should prompt for a URL
SORTS: tuple[SortKey, ...] = ("fetched", "title", "site", "read")


class LibraryScreen(RowKeys):
    """Dismisses with the URL to read, a feed entry to read, ASK_FOR_URL, or None to go back."""

    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="library.close"),
        Binding("slash", "search", "Search text", id="library.search"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("d", "delete", "Delete", id="library.delete"),
        Binding("o", "ask_for_url", "Open URL", id="library.open_url"),
        *FEED_BINDINGS[:2],
        *LIST_BINDINGS,  # before the feed keys the footer drops first when short of room
        *FEED_BINDINGS[2:],
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="library-heading")
        yield Input(
            placeholder=FILTER_HINT,
            id="library-query",
            select_on_focus=False,  # focused by the first typed letter, which must stay
        )
        with Horizontal(id="library-body"):
            yield ArticleList(id="library-table")
            yield FeedViews(id="library-views")  # docked at the left, shown with feeds
        yield FetchStatus(id="library-status")  # a refresh of the feeds, while it runs
        yield KeyFooter()

    @property
    def footer_hidden(self) -> frozenset[str]:
        """Actions the footer leaves out now (KeyFooter): the list's keys until it is in use."""
        return frozenset() if self.overview.has_list else LIST_ACTIONS

    def on_mount(self) -> None:
        self.table.focus()
        self.watch(self.table, "scroll_y", self._scrolled, init=False)
        if self.has_views and self.view is not None:
            self.views.show(self.overview, self.view)  # drawn once laid out; counts soon
            self._set_placeholder()

    def on_screen_resume(self) -> None:
        """Shown (again): the library may have changed since, so start from a fresh query.

        An entry view keeps its place: the next entry is where the one just read was.
        """
        box = self.query_one("#library-query", Input)
        box.value = ""
        box.remove_class("-search")
        self.searching = False
        if not self.views.has_focus:  # back from a question asked in the views: stay there
            self.table.focus()
        if self.entry_view:
            self._cursor_after = self.table.cursor
        if self.size.width:
            self.reload()

    def on_screen_suspend(self) -> None:
        self._cancel_search()
        self._cancel_listing()

    def on_unmount(self) -> None:
        self._cancel_search()  # the app waits for worker threads when it exits
        self._cancel_listing()

    def on_resize(self) -> None:
        """Build the table once the width is known, and again when it changes."""
        if self.size.width != self._built_for and not self.searching:
            self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Feed keys only with feeds; m on a view's articles; sort and delete on cached
        articles; Tab between the views and the rows when the views show."""
        if action in FEED_ACTIONS:
            return self.has_feeds
        if action == "switch_pane":
            return self.has_views
        if action == "toggle_read":
            return self.entry_view
        if action == "sort":
            return self.view in (None, ALL)
        if action == "delete":
            return not self.entry_view
        return True

    # The views ---------------------------------------------------------------------------------

    @on(FeedViews.Chosen)
    def _view_chosen(self, message: FeedViews.Chosen) -> None:
        if message.view == self.view and not self.searching:
            return
        self.view = message.view
        box = self.query_one("#library-query", Input)
        self.searching = False
        box.remove_class("-search")
        self._set_placeholder()
        with box.prevent(Input.Changed):
            box.value = ""  # a filter or search belongs to the view it was typed in
        self.reload()

    @on(FeedViews.Entered)
    def _view_entered(self) -> None:
        self.table.focus()

    def action_switch_pane(self) -> None:
        """Tab: from the views to the rows and back."""
        if self.views.has_focus:
            self.table.focus()
        else:
            self.views.focus()

    # The query box -----------------------------------------------------------------------------

    @on(Input.Changed, "#library-query")
    def _query_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#library-query")
    def _query_submitted(self) -> None:
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        """A printable key that is not a binding starts filtering, as in a file picker."""
        box = self.query_one("#library-query", Input)
        if box.has_focus:
            if event.key in ("down", "escape"):
                event.stop()
                if event.key == "escape":
                    self._end_query()
                self.table.focus()
            return
        if self.entry_view and event.character != "#" and not box.value:
            return  # a view is narrowed by #tags (then words too): / searches the cached articles
        if event.is_printable and event.character and not self._is_binding(event.key):
            event.stop()
            box.value += event.character
            box.cursor_position = len(box.value)
            box.focus()

    def _is_binding(self, key: str) -> bool:
        """Bound anywhere that is active now: the list, this screen or the app (q, ?)."""
        return key in self.active_bindings

    def _end_query(self) -> None:
        box = self.query_one("#library-query", Input)
        self.searching = False
        box.remove_class("-search")
        self._set_placeholder()
        if box.value:
            box.value = ""  # Input.Changed reloads
        else:
            self.reload()

    # Actions -----------------------------------------------------------------------------------

    @on(ArticleList.Selected)
    def _chosen(self, event: ArticleList.Selected) -> None:
        if not self.entry_view:
            self.dismiss(event.key)
            return
        for item in self._listed:
            if item.key == event.key:
                self.dismiss(item)
                return

    def action_close(self) -> None:
        if self.query_text or self.searching:
            self._end_query()
        else:
            self.dismiss(None)

    def action_search(self) -> None:
        box = self.query_one("#library-query", Input)
        self.searching = True
        box.add_class("-search")
        box.placeholder = "Search the full text of every cached article"
        box.focus()
        self.reload()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.searching = False
        self.reload()
        self.notify(f"Sorted {SORT_NAMES[self.sort]}.", timeout=2, markup=False)

    def action_ask_for_url(self) -> None:
        self.dismiss(ASK_FOR_URL)
