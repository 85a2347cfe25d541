"""tuireader's commands in the command palette (ctrl+p), beside Textual's own.

Each is "section: what it does", calling the same action a key would, so the palette and the keys
never disagree. Commands that make no sense on the current screen are left out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen

from tuireader.textsafe import clip_line

if TYPE_CHECKING:
    from tuireader.ui.app import TuiReaderApp

NOTE_LIMIT = 80  # characters of a note shown under its highlight in the palette
# (title, help, action on the reader screen)
READER_COMMANDS = (
    ("reader: Open URL", "Type a URL to read", "open_url"),
    ("reader: Refresh", "Download the article on screen again", "refresh"),
    ("reader: Back", "The previous article, where you left it", "back"),
    ("reader: Forward", "The next article in the history", "forward"),
    ("reader: History", "Every article read this session", "history"),
    ("reader: Read ahead", "Fetch every link of this article into the cache", "read_ahead"),
    ("reader: Copy URL", "The article's address to the clipboard", "copy_url"),
    ("reader: Copy quote", "The paragraph at the top, quoted with its source", "copy_quote"),
    ("reader: Compare copies", "What changed since the earlier copy the cache keeps", "compare"),
    ("reader: Versions", "The copies of this article the cache keeps", "versions"),
    ("view: Find", "Find words in the article", "find"),
    ("view: Contents", "The article's headings", "contents"),
    ("view: Select", "Select a passage to highlight or note, from the top sentence", "select"),
    ("view: Highlights", "The article's highlights and notes", "highlights"),
    ("view: Toggle links", "Show or hide the related links", "toggle_pane('links')"),
    ("view: Toggle sources", "Show or hide where the article came from", "toggle_pane('source')"),
    ("library: Open", "Every cached article", "library"),
)
# (title, help, action) on the reader and the library alike: the article open or highlighted
LIST_COMMANDS = (
    ("list: Archive", "Archive the article (saving it), or put it back in Unread", "archive"),
    ("list: Star", "Star the article (saving it), or unstar it", "star"),
    ("list: Tags", "Add or remove the article's tags (+a -b)", "tags"),
)


def reader_commands(app: TuiReaderApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    from tuireader.ui.screens.library import LibraryScreen
    from tuireader.ui.screens.reader import ReaderScreen

    if isinstance(screen, ReaderScreen):
        for title, help_text, action in READER_COMMANDS:
            yield SystemCommand(title, help_text, _runner(screen, action))
        yield SystemCommand(
            "library: Search", "Search the full text of every cached article", app.search_library
        )
    if isinstance(screen, (ReaderScreen, LibraryScreen)):
        for title, help_text, action in LIST_COMMANDS:
            yield SystemCommand(title, help_text, _runner(screen, action))
    if isinstance(screen, LibraryScreen):
        yield SystemCommand(
            "library: Search", "Search the full text of every cached article", screen.action_search
        )
        yield SystemCommand("library: Sort", "Change the order of the list", screen.action_sort)


def _runner(screen: Screen[Any], action: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await screen.run_action(action)

    return run


class HighlightCommands(Provider):
    """The open article's highlights ("Highlight: <first words>"); choosing one jumps to it.

    The passages and notes are page text and the reader's words: shown as plain text, never
    as markup.
    """

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        from tuireader.ui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return []
        keeper = screen.highlights
        entries: list[tuple[str, str, Callable[[], None]]] = []
        for index, (highlight, place) in enumerate(keeper.found):
            title = f"Highlight: {first_words(highlight.exact)}"
            if place is None:
                help_text = "no longer in the article"
            else:
                help_text = clip_line(highlight.note, NOTE_LIMIT) or "Jump to it in the article"
            entries.append((title, help_text, partial(keeper.jump, index)))
        return entries

    async def discover(self) -> Hits:
        for title, help_text, jump in self._entries():
            yield DiscoveryHit(Content(title), jump, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, jump in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, Content(title), jump, text=title, help=escape(help_text))


def first_words(text: str, words: int = 8, limit: int = 60) -> str:
    """The passage's first words, as one clean line."""
    shown = clip_line(text, limit * 2).split()
    line = " ".join(shown[:words])
    return clip_line(line, limit) + (" …" if len(shown) > words else "")
