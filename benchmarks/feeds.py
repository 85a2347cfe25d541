"""Feed benchmark (issue 18, "Speed and scale"): `tuireader refresh` against newsboat.

    .venv/bin/python -m benchmarks.feeds                # 200 feeds of 50 entries, 5 runs each
    .venv/bin/python -m benchmarks.feeds --runs 3 --feeds 50

200 generated feeds of 50 entries (benchmarks/feed_site.py: RSS 2.0 and Atom, realistic items,
ETag and Last-Modified, 304 to a conditional request, gzip) are served by threaded HTTP servers
in this process, spread over 50 loopback hosts (127.0.0.2 and up, four feeds each), so that
tuireader's limit of 2 requests per host acts as on the web; newsboat has no such limit. Feeds
only: no article page is fetched.

Each run starts from nothing: a fresh cache and config, the subscriptions added beforehand
through the store (not timed). Then, timed, each a whole process:
- tuireader: `tuireader refresh --no-articles`, then again (every feed answers 304);
- newsboat 2.21: `newsboat -x reload` with `reload-threads` set to tuireader's concurrency
  (reading/polite.py) and a urls file of the same feeds, three times: the first reload, a second
  (newsboat sends no validators yet: see the notes) and a third (conditional: 304s).
The two programs take turns run by run; the table shows medians. Every run is checked: the
requests the servers saw (how many, conditional, 304), the entries each store holds, and the
summary line tuireader printed. A program that does not do what it claims stops the benchmark.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.feed_site import FeedServers, Hit
from tuireader.cache import Store
from tuireader.paths import store_path
from tuireader.reading.polite import DEFAULT_CONCURRENCY, DEFAULT_PER_HOST

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
FEEDS, ENTRIES, HOSTS = 200, 50, 50
FIRST_GOAL = 1.0  # tuireader's first refresh against newsboat's first reload
UNCHANGED_GOAL = 0.3  # tuireader's 304 refresh against its own first refresh


@dataclass
class Bench:
    folder: Path
    servers: FeedServers
    env: dict[str, str]
    tuireader: list[str]
    newsboat: str | None
    runs: int = 0
    times: dict[str, list[float]] = field(default_factory=dict)
    growth: list[float] = field(default_factory=list)  # store bytes per entry, each run
    store_bytes: list[float] = field(default_factory=list)  # whole store file / entries
    newsboat_bytes: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def record(self, name: str, seconds: float) -> None:
        self.times.setdefault(name, []).append(seconds)

    def fresh(self, name: str) -> Path:
        folder = self.folder / f"{name}-{self.runs}"
        folder.mkdir()
        return folder


def child_env(folder: Path) -> dict[str, str]:
    """A private home and config, this checkout's sources, no proxy for the loopback servers."""
    home = folder / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.lower().endswith("_proxy") and not key.startswith("TUIREADER_")
    }
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    env.update(
        PYTHONPATH=path,
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        NO_PROXY="*",
    )
    return env


def tuireader_command() -> list[str]:
    """The `tuireader` command installed beside this Python, else `python -m tuireader`."""
    script = Path(sys.executable).with_name("tuireader")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "tuireader"]


