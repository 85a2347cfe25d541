"""The main screens at 120x40 (pytest-textual-snapshot; `pytest --snapshot-update` accepts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from sample_article import SAMPLE_URL
from tuireader.app import TuiReaderApp

SIZE = (120, 40)


async def _loaded(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def test_reader_with_the_sample(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded)


def test_library(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir)
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded)


def test_library_search_results(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir)
    assert snap_compare(app, press=["slash", *"pyongyang"], terminal_size=SIZE, run_before=_loaded)


def test_reader_narrow(snap_compare: Any, cache_dir: Path) -> None:
    """80x24: the article alone, the full width."""
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)


def test_reader_narrow_links_overlay(snap_compare: Any, cache_dir: Path) -> None:
    """80x24 after `e`: the related links open over the article, focused."""
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, press=["e"], terminal_size=(80, 24), run_before=_loaded)


def test_reader_wide(snap_compare: Any, cache_dir: Path) -> None:
    """200x60: article | related links | source, side by side."""
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, terminal_size=(200, 60), run_before=_loaded)
