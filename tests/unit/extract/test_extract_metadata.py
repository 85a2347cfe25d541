"""Metadata: bylines in their many forms, and which source wins when sources disagree."""

from __future__ import annotations

import json

import pytest

from tuireader.extract.bylines import clean_byline, clean_name
from tuireader.extract.dates import normalize_date
from tuireader.extract.pipeline import extract_article
from tuireader.extract.titles import title_from_document

BODY = (
    "<article><h1>{h1}</h1>{byline}<p>The council met on Tuesday evening and agreed, after a long"
    " debate, to keep the library open on Sundays for another year.</p></article>"
)


def page(head: str = "", byline: str = "", h1: str = "Library Stays Open") -> str:
    return f"<html><head>{head}</head><body>{BODY.format(h1=h1, byline=byline)}</body></html>"


def jsonld(data: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(
    ("byline_html", "byline", "authors"),
    [
        (
            '<p class="byline">By Jane Doe and John Roe</p>',
            "Jane Doe and John Roe",
            ("Jane Doe", "John Roe"),
        ),
        ('<p>By <a rel="author" href="/jane">Jane Doe</a></p>', "Jane Doe", ("Jane Doe",)),
        ('<div class="author">Jane Doe, Staff Writer</div>', "Jane Doe", ("Jane Doe",)),
        ('<span class="byline">BY JANE DOE | March 1, 2024</span>', "JANE DOE", ("JANE DOE",)),
        (
            "<p>By Jane Doe, John Roe and Ann Poe, Senior Correspondent</p>",
            "Jane Doe, John Roe and Ann Poe",
            ("Jane Doe", "John Roe", "Ann Poe"),
        ),
        (  # the page's own credit line stays whole; its writer is the author
            '<p class="byline author">Written by Jane Doe<br>\n   Edited by John Roe</p>',
            "Written by Jane Doe. Edited by John Roe",
            ("Jane Doe",),
        ),
        (
            "<p>By Jane Doe and Ann Poe, photographs by John Roe</p>",
            "Jane Doe and Ann Poe. Photographs by John Roe",
            ("Jane Doe", "Ann Poe"),
        ),
        ('<p class="byline">Jane Doe, edited by John Roe</p>', "Jane Doe", ("Jane Doe",)),
    ],
)
def test_visible_bylines(byline_html: str, byline: str, authors: tuple[str, ...]) -> None:
    article = extract_article(page(byline=byline_html), "https://example.org/a")
    assert article.byline == byline
    assert article.authors == authors
    assert authors[0].lower() not in article.text.lower()  # the byline line left the body


def test_credit_line_needs_a_writer_and_names_only() -> None:
    assert clean_byline("Photos by Jane Doe. Video by John Roe") == ("", [])
    written = clean_byline("Written by Jane Doe. Edited by the 2024 desk")
    assert written == ("Jane Doe", ["Jane Doe"])


def test_byline_line_stays_out_of_the_body() -> None:
    article = extract_article(
        page(byline="<p>By Jane Doe and John Roe</p>"), "https://example.org/a"
    )
    assert "Jane Doe" not in article.markdown
    assert article.text.startswith("The council met")


def test_jsonld_person_list() -> None:
    head = jsonld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Library Stays Open",
            "author": [
                {"@type": "Person", "name": "Jane Doe"},
                {"@type": "Person", "name": "By John Roe"},
            ],
        }
    )
    article = extract_article(page(head, '<p class="byline">By Someone Else</p>'))
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.byline == "Jane Doe, John Roe"


def test_jsonld_in_a_graph_with_a_single_author_string() -> None:
    head = jsonld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Example Weekly"},
                {"@type": ["BlogPosting"], "headline": "Graph Title", "author": "Ann Poe"},
            ],
        }
    )
    article = extract_article(page(head))
    assert (article.title, article.byline, article.site_name) == (
        "Graph Title",
        "Ann Poe",
        "Example Weekly",
    )


FULL_HEAD = (
    jsonld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "JSON-LD Title",
            "datePublished": "2024-01-03",
            "description": "JSON-LD description",
            "author": {"@type": "Person", "name": "Jason Ld"},
            "publisher": {"@type": "Organization", "name": "JSON-LD Publisher"},
        }
    )
    + '<meta property="og:title" content="OG Title">'
    + '<meta property="og:description" content="OG description">'
    + '<meta property="article:published_time" content="2024-01-02">'
    + '<meta name="twitter:title" content="Twitter Title">'
    + '<meta name="description" content="Meta description">'
    + '<meta name="author" content="Meta Author">'
    + '<meta name="date" content="2024-01-01">'
    + "<title>Document Title</title>"
)


def test_jsonld_wins_over_opengraph_and_meta() -> None:
    article = extract_article(page(FULL_HEAD, h1="Heading Title"))
    assert article.title == "JSON-LD Title"
    assert article.description == "JSON-LD description"
    assert article.published == "2024-01-03"
    assert article.byline == "Jason Ld"
    assert article.site_name == "JSON-LD Publisher"


def test_opengraph_wins_over_meta_without_jsonld() -> None:
    head = FULL_HEAD.split("</script>", 1)[1]
    article = extract_article(page(head, h1="Heading Title"))
    assert article.title == "OG Title"
    assert article.description == "OG description"
    assert article.published == "2024-01-02"
    assert article.byline == "Meta Author"


