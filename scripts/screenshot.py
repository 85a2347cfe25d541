"""Save the README's screenshots: the app itself renders the sample article to SVG.

Run from the repo root: `.venv/bin/python scripts/screenshot.py` (no network; a throwaway cache).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tuireader.ui.app import TuiReaderApp

SAMPLE_URL = (
    "https://www.themoscowtimes.com/2024/12/05/russia-north-korea-defense-pact-enters-force-a87233"
)
DOCS = Path(__file__).resolve().parents[1] / "docs"


async def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        app = TuiReaderApp(Path(cache), start_url=SAMPLE_URL, offline=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("tab")
            await pilot.pause()
            app.save_screenshot("reader.svg", str(DOCS))
        app = TuiReaderApp(Path(cache))
        async with app.run_test(size=(120, 24)) as pilot:
            await pilot.pause()
            app.save_screenshot("library.svg", str(DOCS))
    print(f"saved {DOCS / 'reader.svg'} and {DOCS / 'library.svg'}", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main())
