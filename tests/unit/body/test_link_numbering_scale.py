"""Link numbering is linear in the links of one paragraph.

20,000 links in one paragraph: looked up one by one in the paragraph's tokens, numbering them took
minutes (4,000 links: 11 s, growing with the square); read in one pass, about a second.
"""

from __future__ import annotations

import pytest

from tuireader.body.model import Document
from tuireader.body.parse import parse_markdown
from tuireader.extract.page import article_from_page
from tuireader.models import Page, PageInfo

LINKS = 20_000


def link_numbers(document: Document) -> list[int]:
    """The link number of each linked run, in reading order."""
    return [run.link for block in document.blocks for run in block.runs if run.link is not None]


@pytest.mark.slow
def test_twenty_thousand_links_in_one_paragraph_are_numbered_in_order() -> None:
    parts = []
    for n in range(LINKS):
        if n % 7 == 6:  # the first link's URL again: its number, 1
            parts.append(f"[again {n}](https://example.org/0)")
        elif n % 1000 == 999:  # not followable: stays text, takes no number
            parts.append(f"[mail {n}](mailto:a{n}@example.org)")
        else:
            parts.append(f"[**word** {n}](https://example.org/{n})")
    document = parse_markdown("Before. " + " ".join(parts) + " After.")
    assert len(document.blocks) == 1
    new = [n for n in range(LINKS) if n % 7 != 6 and n % 1000 != 999]
    assert len(document.links) == len(new)
    assert list(document.links) == list(range(1, len(new) + 1))
    for number, n in enumerate(new, start=1):
        link = document.links[number]
        assert (link.url, link.text) == (f"https://example.org/{n}", f"word {n}")
    number_of = {f"https://example.org/{n}": i for i, n in enumerate(new, start=1)}
    expected = []
    for n in range(LINKS):
        if n % 1000 == 999 and n % 7 != 6:
            continue
        url = f"https://example.org/{0 if n % 7 == 6 else n}"
        expected += [number_of[url]] * (1 if n % 7 == 6 else 2)  # "again n"; "word" bold, " n"
    assert link_numbers(document) == expected


@pytest.mark.slow
def test_a_page_with_twenty_thousand_links_in_one_paragraph_is_extracted_and_numbered() -> None:
    links = " ".join(f'<a href="/p{n}">word {n}</a>' for n in range(LINKS))
    html = (
        "<html><head><title>Many links</title></head><body><article><h1>Many links</h1>"
        "<p>An opening paragraph long enough to be part of the article, with a few words.</p>"
        f"<p>{links}</p><p>A closing paragraph of the article, also with a few words.</p>"
        "</article></body></html>"
    )
    url = "http://127.0.0.1:9/many.html"
    article = article_from_page(Page(PageInfo(url=url, final_url=url), html))
    document = parse_markdown(article.markdown)
    assert len(document.links) == LINKS
    assert document.links[1].url == "http://127.0.0.1:9/p0"
    assert document.links[LINKS].text == f"word {LINKS - 1}"
    assert len(set(link_numbers(document))) == LINKS
