"""extract_article never raises and always returns an Article of clean strings, whatever it is
fed: arbitrary text and bytes, mutated fixture pages, random hostile element trees.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support.article_checks import assert_well_formed
from support.fuzz_settings import fuzz_settings
from support.hostile_html import pages
from support.hostile_strategies import UNSAFE
from support.paths import FIXTURE_DIR
from tuireader.extract.pipeline import extract_article
from tuireader.ui.layout.document import article_document
from tuireader.ui.layout.wrap import layout_document

pytestmark = pytest.mark.fuzz

FIXTURES = FIXTURE_DIR
PAGES = [
    path.read_text(encoding="utf-8")
    for folder in ("extract", "site")
    for path in sorted((FIXTURES / folder).glob("*.html"))
]
URLS = st.sampled_from([None, "", "https://example.org/a/b", "not a url", "http://[::1"])


@fuzz_settings(500)
@given(st.text(), URLS)
def test_arbitrary_text(text: str, url: str | None) -> None:
    assert_well_formed(extract_article(text, url))


@fuzz_settings(300)
@given(st.binary(max_size=4000), URLS)
def test_arbitrary_bytes(data: bytes, url: str | None) -> None:
    assert_well_formed(extract_article(data, url))


@st.composite
def mutated_page(draw: st.DrawFn) -> str:
    """A fixture page with random cuts, insertions and a truncation."""
    page = draw(st.sampled_from(PAGES))
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(page)))
        end = min(len(page), start + draw(st.integers(0, 400)))
        insert = draw(
            st.sampled_from(["", "<", ">", "</div>", "<p>", "<table><tr><td>", '"', "&#0;", "\x00"])
            | st.text(max_size=20)
        )
        page = page[:start] + insert + page[end:]
    return page[: draw(st.integers(0, len(page)))]


@fuzz_settings(500)
@given(mutated_page(), URLS)
def test_mutated_fixture_pages(page: str, url: str | None) -> None:
    assert_well_formed(extract_article(page, url))


@fuzz_settings(400, long_share=0.3)
@given(pages(), URLS, st.integers(1, 200))
def test_hostile_element_trees_extract_and_lay_out(page: str, url: str | None, width: int) -> None:
    article = extract_article(page, url)
    assert_well_formed(article)
    layout = layout_document(article_document(article), width)
    assert not any(UNSAFE.search(line.text) for line in layout.lines)


def test_garbage_and_odd_inputs() -> None:
    for page in (
        "",
        " ",
        "\x00\x01\x02",
        "<",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
        "<html><head><title>Only a title</title></head></html>",
        "<frameset><frame src='a.html'></frameset>",
        b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00",
        b'<meta charset="rot13"><p>codec that is not a text encoding</p>',
        '<script type=\'application/ld+json\'>{"@type": [1, {}], "author": [[[]]]}</script>',
    ):
        assert_well_formed(extract_article(page))
