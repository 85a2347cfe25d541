"""Highlights and notes in the reader: selecting (keys and mouse), keeping, drawing them through
a resize and a theme change, the list (H) and the palette. The sample article, from a real cache."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.style import Style
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import OptionList

from support.pilot import app_for, notifications, settle, wait_until
from support.sample_article import PARAGRAPHS, SAMPLE_URL
from tuireader.body import article_body
from tuireader.body.quotes import Body, Quote
from tuireader.cache import Store
from tuireader.reading.highlights import HighlightBook
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.highlights import HighlightsScreen
from tuireader.ui.screens.reader import ReaderScreen
from tuireader.ui.screens.reader.highlights import NO_TEXT
from tuireader.ui.screens.reader.loader import Loader
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.selection_bar import SelectionBar

FIRST = "A mutual defense pact between North Korea and Russia entered into force Wednesday"
SECOND = "The open-ended “Comprehensive Strategic Partnership Treaty” obligates"


def _reader(app: TuiReaderApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def _body(app: TuiReaderApp) -> BodyPane:
    return app.screen.query_one(BodyPane)


def _texts(app: TuiReaderApp) -> list[str]:
    reading = _reader(app).reading
    assert reading is not None
    return [block.text for block in article_body(reading.article).blocks]


def _painted(body: BodyPane, key: str) -> list[str]:
    """The text of each run of cells on screen painted with the view's `key` style (a theme
    colour as the component class gives it), top to bottom."""
    wanted = body.get_component_rich_style(f"article-view--{key}").bgcolor
    assert wanted is not None
    runs: list[str] = []
    for y in range(body.scrollable_content_region.height):
        run = ""
        for segment in body.render_line(y):
            style = segment.style or Style()
            if style.bgcolor == wanted:
                run += segment.text
            elif run:
                runs.append(run)
                run = ""
        if run:
            runs.append(run)
    return runs


def _words(runs: list[str]) -> str:
    """The runs as one line of words, without the links' numbers drawn among them."""
    return " ".join(re.sub(r" \[\d+\]", "", " ".join(runs)).split())


