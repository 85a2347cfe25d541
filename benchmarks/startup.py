"""Start-up benchmarks (issue 7, "Instant reading"): the real program in a real terminal.

    .venv/bin/python -m benchmarks.startup              # everything: 7 runs each, 21 for the
                                                        # quick dump and uncached (about 5 minutes)
    .venv/bin/python -m benchmarks.startup --runs 11 --only launch

Every figure is set against a baseline measured in the same run, the two alternating run by run,
so a busy machine slows both alike; the table shows medians. Nothing leaves the machine: the pages
come from an HTTP server on 127.0.0.1, and every file lives in a temporary folder (a temporary
HOME, config and cache, `TUIREADER_CACHE_DIR`) removed at the end, Ctrl+C included. Each program
runs once unmeasured first; bytecode is kept (in the temporary folder, even where
PYTHONDONTWRITEBYTECODE is set), so no measured run compiles, as with an installed tuireader.

The articles (benchmarks/articles.py) are two generated news pages of about 1,000 and 50,000 words.
They are put in the cache by the program itself (`tuireader --dump URL` against the local server).

- launch: `python -m tuireader URL` of a cached article in a 120x40 pseudo-terminal (pyte as the
  terminal, TERM=xterm-256color), from just before the fork to the read of the bytes that put the
  article's first words on the screen (benchmarks/terminal.py). The baseline is
  benchmarks/minimal_markdown_app.py, the same article (title and Markdown body, as tuireader
  stored it) in one Textual Markdown widget, measured the same way. The 50,000-word article is set
  against tuireader on the 1,000-word one. The three are launched in rotating order each run.
- memory: the peak resident set (VmHWM) of those same processes, read once the screen has been
  still for 0.3 s after the first words, before the process is killed. Both rows divide by the
  minimal app showing the 1,000-word article.
- scroll: tuireader on the 50,000-word article (through benchmarks/frame_probe.py, which times
  every Screen._on_timer_update: layout, compositor, render_line, escape sequences), paged down
  with PageDown keys sent to the pty (the first once the screen has been still for 1 s: start-up
  is over), each page's animation left to finish. Every frame drawn after the first key counts;
  the max and median are over all sessions' frames. A note under the table gives the thread CPU
  time per frame, which a busy machine inflates less than the wall clock, and how many of the
  slow frames ran the garbage collector.
- dump: `tuireader --dump URL` of the cached 1,000-word article, the whole process, against
  `python -c pass` with the same interpreter; the difference of the medians. `tuireader` is the
  command installed beside that interpreter (`python -m tuireader` where there is none).
- uncached: launch to first words for a URL the cache does not hold (a copy of the filled cache,
  a fresh URL on the local server), alternating with the cached launch; the baseline is the cached
  launch's median plus extract_article's median time on that page, measured in this process
  (warm: its import is not counted). A note gives the cold figure (import and first extraction
  in a new process).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.articles import FIRST_WORDS, PageServer, article_html
from benchmarks.terminal import Launch, kill_all

ROOT = Path(__file__).resolve().parents[1]
MINIMAL_APP = ROOT / "benchmarks" / "minimal_markdown_app.py"
FRAME_PROBE = ROOT / "benchmarks" / "frame_probe.py"
RUNS = 7
# dump and uncached take a second or less a pair, and their goals are differences of a few tens
# of ms between launches that swing by ±100 ms on a small VM: three times the runs steady them.
QUICK_RUNS_FACTOR = 3
PAGES = 50  # page-downs per scrolling session
SCROLL_SESSIONS = 3
SETTLE = 0.3  # seconds of a still screen before the peak memory is read
# Before the first page-down: start-up is over. One start-up frame (the side panes' first layout)
# can take longer than SETTLE, and a shorter wait then pages down mid start-up, counting its
# layout frames (60-300 ms) as scrolling ones.
SCROLL_SETTLE = 1.0
PAGE_DOWN = b"\x1b[6~"
GROUPS = ("launch", "memory", "scroll", "dump", "uncached")
SMALL, LARGE = "/article-1k.html", "/article-50k.html"


@dataclass
class Bench:
    """The temporary world the programs run in."""

    folder: Path
    server: PageServer
    python: str = sys.executable
    env: dict[str, str] = field(default_factory=dict)

    @property
    def cache(self) -> Path:
        return self.folder / "cache"

    @property
    def markdown(self) -> Path:
        return self.folder / "article-1k.md"

    def with_cache(self, cache: Path) -> dict[str, str]:
        return {**self.env, "TUIREADER_CACHE_DIR": str(cache)}

    def tuireader(self, *args: str) -> list[str]:
        return [self.python, "-m", "tuireader", *args]


def child_env(folder: Path) -> dict[str, str]:
    """The environment of every program: this checkout's sources, a private home, no proxy.

    Bytecode is written (to a temporary PYTHONPYCACHEPREFIX), so that modules are compiled once,
    in the warm-up runs, as they are once at install time, rather than at every launch.
    """
    home = folder / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.lower().endswith("_proxy")
        and not key.startswith(("TUIREADER_", "TEXTUAL"))
        and key != "PYTHONDONTWRITEBYTECODE"
    }
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    env.update(
        PYTHONPATH=path,
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        NO_PROXY="*",
        PYTHONPYCACHEPREFIX=str(folder / "pycache"),
    )
    return env


def prepare(folder: Path, server: PageServer) -> Bench:
    """Fill a cache with both articles through tuireader itself, and write the baseline's text."""
    bench = Bench(folder, server, env=child_env(folder))
    for path in (SMALL, LARGE):
        done = subprocess.run(
            bench.tuireader("--dump", server.url(path)),
            env=bench.with_cache(bench.cache),
            capture_output=True,
            text=True,
            check=True,
        )
        if FIRST_WORDS not in done.stdout:
            sys.exit(f"startup benchmark: the article at {path} was not extracted as expected")
    from tuireader.cache import Store

    store = Store.in_directory(bench.cache)
    found = store.load(server.url(SMALL))
    store.close()
    assert found is not None
    article = found[1]
    bench.markdown.write_text(f"# {article.title}\n\n{article.markdown}\n", encoding="utf-8")
    return bench


