"""The selection's steps by sentence and its end's moves, on plain texts (no Textual)."""

from __future__ import annotations

from tuireader.body.quotes import Place
from tuireader.ui.screens.reader.selection import Selection

TEXTS = ["One. Two three. Four.", "", "Five six. Seven.", "Eight."]


def test_it_starts_at_the_first_sentence_of_the_block_or_the_next_with_text() -> None:
    selection = Selection.at(TEXTS, 1)
    assert selection is not None and selection.text == "Five six."
    assert Selection.at(TEXTS, 9) is not None  # past the end: the last block with text
    assert Selection.at(["", " "], 0) is None


def test_sentences_are_added_and_taken_off_the_end_across_blocks() -> None:
    selection = Selection.at(TEXTS, 0)
    assert selection is not None
    steps = []
    for _ in range(6):
        selection.by_sentence(1)
        steps.append(selection.text.split()[-1])
    assert steps == ["three.", "Four.", "six.", "Seven.", "Eight.", "Eight."]
    assert selection.place == Place(0, 0, 3, 6)
    while selection.by_sentence(-1):
        pass
    assert selection.text == "One."


def test_the_end_never_goes_before_the_start() -> None:
    selection = Selection(TEXTS, Place(2, 5, 2, 9))
    assert not selection.move_end(2, 5)
    assert not selection.move_end(0, 10)
    assert selection.place == Place(2, 5, 2, 9)
    assert selection.move_end(2, 6) and selection.text == "s"
