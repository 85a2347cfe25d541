"""extract_article never raises and always returns an Article of strings, whatever it is fed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuireader.extract import EXTRACTOR_VERSION, extract_article
from tuireader.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
PAGES = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.html"))]
URLS = st.sampled_from([None, "", "https://example.org/a/b", "not a url", "http://[::1"])
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(article: Article) -> None:
    assert isinstance(article, Article)
    for name in (
        "title",
        "byline",
        "published",
        "modified",
        "site_name",
        "lang",
        "description",
        "canonical_url",
        "markdown",
        "text",
        "extractor_version",
    ):
        assert isinstance(getattr(article, name), str), name
    assert all(isinstance(a, str) for a in article.authors + article.credits)
    for link in article.body_links + article.related_links:
        assert isinstance(link.url, str) and isinstance(link.text, str)
        assert link.url.startswith(("http://", "https://"))
    assert article.word_count == len(article.text.split())
    assert article.extractor_version == EXTRACTOR_VERSION


@FUZZ
@given(st.text(), URLS)
def test_arbitrary_text(text: str, url: str | None) -> None:
    assert_well_formed(extract_article(text, url))


@FUZZ
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


@FUZZ
@given(mutated_page(), URLS)
def test_mutated_fixture_pages(page: str, url: str | None) -> None:
    assert_well_formed(extract_article(page, url))


def test_deep_nesting() -> None:
    deep = (
        "<div>" * 10_000
        + "<p>Deep text, far down in the page, still a paragraph.</p>"
        + "</div>" * 10_000
    )
    article = extract_article(deep)
    assert_well_formed(article)
    assert article.text == "Deep text, far down in the page, still a paragraph."
    inline = "<p>" + "<span><em><a href='/x'>" * 3000 + "text" + "</a></em></span>" * 3000
    article = extract_article("<title>Deep</title>" + inline, "https://example.org/")
    assert_well_formed(article)
    assert (article.title, article.text) == ("Deep", "text")


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
