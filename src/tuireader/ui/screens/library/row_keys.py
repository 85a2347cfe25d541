"""The library's keys that act on the highlighted row: delete, read marks, archive, star, tags,
a feed read, refresh; and the answers their workers post. A base class of LibraryScreen."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.binding import Binding

from tuireader.cache import StoreError, ViewItem
from tuireader.textsafe import clean_line
from tuireader.ui.list_marks import ListMarks, list_bindings
from tuireader.ui.messages import RefreshRequested
from tuireader.ui.screens.library.listing import LibraryListing
from tuireader.ui.screens.library.messages import EntryMarked, FeedMarked, Forgotten
from tuireader.ui.widgets.feed_views import feed_of

# Shown (footer, help) only when the store follows feeds; the help lists them on their own.
FEED_BINDINGS = [
    Binding("tab,shift+tab", "switch_pane", "Views/list", id="library.switch_pane"),
    Binding("m", "toggle_read", "Read/unread", id="library.toggle_read"),
    Binding("M", "mark_feed_read", "Feed read", id="library.mark_feed_read"),
    Binding("R", "refresh_feeds", "Refresh feeds", id="library.refresh_feeds"),
]
FEED_ACTIONS = frozenset({"mark_feed_read", "refresh_feeds"})
# The reading list's keys work on every row; the footer shows them once the list is in use.
LIST_BINDINGS = list_bindings("library")
LIST_ACTIONS = frozenset(b.action for b in LIST_BINDINGS)


class RowKeys(LibraryListing):
    """Acts on the row under the cursor; the marks' parts (`Marks`, `ListMarks`) do the work."""

    def action_delete(self) -> None:
        from tuireader.ui.dialogs.confirm import ConfirmDialog

        table = self.table
        if not table.rows:
            return
        row = table.cursor
        url = table.rows[row].key
        title = "".join(text for text, _ in table.rows[row].lines[0][0])

        def answered(yes: bool | None) -> None:
            if yes:
                self._forget_in_background(url, row, title)

        self.app.push_screen(ConfirmDialog(f"Delete “{title}” from the cache?"), answered)

    @work(thread=True, exit_on_error=False)
    def _forget_in_background(self, url: str, row: int, title: str) -> None:
        try:
            self.post_message(Forgotten(row, title, self.reader.forget(url)))
        except StoreError as exc:
            self.post_message(Forgotten(row, title, False, clean_line(str(exc))))

    @on(Forgotten)
    def _forgotten(self, message: Forgotten) -> None:
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)
        elif message.removed:
            self._cursor_after = message.row
            self.reload()
            self.notify(f"Deleted {message.title}", timeout=3, markup=False)

    # Read marks and refreshing -------------------------------------------------------------------

    def action_toggle_read(self) -> None:
        """m: the highlighted article read (a saved one archived), or unread again."""
        if self._listed and self.table.cursor < len(self._listed):
            self.marks.toggle(self._listed[self.table.cursor])

    @on(EntryMarked)
    def _entry_marked(self, message: EntryMarked) -> None:
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)
            return
        self._replace_items(message.key, lambda item: _read(item, message.read))
        if message.overview is not None and self.view is not None:
            self._show_views(message.overview, self.view)
            self._update_heading()

    def _replace_items(self, key: str, change: Callable[[ViewItem], ViewItem]) -> None:
        """Draw anew the rows of the article `key` (its marks changed): it stays listed."""
        if not self.entry_view:
            return  # the rows are cached articles or search hits, which show no marks
        for index, item in enumerate(self._listed):
            if item.key == key and index < self.table.row_count:
                self._listed[index] = changed = change(item)
                self.table.replace_row(index, self._item_row(changed))

    # The reading list: archive, star, tags -------------------------------------------------------

    def _highlighted(self) -> tuple[str, str] | None:
        """The URL and title of the row under the cursor, if any."""
        table = self.table
        if not table.rows:
            return None
        if self.entry_view:
            if table.cursor >= len(self._listed):
                return None
            item = self._listed[table.cursor]
            return item.url, item.title
        row = table.rows[table.cursor]
        return row.key, "".join(text for text, _ in row.lines[0][0])

    def action_archive(self) -> None:
        """a: the highlighted article archived (saved if it was not), or back in Unread."""
        if (found := self._highlighted()) is not None:
            self.list_marks.archive(*found)

    def action_star(self) -> None:
        """*: the highlighted article starred (saved if it was not), or unstarred."""
        if (found := self._highlighted()) is not None:
            self.list_marks.star(*found)

    def action_tags(self) -> None:
        """+: the highlighted article's tags, in a prompt that completes the tags in use."""
        if (found := self._highlighted()) is not None:
            self.list_marks.ask_tags(*found)

    @on(ListMarks.TagsRead)
    def _tags_read(self, message: ListMarks.TagsRead) -> None:
        self.list_marks.tags_read(message)

    @on(ListMarks.Changed)
    def _list_changed(self, message: ListMarks.Changed) -> None:
        self.list_marks.changed(message)
        if message.problem:
            return
        saved, tags = message.saved, message.tags

        def change(item: ViewItem) -> ViewItem:
            if saved is not None:
                item = _read(item, saved.state == "archived")._replace(
                    saved=True, starred=saved.starred
                )
            return item if tags is None else item._replace(tags=tags)

        self._replace_items(message.url, change)
        if message.overview is not None and self.view is not None:
            self._show_views(message.overview, self.view)
            self._update_heading()

    def action_mark_feed_read(self) -> None:
        """M: every entry of a feed read: the one highlighted in the views, else the one shown,
        else the highlighted entry's."""
        feed = feed_of(self.views.view) if self.views.has_focus else None
        feed = feed if feed is not None else feed_of(self.view)
        if feed is None and self.entry_view and self._listed:
            entry = self._listed[min(self.table.cursor, len(self._listed) - 1)].entry
            feed = entry.feed_id if entry is not None else None
        chosen = next((f for f in self.overview.feeds if f.id == feed), None)
        if chosen is None:
            self.notify("M marks a feed read: choose one in the views (Tab).", markup=False)
            return
        self.marks.mark_feed(chosen.id, clean_line(chosen.name), chosen.unread)

    @on(FeedMarked)
    def _feed_marked(self, message: FeedMarked) -> None:
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)
            return
        noun = "article" if message.count == 1 else "articles"
        self.notify(f"Marked {message.count:,} {noun} of {message.name} read.", markup=False)
        self._cursor_after = self.table.cursor
        self.reload()

    def action_refresh_feeds(self) -> None:
        """R: refresh every feed; the app runs it, and says when it is running already."""
        self.post_message(RefreshRequested())

    def feeds_refreshed(self) -> None:
        """New entries may be in the store: list them (where the cursor is), if shown now."""
        if self.is_current and not self.searching and self.size.width:
            if self.entry_view:
                self._cursor_after = self.table.cursor
            self.reload()


def _read(item: ViewItem, read: bool) -> ViewItem:
    """`item` read or unread (its feed entry too: read and archived are one fact)."""
    entry = item.entry._replace(read=read) if item.entry is not None else None
    return item._replace(unread=not read, entry=entry)
