"""Typing link numbers, key by key (the pure state the reader screen feeds its keys to)."""

from __future__ import annotations

from tuireader.models import Link
from tuireader.ui.screens.reader.link_digits import Go, LinkDigits, numbered_links


def feed(digits: LinkDigits, *keys: str) -> list[tuple[bool, Go | None]]:
    results = []
    for key in keys:
        character = key if len(key) == 1 else None
        result = digits.feed(key, character)
        results.append((result.handled, result.go))
    return results


def test_digits_build_a_number_that_enter_follows() -> None:
    digits = LinkDigits()
    assert feed(digits, "1", "2") == [(True, None), (True, None)]
    assert digits.digits == "12"
    assert feed(digits, "enter") == [(True, Go(12, browser=False))]
    assert digits.digits == ""


def test_capital_o_opens_in_the_browser() -> None:
    digits = LinkDigits()
    assert feed(digits, "3", "O")[-1] == (True, Go(3, browser=True))


def test_backspace_takes_a_digit_back_and_escape_forgets() -> None:
    digits = LinkDigits()
    feed(digits, "4", "5", "backspace")
    assert digits.digits == "4"
    assert feed(digits, "escape") == [(True, None)]
    assert digits.digits == ""


def test_without_digits_keys_are_left_to_the_bindings() -> None:
    digits = LinkDigits()
    assert feed(digits, "enter", "escape", "backspace", "0", "j") == [(False, None)] * 5
    assert digits.digits == ""


def test_another_key_forgets_the_number_and_does_its_own_thing() -> None:
    digits = LinkDigits()
    assert feed(digits, "7", "j") == [(True, None), (False, None)]
    assert digits.digits == ""


def test_zero_counts_after_the_first_digit_and_non_ascii_digits_do_not() -> None:
    digits = LinkDigits()
    feed(digits, "1", "0")
    assert digits.digits == "10"
    assert feed(digits, "٣") == [(False, None)]  # an Arabic-Indic three is not a link number


def test_numbers_prefer_the_body_and_add_the_sidebar_own_links() -> None:
    body = {1: Link("https://a.test/", "A"), 2: Link("https://b.test/", "B")}
    sidebar = {2: Link("https://b.test/", "B again"), 3: Link("https://c.test/", "C")}
    assert numbered_links(body, sidebar) == {
        1: ("https://a.test/", "A"),
        2: ("https://b.test/", "B"),
        3: ("https://c.test/", "C"),
    }
