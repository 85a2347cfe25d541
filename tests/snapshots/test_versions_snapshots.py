"""Versions in the reader at 120x40: the source panel's changed line, the comparison of two
copies (`D`) and the list of copies (`V`). `pytest --snapshot-update` accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from support.pilot import settle
from support.versions import URL, store_two_copies
from tuireader.ui.app import TuiReaderApp

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _two_copies(cache_dir: Path) -> None:
    store_two_copies(cache_dir)


def _app(cache_dir: Path) -> TuiReaderApp:
    return TuiReaderApp(cache_dir, start_url=URL, offline=True, import_samples=False)


def _after(key: str) -> Any:
    """Settled, `key` pressed, settled again: its worker's answer is on screen."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    return run


def test_source_panel_says_what_changed(snap_compare: Any, cache_dir: Path) -> None:
    assert snap_compare(_app(cache_dir), terminal_size=SIZE, run_before=settle)


def test_comparison_of_two_copies(snap_compare: Any, cache_dir: Path) -> None:
    assert snap_compare(_app(cache_dir), terminal_size=SIZE, run_before=_after("D"))


def test_list_of_copies(snap_compare: Any, cache_dir: Path) -> None:
    assert snap_compare(_app(cache_dir), terminal_size=SIZE, run_before=_after("V"))
