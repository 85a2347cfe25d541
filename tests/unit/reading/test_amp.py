"""A page with no article read from its AMP version, fetched from a real server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli_runner import run_in_process
from support.fixture_site import FixtureSite
from tuireader.cache import Store
from tuireader.fetch import FetchOptions
from tuireader.models import Article
from tuireader.reading.amp import read_amp
from tuireader.reading.reader import Reader
from tuireader.settings import Settings

PARAGRAPHS = [
    "The lighthouse keeper's cottage will open as a small museum next spring, the trust that"
    " owns it said, after two winters of repairs to the roof and the old lamp room.",
    "Visitors will be able to climb to the gallery on clear days, and the trust hopes to show"
    " the logbooks kept by three generations of keepers in the room below.",
]
SHELL = (
    "<html><head><title>Lighthouse cottage to open as museum</title>{link}</head>"
    '<body><div id="root"></div><noscript>This site needs JavaScript.</noscript></body></html>'
)
AMP = (
    "<html amp><head><title>Lighthouse cottage to open as museum</title></head><body><article>"
    "<h1>Lighthouse cottage to open as museum</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article></body></html>"
)


@pytest.fixture
def reader(cache_dir: Path) -> Reader:
    return Reader(Store.in_directory(cache_dir), settings=Settings(max_age_seconds=0))


def shell(href: str) -> str:
    return SHELL.format(link=f'<link rel="amphtml" href="{href}">')


def test_page_without_article_reads_its_amp_version(site: FixtureSite, reader: Reader) -> None:
    url = site.add("/story", shell("/story/amp"))
    site.add("/story/amp", AMP)
    reading = reader.open(url)
    assert reading.article.text_from == "amp"
    assert reading.article.text.split("\n\n") == PARAGRAPHS
    assert reading.article.amp_url == site.url("/story/amp")
    assert reading.page.url == url  # the page info stays the original's
    assert site.paths_requested() == ["/story", "/story/amp"]
    cached = reader.cached(url)  # kept under the original URL
    assert cached.article.text_from == "amp" and cached.article.text == reading.article.text


def test_page_with_an_article_does_not_fetch_amp(site: FixtureSite, reader: Reader) -> None:
    page = AMP.replace("<head>", '<head><link rel="amphtml" href="/other/amp">')
    url = site.add("/other", page)
    site.add("/other/amp", AMP.replace(PARAGRAPHS[0], "A different text entirely, never shown."))
    reading = reader.open(url)
    assert reading.article.text_from == "" and reading.article.text.split("\n\n") == PARAGRAPHS
    assert site.paths_requested() == ["/other"]


@pytest.mark.parametrize(
    ("amp_path", "amp_answer"),
    [
        ("/shell/amp", (SHELL.format(link=""), 200, {})),  # the AMP copy is a shell too
        ("/shell/amp", ("", 404, {})),
        ("/shell/amp", ("", 302, {"Location": "file:///etc/passwd"})),  # refused hop
        ("/shell/amp", ("%PDF-1.4 not a page", 200, {"Content_Type": "application/pdf"})),
    ],
)
def test_amp_that_fails_leaves_the_page_as_it_was(
    site: FixtureSite,
    reader: Reader,
    amp_path: str,
    amp_answer: tuple[str, int, dict[str, str]],
) -> None:
    url = site.add("/shell", shell(amp_path))
    body, status, headers = amp_answer
    site.add(amp_path, body, status, **headers)
    reading = reader.open(url)
    assert reading.article.text_from == "" and not reading.article.found
    assert "needs JavaScript" in reading.article.page_text
    assert site.paths_requested() == ["/shell", amp_path]


@pytest.mark.parametrize(
    "href", ["file:///etc/passwd", "javascript:alert(1)", "ftp://127.0.0.1/amp", "gopher://x/"]
)
def test_amp_link_to_another_scheme_is_not_followed(
    site: FixtureSite, reader: Reader, href: str
) -> None:
    url = site.add("/odd", shell(href))
    reading = reader.open(url)
    assert reading.article.text_from == "" and reading.article.amp_url == ""
    assert site.paths_requested() == ["/odd"]


def test_read_amp_only_for_a_page_without_article(site: FixtureSite) -> None:
    site.add("/story/amp", AMP)
    options = FetchOptions()
    shown = Article(amp_url=site.url("/story/amp"))
    assert read_amp(shown, options).text_from == "amp"
    odd = Article(amp_url=site.url("/story/amp").replace("http://", "file://"))
    assert read_amp(odd, options) == odd  # the fetch layer follows only http(s)
    found = Article(text=" ".join(PARAGRAPHS), word_count=60, amp_url=site.url("/story/amp"))
    assert read_amp(found, options) == found  # a page that holds an article is read as it is
    assert site.paths_requested() == ["/story/amp"]


def test_amp_text_survives_a_newer_extractor(site: FixtureSite, reader: Reader) -> None:
    url = site.add("/story", shell("/story/amp"))
    site.add("/story/amp", AMP)
    reading = reader.open(url)
    older = reading.article._replace(extractor_version="0-older")
    reader.store.replace_article(url, older)
    # The stored page is the shell: extracting it again would lose the AMP copy's text.
    assert reader.cached(url).article.text == reading.article.text


def test_dump_prints_the_amp_text(site: FixtureSite, cache_dir: Path) -> None:
    url = site.add("/story", shell("/story/amp"))
    site.add("/story/amp", AMP)
    result = run_in_process("--dump", "--format", "json", url, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["text_from"] == "amp"
    assert PARAGRAPHS[1] in data["article"]["text"]
