"""body.diff: the pieces of a comparison rebuild both versions, whatever their length, and a
long matcher gives what difflib would on the short windows it hands over."""

from __future__ import annotations

import random
from collections.abc import Sequence
from difflib import SequenceMatcher
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.body import diff
from tuireader.body.diff import (
    MAX_WORD_DIFF,
    Change,
    compare,
    paragraphs_changed,
    word_diff,
    words,
)


def sides(pieces: Sequence[tuple[str, str]]) -> tuple[str, str]:
    old = "".join(text for op, text in pieces if op != "added")
    new = "".join(text for op, text in pieces if op != "removed")
    return old, new


def rebuilt(changes: list[Change]) -> tuple[list[str], list[str]]:
    old: list[str] = []
    new: list[str] = []
    for change in changes:
        old.extend(change.old)
        new.extend(change.new)
    return old, new


def prose(seed: int, count: int, vocabulary: int = 3000) -> list[str]:
    """Paragraphs of words drawn as prose draws them: a few common words, many rare ones."""
    rng = random.Random(seed)
    names = [f"w{i}" for i in range(vocabulary)]
    weights = [1 / (rank + 1) for rank in range(vocabulary)]
    paragraphs, total = [], 0
    while total < count:
        length = rng.randint(30, 110)
        paragraphs.append(" ".join(rng.choices(names, weights, k=length)) + ".")
        total += length
    return paragraphs


def edit(paragraphs: list[str], seed: int, edits: int) -> list[str]:
    rng = random.Random(seed)
    new = list(paragraphs)
    for _ in range(edits):
        at = rng.randrange(len(new))
        found = new[at].split(" ")
        where = rng.randrange(len(found))
        roll = rng.random()
        if roll < 0.4:
            found[where] = "changed"
        elif roll < 0.7:
            found[where:where] = ["inserted", "words"]
        else:
            del found[where : where + 3]
        new[at] = " ".join(found)
    return new


def test_words_join_back_to_the_text() -> None:
    text = "  Two  spaces,\ta tab\n\nand a paragraph. "
    assert "".join(words(text)) == text
    assert words("a b") == ["a ", "b"]


def test_word_diff_marks_what_was_added_and_removed() -> None:
    pieces = word_diff("The mayor said on Monday that", "The mayor said on Tuesday that")
    assert pieces == [
        ("same", "The mayor said on "),
        ("removed", "Monday "),
        ("added", "Tuesday "),
        ("same", "that"),
    ]


def test_long_texts_rebuild_both_sides_and_keep_what_did_not_change() -> None:
    old = "\n\n".join(prose(1, 10_000))
    new = "\n\n".join(edit(prose(1, 10_000), 2, 40))
    pieces = word_diff(old, new)
    assert sides(pieces) == (old, new)
    changed = sum(len(words(text)) for op, text in pieces if op != "same")
    assert 0 < changed < 400  # 40 small edits, not the whole text removed and added


def test_short_windows_match_as_difflib_does() -> None:
    old, new = "a b c d e f g a b c", "a x c d e y g a b z"
    a, b = words(old), words(new)
    expected = [
        (tag, "".join(a[i1:i2]), "".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    ]
    ours = word_diff(old, new)
    assert [t for t in (piece[1] for piece in ours if piece[0] == "same")] == [
        x for tag, x, _ in expected if tag == "equal"
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "\n\n", "  "]), max_size=60),
    st.lists(st.sampled_from(["a", "b", "c", "e", "\n\n", " "]), max_size=60),
)
def test_any_two_texts_rebuild(old: list[str], new: list[str]) -> None:
    old_text, new_text = " ".join(old), " ".join(new)
    assert sides(word_diff(old_text, new_text)) == (old_text, new_text)


def test_repetitive_texts_too_long_for_difflib_still_rebuild() -> None:
    old = ("the cat sat on the mat " * 3000).strip()
    new = old.replace("mat", "hat", 7)
    pieces = word_diff(old, new)
    assert sides(pieces) == (old, new)
    assert any(op == "added" and "hat" in text for op, text in pieces)


