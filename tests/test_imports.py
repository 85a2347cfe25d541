"""Opening a cached article must not pay for the network stack or the extractor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# markdown-it too: the cache holds the body already parsed (render.body_codec).
HEAVY = (
    "httpx",
    "bs4",
    "lxml",
    "tuireader.extract",
    "tuireader.fetch",
    "trafilatura",
    "markdown_it",
    "tuireader.render.markdown_body",
)

PROBE = """
import asyncio, json, sys
from pathlib import Path
from tuireader.app import TuiReaderApp

async def main():
    app = TuiReaderApp(Path(sys.argv[1]), start_url=sys.argv[2], offline=True, import_samples=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        title = app.reader_screen.reading.article.title
    print(json.dumps({"title": title, "modules": sorted(sys.modules)}))

asyncio.run(main())
"""


def test_reading_a_cached_article_imports_no_heavy_module(cache_dir: Path) -> None:
    from test_bundled import REPO_CACHE, SAMPLE_URL
    from tuireader.bundled import import_bundled
    from tuireader.cache import Store

    store = Store.in_directory(cache_dir)
    import_bundled(store, REPO_CACHE)
    store.close()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(cache_dir), SAMPLE_URL],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["title"] == "Russia-North Korea Defense Pact Enters Into Force"
    loaded = [m for m in report["modules"] if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert loaded == []
