"""Highlights and notes in the reader: found in the article shown, drawn, made, listed, changed.

When an article is shown, its highlights are read and found again in its body's blocks in a
thread worker (latest wins), then drawn by the body pane. `s` starts a selection at the top
sentence on screen; the selection bar (ui/widgets/selection_bar.py) grows and shrinks it and
keeps it, with a note (ui/dialogs/note.py) or without. `H` lists them (ui/screens/highlights.py):
Enter jumps, and a note is changed or a highlight deleted from there. Writes run in workers too.
A highlight whose passage is gone from this copy of the article is kept and listed as such.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from tuireader.body.quotes import Body, Place, Quote
from tuireader.cache import StoreError
from tuireader.reading.highlights import place_in
from tuireader.textsafe import clean_line
from tuireader.ui.screens.reader.selection import Selection
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus
from tuireader.ui.widgets.selection_bar import SelectionBar

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.models import Highlight, Reading
    from tuireader.reading.reader import Reader

Found = list[tuple["Highlight", Place | None]]
NO_TEXT = "There is no article text to select here."
GONE = "no longer in the article"


class HighlightKeeper:
    """The highlights of the article on one screen, and the selection being made."""

    class Located(Message, bubble=False):
        """The highlights of `url`, each found in the body (or not): lookup `number`."""

        def __init__(self, number: int, url: str, found: Found) -> None:
            super().__init__()
            self.number = number
            self.url = url
            self.found = found

    class Changed(Message, bubble=False):
        """A highlight of `url` was kept, noted or deleted: `said` tells the reader; `error`
        is why it could not be."""

        def __init__(self, url: str, said: str, error: str = "", reopen: int | None = None) -> None:
            super().__init__()
            self.url = url
            self.said = said
            self.error = error
            self.reopen = reopen  # the list to open again, at this line

    def __init__(
        self, screen: Screen[None], reader: Reader, reading: Callable[[], Reading | None]
    ) -> None:
        self._screen = screen
        self._reader = reader
        self._reading = reading
        self._asked = 0
        self.url = ""
        self.found: Found = []
        self.selection: Selection | None = None
        self._reopen: int | None = None  # after a change made from the list: open it here
        self._fresh: Reading | None = None  # shown with the highlights its load read

    @property
    def _body(self) -> BodyPane:
        return self._screen.query_one(BodyPane)

    def _texts(self) -> list[str]:
        return [block.text for block in self._body.body_blocks()]

    # Finding them in the article shown ---------------------------------------------------------

    def arrived(self, reading: Reading, highlights: list[Highlight] | None) -> None:
        """A load brought `reading` and its highlights, now in the body: found and drawn at
        once, so the first frame of its words has them (None: they are read once it shows)."""
        if highlights is None:
            return
        self.cancel()
        self._asked += 1  # an older lookup's answer is stale
        self.url, self._reopen, self._fresh = reading.url, None, reading
        self.found = place_in(highlights, self._texts())
        self._draw()

    def shown(self, reading: Reading) -> None:
        """`reading` is on screen: unless its load brought them, find its highlights in its
        body in a worker (going back to it, they may have changed since)."""
        fresh, self._fresh = self._fresh, None
        if fresh is reading:
            return
        self.cancel()
        self.url, self.found, self._reopen = reading.url, [], None
        self._find()

    def _find(self) -> None:
        """Read the highlights of the article shown and find them in its body (latest wins)."""
        self._asked += 1
        number, url, texts = self._asked, self.url, self._texts()
        screen, book = self._screen, self._reader.highlights

        def locate() -> None:
            try:
                highlights = book.of(url)
            except StoreError as exc:  # nothing drawn, and the reader is told why
                screen.post_message(self.Changed(url, "", clean_line(str(exc))))
                return
            found = place_in(highlights, texts)
            if not get_current_worker().is_cancelled:
                screen.post_message(self.Located(number, url, found))

        screen.run_worker(
            locate, thread=True, exclusive=True, exit_on_error=False, group="highlights"
        )

    def located(self, message: Located) -> None:
        if message.number != self._asked:
            return
        self.found = message.found
        self._draw()
        if self._reopen is not None:
            index, self._reopen = self._reopen, None
            self.show_list(min(index, len(self.found) - 1))

    def _draw(self) -> None:
        self._body.set_highlights(
            [(place, bool(highlight.note)) for highlight, place in self.found if place]
        )

    # Selecting ---------------------------------------------------------------------------------

    async def start(self) -> None:
        """`s`: select the first sentence of the paragraph at the top of the view."""
        body, reading = self._body, self._reading()
        texts = self._texts() if reading is not None else []
        top = body.top_block() - (body.body_start or 0)
        selection = Selection.at(texts, top) if texts else None
        if reading is None or selection is None:
            self._screen.notify(NO_TEXT, timeout=3, markup=False)
            return
        self.url = reading.url
        await self.select(selection)

    async def select(self, selection: Selection) -> None:
        """Show `selection` in the body and open the bar on it."""
        self.selection = selection
        bar = self._bar()
        if bar is None:
            bar = SelectionBar(id="selection")
            await self._screen.mount(bar, before=self._screen.query_one(FetchStatus))
        bar.open()
        self._show()

    def place_selected(self, place: Place) -> None:
        """A passage chosen with the mouse: select it."""
        selection = Selection(self._texts(), place)
        self._screen.run_worker(self.select(selection), exclusive=False)

    def _bar(self) -> SelectionBar | None:
        bars = self._screen.query(SelectionBar)
        return bars.first() if bars else None

    def _show(self) -> None:
        selection, bar = self.selection, self._bar()
        if selection is None or bar is None:
            return
        bar.show_text(selection.text)
        self._body.set_selection(selection.place)

    def step(self, unit: str, step: int) -> None:
        selection = self.selection
        if selection is None:
            return
        if unit == "sentence":
            selection.by_sentence(step)
        else:
            _, _, last, end = selection.place
            reached = self._body.line_step(last, end, step)
            if reached is not None:
                selection.move_end(*reached)
        self._show()

    def cancel(self) -> None:
        """The selection dropped: nothing drawn, the bar closed, the body focused again."""
        was = self.selection is not None
        self.selection = None
        bar = self._bar()
        if bar is not None and bar.display:
            bar.close()
        if was:
            body = self._body
            body.set_selection(None)
            body.focus()

    def keep(self, with_note: bool) -> None:
        """Keep the selection as a highlight, asking for its note first if `with_note`."""
        selection = self.selection
        if selection is None:
            return
        quote = Body(selection.texts).quote(selection.place)
        if not with_note:
            self.cancel()
            self._add(quote, "")
            return
        from tuireader.ui.dialogs.note import NoteDialog

        def written(note: str | None) -> None:
            if note is not None:
                self.cancel()
                self._add(quote, note)

        self._screen.app.push_screen(NoteDialog(quote.exact), written)

    def _add(self, quote: Quote, note: str) -> None:
        url, screen, book = self.url, self._screen, self._reader.highlights
        said = "Highlighted, with your note." if note else "Highlighted."

        def add() -> None:
            try:
                book.add(url, quote, note)
            except StoreError as exc:
                screen.post_message(self.Changed(url, "", clean_line(str(exc))))
            else:
                screen.post_message(self.Changed(url, said))

        screen.run_worker(add, thread=True, exit_on_error=False, group="highlight-write")

    def changed(self, message: Changed) -> None:
        if message.error:
            self._screen.notify(message.error, title="Highlights", severity="error", markup=False)
            return
        self._screen.notify(message.said, timeout=3, markup=False)
        if message.url == self.url:
            self._reopen = message.reopen
            self._find()

    # The list ----------------------------------------------------------------------------------

    def show_list(self, current: int = 0) -> None:
        """`H`: the article's highlights and notes; Enter jumps, e edits a note, d deletes."""
        from tuireader.ui.screens.highlights import HighlightsScreen

        if self._reading() is None:
            self._screen.notify("Nothing is open.", timeout=3, markup=False)
            return
        if not self.found:
            self._screen.notify(
                "No highlights in this article: s selects a passage to highlight.",
                timeout=4,
                markup=False,
            )
            return
        entries = [(highlight, place is not None) for highlight, place in self.found]

        def chosen(choice: tuple[str, int] | None) -> None:
            if choice is not None:
                what, index = choice
                {"jump": self.jump, "note": self.edit_note, "delete": self.delete}[what](index)

        self._screen.app.push_screen(HighlightsScreen(entries, current), chosen)

    def jump(self, index: int) -> None:
        """Scroll to highlight `index` of the list (one no longer in the article: say so)."""
        if not 0 <= index < len(self.found):
            return
        _, place = self.found[index]
        if place is None:
            self._screen.notify(
                f"That passage is {GONE}: it is kept in the list.", timeout=4, markup=False
            )
            return
        body = self._body
        body.scroll_to_passage(place)
        body.focus()

    def edit_note(self, index: int) -> None:
        from tuireader.ui.dialogs.note import NoteDialog

        highlight, _ = self.found[index]
        url, screen, book = self.url, self._screen, self._reader.highlights

        def written(note: str | None) -> None:
            if note is None or note == highlight.note:
                self.show_list(index)
                return

            def save() -> None:
                try:
                    book.set_note(highlight.id, note)
                except StoreError as exc:
                    screen.post_message(self.Changed(url, "", clean_line(str(exc))))
                else:
                    said = "Note kept." if note else "Note removed."
                    screen.post_message(self.Changed(url, said, reopen=index))

            screen.run_worker(save, thread=True, exit_on_error=False, group="highlight-write")

        screen.app.push_screen(NoteDialog(highlight.exact, highlight.note), written)

    def delete(self, index: int) -> None:
        from tuireader.textsafe import clip_line
        from tuireader.ui.dialogs.confirm import ConfirmDialog

        highlight, _ = self.found[index]
        url, screen, book = self.url, self._screen, self._reader.highlights
        question = f"Delete the highlight “{clip_line(highlight.exact, 60)}”"
        question += " and its note?" if highlight.note else "?"

        def answered(yes: bool | None) -> None:
            if not yes:
                self.show_list(index)
                return

            def remove() -> None:
                try:
                    book.remove(highlight.id)
                except StoreError as exc:
                    screen.post_message(self.Changed(url, "", clean_line(str(exc))))
                else:
                    again = index if len(self.found) > 1 else None
                    screen.post_message(self.Changed(url, "Highlight deleted.", reopen=again))

            screen.run_worker(remove, thread=True, exit_on_error=False, group="highlight-write")

        screen.app.push_screen(ConfirmDialog(question), answered)