def find_newsboat() -> str | None:
    """newsboat's path, installed with apt-get when missing; None when it cannot be had."""
    found = shutil.which("newsboat")
    if found is None and shutil.which("apt-get"):
        print("installing newsboat (apt-get install -y newsboat)…", file=sys.stderr)
        subprocess.run(
            ["apt-get", "install", "-y", "newsboat"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        found = shutil.which("newsboat")
    return found


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def expect(condition: bool, what: str) -> None:
    if not condition:
        sys.exit(f"feed benchmark: {what}")


def check_hits(hits: list[Hit], client: str, feeds: int, conditional: int, unchanged: int) -> None:
    """The servers saw `feeds` requests from `client`, as many conditional and 304 as said."""
    mine = [hit for hit in hits if hit.client == client]
    expect(len(mine) == len(hits), f"requests from another client than {client}: {hits[:3]}")
    expect(len(mine) == feeds, f"{client}: {len(mine)} requests for {feeds} feeds")
    sent = sum(hit.conditional for hit in mine)
    expect(sent == conditional, f"{client}: {sent} conditional requests, not {conditional}")
    got = sum(hit.status == 304 for hit in mine)
    expect(got == unchanged, f"{client}: {got} answers 304, not {unchanged}")
    expect(all(hit.status in (200, 304) for hit in mine), f"{client}: a request failed")


def store_size(cache: Path) -> int:
    path = store_path(cache)
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def count_rows(path: Path, table: str) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        db.close()


# The two programs ----------------------------------------------------------------------------


def run_tuireader(bench: Bench, measured: bool) -> str:
    """A fresh cache following every feed, refreshed twice; the times of both refreshes."""
    folder = bench.fresh("tuireader")
    cache = folder / "cache"
    config = folder / "config.toml"
    config.write_text("[feeds]\nfetch_articles = false\n", encoding="utf-8")
    urls = bench.servers.urls()
    store = Store.in_directory(cache)
    for url in urls:
        store.add_feed(url)
    store.close()
    empty = store_size(cache)
    env = {**bench.env, "TUIREADER_CACHE_DIR": str(cache), "TUIREADER_CONFIG": str(config)}
    argv = [*bench.tuireader, "refresh", "--no-articles"]
    feeds = len(urls)
    bench.servers.reset()
    first, done = timed(argv, env)
    expect(done.returncode == 0, f"tuireader refresh failed: {done.stderr[-500:]}")
    expect(
        done.stdout.startswith(f"{feeds} feeds: 0 unchanged, {feeds} updated,"),
        f"tuireader's first refresh said {done.stdout!r}",
    )
    check_hits(bench.servers.reset(), "tuireader", feeds, 0, 0)
    entries = count_rows(store_path(cache), "entries")
    expect(entries == feeds * bench.servers.entries, f"tuireader stored {entries} entries")
    filled = store_size(cache)
    again, done = timed(argv, env)
    expect(done.returncode == 0, f"tuireader's second refresh failed: {done.stderr[-500:]}")
    expect(
        done.stdout.startswith(f"{feeds} feeds: {feeds} unchanged, 0 updated,"),
        f"tuireader's second refresh said {done.stdout!r}",
    )
    check_hits(bench.servers.reset(), "tuireader", feeds, feeds, feeds)
    if measured:
        bench.record("tuireader first", first)
        bench.record("tuireader 304", again)
        bench.growth.append((filled - empty) / entries)
        bench.store_bytes.append(filled / entries)
    shutil.rmtree(folder)
    return f"tuireader {first:.2f} s, 304 {again:.2f} s"


def run_newsboat(bench: Bench, measured: bool) -> str:
    """A fresh newsboat cache, reloaded three times; the times of each reload."""
    assert bench.newsboat is not None
    folder = bench.fresh("newsboat")
    urls = bench.servers.urls()
    (folder / "urls").write_text("\n".join(urls) + "\n", encoding="utf-8")
    (folder / "config").write_text(f"reload-threads {DEFAULT_CONCURRENCY}\n", encoding="utf-8")
    cache = folder / "cache.db"
    argv = [
        bench.newsboat,
        "-x",
        "reload",
        "-u",
        str(folder / "urls"),
        "-c",
        str(cache),
        "-C",
        str(folder / "config"),
    ]
    feeds = len(urls)
    bench.servers.reset()
    times = []
    conditional = []
    for n in range(3):
        seconds, done = timed(argv, bench.env)
        expect(done.returncode == 0, f"newsboat -x reload failed: {done.stderr[-500:]}")
        hits = bench.servers.reset()
        sent = sum(hit.conditional for hit in hits)
        conditional.append(sent)
        # The first reload cannot be conditional; the validators it receives are lost (see
        # the notes), so the second is not either; the third is, and gets 304s.
        expected = (0, 0, feeds)[n]
        check_hits(hits, "newsboat", feeds, expected, expected)
        items = count_rows(cache, "rss_item")
        expect(items == feeds * bench.servers.entries, f"newsboat holds {items} items")
        times.append(seconds)
    if measured:
        bench.record("newsboat first", times[0])
        bench.record("newsboat second", times[1])
        bench.record("newsboat 304", times[2])
        bench.newsboat_bytes.append(cache.stat().st_size / (feeds * bench.servers.entries))
    shutil.rmtree(folder)
    return "newsboat " + ", ".join(f"{s:.2f}" for s in times) + " s"


def alternate(bench: Bench, runs: int) -> None:
    """Each program once unmeasured (bytecode, page cache), then `runs` times taking turns."""
    programs: list[Callable[[Bench, bool], str]] = [run_tuireader]
    if bench.newsboat is not None:
        programs.append(run_newsboat)
    for program in programs:
        print(f"  warm-up: {program(bench, False)}", file=sys.stderr)
    for run in range(runs):
        bench.runs = run + 1
        shift = run % len(programs)
        said = [program(bench, True) for program in programs[shift:] + programs[:shift]]
        print(f"  run {run + 1}/{runs}: {'; '.join(said)}", file=sys.stderr)


# Reporting -------------------------------------------------------------------------------------


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def report(bench: Bench, feeds: int, entries: int) -> None:
    median = {name: statistics.median(times) for name, times in bench.times.items()}
    rows = [["measure", "tuireader", "baseline (same run)", "baseline", "ratio", "goal", "met"]]
    first = median["tuireader first"]
    if "newsboat first" in median:
        ratio = first / median["newsboat first"]
        rows.append(
            [
                f"first refresh, {feeds} feeds x {entries} entries",
                f"{first:.2f} s",
                "newsboat -x reload",
                f"{median['newsboat first']:.2f} s",
                f"{ratio:.3f}",
                f"<= {FIRST_GOAL}",
                "met" if ratio <= FIRST_GOAL else "NOT MET",
            ]
        )
    unchanged = median["tuireader 304"]
    ratio = unchanged / first
    rows.append(
        [
            "refresh, every feed 304",
            f"{unchanged:.2f} s",
            "tuireader's first refresh",
            f"{first:.2f} s",
            f"{ratio:.3f}",
            f"<= {UNCHANGED_GOAL}",
            "met" if ratio <= UNCHANGED_GOAL else "NOT MET",
        ]
    )
    if "newsboat 304" in median:
        rows.append(
            [
                "(newsboat, every feed 304)",
                "",
                "newsboat's third reload",
                f"{median['newsboat 304']:.2f} s",
                f"{median['newsboat 304'] / median['newsboat first']:.3f}",
                "(of its first)",
                "",
            ]
        )
    print(f"\n== feeds (issue 18): medians of {bench.runs} alternating runs, whole processes")
    print(table(rows))
    growth = statistics.median(bench.growth)
    whole = statistics.median(bench.store_bytes)
    print(
        f"store growth per entry (without article): {growth:,.0f} bytes "
        f"(the whole store file over its entries: {whole:,.0f} bytes)"
    )
    if bench.newsboat_bytes:
        print(f"newsboat's cache per item: {statistics.median(bench.newsboat_bytes):,.0f} bytes")
    for name, times in bench.times.items():
        print(f"  {name}: " + ", ".join(f"{t:.2f}" for t in times) + " s")
    for note in bench.notes:
        print(note)
    load = os.getloadavg()
    print(
        f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} CPUs"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="measured runs of each program")
    parser.add_argument("--feeds", type=int, default=FEEDS)
    parser.add_argument("--entries", type=int, default=ENTRIES, help="entries per feed")
    parser.add_argument("--hosts", type=int, default=HOSTS, help="loopback hosts serving them")
    parser.add_argument("--no-newsboat", action="store_true", help="time tuireader alone")
    args = parser.parse_args(argv)
    newsboat = None if args.no_newsboat else find_newsboat()
    servers = FeedServers(args.feeds, args.entries, min(args.hosts, args.feeds))
    try:
        with tempfile.TemporaryDirectory(prefix="tuireader-feeds-") as tmp, servers.running():
            folder = Path(tmp)
            bench = Bench(folder, servers, child_env(folder), tuireader_command(), newsboat)
            sizes = [len(feed.body) for feed in servers.feeds.values()]
            print(
                f"{args.feeds} feeds of {args.entries} entries on {len(servers.hosts)} hosts, "
                f"{statistics.mean(sizes) / 1024:.0f} KiB each "
                f"({statistics.mean(len(f.gzipped) for f in servers.feeds.values()) / 1024:.0f} "
                "KiB gzipped)…",
                file=sys.stderr,
            )
            alternate(bench, args.runs)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    bench.notes.append(
        f"tuireader: {' '.join(bench.tuireader)} refresh --no-articles; {DEFAULT_CONCURRENCY} "
        f"at a time, {DEFAULT_PER_HOST} per host; {len(servers.hosts)} hosts, "
        f"{args.feeds // len(servers.hosts)} feeds each"
    )
    if newsboat is None:
        bench.notes.append(
            "newsboat: not installed and apt-get could not install it: no comparison"
        )
    else:
        version = subprocess.run([newsboat, "--version"], capture_output=True, text=True)
        bench.notes.append(
            f"newsboat: {version.stdout.splitlines()[0] if version.stdout else '?'}, "
            f"reload-threads {DEFAULT_CONCURRENCY}. It sends If-None-Match and If-Modified-Since "
            "only from its third reload of a new cache: the first reload stores the validators "
            "before the feed's row exists, so they are lost, and the second reload's are kept."
        )
    report(bench, args.feeds, args.entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
