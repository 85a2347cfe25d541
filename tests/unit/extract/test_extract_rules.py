"""General cleaning rules: teasers, calls to action, author notes, captions, gentle retry."""

from __future__ import annotations

import pytest

from support.paths import FIXTURE_DIR
from tuireader.extract.boilerplate import is_junk_line, name_verdict
from tuireader.extract.credits import is_attribution
from tuireader.extract.pipeline import extract_article
from tuireader.models import Article, Image, Link

FIXTURES = FIXTURE_DIR / "extract"


@pytest.fixture(scope="module")
def wire() -> Article:
    page = (FIXTURES / "wire-story.html").read_text(encoding="utf-8")
    return extract_article(page, "https://wire.example.org/2024/02/10/storm-closes-pass")


def test_link_only_paragraph_is_a_teaser_for_related(wire: Article) -> None:
    assert wire.related_links == (
        Link(
            "https://wire.example.org/2024/02/09/avalanche-warning-raised",
            "AVALANCHE WARNING RAISED ACROSS THE RANGE",
            "related",
        ),
    )
    assert "AVALANCHE" not in wire.markdown


def test_call_to_action_link_is_dropped(wire: Article) -> None:
    assert "morning briefing" not in wire.markdown
    assert all("briefing" not in link.text for link in wire.related_links + wire.body_links)


def test_closing_author_note_and_contact_line_are_dropped(wire: Article) -> None:
    assert "is a correspondent" not in wire.text
    assert "ann.poe@" not in wire.text
    assert wire.text.endswith("with the heaviest falls on the northern slopes.")


def test_caption_named_element_renders_as_a_caption(wire: Article) -> None:
    assert "*A plough clears the lower road near the tunnel.* — Example Wire" in wire.markdown
    assert "plough" not in wire.text
    assert "Photo: Example Wire" in wire.credits


def test_link_class_does_not_hide_its_text(wire: Article) -> None:
    assert "A [chain law](https://wire.example.org/glossary/chain-law) is in force" in wire.markdown


def test_declared_image_is_the_lead_when_no_figure_leads(wire: Article) -> None:
    assert wire.lead_image == Image(
        url="https://wire.example.org/photos/pass-wide.jpg", caption="Snow on the pass road."
    )


def test_organisation_author_from_jsonld(wire: Article) -> None:
    assert (wire.byline, wire.authors) == ("Example Wire", ("Example Wire",))


def test_article_named_like_chrome_is_kept_by_the_gentle_retry() -> None:
    page = (
        "<html><body><nav><a href='/'>Home</a></nav>"
        '<div class="share-wrapper"><p>The only article on this page sits in a box whose name'
        " sounds like a share widget, and it is short.</p><p>Its second paragraph is short"
        " too, so nothing protects it from the first, aggressive cleaning.</p></div>"
        "<footer><ul>"
        + "".join(f"<li><a href='/s{i}'>Footer section link number {i}</a></li>" for i in range(30))
        + "</ul></footer>"
        "</body></html>"
    )
    article = extract_article(page)
    assert article.text.startswith("The only article on this page sits in a box")
    assert "Its second paragraph" in article.text


def test_comment_sections_go_even_when_long() -> None:
    comments = "".join(
        f"<p>Reader {i} wrote a long comment about the article, with many words and opinions.</p>"
        for i in range(20)
    )
    page = (
        "<html><body><article><p>The article itself has a few paragraphs, and this is the first"
        " of them, long enough to count.</p><p>The second one adds a little more, so the"
        " article is clearly the main text here.</p><p>A third closes it with a final remark"
        " about the topic.</p></article>"
        f'<section id="comments" class="comments">{comments}</section></body></html>'
    )
    article = extract_article(page)
    assert "Reader" not in article.text
    assert article.text.startswith("The article itself")


@pytest.mark.parametrize(
    ("names", "verdict"),
    [
        ("article-share", "drop"),
        ("shareButtons", "drop"),
        ("newsletter-signup", "drop"),
        ("entry-content entry-content-read-more", "related"),
        ("related-articles", "related"),
        ("comments-area", "comments"),
        ("sr-only", "hidden"),
        ("wp-caption-text", "caption"),
        ("social-media-embed", ""),
        ("post category-social-media tag-share", ""),
        ("story-body", ""),
    ],
)
def test_name_verdicts(names: str, verdict: str) -> None:
    assert name_verdict(names) == verdict


