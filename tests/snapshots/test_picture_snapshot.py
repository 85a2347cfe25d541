"""The full view of a picture in half blocks at 120x40 (`pytest --snapshot-update` accepts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from support import hostile_images as images
from support.pilot import settle, wait_until
from support.sample_article import SAMPLE_URL
from tuireader.models import Image
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.picture import PictureCanvas, PictureScreen

SIZE = (120, 40)
PICTURE = Image(
    url="https://news.example.org/harbour.png",
    caption="Red over blue, [b]as drawn[/b]: the caption under the picture",
    credit="Photo: A. Person",
    alt="Red over blue",
)


async def _picture_shown(pilot: Pilot[None]) -> None:
    """The picture is decoded in a worker: wait for its rows before the screenshot."""
    await settle(pilot)
    screen = PictureScreen(PICTURE, lambda: images.red_over_blue_png(96, 60))
    await pilot.app.push_screen(screen)
    await wait_until(pilot, lambda: bool(screen.query_one(PictureCanvas).rows), "the picture")
    await settle(pilot)


def test_picture_full_view(snap_compare: Any, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=SAMPLE_URL, offline=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=_picture_shown)
