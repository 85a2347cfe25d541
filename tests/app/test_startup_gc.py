"""The collector is paused for start-up and back once the first article is on screen."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.fixture_site import FixtureSite
from support.pilot import SIZE, app_for, settle, wait_until
from tuireader.ui import startup_gc
from tuireader.ui.screens.library import LibraryScreen


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


async def test_the_collector_resumes_once_the_first_article_is_on_screen(
    site: FixtureSite, cache_dir: Path
) -> None:
    startup_gc.pause()
    app = app_for(cache_dir, site.url("/article.html"), import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        assert not gc.isenabled()  # still paused while the app starts
        await settle(pilot)
        assert app.reader_screen.reading is not None
        assert gc.isenabled() and gc.get_freeze_count() > 0


async def test_the_collector_resumes_after_a_while_whatever_is_shown(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(startup_gc, "RESUME_AFTER", 1.0)
    startup_gc.pause()
    app = app_for(cache_dir, import_samples=False)  # the library: no article is shown
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and not gc.isenabled()
        await wait_until(pilot, gc.isenabled, "the collector to resume")
