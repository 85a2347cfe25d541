"""Opening an article that carries 1,000 highlights and 50 earlier copies (issue 22).

    .venv/bin/python -m benchmarks.highlights_open       # 7 runs each, about a minute
    .venv/bin/python -m benchmarks.highlights_open --runs 11

`python -m tuireader URL` of a cached 10,000-word article in a 120x40 pseudo-terminal
(benchmarks/terminal.py), timed from just before the fork until the article's first words are
on the screen and, with highlights, drawn in the highlight's colour (one of the 1,000 covers
them): the time a reader waits for the words and the highlights. The baseline, in the same run
and alternating with it, is the same article in a cache of its own with no highlights and no
earlier copies. Goal: under 50 ms more.

The earlier copies are made as a refetch makes them: 50 copies whose text differs, each saved
through `Store.save`, then the article itself; the store says how many it keeps (printed). The
highlights are 1,000 passages of 3 to 12 words spread over the body (one in five with a note),
kept through `Reader.highlights`, as the reader keeps them. Nothing leaves the machine: the page
comes from a server on 127.0.0.1 and every file is in a temporary folder removed at the end.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pyte

from benchmarks.articles import FIRST_WORDS, PageServer, article_html
from benchmarks.startup import child_env
from benchmarks.terminal import Launch, kill_all

RUNS = 7
WORDS = 10_000
HIGHLIGHTS = 1_000
VERSIONS = 50
GOAL_MS = 50.0
PATH = "/article-10k.html"
COLS, ROWS = 120, 40


def fill(cache: Path, url: str, env: dict[str, str], *, marked: bool) -> int:
    """The article in `cache` (through `tuireader --dump`, as the startup benchmark fills its
    cache); with `marked`, its earlier copies and highlights too. How many copies are kept."""
    subprocess.run(
        [sys.executable, "-m", "tuireader", "--dump", url],
        env={**env, "TUIREADER_CACHE_DIR": str(cache)},
        capture_output=True,
        check=True,
    )
    if not marked:
        return 0
    from tuireader.body import article_body, with_body
    from tuireader.body.quotes import Body, Place
    from tuireader.cache import Store
    from tuireader.reading.highlights import HighlightBook

    store = Store.in_directory(cache)
    try:
        found = store.load_page(url)
        loaded = store.load(url)
        assert loaded is not None and found is not None
        page, article = found, loaded[1]
        for number in range(1, VERSIONS):  # the article as first saved is the 50th
            changed = article.markdown.replace(
                "Quillfeather Bay woke", f"Quillfeather Bay (copy {number}) woke", 1
            )
            copy = with_body(article._replace(markdown=changed, text=f"{article.text} {number}"))
            store.save(page, copy)
        store.save(page, article)  # the newest copy: the article the highlights are made on
        kept = len(store.versions(url))
        texts = [block.text for block in article_body(article).blocks]
        body, book = Body(texts), HighlightBook(store)
        rng = random.Random(22)
        lead = texts[0].index(FIRST_WORDS)
        passages = [Place(0, lead, 0, lead + len(FIRST_WORDS))]
        while len(passages) < HIGHLIGHTS:
            block = rng.randrange(len(texts))
            words = [(m, m + len(w)) for m, w in _word_spans(texts[block])]
            if len(words) < 12:
                continue
            first = rng.randrange(len(words) - 12)
            last = first + rng.randint(2, 11)
            passages.append(Place(block, words[first][0], block, words[last][1]))
        for n, place in enumerate(passages):
            book.add(url, body.quote(place), note=f"note {n}" if n % 5 == 4 else "")
        assert len(book.of(url)) == HIGHLIGHTS
        return kept
    finally:
        store.close()


def _word_spans(text: str) -> list[tuple[int, str]]:
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]


def _highlighted(screen: pyte.Screen) -> bool:
    """The first words are on screen, drawn on another background than the title above them."""
    for y, line in enumerate(screen.display):
        x = line.find(FIRST_WORDS)
        if x >= 0:
            row = screen.buffer[y]
            title = next(
                screen.buffer[t][line_x]
                for t in range(y)
                if (line_x := screen.display[t].find("Fog Talks")) >= 0
            )
            return row[x].bg != title.bg and row[x + len(FIRST_WORDS) - 1].bg == row[x].bg
    return False


def _words_on_screen(screen: pyte.Screen) -> bool:
    return any(FIRST_WORDS in line for line in screen.display)


def time_open(argv: list[str], env: dict[str, str], *, marked: bool) -> float:
    with Launch(argv, env, COLS, ROWS) as run:
        return 1000 * run.wait_until(_highlighted if marked else _words_on_screen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tuireader-highlights-"))
    try:
        env = child_env(folder)
        with PageServer({PATH: article_html(WORDS)}).running() as server:
            url = server.url(PATH)
            plain, marked = folder / "plain", folder / "marked"
            fill(plain, url, env, marked=False)
            kept = fill(marked, url, env, marked=True)
        print(f"the store keeps {kept} earlier copies of the article and {HIGHLIGHTS:,} highlights")
        argv = [sys.executable, "-m", "tuireader", "--offline", url]
        variants = {
            "without": lambda: time_open(
                argv, {**env, "TUIREADER_CACHE_DIR": str(plain)}, marked=False
            ),
            "with": lambda: time_open(
                argv, {**env, "TUIREADER_CACHE_DIR": str(marked)}, marked=True
            ),
        }
        for run in variants.values():
            run()  # warm-up: bytecode compiled, files in the page cache
        samples: dict[str, list[float]] = {name: [] for name in variants}
        for index in range(options.runs):
            order = list(variants) if index % 2 == 0 else list(reversed(variants))
            for name in order:
                samples[name].append(variants[name]())
            print(
                f"  run {index + 1}/{options.runs}: "
                + ", ".join(f"{name} {samples[name][-1]:.0f} ms" for name in variants),
                file=sys.stderr,
            )
        without, with_ = (statistics.median(samples[name]) for name in ("without", "with"))
        more = with_ - without
        marked_case = f"10,000 words, {HIGHLIGHTS:,} highlights drawn, {kept} earlier copies"
        print(f"{'case':<56} {'median ms':>10}")
        print(f"{'10,000 words, no highlights, no earlier copies':<56} {without:>10.0f}")
        print(f"{marked_case:<56} {with_:>10.0f}")
        verdict = "met" if more < GOAL_MS else "MISSED"
        ratio = with_ / without
        print(f"more: {more:.0f} ms (ratio {ratio:.3f}); goal < {GOAL_MS:.0f} ms more: {verdict}")
    finally:
        kill_all()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
