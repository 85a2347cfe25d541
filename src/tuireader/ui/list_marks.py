"""The reading list's keys, in the library and the reader: archive, star, tags.

`a` archives an article or puts it back in Unread, `*` stars or unstars it (either saves an
article that was not saved), `+` asks for its tags (`TagsDialog`, completing the tags in use)
and changes them as "+a -b c" says. Each change is written in a thread worker through
`Reader.views`, which then reads the views' counts again; the screen gets `Changed` and shows
it. The tags are read in a worker too, and the prompt opens once they are in (`TagsRead`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.message import Message

from tuireader.cache import StoreError
from tuireader.reading.views import parse_tag_changes
from tuireader.textsafe import clean_line, clip_line
from tuireader.urls import is_followable

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.cache import ListItem
    from tuireader.reading.reader import Reader
    from tuireader.reading.views import LibraryOverview

GROUP = "list-marks"
TITLE_LIMIT = 60
NOT_SAVEABLE = "This entry links to no page: only pages can be saved to the reading list."


def quoted(title: str, url: str) -> str:
    return f"“{clip_line(title or url, TITLE_LIMIT)}”"


def list_bindings(screen: str) -> list[Binding]:
    """The reading list's keys (a, *, +) on `screen` ("library" or "reader"), each with its id
    there; the footer shows them once the list is in use."""
    return [
        Binding("a", "archive", "Archive", id=f"{screen}.archive"),
        Binding("asterisk", "star", "Star", key_display="*", id=f"{screen}.star"),
        Binding("plus", "tags", "Tags", key_display="+", id=f"{screen}.tags"),
    ]


class ListMarks:
    """Archive, star and tags for the articles of one screen."""

    class Changed(Message, bubble=False):
        """The article at `url` is now `saved` with `tags` (None: not read again), the views'
        counts `overview` after; `said` is what to tell, or `problem` why it failed."""

        def __init__(
            self,
            url: str,
            saved: ListItem | None,
            tags: tuple[str, ...] | None,
            overview: LibraryOverview | None,
            said: str,
            problem: str = "",
        ) -> None:
            super().__init__()
            self.url = url
            self.saved = saved
            self.tags = tags
            self.overview = overview
            self.said = said
            self.problem = problem

    class TagsRead(Message, bubble=False):
        """The tags of `url`, and every tag in use with its count: the prompt can open."""

        def __init__(
            self,
            url: str,
            title: str,
            current: tuple[str, ...],
            known: tuple[tuple[str, int], ...],
            problem: str = "",
        ) -> None:
            super().__init__()
            self.url = url
            self.title = title
            self.current = current
            self.known = known
            self.problem = problem

    def __init__(self, screen: Screen[Any], reader: Reader) -> None:
        self._screen = screen
        self._reader = reader

    def _saveable(self, url: str) -> bool:
        if is_followable(url):
            return True
        self._screen.notify(NOT_SAVEABLE, severity="warning", markup=False)
        return False

    def archive(self, url: str, title: str) -> None:
        """Archived if unread or not saved (then saved), else back in Unread."""
        if not self._saveable(url):
            return
        views = self._reader.views

        def change() -> tuple[ListItem | None, str]:
            saved = views.toggle_archived(url)
            if saved is not None and saved.state == "archived":
                return saved, f"Archived {quoted(title, url)}."
            return saved, f"Back in Unread: {quoted(title, url)}."

        self._run(url, change)

    def star(self, url: str, title: str) -> None:
        """Starred if it was not (saved if it was not), else unstarred."""
        if not self._saveable(url):
            return
        views = self._reader.views

        def change() -> tuple[ListItem | None, str]:
            saved = views.toggle_starred(url)
            starred = saved is not None and saved.starred
            return saved, f"{'Starred' if starred else 'Unstarred'} {quoted(title, url)}."

        self._run(url, change)

    def _run(self, url: str, change: Any) -> None:
        screen, views = self._screen, self._reader.views

        def work() -> None:
            try:
                saved, said = change()
            except StoreError as exc:
                screen.post_message(self.Changed(url, None, None, None, "", clean_line(str(exc))))
                return
            tags = saved.tags if saved is not None else None
            try:
                overview = views.overview()
            except StoreError:
                overview = None  # changed; the counts are read again with the next rows
            screen.post_message(self.Changed(url, saved, tags, overview, said))

        screen.run_worker(work, thread=True, exit_on_error=False, group=GROUP)

    def ask_tags(self, url: str, title: str) -> None:
        """Read the tags of `url` and those in use; then the prompt opens (`tags_read`)."""
        if not self._saveable(url):
            return
        screen, views = self._screen, self._reader.views

        def read() -> None:
            try:
                current, known = views.tags(url)
            except StoreError as exc:
                screen.post_message(self.TagsRead(url, title, (), (), clean_line(str(exc))))
                return
            screen.post_message(self.TagsRead(url, title, current, known))

        screen.run_worker(read, thread=True, exit_on_error=False, group=GROUP)

    def tags_read(self, message: TagsRead) -> None:
        """The prompt, with the tags just read; what is typed there changes them."""
        from tuireader.ui.dialogs.tags import TagsDialog

        if message.problem:
            self._screen.notify(message.problem, severity="error", markup=False)
            return
        url, title = message.url, message.title

        def answered(text: str | None) -> None:
            changes = parse_tag_changes((text or "").split())
            if changes.add or changes.remove:
                self._retag(url, title, text or "")

        dialog = TagsDialog(title or url, message.current, message.known)
        self._screen.app.push_screen(dialog, answered)

    def _retag(self, url: str, title: str, text: str) -> None:
        screen, views = self._screen, self._reader.views
        changes = parse_tag_changes(text.split())

        def work() -> None:
            try:
                tags = views.retag(url, changes)
                saved = views.saved(url)
            except StoreError as exc:
                screen.post_message(self.Changed(url, None, None, None, "", clean_line(str(exc))))
                return
            shown = " ".join(f"#{tag}" for tag in tags)
            said = (
                f"Tags of {quoted(title, url)}: {clean_line(shown)}."
                if tags
                else f"{quoted(title, url)} has no tags now."
            )
            try:
                overview = views.overview()
            except StoreError:
                overview = None
            screen.post_message(self.Changed(url, saved, tags, overview, said))

        screen.run_worker(work, thread=True, exit_on_error=False, group=GROUP)

    def changed(self, message: Changed) -> None:
        """Say what changed, or why it could not."""
        if message.problem:
            self._screen.notify(message.problem, severity="error", markup=False)
        else:
            self._screen.notify(message.said, timeout=3, markup=False)
