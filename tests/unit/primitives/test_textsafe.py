"""Nothing from a page reaches the terminal as a control sequence."""

from __future__ import annotations

import json

from tuireader.textsafe import clean_line, clean_text, escape_json_unsafe

HOSTILE = "a\x1b[31mred\x1b]52;c;SGVsbG8=\x07b\x9b2J\u202eevil\u2066x\r\nnext\tline"


def test_clean_text_keeps_newlines_and_tabs_only() -> None:
    cleaned = clean_text(HOSTILE)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\x9b" not in cleaned
    assert "\u202e" not in cleaned and "\u2066" not in cleaned and "\r" not in cleaned
    assert "\nnext\tline" in cleaned


def test_clean_line_is_one_line() -> None:
    assert clean_line("  Title\nwith\x1b[0m  breaks ") == "Title with [0m breaks"


def test_json_escape_is_lossless_and_inert() -> None:
    encoded = escape_json_unsafe(json.dumps({"t": HOSTILE}, ensure_ascii=False))
    assert "\x9b" not in encoded and "\u202e" not in encoded and "\x1b" not in encoded
    assert json.loads(encoded) == {"t": HOSTILE}
