"""Malformed pages through extract, `tuireader --dump` and the app, served over real HTTP on
127.0.0.1: unclosed tags, 10,000-deep nesting, a 5 MiB attribute, a 5 MiB line, all at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.article_checks import assert_well_formed
from support.cli_runner import run_cli
from support.fixture_site import FixtureSite
from support.hostile_strategies import UNSAFE
from support.malformed_pages import page, pages
from support.pilot import settle
from support.screen_text import rendered_strips
from tuireader.extract.pipeline import extract_article
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.widgets.body_pane import BodyPane

NAMES = [p.name for p in pages()]
URL = "http://127.0.0.1/page.html"
UNSAFE_PRINTED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("name", NAMES)
def test_extract_keeps_the_text_of_a_malformed_page(name: str) -> None:
    malformed = page(name)
    article = extract_article(malformed.html, URL)
    assert_well_formed(article)
    assert article.title == malformed.title
    for phrase in malformed.phrases:
        assert phrase in article.text, phrase


def test_inline_tags_nested_3000_deep() -> None:
    inline = "<p>" + "<span><em><a href='/x'>" * 3000 + "text" + "</a></em></span>" * 3000
    article = extract_article("<title>Deep</title>" + inline, "https://example.org/")
    assert_well_formed(article)
    assert (article.title, article.text) == ("Deep", "text")


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.parametrize("name", NAMES)
def test_dump_prints_a_malformed_page(name: str, site: FixtureSite, cache_dir: Path) -> None:
    malformed = page(name)
    url = site.add(f"/malformed/{name}.html", malformed.html)
    result = run_cli("--dump", "--format", "text", url, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == ""
    assert result.stdout.startswith(malformed.title + "\n")
    for phrase in malformed.phrases:
        assert phrase in result.stdout, phrase
    assert not UNSAFE_PRINTED.search(result.stdout)


@pytest.mark.subprocess
def test_dump_reads_the_mixed_page_back_from_the_cache(site: FixtureSite, cache_dir: Path) -> None:
    malformed = page("mixed")
    url = site.add("/malformed/mixed.html", malformed.html)
    fetched = run_cli("--dump", "--format", "markdown", url, cache_dir=cache_dir)
    site.stop()
    cached = run_cli("--dump", "--offline", "--format", "markdown", url, cache_dir=cache_dir)
    assert (fetched.returncode, cached.returncode) == (0, 0), cached.stderr[-2000:]
    assert cached.stdout == fetched.stdout
    assert malformed.phrases[-1] in cached.stdout


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
async def test_the_app_shows_a_malformed_page(
    name: str, site: FixtureSite, cache_dir: Path
) -> None:
    malformed = page(name)
    url = site.add(f"/malformed/{name}.html", malformed.html)
    app = TuiReaderApp(cache_dir, start_url=url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        assert body.document.title == malformed.title
        for phrase in malformed.phrases:
            assert phrase in body.plain_text(), phrase
        assert malformed.title in screen_text(app)
        layout = body.text_layout
        assert layout is not None
        last = next(line.text for line in reversed(layout.lines) if line.text.strip())
        body.focus()
        await pilot.press("G")
        await pilot.pause()
        assert last.strip() in screen_text(app)


def screen_text(app: TuiReaderApp) -> str:
    """What the terminal would show, checked to be free of anything that steers it."""
    strips = rendered_strips(app)
    for strip in strips:
        for segment in strip:
            assert not UNSAFE.search(segment.text), repr(segment.text)
    return "\n".join(strip.text for strip in strips)
