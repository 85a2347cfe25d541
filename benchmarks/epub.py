"""EPUB benchmark: `tuireader export --format epub` of 1,000 cached articles; epubcheck's verdict.

    .venv/bin/python -m benchmarks.epub               # 1,000 articles (about a minute)
    .venv/bin/python -m benchmarks.epub --articles 200 --runs 1

The articles are the real pages of ../shared/extraction-bench (news and readability sets,
extracted once, then kept again and again under URLs of their own until there are enough;
benchmarks/articles.py's generated pages when that folder is missing), in a store in a temporary
directory. One article in ten has pictures in the cache (a JPEG lead, a PNG and a WebP figure:
the WebP is redrawn for the book), one in five has highlights (three found in the text, one gone).
Every article is on the reading list too, so that the baseline exports the same articles.

Figures (a real `tuireader` process each, start-up included; the median of RUNS, in seconds):
- wallabag-json: `tuireader export --format wallabag-json -o FILE`, the baseline: the same
  articles' content rendered as HTML into one JSON file;
- epub: `tuireader export --format epub -o FILE`, every cached article as one book.
Then epubcheck (Debian's `epubcheck` package, run with java) checks the big book and a small one
(`--tag pictures`: the articles with pictures and highlights, and one of hostile page text) and
its verdict is printed: no errors is the goal. Without epubcheck the check is skipped, saying so.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.commands import last_line, timed_tuireader
from tuireader.body import article_body, with_body
from tuireader.body.quotes import Body, Place
from tuireader.cache import SavedRow, Store
from tuireader.models import Article, Highlight, Image, Page, PageInfo, Picture

ROOT = Path(__file__).resolve().parents[1]
BENCH_PAGES = ROOT.parent / "shared" / "extraction-bench"
GOAL = 30.0  # seconds for the epub export of 1,000 articles
RUNS = 3
HOSTILE = "<script>alert(1)</script> & ]]> \x1b[31m<b>not bold</b>\x07 \ufffe &amp;"


def extracted_articles() -> list[tuple[str, str, Article]]:
    """(url, html, article) of each real page, extracted once."""
    import json

    from tuireader.extract.page import article_from_page

    pages: list[tuple[str, str]] = []
    if BENCH_PAGES.is_dir():
        truth = json.loads((BENCH_PAGES / "ground-truth.json").read_text(encoding="utf-8"))
        for name, facts in sorted(truth.items()):
            file = BENCH_PAGES / "html" / f"{name}.html"
            if file.exists():
                pages.append(
                    (str(facts["url"]), file.read_text(encoding="utf-8", errors="replace"))
                )
        for folder in sorted((BENCH_PAGES / "readability-pages").iterdir()):
            source = folder / "source.html"
            if source.exists():
                html = source.read_text(encoding="utf-8", errors="replace")
                pages.append((f"https://readability.example.org/{folder.name}", html))
    else:
        from benchmarks.articles import article_html

        pages = [
            (f"https://news.example.org/{n}", article_html(400 + 150 * n, seed=n))
            for n in range(20)
        ]
    found = []
    for url, html in pages:
        article = article_from_page(Page(PageInfo(url, url), html))
        if article.found and article.markdown.strip():
            found.append((url, html, article))
    return found


def pictures_for(rng: random.Random) -> list[tuple[bytes, str]]:
    from PIL import Image

    made = []
    for fmt, kind in (("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")):
        image = Image.new("RGB", (320, 200), tuple(rng.randrange(256) for _ in range(3)))
        for x in range(0, 320, 8):  # some detail, so the files are not trivially small
            for y in range(0, 200, 8):
                image.putpixel((x, y), (rng.randrange(256), 0, 0))
        out = io.BytesIO()
        image.save(out, fmt)
        made.append((out.getvalue(), kind))
    return made


def build(directory: Path, count: int) -> None:
    """`count` cached articles, saved on the reading list; pictures and highlights in some."""
    sources = extracted_articles()
    rng = random.Random(count)
    store = Store.in_directory(directory)
    rows = []
    for n in range(count):
        url, html, article = sources[n % len(sources)]
        url = f"{url}{'&' if '?' in url else '?'}copy={n}"
        if n == 0:
            article = article._replace(title=HOSTILE, byline=HOSTILE, credits=(HOSTILE,))
        pictured = n % 10 == 0
        if pictured:
            figures = f"![a figure](<{url}-figure.png>)\n\n![a photo](<{url}-photo.webp>)"
            article = with_body(
                article._replace(
                    markdown=f"{article.markdown}\n\n{figures}",
                    lead_image=Image(url=f"{url}-lead.jpg", caption="The lead", credit="Bench"),
                )
            )
        stamp = f"2026-01-01T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}+00:00"
        store.save(Page(PageInfo(url, url, fetched_at=stamp), html), article)
        tags: tuple[str, ...] = ()
        if pictured:
            made = pictures_for(rng)
            srcs = [f"{url}-lead.jpg", f"{url}-figure.png", f"{url}-photo.webp"]
            store.save_pictures(
                url,
                [
                    (Picture(src, kind, 320, 200, len(data)), data, position)
                    for position, (src, (data, kind)) in enumerate(zip(srcs, made, strict=True))
                ],
            )
            tags = ("pictures",)
        if n % 5 == 0:
            add_highlights(store, url, article, rng)
        rows.append(SavedRow(url, article.title, tags=tags, saved_at=stamp))
    store.save_urls(rows)
    store.close()


def add_highlights(store: Store, url: str, article: Article, rng: random.Random) -> None:
    texts = [block.text for block in article_body(article).blocks]
    body = Body(texts)
    useful = [n for n, text in enumerate(texts) if len(text) > 40]
    for block in rng.sample(useful, min(3, len(useful))):
        start = rng.randrange(0, 20)
        last = min(block + rng.randrange(0, 2), len(texts) - 1)
        end = min(len(texts[last]), 30) if last > block else start + 20
        quote = body.quote(Place(block, start, last, end))
        store.add_highlight(Highlight(0, url, *quote, note=f"A note & <{HOSTILE}>"))
    store.add_highlight(Highlight(0, url, "words no longer in the article", note="gone"))


def tuireader_seconds(cache_dir: Path, *args: str) -> tuple[float, str]:
    """Run `tuireader ARGS` on `cache_dir`: (wall seconds, its stderr's last line)."""
    seconds, done = timed_tuireader("epub", cache_dir, *args)
    return seconds, last_line(done.stderr)


def epubcheck_command() -> list[str] | None:
    """How to run epubcheck here: Debian's /usr/bin/epubcheck is the jar itself, which runs
    only where binfmt_misc knows jars; `java -jar` runs it anywhere."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    real = os.path.realpath(found)
    if real.endswith(".jar"):
        return [shutil.which("java") or "java", "-jar", real] if shutil.which("java") else None
    return [found]


def epubcheck(command: list[str], book: Path) -> tuple[str, list[str]]:
    """epubcheck's count line ("Messages: 0 fatals / 0 errors / …") and its error lines."""
    done = subprocess.run(
        [*command, str(book)], capture_output=True, text=True, timeout=900, check=False
    )
    output = done.stdout + done.stderr
    counts = re.search(r"Messages: .*", output)
    problems = [line for line in output.splitlines() if re.match(r"(FATAL|ERROR)", line)]
    return (counts.group() if counts else f"no verdict (exit status {done.returncode})"), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in the book")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed runs of each export")
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        print(f"building a store of {args.articles:,} articles…", file=sys.stderr)
        build(cache, args.articles)
        baseline = Path(tmp) / "list.json"
        book = Path(tmp) / "all.epub"
        small = Path(tmp) / "small.epub"
        times: dict[str, list[float]] = {"wallabag-json": [], "epub": []}
        said = ""
        for _ in range(args.runs):
            seconds, _ = tuireader_seconds(
                cache, "export", "-f", "wallabag-json", "-o", str(baseline)
            )
            times["wallabag-json"].append(seconds)
            seconds, said = tuireader_seconds(cache, "export", "-f", "epub", "-o", str(book))
            times["epub"].append(seconds)
        base = statistics.median(times["wallabag-json"])
        epub = statistics.median(times["epub"])
        print(f"\n{said}")
        print(f"\n{'figure':<26}{'seconds':>9}{'ratio':>8}   goal")
        print(f"{'export wallabag-json':<26}{base:>9.2f}{1:>8.2f}")
        verdict = "met" if epub < GOAL else "NOT MET"
        print(f"{'export epub':<26}{epub:>9.2f}{epub / base:>8.2f}   < {GOAL:.0f} s  {verdict}")
        failed |= epub >= GOAL
        tuireader_seconds(cache, "export", "-f", "epub", "--tag", "pictures", "-o", str(small))
        command = epubcheck_command()
        if command is None:
            print("\nepubcheck: not installed (apt-get install epubcheck): not checked")
            return int(failed)
        for name, path in ((f"{args.articles:,} articles", book), ("pictures, highlights", small)):
            counts, problems = epubcheck(command, path)
            clean = " 0 errors" in counts and " 0 fatals" in counts
            print(f"\nepubcheck ({name}, {path.stat().st_size / 1024**2:.1f} MiB): {counts}")
            print(f"  {'no errors: goal met' if clean else 'ERRORS: goal NOT MET'}")
            for line in problems[:20]:
                print(f"  {line}")
            failed |= not clean
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