def test_paragraphs_changed_counts_the_larger_side_of_each_change() -> None:
    old = ["one", "two", "three", "four", "five"]
    assert paragraphs_changed(old, old) == 0
    assert paragraphs_changed(old, ["one", "TWO", "three", "four", "five"]) == 1
    assert paragraphs_changed(old, ["one", "2", "2b", "three", "five"]) == 3  # 2 for 1, 1 gone
    assert paragraphs_changed(old, [*old, "six"]) == 1
    assert paragraphs_changed([], ["a", "b"]) == 2


def test_compare_gives_stretches_that_rebuild_both_versions() -> None:
    old = prose(5, 10_000)
    new = edit(old, 6, 30)
    new.insert(3, "A wholly new paragraph.")
    del new[40]
    changes = compare(old, new)
    assert rebuilt(changes) == (old, new)
    kinds = {change.kind for change in changes}
    assert {"same", "changed", "added"} <= kinds
    for change in changes:
        if change.kind == "changed":
            assert change.pieces is not None
            assert sides(change.pieces) == ("\n\n".join(change.old), "\n\n".join(change.new))
        if change.kind == "same":
            assert change.old == change.new


def test_a_long_change_gives_no_pieces() -> None:
    old = prose(7, 3 * MAX_WORD_DIFF)
    new = [paragraph.upper() for paragraph in old]  # every word changed
    new.append("and one more")  # as many paragraphs on each side: not compared one by one
    changes = compare(old, new)
    assert [change.kind for change in changes] == ["changed"]
    assert changes[0].pieces is None
    assert rebuilt(changes) == (old, new)


def test_every_paragraph_edited_in_place_still_reads_word_by_word() -> None:
    old = prose(8, 10_000)
    new = [paragraph.replace(" ", " edited ", 1) for paragraph in old]
    changes = compare(old, new)
    assert rebuilt(changes) == (old, new)
    assert len(changes) == len(old)
    assert all(change.kind == "changed" and change.pieces is not None for change in changes)
    assert all(("added", "edited ") in (change.pieces or ()) for change in changes)


@pytest.mark.parametrize("old,new", [([], []), (["a"], []), ([], ["a"]), (["a"], ["a"])])
def test_compare_edges(old: list[str], new: list[str]) -> None:
    assert rebuilt(compare(old, new)) == (old, new)


def test_what_follows_the_last_distinctive_word_is_matched_too() -> None:
    distinct = [f"u{i}" for i in range(500)]
    repeated = ["x", "y"] * 300
    old = " ".join([*distinct, *repeated])
    new_words = [*distinct, *repeated]
    new_words[3] = "early"
    new_words[500 + 301] = "late"
    new = " ".join(new_words)
    pieces = word_diff(old, new)
    assert sides(pieces) == (old, new)
    assert sum(len(words(text)) for op, text in pieces if op != "same") == 4


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "u", "v", "\n\n"]), max_size=80),
    st.lists(st.sampled_from(["a", "b", "c", "e", "u", "w", "\n\n"]), max_size=80),
)
def test_the_anchored_matcher_rebuilds_any_two_texts(old: list[str], new: list[str]) -> None:
    """Windows of any size go the long way here, anchors and gaps within gaps included."""
    old_text, new_text = " ".join(old), " ".join(new)
    with patch.object(diff, "_SMALL", 0):
        pieces = word_diff(old_text, new_text)
        assert sides(pieces) == (old_text, new_text)
        assert rebuilt(compare(old, new)) == (old, new)


def test_a_rewritten_paragraph_shows_whole_not_as_confetti_of_shared_words() -> None:
    """Sharing only "the", "harbour" and "so", a rewritten paragraph is old then new, whole;
    an edited one (most of its words kept) still reads word by word."""
    kept = "Intro stays the same in both copies."
    old = [kept, "Paragraph 6: the harbour council met on Monday to talk about the ferry."]
    rewritten = [
        kept,
        "A new paragraph says the second ferry joins in March, so the harbour waits.",
    ]
    edited = [kept, "Paragraph 6: the harbour council met on Tuesday to talk about the ferry."]
    (_, change) = compare(old, rewritten)
    assert change.kind == "changed" and change.pieces is None
    (_, change) = compare(old, edited)
    assert change.pieces is not None
    assert ("removed", "Monday ") in change.pieces and ("added", "Tuesday ") in change.pieces
