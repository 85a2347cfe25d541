"""The comparison of two copies as a Document (ui/layout/compare.py) and its layout: which words
are marked, how paragraphs are cut, and that the marks reach the style keys (no Textual)."""

from __future__ import annotations

from tuireader.body import paragraph_texts
from tuireader.body.diff import MAX_WORD_DIFF
from tuireader.body.model import Document
from tuireader.models import Article
from tuireader.ui.layout.compare import NO_CHANGE, comparison_document
from tuireader.ui.layout.wrap import layout_document


def marked(document: Document) -> list[list[tuple[str, str]]]:
    """Each body paragraph (after title, heading, legend) as (mark, text) runs."""
    return [[(run.mark, run.text) for run in block.runs] for block in document.blocks[3:]]


def compared(old: list[str], new: list[str]) -> Document:
    return comparison_document(old, new, title="T", heading="H", legend="L")


def test_a_changed_paragraph_marks_the_words_and_keeps_them_apart() -> None:
    document = compared(["Left on Monday."], ["Left on Tuesday."])
    assert [b.text for b in document.blocks[:3]] == ["T", "H", "L"]
    assert marked(document) == [
        [("", "Left on "), ("removed", "Monday."), ("", " "), ("added", "Tuesday.")]
    ]


def test_paragraphs_removed_and_added_between_unchanged_ones() -> None:
    document = compared(["A a.", "B b.", "C c."], ["A a.", "C c.", "D d."])
    assert marked(document) == [
        [("", "A a.")],
        [("removed", "B b.")],
        [("", "C c.")],
        [("added", "D d.")],
    ]


def test_a_changed_stretch_of_several_paragraphs_is_cut_at_their_breaks() -> None:
    document = compared(["One two.", "Three four."], ["One too.", "Three for."])
    assert marked(document) == [
        [("", "One "), ("removed", "two."), ("", " "), ("added", "too.")],
        [("", "Three "), ("removed", "four."), ("", " "), ("added", "for.")],
    ]


def test_a_change_too_long_for_words_is_the_old_then_the_new() -> None:
    old = " ".join(f"o{n}" for n in range(MAX_WORD_DIFF + 1))
    new = " ".join(f"n{n}" for n in range(MAX_WORD_DIFF + 1))
    assert marked(compared(["Same.", old], ["Same.", new])) == [
        [("", "Same.")],
        [("removed", old)],
        [("added", new)],
    ]


def test_no_change_says_so() -> None:
    assert marked(compared(["Same."], ["Same."])) == [[("", NO_CHANGE)], [("", "Same.")]]


def test_page_text_stays_text_and_controls_are_dropped() -> None:
    document = compared(["[bold]x[/] \x1b[31mred"], ["[bold]y[/] \x1b[31mred"])
    runs = [text for paragraph in marked(document) for _, text in paragraph]
    assert "".join(runs) == "[bold]x[/] [bold]y[/] [31mred"


def test_the_marks_reach_the_style_keys_of_the_layout() -> None:
    layout = layout_document(compared(["Left on Monday."], ["Left on Tuesday."]), 40)
    keys = {text: key for line in layout.lines for text, key, _ in line.segments}
    assert keys["Monday."] == "removed" and keys["Tuesday."] == "added"
    assert keys["Left on "] == ""


def test_the_paragraphs_compared_are_the_body_blocks_texts() -> None:
    article = Article(markdown="# Head\n\nOne *two*.\n\n- item\n", text="")
    assert paragraph_texts(article) == ["Head", "One two.", "item"]
