"""Highlights in the reader at 120x40: drawn in the body, the selection bar, the list (H)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from support.pilot import settle
from support.sample_article import SAMPLE_URL
from tuireader.body import article_body
from tuireader.body.quotes import Body, Quote
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.reader import ReaderScreen

SIZE = (120, 40)


async def _with_highlights(pilot: Pilot[None]) -> None:
    """Three highlights: a sentence, a passage over two paragraphs with a note (and the link
    number in it), and one whose words the article no longer holds."""
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, TuiReaderApp)
    screen = app.screen
    assert isinstance(screen, ReaderScreen) and screen.reading is not None
    texts = [block.text for block in article_body(screen.reading.article).blocks]
    body, book = Body(texts), app.reader.highlights
    for exact, note in (
        ("exchanged ratification documents.", ""),
        ("entered into force Wednesday", "[b]Check[/b] the date"),
        ("military assistance “without delay”", ""),
    ):
        place = body.locate(Quote(exact))
        assert place is not None
        book.add(SAMPLE_URL, body.quote(place), note)
    book.add(SAMPLE_URL, Quote("a sentence since taken out", block=2), "kept all the same")
    screen.highlights.shown(screen.reading)
    await settle(pilot)


def test_body_with_highlights(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=_with_highlights)


def test_selection_bar(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, press=["s", "full_stop"], terminal_size=SIZE, run_before=settle)


def test_highlights_list(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, press=["H"], terminal_size=SIZE, run_before=_with_highlights)
