"""The tags prompt completes the word typed with a tag in use."""

from __future__ import annotations

import pytest

from tuireader.ui.dialogs.tags import complete

KNOWN = ["essays", "long", "News", "newsletters"]


@pytest.mark.parametrize(
    ("value", "completed"),
    [
        ("+ne", "+News"),  # the first in use it starts, spelt as it is
        ("-lo", "-long"),
        ("es", "essays"),
        ("+#ess", "+#essays"),
        ("-long +news", "-long +newsletters"),  # a whole tag typed: the next one it starts
        ("+zz", None),
        ("+ne ", None),  # a word ended: nothing to complete
        ("+", None),
        ("", None),
    ],
)
def test_the_word_typed_completes_to_a_tag_in_use(value: str, completed: str | None) -> None:
    assert complete(value, KNOWN) == completed
