"""Scaling benchmark: time against page size for the two cases that were quadratic (issue 16).

    .venv/bin/python -m benchmarks.scaling
    .venv/bin/python -m benchmarks.scaling --budget 120     # let slow sizes run longer

- search: `Store.search` (as the library searches while a word is typed, the last word a prefix)
  on a store holding one page that repeats one word N times;
- links: numbering the links of an article whose one paragraph holds N links (what extraction
  and every prefetch of such a page does: render.markdown_body.parse_markdown);
- open: the app (headless, 200x60) opening that article from the cache until its body, numbered
  sidebar and source panel are filled.

Each line gives the time, the time per thousand units and its ratio to the smallest size's in
the same run: linear growth keeps the ratio near 1.0, quadratic growth doubles it with each
doubling of N. A size that would blow the case's time budget (predicted from the growth measured
so far) is skipped and says so, which keeps the whole run near a minute.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from tuireader.body.parse import parse_markdown
from tuireader.cache import Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Link, Page, PageInfo

SEARCH_SIZES = (10_000, 20_000, 40_000, 80_000)  # words in the one page
LINK_SIZES = (2_500, 5_000, 10_000, 20_000)  # links in the one paragraph
OPEN_SIZES = (1_250, 2_500, 5_000, 10_000)  # links in the one paragraph of an opened article
REPEAT_UNDER = 0.5  # seconds: quicker runs are repeated and the best kept
_FOLDERS: list[Path] = []  # the stores made, removed at the end


def timed(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
        if best >= REPEAT_UNDER:
            break
    return best


def search_case(words: int) -> Callable[[], object]:
    """A store with one page repeating one word `words` times; searching for it as it is typed."""
    folder = Path(tempfile.mkdtemp(prefix="tuireader-scaling-"))
    _FOLDERS.append(folder)
    store = Store.in_directory(folder)
    text = " ".join(["harbour"] * words)
    url = f"https://example.org/harbour-{words}"
    info = PageInfo(url=url, final_url=url, fetched_at="2025-01-01T00:00:00+00:00")
    article = Article(
        title="Harbour", text=text, markdown=text, extractor_version=EXTRACTOR_VERSION
    )
    store.save(Page(info, "<p>harbour</p>"), article)
    store.close()

    def run() -> object:
        with closing(Store(store.path)) as searching:
            hits = searching.search("harb", prefix=True)
        assert len(hits) == 1
        return hits

    return run


def links_case(links: int) -> Callable[[], object]:
    markdown = "Before. " + " ".join(f"[link {n}](https://example.org/{n})" for n in range(links))

    def run() -> object:
        document = parse_markdown(markdown)
        assert len(document.links) == links
        return document

    return run


def open_case(links: int) -> Callable[[], object]:
    """A cached article with `links` links in one paragraph; the app opening it."""
    import asyncio

    from tuireader.ui.app import TuiReaderApp
    from tuireader.ui.widgets.related_sidebar import RelatedSidebar

    folder = Path(tempfile.mkdtemp(prefix="tuireader-scaling-"))
    _FOLDERS.append(folder)
    markdown = "Before. " + " ".join(f"[link {n}](https://example.org/{n})" for n in range(links))
    url = f"https://example.org/links-{links}"
    info = PageInfo(url=url, final_url=url, fetched_at="2025-01-01T00:00:00+00:00")
    article = Article(
        title="Links",
        text=markdown,
        markdown=markdown,
        body_links=tuple(Link(f"https://example.org/{n}", f"link {n}") for n in range(links)),
        extractor_version=EXTRACTOR_VERSION,
    )
    with closing(Store.in_directory(folder)) as store:
        store.save(Page(info, "<p>links</p>"), article)

    async def open_it() -> None:
        app = TuiReaderApp(folder, start_url=url, offline=True, import_samples=False)
        async with app.run_test(size=(200, 60)) as pilot:
            await app.workers.wait_for_complete()
            sidebar = app.screen.query_one(RelatedSidebar)
            for _ in range(1000):  # the side panes fill once the body's first frame is drawn
                if len(sidebar.numbered) >= links:
                    return
                await pilot.pause()
            raise AssertionError(f"the sidebar numbered {len(sidebar.numbered)} of {links}")

    def run() -> object:
        asyncio.run(open_it())
        return None

    return run


def measure(
    name: str,
    unit: str,
    sizes: tuple[int, ...],
    case: Callable[[int], Callable[[], object]],
    budget: float,
) -> None:
    print(f"\n{name}: {'N ' + unit:>14} {'seconds':>9} {'ms per 1k':>10} {'ratio':>6}")
    spent = 0.0
    points: list[tuple[int, float]] = []
    for size in sizes:
        if points:
            last_size, last_time = points[-1]
            growth = 1.0
            if len(points) >= 2:
                before_size, before_time = points[-2]
                growth = max(1.0, (last_time / last_size) / (before_time / before_size))
            predicted = last_time * (size / last_size) * growth
            if spent + predicted > budget:
                print(
                    f"{'':>{len(name) + 1}} {size:>14,} skipped: about {predicted:.0f} s "
                    f"at the growth measured (budget {budget:.0f} s)"
                )
                continue
        run = case(size)
        seconds = timed(run)
        spent += seconds
        points.append((size, seconds))
        per_unit = seconds / size
        ratio = per_unit / (points[0][1] / points[0][0])
        print(
            f"{'':>{len(name) + 1}} {size:>14,} {seconds:>9.3f} {1000 * per_unit * 1000:>10.3f} "
            f"{ratio:>6.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--budget", type=float, default=30.0, help="seconds each case may spend (default 30)"
    )
    args = parser.parse_args()
    try:
        measure("search", "words", SEARCH_SIZES, search_case, args.budget)
        measure("links", "links", LINK_SIZES, links_case, args.budget)
        measure("open", "links", OPEN_SIZES, open_case, args.budget)
    finally:
        for folder in _FOLDERS:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