def test_meta_then_document_title_then_time() -> None:
    head = '<meta name="twitter:title" content="Twitter Title"><title>Document Title</title>'
    assert extract_article(page(head)).title == "Twitter Title"
    article = extract_article(
        page("<title>Library Stays Open on Sundays - Example Weekly</title>").replace(
            "<h1>", '<time datetime="2023-05-06">May 6</time><h1>'
        )
    )
    assert article.title == "Library Stays Open on Sundays"
    assert article.published == "2023-05-06"


def test_declared_title_is_kept_as_the_publisher_wrote_it() -> None:
    head = (
        '<meta property="og:site_name" content="Example Weekly">'
        '<meta property="og:title" content="Library Stays Open | Example Weekly">'
    )
    article = extract_article(page(head))
    assert (article.title, article.site_name) == (
        "Library Stays Open | Example Weekly",
        "Example Weekly",
    )
    assert "Library Stays Open" not in article.markdown  # the <h1> is still the headline


def test_dublin_core_title_wins_over_opengraph_and_the_last_tag_wins() -> None:
    head = (
        '<meta name="title" content="Meta Title">'
        '<meta property="og:title" content="OG Title">'
        '<meta name="twitter:title" content="Twitter Title">'
        '<meta name="DC.title" content="First DC Title">'
        '<meta property="dc:title" content="Last DC Title">'
    )
    assert extract_article(page(head)).title == "Last DC Title"
    assert extract_article(page(head.split('<meta name="DC')[0])).title == "OG Title"


def test_short_document_title_falls_back_to_the_only_h1_not_an_h2() -> None:
    h1, h2 = "Library Stays Open on Sundays", "More from Example Weekly"
    assert title_from_document("Library", [h1, h2], [h1]) == h1
    assert title_from_document("Library", [h2], []) == "Library"
    html = page("<title>Library</title>", h1="Library Stays Open on Sundays").replace(
        "</article>", "</article><h2>More from Example Weekly</h2>"
    )
    assert extract_article(html).title == "Library Stays Open on Sundays"


def test_account_handle_is_not_a_byline() -> None:
    head = jsonld({"@context": "https://schema.org", "@type": "BlogPosting", "author": "annpoe"})
    article = extract_article(page(head, '<p class="byline">By Ann Poe</p>'))
    assert article.byline == "Ann Poe"
    assert clean_byline("admin") == ("", [])
    assert clean_name("news_desk") == ""
    assert clean_byline("Example & i") == ("Example & i", ["Example", "i"])  # parts may be short


def test_brackets_are_trimmed_only_without_a_partner() -> None:
    assert clean_byline("By Jane Doe (with John Roe)") == (
        "Jane Doe (with John Roe)",
        ["Jane Doe (with John Roe)"],
    )
    assert clean_name("(Jane Doe)") == "Jane Doe"
    assert clean_name("Jane Doe (Example Wire)") == "Jane Doe (Example Wire)"
    assert clean_name("Jane Doe)") == "Jane Doe"


@pytest.mark.parametrize(
    "region",
    [
        '<div class="comments"><p class="comment-author">Sam Spade</p><p>Great.</p></div>',
        '<div class="post-footer"><span class="author">Posted by'
        ' <a rel="author" href="/sam">Sam Spade</a></span></div>',
        '<aside id="sidebar"><div class="author-box">Sam Spade</div></aside>',
    ],
)
def test_names_in_comments_footers_and_sidebars_are_not_the_byline(region: str) -> None:
    html = page().replace("</article>", f"</article>{region}")
    assert extract_article(html).byline == ""


def test_byline_in_a_page_whose_body_mentions_a_sidebar_is_kept() -> None:
    html = page(byline='<p class="byline">By Jane Doe</p>').replace(
        "<body>", '<body class="has-sidebar"><div class="content-footer-wrap">'
    )
    assert extract_article(html).byline == "Jane Doe"


def test_heading_equal_to_the_title_is_not_repeated_in_the_body() -> None:
    article = extract_article(page('<meta property="og:title" content="Library Stays Open">'))
    assert "Library Stays Open" not in article.markdown


def test_date_in_url_is_the_last_resort() -> None:
    assert extract_article(page(), "https://example.org/2021/7/4/story").published == "2021-07-04"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-12-05", "2024-12-05"),
        ("2024-12-05T10:20:30+03:00", "2024-12-05T10:20:30+03:00"),
        ("2024-12-05 10:20", "2024-12-05T10:20"),
        ("December 05, 2024", "2024-12-05"),
        ("5 Dec. 2024", "2024-12-05"),
        ("Thu, 05 Dec 2024 10:00:00 GMT", "2024-12-05T10:00:00+00:00"),
        ("2024/12/05", "2024-12-05"),
        ("05.12.2024", "2024-12-05"),
        ("20241205", "2024-12-05"),
        ("2024-13-45", ""),
        ("yesterday", ""),
    ],
)
def test_dates_become_iso_8601(raw: str, iso: str) -> None:
    assert normalize_date(raw) == iso


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "Library Stays Open on Sundays | City | Example Weekly",
            "Library Stays Open on Sundays | City",
        ),
        ("Example Weekly - Library Stays Open on Sundays", "Library Stays Open on Sundays"),
        ("Short - Site", "Short - Site"),
    ],
)
def test_document_titles_lose_their_decoration(raw: str, title: str) -> None:
    assert title_from_document(raw, []) == title
