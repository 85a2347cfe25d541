"""What the tags prompt takes: "+a -b c", as the command line does."""

from __future__ import annotations

import pytest

from tuireader.reading.views import TagChanges, parse_tag_changes


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("+a -b c", TagChanges(("a", "c"), ("b",))),
        ("  +#news  -#old ", TagChanges(("news",), ("old",))),
        ("a a +a", TagChanges(("a",), ())),
        ("-a +A", TagChanges(("A",), ())),  # the last change of a tag wins, any case
        ("+ - #", TagChanges((), ())),
        ("", TagChanges((), ())),
        ("-only", TagChanges((), ("only",))),
    ],
)
def test_plus_adds_minus_removes_a_bare_word_adds(text: str, changes: TagChanges) -> None:
    assert parse_tag_changes(text.split()) == changes


def test_strict_refuses_a_word_that_names_no_tag() -> None:
    with pytest.raises(ValueError, match="names no tag"):
        parse_tag_changes(["+news", "-"], strict=True)
