"""Opening a cached article or importing Markdown must not pay for the network or the extractor."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from support.fixture_site import FixtureSite

pytestmark = pytest.mark.subprocess

# markdown-it too: the cache holds the body already parsed (render.body_codec); nor the feed
# parser or the refresh, which only `tuireader refresh`, `feed add` and the app's refresh need;
# nor Pillow or textual-image, which only decoding and drawing a picture need; nor zipfile and the
# EPUB writer, which only `export --format epub` needs; nor the comparison of versions (`D`).
HEAVY = (
    "httpx",
    "bs4",
    "lxml",
    "tuireader.extract",
    "tuireader.fetch",
    "trafilatura",
    "markdown_it",
    "tuireader.body.parse",
    "feedparser",
    "tuireader.feeds.parse",
    "tuireader.reading.refresh",
    "tuireader.reading.feed_check",
    "PIL",
    "textual_image",
    "tuireader.pictures.probe",
    "tuireader.reading.pictures",
    "zipfile",
    "tuireader.interchange.epub",
    "tuireader.reading.epub_export",
    "tuireader.body.diff",
    "tuireader.ui.layout.compare",
)

PROBE = """
import asyncio, json, sys
from pathlib import Path
from tuireader.ui.app import TuiReaderApp

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
    result = _run_on_the_cached_sample(PROBE, cache_dir)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["title"] == "Russia-North Korea Defense Pact Enters Into Force"
    assert _among(report["modules"], HEAVY) == []


# `--dump` is a whole process, mostly imports: it needs no UI and no dataclasses (which import
# inspect); the models are NamedTuples for this reason.
DUMP_PROBE = """
import json, sys
from tuireader.cli.main import main

sys.argv[1:] = ["--dump", "--offline", "--cache-dir", sys.argv[1], sys.argv[2]]
code = main()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def test_dump_of_a_cached_article_imports_neither_the_ui_nor_dataclasses(cache_dir: Path) -> None:
    result = _run_on_the_cached_sample(DUMP_PROBE, cache_dir)
    assert result.stdout.startswith("# Russia-North Korea Defense Pact Enters Into Force\n")
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report["code"] == 0
    unwanted = (*HEAVY, "textual", "rich", "dataclasses", "inspect")
    assert _among(report["modules"], unwanted) == []


def test_dump_of_an_article_with_pictures_in_the_cache_imports_no_pillow(cache_dir: Path) -> None:
    """Its pictures are listed from the cache (Reading.pictures), never decoded on the way."""
    from support.picture_files import png
    from support.sample_article import SAMPLE_URL
    from tuireader.cache import Store
    from tuireader.models import Picture

    def with_pictures() -> None:
        store = Store.in_directory(cache_dir)
        data = png(40, 30)
        picture = Picture("https://cdn.example.org/lead.png", "image/png", 40, 30, len(data))
        assert store.save_pictures(SAMPLE_URL, [(picture, data, 0)]) == 1
        store.close()

    result = _run_on_the_cached_sample(DUMP_PROBE, cache_dir, before=with_pictures)
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report["code"] == 0
    assert _among(report["modules"], ("PIL", "tuireader.pictures.probe")) == []


# `cache import` of Markdown: the finisher gives it the extracted article's rules, in plain text,
# so neither the HTML parser nor the extractor around it is loaded.
IMPORT_PROBE = """
import json, sys
from tuireader.cli.main import main

sys.argv[1:] = ["cache", "--cache-dir", sys.argv[1], "import", sys.argv[2]]
code = main()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def test_importing_markdown_loads_neither_lxml_nor_the_extractor(cache_dir: Path) -> None:
    from support.paths import FIXTURE_DIR
    from tuireader.cache import Store

    result = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, str(cache_dir), str(FIXTURE_DIR / "seed-article.md")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report["code"] == 0 and result.stdout.startswith("imported ")
    assert "tuireader.extract.finish" in report["modules"]
    heavy = ("lxml", "bs4", "httpx", "tuireader.extract.pipeline", "tuireader.extract.parse")
    assert _among(report["modules"], heavy) == []
    store = Store.in_directory(cache_dir)
    try:
        assert store.count() == 1
    finally:
        store.close()


def _run_on_the_cached_sample(
    probe: str, cache_dir: Path, before: Callable[[], None] = lambda: None
) -> subprocess.CompletedProcess[str]:
    """Run `probe` in a fresh interpreter, given a cache holding the sample and the sample's URL
    (and what `before` adds to the cache)."""
    from support.paths import REPO_CACHE
    from support.sample_article import SAMPLE_URL
    from tuireader.cache import Store
    from tuireader.cache.samples import import_bundled

    store = Store.in_directory(cache_dir)
    import_bundled(store, REPO_CACHE)
    store.close()
    before()
    return subprocess.run(
        [sys.executable, "-c", probe, str(cache_dir), SAMPLE_URL],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def _among(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    """The modules that are one of `packages` or inside one."""
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)]


# Pictures: the article's words are drawn before any picture is decoded, and neither Pillow nor
# textual-image is imported on the way to them. The modules are read when the reader screen
# hears that the first frame is drawn (`Navigator.Shown`); the probe then waits for the
# picture, so the decoder does load once the words are on screen.
PICTURES_PROBE = """
import asyncio, json, sys
from pathlib import Path
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.reader.navigator import Navigator
from tuireader.ui.widgets.body_pane import BodyPane

at_first_words = []

def hook(message):
    if isinstance(message, Navigator.Shown) and not at_first_words:
        at_first_words.append(sorted(sys.modules))

async def main():
    app = TuiReaderApp(Path(sys.argv[1]), start_url=sys.argv[2], offline=True, import_samples=False)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        body = app.screen.query_one(BodyPane)
        for _ in range(500):
            layout = body.text_layout
            if layout and layout.pictures and body.pictures_wanted() == []:
                break
            await pilot.pause(0.02)
        drawn = bool(layout and layout.pictures) and body.pictures_wanted() == []
    print(json.dumps({"first": at_first_words[0], "drawn": drawn, "after": sorted(sys.modules)}))

asyncio.run(main())
"""


def test_the_first_words_come_before_pillow_is_imported(
    cache_dir: Path, site: FixtureSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from support.picture_pages import cache_a_picture_article

    monkeypatch.setenv("COLORTERM", "truecolor")
    url = asyncio.run(cache_a_picture_article(site, cache_dir))
    site.stop()
    result = subprocess.run(
        [sys.executable, "-c", PICTURES_PROBE, str(cache_dir), url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["drawn"]
    assert _among(report["after"], ("PIL",)) != []  # the probe sees it when it is there
    assert _among(report["first"], ("PIL", "textual_image")) == []
