"""What the Pilot tests share: the terminal size most of them use, the app factory, `settle`."""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict, Unpack

from textual.pilot import Pilot

from tuireader.ui.app import TuiReaderApp

SIZE = (120, 40)


class AppOptions(TypedDict, total=False):
    offline: bool
    import_samples: bool


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the workers, then for the screen to handle what they posted; three times, as an
    answer may start another worker (a load starts the cache lookups of the article it shows)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()


def app_for(cache_dir: Path, url: str | None = None, **options: Unpack[AppOptions]) -> TuiReaderApp:
    return TuiReaderApp(cache_dir, start_url=url, **options)
