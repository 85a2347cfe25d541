"""Megabyte-long fields (a 5 MiB canonical URL, titles, bylines, link texts) stay cheap to show.

Found in the app: `e` and `i` froze it for seconds each, laying out every character of a 5 MiB
canonical URL. The panes now show a bounded start of each value with "…"; --dump json keeps it all.
"""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest
from textual.widgets import Static

from support.cli_runner import run_cli
from tuireader.cache import Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Link, Page, PageInfo
from tuireader.textsafe import clip_line
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.widgets.related_sidebar import HOST_LIMIT, TEXT_LIMIT, RelatedSidebar
from tuireader.ui.widgets.source_panel import VALUE_LIMIT

MIB = 1 << 20
URL = "https://example.org/long-values.html"
CANONICAL = "https://example.org/" + "a" * (5 * MIB)
SIZE = (200, 60)  # wide: the links and the source panel stand beside the article


def store_long_article(cache_dir: Path) -> None:
    article = Article(
        title="Long title " + "t" * MIB,
        byline="b\x1b[2J" * (MIB // 5),  # escape sequences too: cleaned, then cut
        site_name="s" * MIB,
        canonical_url=CANONICAL,
        credits=("c" * MIB,),
        markdown="A paragraph of text.\n\nAnother paragraph.",
        text="A paragraph of text. Another paragraph.",
        related_links=(Link(f"https://{'h' * MIB}.example/x", "r" * MIB, "related"),),
        extractor_version=EXTRACTOR_VERSION,
        word_count=500,  # counted as an article, so --dump prints it
    )
    info = PageInfo(url=URL, final_url=URL, fetched_at="2025-01-01T00:00:00+00:00")
    with closing(Store.in_directory(cache_dir)) as store:
        store.save(Page(info, "<p>A paragraph of text.</p>"), article)


@pytest.mark.slow
async def test_the_panes_show_a_bounded_start_of_each_long_value(cache_dir: Path) -> None:
    store_long_article(cache_dir)
    app = TuiReaderApp(cache_dir, start_url=URL, offline=True, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        for key in "eiei":  # hide and show both panes: each time they lay out again
            await pilot.press(key)
            await pilot.pause()
        source = str(app.screen.query_one("#source-lines", Static).render())
        lines = source.splitlines()
        assert "Canonical: https://example.org/aaaa" in source
        assert all(len(line) <= len("Published: ") + VALUE_LIMIT for line in lines), [
            len(line) for line in lines
        ]
        assert sum(line.endswith("…") for line in lines) == 4  # site, author, canonical, credit
        assert "\x1b" not in source
        sidebar = app.screen.query_one(RelatedSidebar)
        prompts = [str(option.prompt) for option in sidebar.options]
        assert max(map(len, prompts)) <= len("[99] ") + TEXT_LIMIT + 1 + HOST_LIMIT + 20
        related = next(p for p in prompts if p.lstrip("[0123456789] ").startswith("rrr"))
        assert related.count("…") == 2  # the text and the host, each cut
        assert len(app.sub_title) < 400


@pytest.mark.subprocess
def test_the_json_dump_keeps_the_whole_value(cache_dir: Path) -> None:
    store_long_article(cache_dir)
    result = run_cli(URL, "--dump", "--format", "json", "--offline", cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["article"]["canonical_url"] == CANONICAL


def test_clip_line_cleans_and_cuts() -> None:
    assert clip_line("short\x1b[2J text", 50) == "short [2J text"
    assert clip_line("x" * 60, 50) == "x" * 49 + "…"
    assert clip_line("x" * 50, 50) == "x" * 50
    assert clip_line(" " * 500 + "late", 10) == "…"  # only the start is read; "…" says more
    assert clip_line("a\u202eb " * 1000, 11) == "a b a b a…"
