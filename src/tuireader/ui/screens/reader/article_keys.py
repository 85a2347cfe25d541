"""The reader screen's keys that act on the open article: read (a feed entry), archive, star,
tags, and the browser and the clipboard.

A base class of ReaderScreen: the keys' actions and the messages of the marks' two parts
(`FeedMarks`, feed_marks.py, and the reading list's `ListMarks`, ui/list_marks.py) are handled
here, and the screen itself composes and routes the rest.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding

from tuireader.models import Reading
from tuireader.reading.reader import Reader
from tuireader.ui.list_marks import ListMarks, list_bindings
from tuireader.ui.messages import RefreshRequested
from tuireader.ui.screens.reader import article_actions
from tuireader.ui.screens.reader.feed_marks import FeedMarks
from tuireader.ui.screens.reader.panes import PanedScreen
from tuireader.urls import is_followable

# Shown (footer) only on a feed entry; the help lists them with the library's feed keys.
FEED_BINDINGS = [
    Binding("m", "toggle_read", "Read/unread", id="reader.toggle_read"),
    Binding("R", "refresh_feeds", "Refresh feeds", show=False, id="reader.refresh_feeds"),
]
# The reading list's keys work on any page; the footer shows them once the list is in use.
LIST_BINDINGS = list_bindings("reader")
LIST_ACTIONS = frozenset(b.action for b in LIST_BINDINGS)


class ArticleKeys(PanedScreen):
    """Acts on the article `reading` shows: marks through `feed_marks` and `list_marks`."""

    reader: Reader
    feed_marks: FeedMarks
    list_marks: ListMarks

    @property
    def reading(self) -> Reading | None:
        raise NotImplementedError

    # Feed entries ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        reading = self.reading
        if action == "toggle_read":
            marks = self.feed_marks
            known = marks.entry is not None or marks.saved
            return known and reading is not None and reading.url == marks.url
        if action == "refresh_feeds":
            return bool(self.reader.feeds.has_feeds)
        if action in LIST_ACTIONS:
            return reading is not None and is_followable(reading.url)
        return super().check_action(action, parameters)

    @property
    def footer_hidden(self) -> frozenset[str]:
        """Actions the footer leaves out now (KeyFooter): the list's keys until it is in use."""
        known = self.reader.views.last
        return frozenset() if known is not None and known.has_list else LIST_ACTIONS

    def action_refresh_feeds(self) -> None:
        self.post_message(RefreshRequested())

    def action_toggle_read(self) -> None:
        """m: the open article's feed entry read, or unread again; on the reading list,
        archived or back in Unread (read and archived are one fact)."""
        reading = self.reading
        if reading is None:
            return
        if self.feed_marks.saved and reading.url == self.feed_marks.url:
            self.list_marks.archive(reading.url, reading.article.title)
        else:
            self.feed_marks.toggle(reading)

    # The reading list ----------------------------------------------------------------------------

    def action_archive(self) -> None:
        """a: the open article archived (saved if it was not), or back in Unread."""
        if (reading := self.reading) is not None:
            self.list_marks.archive(reading.url, reading.article.title)

    def action_star(self) -> None:
        """*: the open article starred (saved if it was not), or unstarred."""
        if (reading := self.reading) is not None:
            self.list_marks.star(reading.url, reading.article.title)

    def action_tags(self) -> None:
        """+: the open article's tags, in a prompt that completes the tags in use."""
        if (reading := self.reading) is not None:
            self.list_marks.ask_tags(reading.url, reading.article.title)

    @on(ListMarks.TagsRead)
    def _tags_read(self, message: ListMarks.TagsRead) -> None:
        self.list_marks.tags_read(message)

    @on(ListMarks.Changed)
    def _list_changed(self, message: ListMarks.Changed) -> None:
        self.list_marks.changed(message)
        if not message.problem:
            self.feed_marks.list_changed(message.url, message.saved)
            self.refresh_bindings()  # the list may be in use now: its keys in the footer

    @on(FeedMarks.Found)
    def _feed_entry_found(self, message: FeedMarks.Found) -> None:
        self.feed_marks.found(message)

    @on(FeedMarks.Toggled)
    def _feed_entry_toggled(self, message: FeedMarks.Toggled) -> None:
        self.feed_marks.toggled(message)

    # The browser and the clipboard ---------------------------------------------------------------

    def action_open_in_browser(self) -> None:
        article_actions.open_in_browser(self, self.reading)

    def action_copy_url(self) -> None:
        article_actions.copy_url(self, self.reading)

    def action_copy_quote(self) -> None:
        article_actions.copy_quote(self, self.reading)
