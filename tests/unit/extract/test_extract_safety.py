"""Untrusted page text: escaped for Markdown, stripped of control and bidi characters."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from support.paths import FIXTURE_DIR
from tuireader.extract.pipeline import extract_article, plain_text_article
from tuireader.models import Article

FIXTURES = FIXTURE_DIR / "extract"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def notebook() -> Article:
    page = (FIXTURES / "notebook-escaping.html").read_text(encoding="utf-8")
    return extract_article(page, "https://blog.example.org/2024/12/notes")


def rendered_blocks(markdown: str) -> list[str]:
    """What a Markdown viewer shows for each block, as plain text."""
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    root = lxml_html.fromstring(f"<div>{parser.render(markdown)}</div>")
    return [" ".join(block.text_content().split()) for block in root]


def all_strings(article: Article) -> list[str]:
    strings = [
        article.title,
        article.byline,
        article.published,
        article.modified,
        article.site_name,
        article.lang,
        article.description,
        article.canonical_url,
        article.markdown,
        article.text,
        *article.authors,
        *article.credits,
    ]
    for link in [*article.body_links, *article.related_links]:
        strings += [link.url, link.text]
    if article.lead_image is not None:
        image = article.lead_image
        strings += [image.url, image.caption, image.credit, image.alt]
    return strings


NOTEBOOK_PARAGRAPHS = [
    "Page text is never markup: *stars*, _underscores_, `ticks`, "
    "[brackets](http://example.org/x), <b>tags</b> and a backslash \\ stay as written.",
    "# This line only looks like a heading",
    "1. This line only looks like a list item",
    "Terminal markup too: [bold]x[/bold] and [@click=app.quit] are plain text.",
    "Hidden characters: safetxt.exe and a bell go away.",
    "Old-style text written straight into the container, with a line break\ninside it.",
    "And a second paragraph after a double break, long enough to count as real prose here.",
    "With AP",
]


def test_markdown_renders_back_to_the_page_text(notebook: Article) -> None:
    """Every prose block reads, once rendered, exactly as the plain text: nothing became markup."""
    assert notebook.text.split("\n\n") == NOTEBOOK_PARAGRAPHS  # the page's prose, as written
    shown = rendered_blocks(notebook.markdown)
    for paragraph in notebook.text.split("\n\n"):
        assert " ".join(paragraph.split()) in shown


def test_special_characters_are_escaped(notebook: Article) -> None:
    md = notebook.markdown
    assert r"\*stars\*, \_underscores\_, \`ticks\`, \[brackets\](http://example.org/x)" in md
    assert r"\<b\>tags\</b\>" in md and r"backslash \\ stay" in md
    assert "\n\\# This line only looks like a heading\n" in md
    assert "\n1\\. This line only looks like a list item\n" in md
    html = MarkdownIt("commonmark").render(md)
    assert "<h1>" not in html and "<ol>" not in html and "<b>" not in html
    assert 'href="http://example.org/x"' not in html


def test_terminal_markup_is_kept_literally(notebook: Article) -> None:
    assert "[bold]x[/bold] and [@click=app.quit] are plain text" in notebook.text
    assert r"\[bold\]x\[/bold\] and \[@click=app.quit\]" in notebook.markdown
    assert "Terminal markup too: [bold]x[/bold] and [@click=app.quit] are plain text." in (
        rendered_blocks(notebook.markdown)
    )


def test_control_and_bidi_characters_are_stripped(notebook: Article) -> None:
    assert "safetxt.exe and a bell go away" in notebook.text
    for value in all_strings(notebook):
        assert not UNSAFE.search(value), repr(value)


def test_every_field_is_clean_even_in_metadata_and_links() -> None:
    page = (
        "<html><head><title>Evil\u202e title\x07</title>"
        '<meta name="author" content="Jane\u2066 Doe">'
        '<meta property="og:image" content="https://example.org/i.jpg">'
        "</head><body><article>"
        "<p>Body text with a control\x1b[31m escape and enough words to count as prose.</p>"
        '<p>A <a href="https://example.org/\u202ex">link\u2067 text</a> in a long paragraph.</p>'
        "</article></body></html>"
    )
    article = extract_article(page, "https://example.org/a")
    assert article.title == "Evil title"
    assert article.byline == "Jane Doe"
    assert "control[31m escape" in article.text
    for value in all_strings(article):
        assert not UNSAFE.search(value), repr(value)


def test_old_style_breaks_make_paragraphs_and_line_breaks(notebook: Article) -> None:
    assert "with a line break\\\ninside it." in notebook.markdown
    assert "with a line break\ninside it.\n\nAnd a second paragraph" in notebook.text


def test_visible_byline_with_job_title_and_chrome_lines(notebook: Article) -> None:
    assert notebook.byline == "Jane Doe"
    assert "Posted on" not in notebook.text and "Powered by" not in notebook.text
    assert "Home" not in notebook.text and "Archive" not in notebook.text


def test_see_also_box_and_link_run_go_to_related(notebook: Article) -> None:
    assert [link.text for link in notebook.related_links] == [
        "Tables in Terminals, Revisited",
        "Monospace Fonts for Long Reading",
        "Choosing Colours for a Dark Terminal",
    ]
    assert "See also" not in notebook.text and "You may also like" not in notebook.text
    assert "Monospace" not in notebook.markdown


def test_caption_credit_by_wording_and_agency_line(notebook: Article) -> None:
    assert "*A writing desk by the window.* — Photo: AP" in notebook.markdown
    assert notebook.credits == ("Photo: AP", "With AP")


def test_plain_text_article() -> None:
    article = plain_text_article(
        "A Short Title\r\n\r\nFirst paragraph, hard\nwrapped over lines.\n\n\n"
        "# Second *paragraph* \x1b[1m with \u202e tricks.\n",
        "https://example.org/notes.txt",
    )
    assert article.title == "A Short Title"
    assert article.text == (
        "First paragraph, hard wrapped over lines.\n\n# Second *paragraph* [1m with tricks."
    )
    assert article.markdown.split("\n\n")[1] == r"\# Second \*paragraph\* \[1m with tricks."
    assert article.word_count == 12
    assert article.canonical_url == "https://example.org/notes.txt"


def test_plain_text_without_a_short_first_line_has_no_title() -> None:
    long_line = "This first line goes on and on " * 10
    article = plain_text_article(long_line + "\n\nSecond block.")
    assert article.title == ""
    assert article.text.startswith("This first line")
