"""Sentences of a block's text: what a keyboard selection grows and shrinks by."""

from __future__ import annotations

import pytest

from tuireader.body.sentences import sentences


def _split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hello there. How are you? I am fine!  Yes.",
            ["Hello there.", "How are you?", "I am fine!", "Yes."],
        ),
        (
            "Dr. Smith met J. Doe in the U.S. on Monday, e.g. at noon. Then he left.",
            ["Dr. Smith met J. Doe in the U.S. on Monday, e.g. at noon.", "Then he left."],
        ),
        ("He said “Stop.” Then he went.", ["He said “Stop.”", "Then he went."]),
        ("It cost 42. Really… And then? no.", ["It cost 42.", "Really…", "And then? no."]),
        ("A title without a stop", ["A title without a stop"]),
        ("  Leading space. Trailing space.  ", ["Leading space.", "Trailing space."]),
    ],
)
def test_sentences_end_at_stops_that_start_a_new_sentence(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert sentences(text) == []


def test_spans_are_in_order_and_leave_out_only_the_space_between() -> None:
    text = "One. Two three.   Four?\nFive!"
    spans = sentences(text)
    assert [text[a:b] for a, b in spans] == ["One.", "Two three.", "Four?", "Five!"]
    gaps = [text[spans[n][1] : spans[n + 1][0]] for n in range(len(spans) - 1)]
    assert all(gap.isspace() for gap in gaps)
