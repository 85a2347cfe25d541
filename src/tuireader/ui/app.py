"""The Textual application: owns the store and the reader, and starts on the reader screen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tuireader.reading.session import open_session
from tuireader.settings import Settings, config_path, save_setting
from tuireader.ui import startup_gc
from tuireader.ui.feed_refresh import FeedRefresh
from tuireader.ui.messages import RefreshRequested
from tuireader.ui.screens.reader import ReaderScreen

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import RenderableType
    from textual.actions import ActionParseResult
    from textual.command import Provider
    from textual.dom import DOMNode

    from tuireader.reading.first_fetch import HeadStart

# Typed digits are read by the reader screen's key handler, not bindings: listed for the help.
NUMBER_KEYS: list[BindingType] = [
    Binding("0-9", "number_type", "Type a link's number (the [n] after it)"),
    Binding("enter", "number_follow", "Follow link n"),
    Binding("O", "number_open", "Open link n in the browser"),
    Binding("escape", "number_forget", "Forget the number"),
]


def _highlight_commands() -> type[Provider]:
    """The palette's "Highlight: …" entries, imported when the palette opens."""
    from tuireader.ui.commands import HighlightCommands

    return HighlightCommands


class TuiReaderApp(App[None]):
    """`start_url` is read at once; without one the library opens over the (empty) reader.

    `head_start` is a child process already opening `start_url` (tuireader.reading.first_fetch).
    """

    PAUSE_GC_ON_SCROLL = True  # a full collection mid-scroll is a dropped frame (70-230 ms)
    CSS_PATH = [
        "app.tcss",
        "widgets/article_view.tcss",
        "widgets/find_bar.tcss",
        "widgets/selection_bar.tcss",
    ]
    TITLE = "tuireader"
    COMMANDS = App.COMMANDS | {_highlight_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("T", "change_theme", "Theme", show=False, id="app.theme"),
        Binding("tab", "focus_next", "Next pane", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False),
    ]

    def __init__(
        self,
        cache_dir: Path,
        *,
        start_url: str | None = None,
        offline: bool = False,
        import_samples: bool = True,
        settings: Settings | None = None,
        head_start: HeadStart | None = None,
    ) -> None:
        super().__init__()
        self.quitting = False  # exit() was called: keys typed after it do nothing
        self.head_start = head_start
        session = open_session(
            cache_dir, settings=settings, samples=import_samples, keep=self._open_urls
        )
        self.store, self.reader = session.store, session.reader
        self.settings = self.reader.settings
        self.start_url = start_url
        self.offline = offline
        self.feed_refresh = FeedRefresh(self, self.reader, offline=offline)
        self._problems = list(session.notices)
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            self._problems.append(f"settings: no theme named {self.settings.theme!r}")

    def _open_urls(self) -> frozenset[str]:
        """What eviction must keep: every article in the reader's history (called from workers)."""
        screen = self.screen_stack[0] if self.screen_stack else None
        if not isinstance(screen, ReaderScreen):
            return frozenset()
        return frozenset(entry.reading.url for entry in screen.history.entries)

    def get_default_screen(self) -> ReaderScreen:
        return ReaderScreen(
            self.reader, offline=self.offline, start_url=self.start_url, head_start=self.head_start
        )

    @property
    def reader_screen(self) -> ReaderScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ReaderScreen)
        return screen

    def on_mount(self) -> None:
        self.set_timer(startup_gc.RESUME_AFTER, startup_gc.resume)
        for notice in self._problems:
            self.notify(notice, severity="warning", timeout=10, markup=False)
        self.watch(self, "theme", self._theme_chosen, init=False)
        if not self.start_url:
            self.reader_screen.action_library()
        # After the first frame: the first article's words never wait behind feed queries.
        self.call_after_refresh(self.feed_refresh.start_if_due)

    def _theme_chosen(self, theme: str) -> None:
        """Keep the theme for next time, in the settings file; if it cannot be written, say so."""
        from tuireader.paths import PathError
        from tuireader.textsafe import clean_line

        try:
            path = self.settings.path or config_path()
            save_setting(path, "ui", "theme", theme)
        except (OSError, PathError) as exc:
            reason = str(exc)
            if isinstance(exc, OSError) and exc.strerror:  # not "[Errno 13] ..."
                reason = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
            self.notify(
                clean_line(f"Theme {theme} is kept for this run only: not saved ({reason})"),
                severity="warning",
                markup=False,
            )

    # Refreshing the feeds ----------------------------------------------------------------------

    @on(RefreshRequested)
    def _refresh_requested(self) -> None:
        self.feed_refresh.start()

    @on(FeedRefresh.Due)
    def _refresh_due(self) -> None:
        self.feed_refresh.start(quiet=True)

    @on(FeedRefresh.Progress)
    def _refresh_progress(self, message: FeedRefresh.Progress) -> None:
        self.feed_refresh.progressed(message)

    @on(FeedRefresh.Done)
    def _refresh_done(self, message: FeedRefresh.Done) -> None:
        self.feed_refresh.done(message)

    @on(FeedRefresh.Counted)
    def _counted(self) -> None:
        self.reader_screen.refresh_bindings()  # the reading list's keys, once it is in use

    @on(FeedRefresh.Refreshed)
    def _refreshed(self) -> None:
        from tuireader.ui.screens.library import LibraryScreen

        if self.is_screen_installed("library"):
            library = self.get_screen("library")
            if isinstance(library, LibraryScreen):
                library.feeds_refreshed()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from tuireader.ui.commands import reader_commands

        yield from super().get_system_commands(screen)
        yield from reader_commands(self, screen)

    def search_library(self) -> None:
        """The library, with its full-text search box open."""
        from tuireader.ui.screens.library import LibraryScreen

        self.reader_screen.action_library()
        screen = self.screen
        if isinstance(screen, LibraryScreen):
            screen.action_search()
        else:
            self.call_after_refresh(self._search_when_shown)

    def _search_when_shown(self) -> None:
        from tuireader.ui.screens.library import LibraryScreen

        if isinstance(self.screen, LibraryScreen):
            self.screen.action_search()

    def action_help(self) -> None:
        from textual.containers import ScrollableContainer
        from textual.widgets import OptionList

        from tuireader.ui.screens.help import HelpScreen
        from tuireader.ui.screens.library import FEED_BINDINGS, LIST_BINDINGS, LibraryScreen
        from tuireader.ui.screens.reader.article_keys import FEED_BINDINGS as READER_FEED_BINDINGS
        from tuireader.ui.screens.reader.article_keys import LIST_BINDINGS as READER_LIST_BINDINGS
        from tuireader.ui.widgets.article_list import ArticleList
        from tuireader.ui.widgets.body_pane import BodyPane
        from tuireader.ui.widgets.related_sidebar import RelatedSidebar

        if isinstance(self.screen, HelpScreen):
            return
        vertical = ("up", "down", "pageup", "pagedown", "home", "end")
        scroll = [b for b in ScrollableContainer.BINDINGS if getattr(b, "key", "") in vertical]
        feed_keys: list[BindingType] = [*FEED_BINDINGS, *READER_FEED_BINDINGS]
        list_keys: list[BindingType] = [*LIST_BINDINGS, *READER_LIST_BINDINGS]
        reader_keys = [
            b for b in ReaderScreen.BINDINGS if b not in [*READER_FEED_BINDINGS, *list_keys]
        ]
        library_keys = [b for b in LibraryScreen.BINDINGS if b not in [*FEED_BINDINGS, *list_keys]]
        sections = [
            ("Everywhere", [*self.BINDINGS, *reader_keys]),
            ("Article pane", [*BodyPane.BINDINGS, *scroll]),
            ("Related links", [*RelatedSidebar.BINDINGS, *OptionList.BINDINGS]),
            ("Numbered links", NUMBER_KEYS),
            ("Library", [*library_keys, *ArticleList.BINDINGS]),
        ]
        if self.reader.feeds.has_feeds:  # the feed keys for those who follow feeds
            sections.append(("Feeds (library and reader)", feed_keys))
        known = self.reader.views.last
        if known is not None and known.has_list:  # once something is saved or tagged
            sections.append(("Reading list (library and reader)", list_keys))
        self.push_screen(HelpScreen(sections))

    async def action_quit(self) -> None:
        """Keep how far the open article was read, then quit."""
        self.reader_screen.remember_position()
        await super().action_quit()

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        self.quitting = True
        super().exit(result, return_code, message)

    async def on_event(self, event: events.Event) -> None:
        """Keys typed in the same burst as q are dropped: the screens are being taken down."""
        if self.quitting and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """No action once quitting, even for a key already passed on before q was handled."""
        if self.quitting:
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def on_unmount(self) -> None:
        self.feed_refresh.cancel()  # its fetches stop before the store closes under them
        if self.head_start is not None:
            self.head_start.close()  # it may not have been waited for (quit while loading)
        self.reader.close()  # the reading positions still queued are written first