# Measuring -------------------------------------------------------------------------------------


@dataclass
class Sample:
    ms: float
    peak_kib: int


def first_words(argv: list[str], env: dict[str, str]) -> Sample:
    """Launch, wait for the article's first words, let the screen settle, read the peak RSS."""
    with Launch(argv, env) as run:
        seconds = run.wait_for(FIRST_WORDS)
        run.drain(quiet=SETTLE)
        return Sample(seconds * 1000, run.peak_rss_kib())


def alternate(runs: int, variants: dict[str, Callable[[int], Sample]]) -> dict[str, list[Sample]]:
    """Each variant once unmeasured (warm-up), then `runs` times in rotating order."""
    names = list(variants)
    for name in names:
        variants[name](-1)
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for run in range(runs):
        shift = run % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(variants[name](run))
        times = ", ".join(f"{name} {samples[name][-1].ms:.0f} ms" for name in names)
        print(f"  run {run + 1}/{runs}: {times}", file=sys.stderr)
    return samples


def median(samples: list[Sample], memory: bool = False) -> float:
    return statistics.median(s.peak_kib / 1024 if memory else s.ms for s in samples)


def launch(bench: Bench, runs: int) -> dict[str, list[Sample]]:
    cached = bench.with_cache(bench.cache)
    small, large = bench.server.url(SMALL), bench.server.url(LARGE)
    hits = sum(bench.server.hits.values())
    samples = alternate(
        runs,
        {
            "tuireader 1k": lambda _: first_words(bench.tuireader(small), cached),
            "minimal 1k": lambda _: first_words(
                [bench.python, str(MINIMAL_APP), str(bench.markdown)], cached
            ),
            "tuireader 50k": lambda _: first_words(bench.tuireader(large), cached),
        },
    )
    assert sum(bench.server.hits.values()) == hits, "a cached launch made a request"
    return samples


def dump_command(bench: Bench) -> list[str]:
    """`tuireader`, the command the installer wrote beside this Python (what a person runs).

    It imports `tuireader.cli.main` and calls main(); `python -m tuireader`, the fallback where the
    package is not installed, also pays for runpy (about 8 ms).
    """
    script = Path(bench.python).with_name("tuireader")
    if script.is_file():
        return [str(script)]
    return bench.tuireader()


def dump(bench: Bench, runs: int) -> dict[str, list[Sample]]:
    env = bench.with_cache(bench.cache)

    def whole(argv: list[str]) -> Callable[[int], Sample]:
        def run(_: int) -> Sample:
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
            return Sample((time.perf_counter() - start) * 1000, 0)

        return run

    return alternate(
        runs,
        {
            "dump": whole([*dump_command(bench), "--dump", bench.server.url(SMALL)]),
            "python -c pass": whole([bench.python, "-c", "pass"]),
        },
    )