@pytest.mark.parametrize(
    ("line", "junk"),
    [
        ("Advertisement", True),
        ("Share this article", True),
        ("Sign up for our daily newsletter", True),
        ("Read more", True),
        ("Story continues below advertisement", True),
        ("5 min read", True),
        ("Read more about the council's plans in the report published on Monday.", False),
        ("正在加载...", True),
        ("Publicité", True),
        ("Chargement…", True),
        ("The newsletter was founded in 1990 by a group of teachers.", False),
    ],
)
def test_junk_lines(line: str, junk: bool) -> None:
    assert is_junk_line(line) is junk


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("AFP contributed reporting", True),
        ("Reporting by Jane Doe; Editing by John Roe", True),
        ("With AP", True),
        ("With AFP and Reuters", True),
        ("Additional reporting by Ann Poe in Paris.", True),
        ("with the help of our readers", False),
        ("The report was contributed to the debate.", False),
    ],
)
def test_attribution_lines(line: str, credit: bool) -> None:
    assert is_attribution(line) is credit


def test_lists_nested_without_li_and_items_with_blocks() -> None:
    page = (
        "<article><p>An introduction long enough to be the article's first paragraph here.</p>"
        "<ul><li>one</li><ul><li>inner a</li><li>inner b</li></ul><li>two</li></ul>"
        "<ol><li><p>Para one</p><p>Para two</p></li><li>x<pre>code\n  more</pre></li></ol>"
        "</article>"
    )
    md = extract_article(page).markdown
    assert "- one\n  - inner a\n  - inner b\n- two" in md
    assert "1. Para one\n\n   Para two\n2. x\n\n   ```\n   code\n     more\n   ```" in md


_PROSE = (
    "<p>The valley council met on Tuesday evening, and after a long debate, it voted to repair"
    " the old stone bridge, which has been closed to traffic since the spring floods.</p>"
    "<p>Work starts in May, the council said, and the crossing should reopen by the autumn,"
    " weather permitting, with a new footpath on its western side for walkers.</p>"
    "<p>Residents, who have driven a long detour for months, welcomed the decision, though"
    " some asked why the repair had taken so long to approve.</p>"
)


def _article_page(inside: str) -> str:
    return f"<html><body><article class='story'>{_PROSE}{inside}</article></body></html>"


def test_link_box_inside_the_article_is_dropped_but_quotes_lists_and_tables_stay() -> None:
    page = _article_page(
        "<div><span>Sections:</span> <a href='/news'>News desk</a> <a href='/sport'>Sport"
        " pages</a> <a href='/weather'>Weather today</a></div>"
        "<div><blockquote><p>The bridge is back, at last! <a href='https://example.org/p/1'>"
        "example.org/p/1</a></p>— Valley Walkers (@walkers)</blockquote></div>"
        "<ul><li><a href='https://example.org/report'>The engineers' report on the bridge</a>"
        "</li><li><a href='https://example.org/budget'>The council's budget for the year</a>"
        "</li></ul>"
        "<table><tr><th>Year</th><th>Cost</th></tr><tr><td><a href='/y1'>2023</a></td>"
        "<td>1.2m</td></tr></table>"
    )
    article = extract_article(page, "https://example.org/valley/bridge")
    assert "Sport pages" not in article.text
    assert "Sections" not in article.text
    assert "The bridge is back, at last!" in article.text
    assert "The engineers' report on the bridge" in article.text
    assert "2023 | 1.2m" in article.text


def test_heading_anchor_id_does_not_make_a_heading_chrome() -> None:
    page = _article_page(
        "<h2><span id='Promotion_and_sponsors'>Promotion and sponsors</span></h2>"
        "<p>The town's shops, which paid for the new lamps, will be thanked on a plaque at the"
        " bridge, the mayor said.</p>"
        "<h2><span id='See_also'>See also</span></h2>"
        "<p>An older account of the floods, written by the town's archivist, is kept in the"
        " library, and it is worth reading.</p>"
    )
    md = extract_article(page, "https://example.org/valley/bridge").markdown
    assert "## Promotion and sponsors" in md
    assert "## See also" in md


def test_plain_text_lists_have_no_generated_numbers() -> None:
    page = _article_page("<ol><li>Close the road</li><li>Rebuild the arch</li></ol>")
    article = extract_article(page, "https://example.org/valley/bridge")
    assert "1. Close the road\n2. Rebuild the arch" in article.markdown
    assert "- Close the road\n- Rebuild the arch" in article.text


def test_text_loose_inside_a_list_is_kept() -> None:
    page = _article_page(
        "<ul> (The council will also <i>consider</i> a second bridge next year.) </ul>"
        "<ul><li>An item</li> and a stray note</ul>"
    )
    article = extract_article(page, "https://example.org/valley/bridge")
    assert "(The council will also *consider* a second bridge next year.)" in article.markdown
    assert "- An item\n- and a stray note" in article.text
