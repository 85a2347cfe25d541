"""The article model and its layout: parsing, numbering links, wrapping, finding (no Textual)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from support.markdown_sample import SAMPLE
from tuireader.body.model import BULLET, Block
from tuireader.body.parse import parse_markdown
from tuireader.models import Article, Image
from tuireader.ui.layout.document import NO_ARTICLE, PAGE_TEXT_HEADING, article_document
from tuireader.ui.layout.wrap import Layout, layout_document


def kinds(blocks: list[Block]) -> list[str]:
    return [block.kind for block in blocks]


def widest(layout: Layout) -> int:
    return max(cell_len(line.text) for line in layout.lines)


def test_blocks_headings_lists_quotes_code_tables() -> None:
    doc = parse_markdown(SAMPLE)
    assert kinds(doc.blocks) == [
        "heading",
        "paragraph",
        "heading",
        "item",
        "item",
        "item",
        "item",
        "item",
        "quote",
        "code",
        "rule",
        "table",
    ]
    assert [(b.level, b.text) for b in doc.blocks if b.kind == "heading"] == [
        (1, "First heading"),
        (2, "Second heading"),
    ]
    items = [(b.depth, b.marker, b.text) for b in doc.blocks if b.kind == "item"]
    assert items == [
        (1, BULLET, "one"),
        (1, BULLET, "two"),
        (2, BULLET, "nested"),
        (1, "3. ", "three"),
        (1, "4. ", "four"),
    ]
    quote = doc.blocks[8]
    assert (quote.quote, quote.text) == (1, "quoted text")
    assert doc.blocks[9].text == "code  line"
    assert doc.blocks[11].rows[1][0][0].text == "alpha"


def test_inline_emphasis_becomes_run_attributes() -> None:
    runs = parse_markdown("a **b** *c* `d` ~~e~~ ***f***").blocks[0].runs
    attrs = {run.text: (run.bold, run.italic, run.code, run.strike) for run in runs}
    assert attrs["b"] == (True, False, False, False)
    assert attrs["c"] == (False, True, False, False)
    assert attrs["d"] == (False, False, True, False)
    assert attrs["e"] == (False, False, False, True)
    assert attrs["f"] == (True, True, False, False)


def test_links_are_numbered_in_reading_order_and_repeats_share_a_number() -> None:
    doc = parse_markdown(
        "[a](https://one.org) [b](http://two.org) [mail](mailto:x@y.org) [js](javascript:alert(1))"
        "\n\n[again](https://one.org) [rel](/relative) [c](https://three.org)"
    )
    assert {n: link.url for n, link in doc.links.items()} == {
        1: "https://one.org",
        2: "http://two.org",
        3: "https://three.org",
    }
    assert doc.links[1].text == "a"
    numbers = {run.text: run.link for block in doc.blocks for run in block.runs}
    assert numbers["again"] == 1 and numbers["c"] == 3
    assert numbers["mail"] is None and numbers["rel"] is None
    assert "[js](javascript:alert(1))" in doc.blocks[0].text  # markdown-it refuses the URL


def test_markup_looking_text_is_shown_literally_and_controls_are_removed() -> None:
    text = "[bold]x[/bold] [@click=app.quit]click[/] <b>tag</b> \x1b[31mred\x07 \u202eevil"
    doc = parse_markdown(text)
    shown = doc.blocks[0].text
    assert "[bold]x[/bold]" in shown and "[@click=app.quit]click[/]" in shown
    assert "<b>tag</b>" in shown
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert doc.links == {}
    line = layout_document(doc, 80).lines[1].text
    assert line.startswith("[bold]x[/bold] [@click=app.quit]")


def test_header_blocks_from_the_article() -> None:
    article = Article(
        title="A Title | The Site",
        site_name="The Site",
        byline="Jane\x1b[2J Doe",
        published="2024-12-05T10:00:00+00:00",
        lead_image=Image(caption="A harbour", credit="Photo: Sam"),
        markdown="Body text.",
        word_count=120,  # as extraction counts a real article's words
    )
    doc = article_document(article)
    assert doc.title == "A Title"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("title", "A Title"),
        ("byline", "By Jane [2J Doe · December 5, 2024"),
        ("caption", "A harbour (Photo: Sam)"),
        ("paragraph", "Body text."),
    ]
    empty = article_document(Article(), fallback_title="https://x.org/")
    assert empty.title == "https://x.org/"
    assert empty.blocks[-1].runs[0].italic and empty.blocks[-1].text == NO_ARTICLE


def test_a_page_without_an_article_says_so_and_shows_its_text() -> None:
    article = Article(
        title="Sign in",
        text="Sign in to continue",
        markdown="Sign in to continue",
        word_count=4,
        page_text="Home\n\nEmail [bold]\x1b[2J\n\nSign in to continue",
    )
    doc = article_document(article)
    texts = [(b.kind, b.text) for b in doc.blocks]
    assert texts[1] == ("paragraph", NO_ARTICLE)
    assert ("paragraph", "Sign in to continue") in texts
    heading = texts.index(("heading", PAGE_TEXT_HEADING))
    assert texts[heading + 1 :] == [
        ("paragraph", "Home"),
        ("paragraph", "Email [bold][2J"),  # the escape removed, its text inert
        ("paragraph", "Sign in to continue"),
    ]
    full = Article(markdown="Body.", text="Body.", word_count=20, page_text="ignored")
    assert NO_ARTICLE not in article_document(full).plain_text()
    assert PAGE_TEXT_HEADING not in article_document(full).plain_text()


def test_wrapping_keeps_within_the_width_with_wide_characters() -> None:
    text = "漢字かな交じり文の例です。" * 20 + " word " * 30 + "x" * 200
    doc = parse_markdown(f"{text}\n\n- {text}\n\n> {text}\n\n```\n{text}\n```")
    for width in (4, 5, 13, 40, 79):
        layout = layout_document(doc, width)
        assert widest(layout) <= width, width


def test_the_text_column_is_at_most_max_width_and_centered() -> None:
    doc = parse_markdown("word " * 200)
    layout = layout_document(doc, 120, max_width=80)
    assert (layout.width, layout.offset) == (80, 20)
    assert widest(layout) <= 80
    assert layout_document(doc, 60).offset == 0


def test_lists_and_quotes_hang_their_continuation_lines() -> None:
    words = " ".join(["alpha"] * 30)
    doc = parse_markdown(f"- {words}\n\n  - {words}\n\n10. {words}\n\n> {words}")
    lines = [line.text for line in layout_document(doc, 40).lines if line.text]
    assert lines[0].startswith("• alpha") and lines[1].startswith("  alpha")
    nested = [line for line in lines if line.startswith("  • ")]
    assert nested and lines[lines.index(nested[0]) + 1].startswith("    alpha")
    ordered = next(n for n, line in enumerate(lines) if line.startswith("10. "))
    assert lines[ordered + 1].startswith("    alpha")
    quoted = [line for line in lines if line.startswith("▌ ")]
    assert len(quoted) > 1 and all(line.startswith("▌ alpha") for line in quoted)


def test_link_markers_follow_the_link_text() -> None:
    doc = parse_markdown("see [the page](https://a.org) now")
    line = layout_document(doc, 80).lines[1]
    assert line.text == "see the page [1] now"
    styles = {text: (key, link) for text, key, link in line.segments}
    assert styles["the page"] == ("link", 1)
    assert styles[" [1]"] == ("link-number", 1)


def test_block_and_line_maps_round_trip() -> None:
    doc = parse_markdown(SAMPLE + "\n\n" + "long words " * 100)
    for width in (20, 50, 80):
        layout = layout_document(doc, width)
        for block in range(len(doc.blocks)):
            line = layout.line_of_block(block)
            assert layout.block_at_line(line) == block
            assert layout.lines[line].block == block
        for line in range(len(layout.lines)):
            block = layout.block_at_line(line)
            assert layout.line_of_block(block) <= line + 1  # a blank line leads into its block
        headings = layout.heading_lines()
        assert [(level, text) for level, text, _ in headings] == [
            (1, "First heading"),
            (2, "Second heading"),
        ]
        assert all(layout.lines[line].text == text for _, text, line in headings)


def test_find_is_smart_case_and_reports_cell_columns() -> None:
    doc = parse_markdown("Fog and fog and FOG.\n\n漢字 fog [fog](https://a.org)")
    layout = layout_document(doc, 80)
    assert layout.find("fog") == [(1, 0, 3), (1, 8, 11), (1, 16, 19), (3, 5, 8), (3, 9, 12)]
    assert layout.find("Fog") == [(1, 0, 3)]
    assert layout.find("FOG") == [(1, 16, 19)]
    assert layout.find("") == []
    assert layout.find("[1]") == []  # link numbers are not article text


def test_find_skips_matches_that_cover_no_cell() -> None:
    layout = layout_document(parse_markdown("By 🏻 and a\u200bzero-width space"), 80)
    assert layout.find("🏻") == [] and layout.find("\u200b") == []  # nothing to highlight
    assert layout.find("by") == [(1, 0, 2)]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(exclude_categories=["Cs"]) | st.sampled_from("*_`[]()#>- \n|~"),
        max_size=400,
    ),
    width=st.integers(min_value=4, max_value=120),
)
def test_layout_of_any_text_never_raises_or_overflows(text: str, width: int) -> None:
    layout = layout_document(parse_markdown(text), width)
    assert widest(layout) <= min(width, 80) if layout.lines else True
    for line in layout.lines:
        assert "\n" not in line.text and "\x1b" not in line.text
