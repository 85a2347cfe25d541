"""Feeds and a reading list in the library: 500 feeds of 50,000 entries and 10,000 saved URLs,
beside 20 feeds of 2,000 and 400 saved URLs in the same run.

    .venv/bin/python -m benchmarks.feeds_library              # 20 x 100 and 500 x 100 (a minute)
    .venv/bin/python -m benchmarks.feeds_library --feeds 200 --entries 50 --saved 0

The store is built through its own API (`Store.add_feed`, `Store.save_check` with one ParsedFeed
per feed, as a refresh keeps it; `Store.save_urls` for the list, as an import keeps it): every
entry has a link, a title, a summary and a paragraph or two of feed content; one entry in twenty
links to an article another feed has too (one unread item), and a quarter of the feeds are read.
Of the saved URLs, one in ten is an article of a feed too (one row in Unread), a third are
archived, one in seven starred, half tagged (13 tags). Figures (medians of repeated runs, ms):
- Unread view: from asking for the library to its first rows of Unread painted (Textual's pilot,
  headless; the rows read last, at launch or by the last show, are drawn in the first frame),
  and "fresh": until the worker's new read of them is in too (the same rows, or new ones;
  headless), the first time (the screen is built) and the median of the next times;
- unread counts: `Store.unread_counts()`, every feed's count; and the views' overview (every feed
  with its counts, the list's and every tag's, and Unread's total, `Reader.views.overview()`),
  which the library reads;
- Unread window: the first 80 of Unread, the list's and the feeds' merged, with whether each is
  cached (`Reader.views.items`); a tag's window likewise;
- mark feed read: `Store.mark_feed_read` of a feed with 100 unread entries, a new feed each run;
- bytes per entry: the store's files on disk, less the empty store, divided by the entries.
The small store is the baseline: the ratio column shows how each figure grows.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.scale_table import print_scale_table
from tuireader.cache import SavedRow, Store
from tuireader.feeds.model import FeedEntry, ParsedFeed
from tuireader.reading.reader import Reader

GOALS = {
    "Unread view first show": 100.0,
    "Unread view": 100.0,
    "unread counts": 50.0,
    "overview": 50.0,
    "mark feed read": 50.0,
}
RUNS = 9
CONTENT = (
    "<p>The harbour master counted the boats that came in before the fog, and wrote each name "
    "in the ledger kept by the door, as his father had done for forty years before him.</p>"
)


def build(directory: Path, feeds: int, entries: int) -> tuple[list[int], int]:
    """A store of `feeds` feeds of `entries` entries each; (the unread feeds' ids, empty size)."""
    rng = random.Random(feeds)
    store = Store.in_directory(directory)
    empty, _ = store.size()
    ids = []
    for f in range(feeds):
        feed, _ = store.add_feed(f"https://feeds{f % 50}.example/{f}/rss", title=f"Feed {f:03d}")
        items = []
        for n in range(entries):
            shared = n % 20 == 0 and f > 0  # the same article in the feed before
            link = f"https://site{f - 1 if shared else f}.example/story/{n}"
            day, minute = n % 28 + 1, (f * entries + n) % 1440
            items.append(
                FeedEntry(
                    key=f"{f}-{n}" if not shared else f"{f}-shared-{n}",
                    url=link,
                    title=f"Story {n} of feed {f}: {rng.choice(('fog', 'ferry', 'tide'))}",
                    author="A. Writer",
                    published=f"2025-02-{day:02d}T{minute // 60:02d}:{minute % 60:02d}:00+00:00",
                    summary=f"Summary of story {n}.",
                    content_html=CONTENT * (1 + n % 2),
                )
            )
        store.save_check(
            feed.id, ParsedFeed(kind="rss", title=f"Feed {f:03d}", entries=tuple(items))
        )
        ids.append(feed.id)
    for feed_id in ids[: feeds // 4]:
        store.mark_feed_read(feed_id)
    store.close()
    return ids[feeds // 4 :], empty


def save_list(directory: Path, saved: int, feeds: int, entries: int) -> None:
    """`saved` URLs on the reading list: one in ten an article of a feed too."""
    rows = []
    for n in range(saved):
        if n % 10 == 0 and feeds:
            url = f"https://site{n % feeds}.example/story/{n // 10 % entries}"
        else:
            url = f"https://saved{n % 97}.example/{n}"
        rows.append(
            SavedRow(
                url,
                f"Saved article {n}",
                state="archived" if n % 3 == 0 else "unread",
                starred=n % 7 == 0,
                tags=(f"tag{n % 13}",) if n % 2 else (),
                saved_at=f"2025-02-{n % 28 + 1:02d}T{n % 24:02d}:{n % 60:02d}:00+00:00",
            )
        )
    store = Store.in_directory(directory)
    store.save_urls(rows, source="benchmark")
    store.close()


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def unread_view_ms(directory: Path) -> tuple[float, float, float, float]:
    """Ask for the library and wait until Unread's rows are painted, then until the worker's
    fresh read of them is in: (first painted, median painted, first fresh, median fresh).

    "Painted" is when rows are in the table and the screen has handled every pending message,
    the paint included.
    """
    from tuireader.ui.app import TuiReaderApp
    from tuireader.ui.screens.library import LibraryScreen
    from tuireader.ui.widgets.feed_views import UNREAD

    painted, fresh = [], []
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
            while screen.view != UNREAD or not screen.table.row_count:
                await app.workers.wait_for_complete()
                await pilot._wait_for_screen()
            painted.append((time.perf_counter() - start) * 1000)
            while screen.waiting:
                await app.workers.wait_for_complete()
                await pilot._wait_for_screen()
            fresh.append((time.perf_counter() - start) * 1000)
            await pilot.press("escape")
            await pilot.pause()
    median = statistics.median
    return painted[0], median(painted[1:]), fresh[0], median(fresh[1:])


def measure(feeds: int, entries: int, saved: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        start = time.perf_counter()
        unread_feeds, empty = build(directory, feeds, entries)
        save_list(directory, saved, feeds, entries)
        total = feeds * entries
        print(
            f"  built {total:,} entries and {saved:,} saved URLs "
            f"in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
        first, again, first_fresh, again_fresh = asyncio.run(unread_view_ms(directory))
        store = Store.in_directory(directory)
        reader = Reader(store)
        to_mark = iter(unread_feeds)
        marked: list[int] = []
        figures = {
            "Unread view first show": first,
            "Unread view": again,
            "  fresh, first show": first_fresh,
            "  fresh": again_fresh,
            "unread counts": median_ms(store.unread_counts),
            "overview": median_ms(reader.views.overview),
            "Unread window": median_ms(lambda: reader.views.items("unread", limit=80)),
            "tag window": median_ms(lambda: reader.views.items("#tag3", limit=80)),
            "Unread by a tag": median_ms(
                lambda: reader.views.items("unread", tags=["tag5"], limit=80)
            ),
            "mark feed read": median_ms(lambda: marked.append(store.mark_feed_read(next(to_mark)))),
        }
        assert min(marked) >= entries * 0.9, "each feed marked had its entries unread"
        on_disk, _ = store.size()
        figures["bytes per entry"] = (on_disk - empty) / total
        reader.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=500, help="feeds in the store measured")
    parser.add_argument("--entries", type=int, default=100, help="entries of each feed")
    parser.add_argument("--small", type=int, default=20, help="feeds in the baseline store")
    parser.add_argument(
        "--saved", type=int, default=10_000, help="saved URLs in the store measured"
    )
    args = parser.parse_args(argv)
    sizes = (args.small * args.entries, args.feeds * args.entries)
    small_saved = args.saved * args.small // max(1, args.feeds)
    print(f"measuring {args.small} feeds, {sizes[0]:,} entries…", file=sys.stderr)
    small = measure(args.small, args.entries, small_saved)
    print(f"measuring {args.feeds} feeds, {sizes[1]:,} entries…", file=sys.stderr)
    large = measure(args.feeds, args.entries, args.saved)
    sizes_text = (f"{sizes[0]:,}", f"{sizes[1]:,} entries")
    print_scale_table(
        small, large, sizes_text, GOALS, unitless=frozenset({"bytes per entry"}), width=26
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