async def _open(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def test_s_selects_the_top_sentence_and_the_bar_grows_and_shrinks_it(cache_dir: Path) -> None:
    app = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        keeper = _reader(app).highlights
        await pilot.press("s")
        await settle(pilot)
        bar = app.screen.query_one(SelectionBar)
        assert bar.display and app.screen.focused is bar
        assert keeper.selection is not None
        first = keeper.selection.text
        assert first.startswith(FIRST) and first.endswith("documents.")
        assert _words(_painted(_body(app), "selection")) == first
        await pilot.press("full_stop")
        await settle(pilot)
        assert keeper.selection.text.startswith(FIRST)
        assert SECOND in keeper.selection.text
        await pilot.press("comma")
        await settle(pilot)
        assert keeper.selection.text == first
        await pilot.press("comma")  # never less than the first sentence
        assert keeper.selection.text == first
        await pilot.press("j")
        await settle(pilot)
        grown = keeper.selection.text
        assert grown.startswith(first + "\n\nThe open-ended") and len(grown) < len(first) + 80
        await pilot.press("k")
        await settle(pilot)
        assert keeper.selection.text == first
        await pilot.press("escape")
        await settle(pilot)
        assert not bar.display and keeper.selection is None
        assert _painted(_body(app), "selection") == []
        assert app.reader.highlights.of(SAMPLE_URL) == []


async def test_h_keeps_the_passage_against_the_body_blocks_and_draws_it(cache_dir: Path) -> None:
    app = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        await pilot.press("s", "full_stop", "h")
        await settle(pilot)
        (kept,) = app.reader.highlights.of(SAMPLE_URL)
        assert kept.exact.startswith(FIRST) and SECOND in kept.exact
        assert kept.block == 0 and kept.note == ""
        place = Body(_texts(app)).locate(Quote(*kept[2:7]))
        assert place is not None and (place.first, place.start, place.last) == (0, 0, 1)
        assert any(n.message == "Highlighted." for n in notifications(app))
        assert _words(_painted(_body(app), "highlight")) == " ".join(kept.exact.split())
        assert not app.screen.query_one(SelectionBar).display


async def test_highlights_survive_a_resize_and_a_theme_change(cache_dir: Path) -> None:
    app = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        await pilot.press("s", "full_stop", "h")
        await settle(pilot)
        (kept,) = app.reader.highlights.of(SAMPLE_URL)
        expected = " ".join(kept.exact.split())
        body = _body(app)
        lines = {}
        for size in ((120, 40), (70, 30), (45, 30), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            painted = _painted(body, "highlight")
            assert _words(painted) == expected, size
            lines[size] = len(painted)
        assert lines[(45, 30)] > lines[(70, 30)] > lines[(120, 40)]  # wrapped anew each time
        before = body.get_component_rich_style("article-view--highlight").bgcolor
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        after = body.get_component_rich_style("article-view--highlight").bgcolor
        assert after != before
        assert _words(_painted(body, "highlight")) == expected


async def test_n_keeps_a_note_as_plain_text_and_marks_it(cache_dir: Path) -> None:
    app = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await _open(pilot)
        await pilot.press("s", "n")
        await settle(pilot)
        await pilot.press(*"[bold]mine[/bold]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (kept,) = app.reader.highlights.of(SAMPLE_URL)
        assert kept.note == "[bold]mine[/bold]"
        body = _body(app)
        assert _words(_painted(body, "highlight-note")) == " ".join(kept.exact.split())
        assert _painted(body, "highlight") == []
        text = [
            "".join(segment.text for segment in body.render_line(y))
            for y in range(body.scrollable_content_region.height)
        ]
        assert any("✎" in line for line in text)  # the pane has a margin at this width


async def test_escape_in_the_note_dialog_keeps_nothing_and_the_selection(cache_dir: Path) -> None:
    app = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        await pilot.press("s", "n", *"abc", "escape")
        await settle(pilot)
        assert app.reader.highlights.of(SAMPLE_URL) == []
        assert _reader(app).highlights.selection is not None


async def test_the_list_marks_a_gone_passage_jumps_edits_and_deletes(cache_dir: Path) -> None:
    app = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        texts = _texts(app)
        last = _last_paragraph(texts)
        body = Body(texts)
        book = app.reader.highlights
        place = body.locate(Quote(texts[last][:40]))
        assert place is not None
        book.add(SAMPLE_URL, body.quote(place))
        book.add(SAMPLE_URL, Quote("words this article never held", block=3), note="gone")
        reading = _reader(app).reading
        assert reading is not None
        _reader(app).highlights.shown(reading)
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        listing = app.screen
        assert isinstance(listing, HighlightsScreen)
        options = listing.query_one(OptionList)
        lines = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert "no longer in the article" not in lines[0]
        assert "(no longer in the article)" in lines[1] and "✎ gone" in lines[1]
        await pilot.press("enter")  # jump to the first: the last paragraph
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert _words(_painted(_body(app), "highlight")) == " ".join(texts[last][:40].split())
        await pilot.press("H", "down", "e")
        await settle(pilot)
        await pilot.press(*" still", "ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, HighlightsScreen), "the list again")
        assert [h.note for h in book.of(SAMPLE_URL)] == ["", "gone still"]
        await pilot.press("d", "y")
        await settle(pilot)
        assert [h.note for h in book.of(SAMPLE_URL)] == [""]
        await wait_until(pilot, lambda: isinstance(app.screen, HighlightsScreen), "the list again")
        await pilot.press("d", "n")
        await settle(pilot)
        assert len(book.of(SAMPLE_URL)) == 1


def _palette_has(app: TuiReaderApp, title: str) -> bool:
    options = app.screen.query_one(CommandList)
    return any(
        title in str(options.get_option_at_index(n).prompt) for n in range(options.option_count)
    )


def _last_paragraph(texts: list[str]) -> int:
    return next(n for n, text in enumerate(texts) if text.startswith(PARAGRAPHS[-1]))


async def test_the_palette_lists_the_highlights_and_jumps(cache_dir: Path) -> None:
    app = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        texts = _texts(app)
        last = _last_paragraph(texts)
        body = Body(texts)
        place = body.locate(Quote(texts[last][:40]))
        assert place is not None
        app.reader.highlights.add(SAMPLE_URL, body.quote(place))
        reading = _reader(app).reading
        assert reading is not None
        _reader(app).highlights.shown(reading)
        await settle(pilot)
        assert _body(app).scroll_y == 0
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Highlight: By sending")
        await wait_until(
            pilot,
            lambda: _palette_has(app, "Highlight: By sending"),
            "the highlight in the palette",
        )
        await pilot.press("enter")
        await settle(pilot)
        assert _body(app).scroll_y > 0
        assert _words(_painted(_body(app), "highlight")) == " ".join(texts[last][:40].split())


async def test_a_mouse_drag_selects_whole_words_for_the_bar(cache_dir: Path) -> None:
    app = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        body = _body(app)
        layout = body.text_layout
        assert layout is not None
        line = next(n for n, shown in enumerate(layout.lines) if shown.text.startswith("A mutual"))
        top = body.scrollable_content_region.y - body.region.y
        left = body.scrollable_content_region.x - body.region.x + layout.offset
        # from inside "mutual" to inside "entered" on the next line
        await pilot.mouse_down(body, offset=(left + 4, top + line))
        await pilot.hover(body, offset=(left + 3, top + line + 1))
        await pilot.pause()
        assert _words(_painted(body, "selection")).startswith("mutual")
        await pilot.mouse_up(body, offset=(left + 3, top + line + 1))
        await settle(pilot)
        keeper = _reader(app).highlights
        assert keeper.selection is not None
        assert keeper.selection.text == "mutual defense pact between North Korea and Russia entered"
        assert app.screen.focused is app.screen.query_one(SelectionBar)
        await pilot.press("escape")
        # from the space after "mutual": the words from the next one
        await pilot.mouse_down(body, offset=(left + 8, top + line))
        await pilot.hover(body, offset=(left + 3, top + line + 1))
        await pilot.mouse_up(body, offset=(left + 3, top + line + 1))
        await settle(pilot)
        assert keeper.selection is not None
        assert keeper.selection.text == "defense pact between North Korea and Russia entered"
        await pilot.press("escape")
        await pilot.mouse_down(body, offset=(left + 4, top + line))
        await pilot.hover(body, offset=(left + 3, top + line + 1))
        await pilot.mouse_up(body, offset=(left + 3, top + line + 1))
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        (kept,) = app.reader.highlights.of(SAMPLE_URL)
        assert kept.exact == "mutual defense pact between North Korea and Russia entered"


async def test_s_with_no_article_open_says_there_is_nothing_to_select(cache_dir: Path) -> None:
    app = app_for(cache_dir, import_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # from the (empty) library to the reader's welcome
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("s")
        await settle(pilot)
        assert any(n.message == NO_TEXT for n in notifications(app))
        assert not app.screen.query(SelectionBar)


async def test_highlights_kept_earlier_come_with_the_article_and_are_drawn(cache_dir: Path) -> None:
    first = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with first.run_test(size=(100, 30)) as pilot:  # puts the sample in the cache
        await _open(pilot)
        texts = _texts(first)
    body = Body(texts)
    store = Store.in_directory(cache_dir)
    book = HighlightBook(store)
    for words, note in (("exchanged ratification documents.", ""), ("both states", "mine")):
        place = body.locate(Quote(words))
        assert place is not None
        book.add(SAMPLE_URL, body.quote(place), note)
    store.close()
    loads: list[Loader.Loaded] = []
    app = app_for(cache_dir, SAMPLE_URL, offline=True)

    def seen(message: object) -> None:
        if isinstance(message, Loader.Loaded):
            loads.append(message)

    async with app.run_test(size=(100, 30), message_hook=seen) as pilot:
        await _open(pilot)
        assert loads
        for loaded in loads:
            assert [h.exact for h in loaded.highlights or []] == [
                "exchanged ratification documents.",
                "both states",
            ]
        assert _words(_painted(_body(app), "highlight")) == "exchanged ratification documents."
        assert _words(_painted(_body(app), "highlight-note")) == "both states"


async def test_with_no_color_highlights_and_the_selection_are_drawn_reversed(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR leaves no background to see a highlight by: the marks are reversed instead."""
    first = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with first.run_test(size=(100, 30)) as pilot:  # puts the sample in the cache
        await _open(pilot)
        texts = _texts(first)
    body = Body(texts)
    store = Store.in_directory(cache_dir)
    place = body.locate(Quote("exchanged ratification documents."))
    assert place is not None
    HighlightBook(store).add(SAMPLE_URL, body.quote(place))
    store.close()
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(cache_dir, SAMPLE_URL, offline=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        assert app.no_color
        reversed_text = "".join(
            segment.text
            for y in range(_body(app).scrollable_content_region.height)
            for segment in _body(app).render_line(y)
            if segment.style is not None and segment.style.reverse
        )
    assert " ".join(reversed_text.split()) == "exchanged ratification documents."