COLD_EXTRACTION = """
import sys, time
start = time.perf_counter()
from tuireader.extract.pipeline import extract_article
extract_article(open(sys.argv[1], encoding="utf-8").read(), sys.argv[2])
print((time.perf_counter() - start) * 1000)
"""


def cold_extraction(bench: Bench, runs: int) -> float:
    """Median ms to import the extractor and extract the page in a new process (for the notes)."""
    page = bench.folder / "article-1k.html"
    page.write_text(article_html(1000), encoding="utf-8")
    argv = [bench.python, "-c", COLD_EXTRACTION, str(page), bench.server.url(SMALL)]
    times = []
    for _ in range(runs + 1):  # the first compiles the bytecode
        done = subprocess.run(argv, env=bench.env, capture_output=True, text=True, check=True)
        times.append(float(done.stdout))
    return statistics.median(times[1:])


def uncached(bench: Bench, runs: int) -> tuple[dict[str, list[Sample]], float]:
    """Uncached and cached launches alternating, and extract_article's median ms on the page."""
    from tuireader.extract.pipeline import extract_article

    def fresh(run: int) -> Sample:
        copy = bench.folder / f"uncached-{run + 1}"
        shutil.copytree(bench.cache, copy)
        path = f"/fresh/{run + 1}{SMALL}"
        try:
            return first_words(bench.tuireader(bench.server.url(path)), bench.with_cache(copy))
        finally:
            assert bench.server.hits[path] == 1, f"{path} was requested {bench.server.hits[path]}"
            shutil.rmtree(copy)

    cached = bench.with_cache(bench.cache)
    samples = alternate(
        runs,
        {
            "uncached": fresh,
            "cached": lambda _: first_words(bench.tuireader(bench.server.url(SMALL)), cached),
        },
    )
    html = article_html(1000)
    url = bench.server.url(SMALL)
    extract_article(html, url)
    times = []
    for _ in range(max(runs, 7)):
        start = time.perf_counter()
        extract_article(html, url)
        times.append((time.perf_counter() - start) * 1000)
    return samples, statistics.median(times)


