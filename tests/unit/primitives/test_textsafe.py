"""Nothing from a page reaches the terminal as a control sequence."""

from __future__ import annotations

import json

from tuireader.extract.pipeline import extract_article, plain_text_article
from tuireader.textsafe import clean_line, clean_text, escape_json_unsafe, is_clean

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


# Every character either cleaner removed before they became one rule: C0 and C1 controls, DEL,
# bidi embeddings/overrides/isolates, the line and paragraph separators, lone surrogates.
UNION = [
    chr(code)
    for code in (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x2028,
        0x2029,
        *range(0xD800, 0xE000),
    )
]
KEPT = {"\t", "\n"}  # by the cleaners that keep lines


def strings_of(value: object) -> list[str]:
    """Every string inside an Article, its images and links included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [text for item in value for text in strings_of(item)]
    return []


def test_the_screen_cleaners_remove_every_unsafe_character() -> None:
    hostile = "word".join(UNION)
    assert set(clean_text(hostile)) & set(UNION) <= KEPT
    assert not set(clean_line(hostile)) & set(UNION)
    assert not is_clean(hostile.replace("\t", "").replace("\n", ""))
    assert clean_text("one\u2028two\u2029three") == "one two three"  # words stay apart


def test_extraction_removes_every_unsafe_character() -> None:
    chunks = ["".join(UNION[i : i + 40]) for i in range(0, len(UNION), 40)]
    body = "".join(
        f"<p>Paragraph {i} has words{chunk}around every unsafe character, more than a few of"
        f" them{chunk}here and <a href='/to{chunk}'>a link{chunk}named</a>.</p>"
        for i, chunk in enumerate(chunks)
    )
    page = (
        f"<html><head><title>Title{chunks[0]}here</title>"
        f"<meta name='author' content='Jo{chunks[1]}Doe'></head>"
        f"<body><article><h1>Title{chunks[0]}here</h1>{body}</article></body></html>"
    )
    article = extract_article(page, "https://news.example.org/story")
    assert "Paragraph 0 has words" in article.text
    assert article.body_links
    for text in strings_of(article):
        assert set(text) & set(UNION) <= KEPT, repr(text)
    for text in (article.title, *article.authors, *(link.text for link in article.body_links)):
        assert not set(text) & set(UNION), repr(text)
    # A text/plain page reaches the cleaner with its surrogates (the HTML parser replaces them).
    plain = plain_text_article("Plain title\n\n" + " word ".join(UNION), "https://x.org/a")
    assert plain.title == "Plain title" and plain.word_count > len(UNION) / 2
    for text in strings_of(plain):
        assert set(text) & set(UNION) <= KEPT, repr(text)
