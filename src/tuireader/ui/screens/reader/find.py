"""Finding one's way in the article: the find bar (/, n, N) and the list of headings (t)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.find_bar import FindBar

if TYPE_CHECKING:
    from textual.screen import Screen


class Finder:
    """Wires the find bar to the body pane of `screen`; the screen routes the bar's messages."""

    def __init__(self, screen: Screen[None]) -> None:
        self._screen = screen

    @property
    def _body(self) -> BodyPane:
        return self._screen.query_one(BodyPane)

    def _bar(self) -> FindBar | None:
        bars = self._screen.query(FindBar)
        return bars.first() if bars else None

    async def open(self) -> None:
        """The find bar, built the first time it is asked for: launch need not wait for it."""
        bar = self._bar()
        if bar is None:
            bar = FindBar(id="find")
            await self._screen.mount(bar, before=self._screen.query_one(FetchStatus))
        bar.open()

    def changed(self, query: str) -> None:
        """The words to find changed: highlight them and go to the first match."""
        body = self._body
        index, count = body.find_next(1) if body.set_find(query) else (-1, 0)
        bar = self._bar()
        if bar is not None:
            bar.show_count(index, count)

    def closed(self) -> None:
        body = self._body
        body.clear_find()
        body.focus()

    def step(self, step: int) -> None:
        """n / N: the next or previous match of the last search, "3 of 12" in the find bar."""
        body = self._body
        bar = self._bar()
        if not body.find_query and bar is not None and bar.query_text:
            body.set_find(bar.query_text)  # Escape cleared the highlights; n brings them back
        if not body.find_query or bar is None:
            self._screen.notify("Press / to find words in the article.", timeout=3, markup=False)
            return
        index, count = body.find_next(step)
        bar.show_count(index, count)
        if not bar.display:
            self._screen.notify(
                f"Match {index + 1} of {count}" if count else "No matches", timeout=2, markup=False
            )

    def contents(self) -> None:
        """The article's headings; choosing one scrolls there."""
        from tuireader.ui.screens.contents import ContentsScreen

        body = self._body
        headings = body.headings
        if not headings:
            self._screen.notify("This article has no headings.", timeout=3, markup=False)
            return
        top = body.top_block()
        current = max((n for n, (_, _, block) in enumerate(headings) if block <= top), default=0)

        def chosen(index: int | None) -> None:
            if index is not None:
                body.scroll_to_block(headings[index][2])
                body.focus()

        self._screen.app.push_screen(
            ContentsScreen([(lv, text) for lv, text, _ in headings], current), chosen
        )
