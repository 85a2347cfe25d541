"""Reading-list benchmark: `tuireader import` of a 10,000-row Pocket CSV, beside one of 100.

    .venv/bin/python -m benchmarks.reading_list             # 100 and 10,000 rows (about 20 s)
    .venv/bin/python -m benchmarks.reading_list --library   # and the library's goals on the result

Each figure is a real `tuireader` process, start-up included, into a fresh cache (the median of
RUNS), in seconds:
- import: `tuireader import FILE --no-fetch` (read, detected, saved in one transaction);
- import again: the same file a second time (nothing new: "0 saved, N already saved");
- export: `tuireader export --format csv` of the whole list.
The rows are unique URLs with tags, states and dates, as Pocket writes them; nothing is fetched.
The small import is the baseline: the ratio column shows how each figure grows.

`--library` then adds 10,000 cached articles (benchmarks/library.py's) to the store holding the
imported list and measures the library's figures against their goals there.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.commands import last_line, timed_tuireader
from benchmarks.scale_table import goal_text, print_scale_table

GOALS = {"import": 10.0}  # seconds, at the large size
RUNS = 3
TAGS = ("news", "tech", "long read", "recipes", "science", "later", "work")


def pocket_csv(path: Path, rows: int) -> Path:
    """A Pocket export of `rows` unique articles, tagged, a quarter of them archived."""
    rng = random.Random(rows)
    lines = ["title,url,time_added,tags,status"]
    for n in range(rows):
        tags = "|".join(rng.sample(TAGS, rng.randint(0, 3)))
        status = "archive" if n % 4 == 0 else "unread"
        url = f"https://site{n % 500}.example.org/{2020 + n % 5}/story-{n}?utm_source=pocket"
        lines.append(f'"Story number {n}, a title",{url},{1600000000 + n * 61},{tags},{status}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tuireader_seconds(cache_dir: Path, *args: str) -> tuple[float, str]:
    """Run `tuireader ARGS` on `cache_dir`: (wall seconds, its stdout's last line)."""
    seconds, done = timed_tuireader("reading-list", cache_dir, *args)
    return seconds, last_line(done.stdout)


def measure(rows: int) -> dict[str, float]:
    figures: dict[str, list[float]] = {"import": [], "import again": [], "export": []}
    with tempfile.TemporaryDirectory() as tmp:
        export = pocket_csv(Path(tmp) / "pocket.csv", rows)
        for run in range(RUNS):
            cache = Path(tmp) / f"cache{run}"
            seconds, said = tuireader_seconds(cache, "import", str(export), "--no-fetch")
            assert said == f"{rows:,} saved", said
            figures["import"].append(seconds)
            seconds, said = tuireader_seconds(cache, "import", str(export), "--no-fetch")
            assert said == f"0 saved, {rows:,} already saved", said
            figures["import again"].append(seconds)
            seconds, _ = tuireader_seconds(cache, "export", "--format", "csv")
            figures["export"].append(seconds)
    return {name: statistics.median(times) for name, times in figures.items()}


def library_on_the_list(rows: int, articles: int) -> dict[str, float]:
    """benchmarks/library.py's figures on a store of `articles` cached articles that also holds
    an imported reading list of `rows` URLs."""
    from benchmarks.library import build, library_ms, median_ms
    from tuireader.cache import Store

    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "cache"
        build(directory, articles)
        export = pocket_csv(Path(tmp) / "pocket.csv", rows)
        tuireader_seconds(directory, "import", str(export), "--no-fetch")
        store = Store.in_directory(directory)
        first, again = asyncio.run(library_ms(directory))
        figures = {
            "library first show": first,
            "library": again,
            "search common": median_ms(lambda: store.search("pyongyang")),
            "reading list window": median_ms(lambda: store.reading_list("unread", limit=80)),
        }
        store.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=100, help="the baseline file's rows")
    parser.add_argument("--large", type=int, default=10_000, help="the file measured")
    parser.add_argument(
        "--library", action="store_true", help="then the library's goals on the imported store"
    )
    args = parser.parse_args(argv)
    print(f"importing {args.small} rows…", file=sys.stderr)
    small = measure(args.small)
    print(f"importing {args.large} rows…", file=sys.stderr)
    large = measure(args.large)
    sizes = (f"{args.small:,}", f"{args.large:,}")
    print_scale_table(small, large, sizes, GOALS, unit="s", width=16, decimals=2)
    if args.library:
        from benchmarks.library import GOALS as LIBRARY_GOALS

        print(f"building {args.large:,} articles beside the list…", file=sys.stderr)
        figures = library_on_the_list(args.large, args.large)
        print(f"\nthe library with {args.large:,} articles and {args.large:,} saved URLs")
        for name, ms in figures.items():
            print(f"{name + ' ms':<24}{ms:>10.1f}   {goal_text(ms, LIBRARY_GOALS.get(name), 'ms')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
