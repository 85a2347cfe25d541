"""Passages found again by their words (body.quotes): in the same copy, in another copy whose
spaces, quotes and dashes differ, among equal passages, and not at all when the words are gone."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.body.quotes import Body, Place, Quote, _Folded, fold


def quote_of(texts: Sequence[str], place: Place) -> Quote:
    return Body(texts).quote(place)


def locate(texts: Sequence[str], quote: Quote) -> Place | None:
    return Body(texts).locate(quote)


TEXTS = [
    "The harbour council met on Tuesday.",
    "Its plan for the ferries, the council’s own, was late again — as ever.",
    "Nobody at the pier agreed, and the mayor’s office promised a vote… next spring.",
    "The vote will be held in the old lighthouse.",
]


def words(texts: list[str], place: Place | None) -> str:
    """The text a place covers, its paragraphs joined by a blank line."""
    assert place is not None
    joined = "\n\n".join(texts)
    starts = [sum(len(t) + 2 for t in texts[:i]) for i in range(len(texts))]
    return joined[starts[place.first] + place.start : starts[place.last] + place.end]


def quote_at(texts: list[str], block: int, passage: str, last: int | None = None) -> Quote:
    start = texts[block].index(passage.split("\n\n")[0])
    if last is None:
        return quote_of(texts, Place(block, start, block, start + len(passage)))
    end = texts[last].index(passage.split("\n\n")[-1]) + len(passage.split("\n\n")[-1])
    return quote_of(texts, Place(block, start, last, end))


def test_a_passage_is_found_where_it_was_made() -> None:
    quote = quote_at(TEXTS, 1, "the council’s own, was late")
    assert quote.block == 1
    assert quote.block_text == TEXTS[1][:60]
    assert quote.prefix.endswith("the ferries, ")
    start = TEXTS[1].index("the council")
    assert locate(TEXTS, quote) == Place(1, start, 1, start + len(quote.exact))
    assert words(TEXTS, locate(TEXTS, quote)) == "the council’s own, was late"


def test_a_passage_across_paragraphs_is_found() -> None:
    quote = quote_at(TEXTS, 1, "as ever.\n\nNobody at the pier", last=2)
    place = locate(TEXTS, quote)
    assert place is not None and (place.first, place.last) == (1, 2)
    assert words(TEXTS, place) == "as ever.\n\nNobody at the pier"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("the council’s own, was late", "the council's own,\u00a0was  late"),  # quote, spaces
        ("was late again — as ever", "was late again -- as ever"),  # dash typed otherwise
        ("was late again — as ever", "was late again—as ever"),  # unspaced dash
        ("promised a vote… next", "promised a vote... next"),  # an ellipsis as dots
        ("the mayor’s office", "the may\u00ador\u2019s\u200b office"),  # soft hyphen, ZWSP
        ("the mayor’s office", "the\nmayor’s\toffice"),  # line breaks inside the paragraph
        ("“Nobody” at the pier", '"Nobody" at the pier'),  # typographic double quotes
    ],
)
def test_a_passage_is_found_in_a_copy_typed_otherwise(old: str, new: str) -> None:
    texts = [t.replace("Nobody at", "“Nobody” at") for t in TEXTS]
    quote = quote_at(texts, 1 if old in texts[1] else 2, old)
    changed = [t.replace(old, new) for t in texts]
    place = locate(changed, quote)
    assert words(changed, place).strip() == new.strip()  # the real offsets of the new copy


def test_renumbered_paragraphs_do_not_lose_a_passage() -> None:
    quote = quote_at(TEXTS, 2, "promised a vote")
    moved = ["A new lead paragraph.", "A caption now in the text.", *TEXTS]
    place = locate(moved, quote)
    assert place is not None and place.first == 4
    assert words(moved, place) == "promised a vote"


def test_split_paragraphs_do_not_lose_a_passage_across_them() -> None:
    quote = quote_at(TEXTS, 1, "as ever.\n\nNobody at the pier", last=2)
    merged = [TEXTS[0], TEXTS[1] + " " + TEXTS[2], TEXTS[3]]
    assert words(merged, locate(merged, quote)) == "as ever. Nobody at the pier"


def test_equal_passages_are_told_apart_by_their_context() -> None:
    texts = ["The vote was close. The vote was late.", "The vote was close again."]
    quote = quote_of(texts, Place(0, 20, 0, 32))  # the second "The vote was"
    assert quote.exact == "The vote was"
    assert locate(texts, quote) == Place(0, 20, 0, 32)
    changed = ["Intro.", "The vote was late. The vote was close.", "The vote was close again."]
    assert locate(changed, quote) == Place(1, 0, 1, 12)  # still the one before "late"


def test_equal_passages_with_equal_context_go_by_their_paragraph() -> None:
    repeated = "Subscribe to the newsletter for more."
    texts = ["Opening words here.", repeated, "Middle part of it.", repeated, "The end."]
    quote = quote_of(texts, Place(3, 0, 3, 9))
    assert locate(texts, quote) == Place(3, 0, 3, 9)
    # renumbered: the nearest to its index wins among paragraphs that open alike
    shifted = ["New.", *texts]
    assert locate(shifted, quote) == Place(4, 0, 4, 9)


@pytest.mark.parametrize("retyped", [False, True])
def test_with_equal_context_the_paragraphs_opening_words_decide(retyped: bool) -> None:
    same = " and then the same long words in both paragraphs’ ends, the passage"
    texts = ["Alpha opens this one" + same, "Beta opens the other" + same]
    quote = quote_of(texts, Place(1, len(texts[1]) - 11, 1, len(texts[1])))
    assert quote.exact == "the passage"
    swapped = [texts[1], texts[0]]  # index 1 now opens "Alpha": its opening says "Beta"
    if retyped:
        swapped = [text.replace("’", "'") for text in swapped]
    assert locate(swapped, quote) == Place(0, len(swapped[0]) - 11, 0, len(swapped[0]))


def test_a_passage_whose_words_are_gone_is_none() -> None:
    quote = quote_at(TEXTS, 2, "promised a vote")
    rewritten = [t.replace("promised a vote", "refused a vote") for t in TEXTS]
    assert locate(rewritten, quote) is None
    assert locate([], quote) is None
    assert locate(TEXTS, Quote("   ")) is None
    assert locate(TEXTS, Quote("")) is None


def test_locate_all_answers_each_quote_in_order() -> None:
    quotes = [
        quote_at(TEXTS, 3, "old lighthouse"),
        Quote("words that never were"),
        quote_at(TEXTS, 0, "harbour council"),
    ]
    changed = ["New lead.", *(t.replace("’", "'") for t in TEXTS)]
    body = Body(changed)
    places = body.locate_all(quotes)
    assert places == [body.locate(q) for q in quotes]
    assert places[1] is None
    assert [words(changed, p) for p in (places[0], places[2])] == [
        "old lighthouse",
        "harbour council",
    ]


def test_a_quote_without_a_paragraph_is_found_by_its_words() -> None:
    """Imported highlights (a Wallabag annotation) carry only the passage."""
    place = locate(TEXTS, Quote("the mayor's office"))
    assert words(TEXTS, place) == "the mayor’s office"


def test_fold_gives_one_form_of_each() -> None:
    assert fold("a\u00a0 b\n\nc") == "a b c"
    assert fold("“q” ‘s’ a — b -- c–d … ...") == "\"q\" 's' a-b-c-d … …"
    assert fold("co\u00adop\u200berate") == "cooperate"
    assert fold("well-known") == "well-known"


_PIECES = st.sampled_from(
    ["word", "two", "x", " ", "  ", "\u00a0", "\n", "\n\n", "—", " — ", "-", "--", "’", "'",
     "“", "”", '"', "…", "...", ".", "\u00ad", "\u200b", "\t"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_the_body_folds_as_fold_does_and_its_map_is_monotonic(pieces: list[str]) -> None:
    text = "".join(pieces)
    folded = _Folded(text)
    assert folded.folded == fold(text)
    origins = [folded.origin(i) for i in range(len(folded.folded) + 1)]
    assert origins == sorted(origins)
    assert all(0 <= o <= len(text) for o in origins)
    for i in range(len(text) + 1):
        assert 0 <= folded.folded_offset(i) <= len(folded.folded)


_WORDS = st.sampled_from(["harbour", "vote", "council’s", "—", "“pier”", "late…", "a"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_WORDS, min_size=1, max_size=12), min_size=1, max_size=6),
    st.data(),
)
def test_any_passage_is_found_in_its_copy_and_a_retyped_one(
    paragraphs: list[list[str]], data: st.DataObject
) -> None:
    texts = [" ".join(words) for words in paragraphs]
    block = data.draw(st.integers(0, len(texts) - 1))
    start = data.draw(st.integers(0, len(texts[block]) - 1))
    end = data.draw(st.integers(start + 1, len(texts[block])))
    quote = quote_of(texts, Place(block, start, block, end))
    if not quote.exact.strip():
        return
    place = locate(texts, quote)
    assert place is not None
    assert fold(words(texts, place)).strip(" -") == fold(quote.exact).strip(" -")
    retyped = [
        "Lead.",
        *(t.replace("’", "'").replace(" — ", "--").replace("…", "...") for t in texts),
    ]
    moved = locate(retyped, quote)
    assert moved is not None
    assert fold(words(retyped, moved)).strip(" -") == fold(quote.exact).strip(" -")
