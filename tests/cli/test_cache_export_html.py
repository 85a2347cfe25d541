"""`tuireader cache export URL --format html`: a small web page of the cleaned article, whatever
its source (fetched, or imported from Markdown), with page text kept as text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from support.cli_runner import run_cli, run_in_process
from support.fixture_site import FixtureSite
from support.paths import FIXTURE_DIR
from support.pty_session import PtySession
from support.sample_article import FURNITURE, PARAGRAPHS, SAMPLE_URL, TITLE
from tuireader.cache import Store
from tuireader.models import Article, Page, PageInfo

SEED = FIXTURE_DIR / "seed-article.md"
UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


class HtmlView(HTMLParser):
    """What a browser would see: every element with its attributes, the text, the title."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.title = ""
        self._in = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in != "style":
            self.text.append(data)

    def tags(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


def export_html(url: str, cache_dir: Path) -> HtmlView:
    result = run_in_process("cache", "export", url, "--format", "html", cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>\n")
    for unsafe in UNSAFE:
        assert unsafe not in result.stdout
    return HtmlView(result.stdout)


def assert_the_sample(page: HtmlView, source: str) -> None:
    assert page.title == TITLE
    assert page.tags("h1") == [{}]
    words = page.words
    positions = [words.find(" ".join(p.split())) for p in PARAGRAPHS]
    assert -1 not in positions and positions == sorted(positions)
    assert len(page.tags("p")) >= len(PARAGRAPHS)
    assert {"href": source} in page.tags("a")  # the source, as a link
    assert "# " not in words and "](" not in words  # rendered, not the Markdown source


def test_an_article_imported_from_markdown_exports_as_html(cache_dir: Path) -> None:
    assert run_in_process("cache", "import", str(SEED), cache_dir=cache_dir).returncode == 0
    page = export_html(SAMPLE_URL, cache_dir)
    assert_the_sample(page, SAMPLE_URL)
    assert "December 5, 2024" in page.words  # the byline line
    assert "AFP contributed reporting" in page.words  # the credits


@pytest.mark.subprocess
def test_a_fetched_article_exports_the_cleaned_article_not_the_page(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = site.url("/sample.html")
    assert run_cli("--dump", url, cache_dir=cache_dir).returncode == 0
    page = export_html(url, cache_dir)
    assert_the_sample(page, url)
    for furniture in FURNITURE:
        assert furniture not in page.words, furniture
    assert page.tags("script") == [] and page.tags("nav") == []


HOSTILE = """\
# Tea \x1b[31m<script>alert(1)</script>

By Ann <b onmouseover="x()">Author</b> \u202e

Text with <img src=x onerror="alert(2)"> and <a href="javascript:alert(3)">a tag</a>.
A [good link](https://ok.example/a?b=1&c="q") and a [bad one](javascript:alert(4)),
a [data one](data:text/html,<script>alert(5)</script>) and a [relative one](../up.html).

![shown](https://pics.example/p.png) ![not shown](data:image/png;base64,AAAA)

<iframe src="https://evil.example/"></iframe>

Original url: <https://tea.example/story>
"""


def test_page_text_stays_text_and_only_http_links_stay_links(
    tmp_path: Path, cache_dir: Path
) -> None:
    note = tmp_path / "tea.md"
    note.write_text(HOSTILE, encoding="utf-8")
    assert run_in_process("cache", "import", str(note), cache_dir=cache_dir).returncode == 0
    page = export_html("https://tea.example/story", cache_dir)
    names = {tag for tag, _ in page.elements}
    assert names.isdisjoint({"script", "iframe", "b", "object", "embed", "form", "base"})
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src"):
            if name in attrs:
                assert attrs[name].startswith(("http://", "https://")), (tag, attrs)
    links = [a["href"] for a in page.tags("a")]
    assert links == [
        "https://ok.example/a?b=1&c=%22q%22",
        "https://tea.example/up.html",  # made absolute when imported
        "https://tea.example/story",
    ]
    assert page.tags("img") == [{"src": "https://pics.example/p.png", "alt": "shown"}]
    words = page.words
    assert "<script>alert(1)</script>" in page.title and "<script>alert(1)</script>" in words
    assert '<img src=x onerror="alert(2)">' in words  # shown as the text it is
    for kept in ("bad one", "data one", "not shown"):
        assert kept in words, kept  # a link that is not kept keeps its words
    assert "alert(4)" not in words and "alert(5)" not in words  # the targets are gone


@pytest.mark.subprocess
def test_html_is_safe_to_print_on_a_terminal(cache_dir: Path) -> None:
    url = "https://a.example/x"
    store = Store.in_directory(cache_dir)
    try:
        text = "hostile \x1b[31mwords\x07 here \x9b2J"
        article = Article(title="Evil\x1b]0;pwned\x07 \u202eTitle", markdown=text, text=text)
        store.save(Page(PageInfo(url, url), "<html><p>page</p></html>"), article)
    finally:
        store.close()
    session = PtySession("cache", "export", url, "--format", "html", cache_dir=cache_dir)
    try:
        assert session.finish() == 0
    finally:
        session.kill()
    assert "<title>Evil ]0;pwned Title</title>" in session.text
    assert "<p>hostile [31mwords here 2J</p>" in session.text
    assert not any(unsafe.encode() in session.output for unsafe in UNSAFE if unsafe != "\r")