@dataclass
class Frames:
    """The frames drawn while scrolling: wall-clock, thread CPU and garbage collection ms."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    collecting: list[float] = field(default_factory=list)


def scroll(bench: Bench, sessions: int, pages: int) -> Frames:
    """The frames of `sessions` sessions of `pages` page-downs through the 50,000-word article."""
    found = Frames()
    for session in range(sessions):
        out = bench.folder / f"frames-{session}.json"
        argv = [bench.python, str(FRAME_PROBE), str(out), bench.server.url(LARGE)]
        cache = bench.folder / f"scroll-{session}"  # quitting keeps the position: start afresh
        shutil.copytree(bench.cache, cache)
        with Launch(argv, bench.with_cache(cache)) as run:
            run.wait_for(FIRST_WORDS)
            run.drain(quiet=SCROLL_SETTLE)
            first_key = time.monotonic()
            for _ in range(pages):
                run.send(PAGE_DOWN)
                run.drain(quiet=0.1)
            run.send(b"q")
            if not run.wait_exit(10):
                sys.exit("startup benchmark: the frame probe did not quit")
        frames = json.loads(out.read_text(encoding="utf-8"))
        for start, wall, cpu, collecting in frames:
            if start >= first_key:
                found.wall.append(wall)
                found.cpu.append(cpu)
                found.collecting.append(collecting)
        print(f"  scrolling session {session + 1}/{sessions}", file=sys.stderr)
    return found


# Reporting -------------------------------------------------------------------------------------


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def ratio_row(
    measure: str, baseline: str, ours: float, base: float, limit: float, unit: str
) -> list[str]:
    ratio = ours / base
    return [
        measure,
        f"{ours:,.0f} {unit}",
        baseline,
        f"{base:,.0f} {unit}",
        f"{ratio:.3f}",
        f"ratio <= {limit}",
        "yes" if ratio <= limit else "NO",
    ]


def difference_row(
    measure: str, baseline: str, ours: float, base: float, limit: float
) -> list[str]:
    more = ours - base
    return [
        measure,
        f"{ours:,.0f} ms",
        baseline,
        f"{base:,.0f} ms",
        f"{more:+,.0f} ms",
        f"< +{limit:.0f} ms",
        "yes" if more < limit else "NO",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=RUNS,
        help=f"runs of each measurement ({QUICK_RUNS_FACTOR} times as many for dump and uncached)",
    )
    parser.add_argument("--only", choices=GROUPS, action="append", help="only these (repeatable)")
    parser.add_argument("--pages", type=int, default=PAGES, help="page-downs per scroll session")
    args = parser.parse_args(argv)
    only = set(args.only or GROUPS)
    notes: list[str] = []
    rows = [["measure", "tuireader", "baseline (same run)", "baseline", "vs", "goal", "met"]]
    try:
        with tempfile.TemporaryDirectory(prefix="tuireader-startup-") as tmp:
            pages = {SMALL: article_html(1000), LARGE: article_html(50_000)}
            with PageServer(pages).running() as server:
                print("filling the cache through tuireader…", file=sys.stderr)
                bench = prepare(Path(tmp), server)
                rows += measure_all(bench, only, args.runs, args.pages, notes)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        kill_all()
    load = os.getloadavg()
    print(
        f"\n== goals (issue 7): medians of {args.runs} alternating runs "
        f"({args.runs * QUICK_RUNS_FACTOR} for dump and uncached), 120x40 pty"
    )
    print(table(rows))
    for note in notes:
        print(note)
    print(
        f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} CPUs"
    )
    return 0


def measure_all(
    bench: Bench, only: set[str], runs: int, pages: int, notes: list[str]
) -> list[list[str]]:
    rows = []
    if only & {"launch", "memory"}:
        print("launch: tuireader 1k, minimal app 1k, tuireader 50k…", file=sys.stderr)
        got = launch(bench, runs)
        ours, base, large = got["tuireader 1k"], got["minimal 1k"], got["tuireader 50k"]
        if "launch" in only:
            rows.append(
                ratio_row(
                    "launch to first words, 1,000 words",
                    "minimal Markdown app",
                    median(ours),
                    median(base),
                    1.0,
                    "ms",
                )
            )
            rows.append(
                ratio_row(
                    "launch to first words, 50,000 words",
                    "tuireader, 1,000 words",
                    median(large),
                    median(ours),
                    1.5,
                    "ms",
                )
            )
        if "memory" in only:
            for words, samples, limit in (("1,000", ours, 1.25), ("50,000", large, 2.0)):
                rows.append(
                    ratio_row(
                        f"peak memory, {words} words open",
                        "minimal Markdown app, 1,000",
                        median(samples, memory=True),
                        median(base, memory=True),
                        limit,
                        "MiB",
                    )
                )
    if "scroll" in only:
        print("scroll: paging down the 50,000-word article…", file=sys.stderr)
        frames = scroll(bench, SCROLL_SESSIONS, pages)
        worst = max(frames.wall)
        slow = [n for n, ms in enumerate(frames.wall) if ms >= 16]
        rows.append(
            [
                f"scrolling 50,000 words, {len(frames.wall)} frames",
                f"max {worst:.1f} ms",
                "(none)",
                f"median {statistics.median(frames.wall):.1f} ms",
                f"{len(slow)} >= 16 ms",
                "every frame < 16 ms",
                "yes" if worst < 16 else "NO",
            ]
        )
        notes.append(
            f"scrolling: thread CPU per frame median {statistics.median(frames.cpu):.1f} ms, "
            f"max {max(frames.cpu):.1f} ms; {sum(frames.cpu[n] >= 16 for n in slow)} of the "
            f"{len(slow)} slow frames used >= 16 ms of CPU, "
            f"{sum(frames.collecting[n] > 0 for n in slow)} ran the garbage collector "
            f"(max {max(frames.collecting):.1f} ms in one frame)"
        )
    if "dump" in only:
        print("dump: tuireader --dump against python -c pass…", file=sys.stderr)
        got = dump(bench, runs * QUICK_RUNS_FACTOR)
        notes.append(f"dump: the command timed was {' '.join(dump_command(bench))} --dump URL")
        rows.append(
            difference_row(
                "--dump of a cached article, whole process",
                "python -c pass",
                median(got["dump"]),
                median(got["python -c pass"]),
                150,
            )
        )
    if "uncached" in only:
        print(
            "uncached: launch for a page not in the cache, against a cached one…", file=sys.stderr
        )
        got, extraction = uncached(bench, runs * QUICK_RUNS_FACTOR)
        cached = median(got["cached"])
        rows.append(
            difference_row(
                "launch to first words, uncached page",
                f"cached {cached:,.0f} + extraction {extraction:,.0f}",
                median(got["uncached"]),
                cached + extraction,
                50,
            )
        )
        notes.append(
            f"uncached: importing the extractor and extracting in a new process takes "
            f"{cold_extraction(bench, runs):,.0f} ms (median), not the {extraction:,.0f} ms of a "
            "warm extract_article counted in the baseline"
        )
    return rows


if __name__ == "__main__":
    sys.exit(main())
