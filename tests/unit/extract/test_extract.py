"""extract_article on fixture pages: structure, links, credits and metadata."""

from __future__ import annotations

import pytest

from support.paths import FIXTURE_DIR
from tuireader.extract.pipeline import extract_article
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Image, Link

FIXTURES = FIXTURE_DIR / "extract"
GAZETTE_URL = "https://news.example.org/city/harbour-bridge-reopens"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gazette() -> Article:
    return extract_article(fixture("gazette-structure.html"), GAZETTE_URL)


def test_gazette_markdown_matches_the_expected_file(gazette: Article) -> None:
    assert gazette.markdown + "\n" == fixture("gazette-structure.expected.md")


def test_body_keeps_headings_lists_quotes_tables_and_code(gazette: Article) -> None:
    md = gazette.markdown
    assert "\n## What changed\n" in md  # h3 is the body's top level: shifted to ##
    assert "\n### Opening hours\n" in md  # h4 follows one level below
    assert "- New steel cables\n  - made in the region\n  - tested twice\n" in md
    assert "3. Cars from 6 a.m.\n4. Lorries from 9 a.m." in md
    assert "> It is the best news this city has had in years." in md
    assert "| Year | Event |\n| --- | --- |\n| 2022 | Cracks found |" in md
    assert "```sh\ncount --bridge harbour --since 2024-03-01\n  | sort\n```" in md
    assert "**Friday morning**" in md and "*deep cracks*" in md


def test_body_has_no_title_byline_chrome_or_empty_headings(gazette: Article) -> None:
    md = gazette.markdown
    for chrome in (
        "Harbour Bridge Reopens",  # the title is a field of its own
        "Jane Doe",
        "Share",
        "Advertisement",
        "newsletter",
        "cookies",
        "Most read",
        "All rights reserved",
        "Tags",
        "Sport",
    ):
        assert chrome not in md, chrome
    assert "##\n" not in md and not md.endswith("#")
    assert "# \n" not in md


def test_inline_links_are_absolute_and_only_http(gazette: Article) -> None:
    md = gazette.markdown
    assert "[more than planned](https://news.example.org/city/budget-2024)" in md
    assert "[engineers' report](https://www.example.com/report.pdf)" in md
    assert "open the map *(javascript: link, not followed)*" in md and "](javascript:" not in md
    assert "write to the desk *(mailto: link, not followed)*" in md and "](mailto:" not in md
    assert "javascript:" not in gazette.text and "mailto:" not in gazette.text
    assert "see the timeline below" in md and "](#" not in md


def test_body_links_in_order_http_only(gazette: Article) -> None:
    assert gazette.body_links == (
        Link("https://news.example.org/city/budget-2024", "more than planned", "body"),
        Link("https://www.example.com/report.pdf", "engineers' report", "body"),
    )


def test_related_boxes_are_lifted_out_in_page_order(gazette: Article) -> None:
    assert [link.url for link in gazette.related_links] == [
        "https://news.example.org/city/ferry-service-ends",  # inline box, met first
        "https://news.example.org/city/new-tram-line-approved",
        "https://news.example.org/city/harbour-festival-returns",
    ]
    assert all(link.kind == "related" for link in gazette.related_links)
    assert gazette.related_links[0].text == "Ferry Service Ends as Bridge Returns"
    for text in ("Ferry Service", "Related article", "Tram Line", "Read more"):
        assert text not in gazette.markdown
        assert text not in gazette.text


def test_lead_image_has_caption_and_credit_apart_and_leaves_the_body(gazette: Article) -> None:
    assert gazette.lead_image == Image(
        url="https://news.example.org/img/bridge.jpg",
        caption="The bridge at dawn on its first morning back in service.",
        credit="Photo: Ada Lens/Example Pictures",
        alt="The bridge at dawn",
    )
    assert "first morning back" not in gazette.markdown


def test_body_figure_is_an_italic_caption_with_its_credit(gazette: Article) -> None:
    assert "*Workers fitting the last cable in January.* — Example Pictures" in gazette.markdown
    assert "Workers fitting" not in gazette.text  # text holds the article's prose only


def test_credits_hold_photo_credits_and_the_agency_line(gazette: Article) -> None:
    assert gazette.credits == (
        "Photo: Ada Lens/Example Pictures",
        "Photo: Example Pictures",
        "Reuters contributed reporting.",
    )
    assert gazette.markdown.endswith("*Reuters contributed reporting.*")


def test_metadata_fields(gazette: Article) -> None:
    assert gazette.title == "Harbour Bridge Reopens After Two-Year Repair"
    assert gazette.byline == "Jane Doe, John Roe"
    assert gazette.authors == ("Jane Doe", "John Roe")
    assert gazette.published == "2024-03-01T09:30:00+01:00"
    assert gazette.modified == "2024-03-02T10:00:00+01:00"
    assert gazette.site_name == "The Example Gazette"
    assert gazette.lang == "en-GB"
    assert gazette.description == "The old harbour bridge carries traffic again."
    assert gazette.canonical_url == "https://news.example.org/city/harbour-bridge-reopens"
    assert gazette.extractor_version == EXTRACTOR_VERSION


def test_text_is_the_body_as_plain_text(gazette: Article) -> None:
    paragraphs = gazette.text.split("\n\n")
    assert paragraphs[0].startswith("The old harbour bridge carried traffic again on Friday")
    assert "**" not in gazette.text and "](" not in gazette.text
    assert "What changed" in paragraphs
    assert gazette.word_count == len(gazette.text.split())
    assert gazette.reading_minutes == 1


def test_reading_minutes_round_up() -> None:
    words = " ".join(["word"] * 461)
    article = extract_article(f"<html><body><article><p>{words}.</p></article></body></html>")
    assert article.word_count == 461
    assert article.reading_minutes == 3


def test_empty_page_has_no_reading_time() -> None:
    article = extract_article("")
    assert (article.word_count, article.reading_minutes, article.text) == (0, 0, "")
    assert article.extractor_version == EXTRACTOR_VERSION


def test_bytes_in_a_declared_legacy_encoding() -> None:
    page = (
        '<html><head><meta charset="windows-1251"><title>Тест</title></head><body>'
        "<article><p>Привет, мир: это длинный абзац текста для проверки кодировки.</p>"
        "</article></body></html>"
    ).encode("windows-1251")
    article = extract_article(page, "https://example.org/ru")
    assert article.title == "Тест"
    assert "Привет, мир" in article.text
