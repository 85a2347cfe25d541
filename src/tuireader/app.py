"""The Textual application: owns the store and the reader, and starts on the reader screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from tuireader.bundled import import_bundled
from tuireader.cache import Store
from tuireader.reader import Reader
from tuireader.screens.reader import ReaderScreen
from tuireader.settings import Settings, load_settings


class TuiReaderApp(App[None]):
    """`start_url` is read at once; without one the library opens over the (empty) reader."""

    CSS_PATH = "app.tcss"
    TITLE = "tuireader"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Keys"),
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
    ) -> None:
        super().__init__()
        self.settings = settings or load_settings()
        self.store = Store.in_directory(cache_dir)
        if import_samples:
            import_bundled(self.store)
        self.reader = Reader(self.store, settings=self.settings, keep=self._open_urls)
        self.start_url = start_url
        self.offline = offline

    def _open_urls(self) -> frozenset[str]:
        """What eviction must keep: every article in the reader's history (called from workers)."""
        screen = self.screen_stack[0] if self.screen_stack else None
        if not isinstance(screen, ReaderScreen):
            return frozenset()
        return frozenset(entry.reading.url for entry in screen.history.entries)

    def get_default_screen(self) -> ReaderScreen:
        return ReaderScreen(self.reader, offline=self.offline, start_url=self.start_url)

    @property
    def reader_screen(self) -> ReaderScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ReaderScreen)
        return screen

    def on_mount(self) -> None:
        for notice in (self.store.notice, self.settings.problem):
            if notice:
                self.notify(notice, severity="warning", timeout=10, markup=False)
        if not self.start_url:
            self.reader_screen.action_library()

    def action_help(self) -> None:
        from textual.containers import ScrollableContainer
        from textual.widgets import OptionList

        from tuireader.screens.help import HelpScreen
        from tuireader.screens.library import LibraryScreen
        from tuireader.widgets.article_list import ArticleList
        from tuireader.widgets.body_pane import BodyPane
        from tuireader.widgets.related_sidebar import RelatedSidebar

        if isinstance(self.screen, HelpScreen):
            return
        vertical = ("up", "down", "pageup", "pagedown", "home", "end")
        scroll = [b for b in ScrollableContainer.BINDINGS if getattr(b, "key", "") in vertical]
        sections = [
            ("Everywhere", [*self.BINDINGS, *ReaderScreen.BINDINGS]),
            ("Article pane", [*BodyPane.BINDINGS, *scroll]),
            ("Related links", [*RelatedSidebar.BINDINGS, *OptionList.BINDINGS]),
            ("Library", [*LibraryScreen.BINDINGS, *ArticleList.BINDINGS]),
        ]
        self.push_screen(HelpScreen(sections))

    async def action_quit(self) -> None:
        """Keep how far the open article was read, then quit."""
        self.reader_screen.remember_position()
        await super().action_quit()

    def on_unmount(self) -> None:
        self.store.close()
