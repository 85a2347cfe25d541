"""Library benchmark: how the cache behaves with 10,000 articles, beside the same with 100.

    .venv/bin/python -m benchmarks.library            # 100 and 10,000 articles (about a minute)
    .venv/bin/python -m benchmarks.library --large 2000

Every article is the shipped sample page with its paragraphs shuffled and a few unique words, so
the pages, the article JSON and the full-text index are the size of a real news article. Figures
(medians of repeated runs, in milliseconds):
- library: from asking for the library screen to its first rows painted (Textual's pilot, headless),
  the first time (the screen is built) and the median of the next times (it is shown again);
- search: a full-text search for a rare word (one hit) and a common word (every article), and
  "north korea pyong" as the library searches while it is typed (the last word as a prefix);
- open: Reader.cached() of one article, read and decoded from the store, no re-extraction;
- bytes per article: the store's files on disk divided by the article count.
The small library is the baseline: the ratio column shows how each figure grows.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.scale_table import print_scale_table
from tuireader.cache import Store
from tuireader.extract.page import article_from_page
from tuireader.models import Article, Page, PageInfo
from tuireader.paths import bundled_cache_dir
from tuireader.reading.reader import Reader

GOALS = {
    "library first show": 100.0,
    "library": 100.0,
    "search rare": 50.0,
    "search common": 50.0,
    "search as you type": 50.0,
    "open": 10.0,
}
RUNS = 9


def sample() -> tuple[str, Article, str]:
    folder = bundled_cache_dir()
    if folder is None:
        sys.exit("library benchmark: the sample page in cache/ is missing")
    snapshot = json.loads((folder / "manifest.json").read_text())["snapshots"][0]
    html = (folder / snapshot["file"]).read_text(encoding="utf-8")
    page = Page(PageInfo(url=snapshot["url"], final_url=snapshot["url"]), html)
    return html, article_from_page(page), snapshot["url"]


def build(directory: Path, count: int) -> list[str]:
    """A store of `count` articles; returns their URLs."""
    html, article, url = sample()
    paragraphs = article.markdown.split("\n\n")
    rng = random.Random(count)
    store = Store.in_directory(directory)
    urls = []
    for n in range(count):
        rng.shuffle(paragraphs)
        unique = f"zeta{n:05d} marker{n % 97}"
        body = "\n\n".join([*paragraphs, unique])
        this = article._replace(
            title=f"{article.title} ({n})",
            markdown=body,
            text=body,
            word_count=len(body.split()),
        )
        page_url = f"{url}-{n}"
        stamp = f"2026-01-01T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}+00:00"
        info = PageInfo(url=page_url, final_url=page_url, fetched_at=stamp)
        store.save(Page(info, html.replace("</body>", f"<p>{unique}</p></body>")), this)
        urls.append(page_url)
    store.close()
    return urls


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def library_ms(directory: Path) -> tuple[float, float]:
    """Ask for the library and wait until its rows are painted: (first time, median of the rest).

    "Painted" is when the rows, read in a worker, are in the table and the screen has handled
    every pending message, the paint included.
    """
    from tuireader.ui.app import TuiReaderApp
    from tuireader.ui.screens.library import LibraryScreen
    from tuireader.ui.widgets.article_list import ArticleList

    times = []
    app = TuiReaderApp(directory, start_url="about:blank", import_samples=False, offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(RUNS + 1):
            start = time.perf_counter()
            app.reader_screen.action_library()
            await pilot._wait_for_screen()
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            while not screen.query_one(ArticleList).row_count:
                await app.workers.wait_for_complete()
                await pilot._wait_for_screen()
            times.append((time.perf_counter() - start) * 1000)
            await pilot.press("escape")
            await pilot.pause()
    return times[0], statistics.median(times[1:])


def measure(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        start = time.perf_counter()
        urls = build(directory, count)
        print(f"  built {count} articles in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        store = Store.in_directory(directory)
        reader = Reader(store)
        rng = random.Random(1)
        rare = f"zeta{count // 2:05d}"
        first, again = asyncio.run(library_ms(directory))
        figures = {
            "library first show": first,
            "library": again,
            "search rare": median_ms(lambda: store.search(rare)),
            "search common": median_ms(lambda: store.search("pyongyang")),
            "search as you type": median_ms(lambda: store.search("north korea pyong", prefix=True)),
            "open": median_ms(lambda: reader.cached(rng.choice(urls)), runs=51),
        }
        on_disk, _ = store.size()
        figures["bytes per article"] = on_disk / count
        assert store.search(rare), "the rare word must be found"
        store.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=100, help="the baseline library's size")
    parser.add_argument("--large", type=int, default=10_000, help="the library measured")
    args = parser.parse_args(argv)
    print(f"measuring {args.small} articles…", file=sys.stderr)
    small = measure(args.small)
    print(f"measuring {args.large} articles…", file=sys.stderr)
    large = measure(args.large)
    sizes = (f"{args.small:,}", f"{args.large:,}")
    print_scale_table(small, large, sizes, GOALS, unitless=frozenset({"bytes per article"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
