"""Pictures in the body: a paragraph that is one picture is an image block, kept by the codec."""

from __future__ import annotations

import json

import pytest

from tuireader.body import article_body
from tuireader.body.codec import BODY_VERSION, decode_body, encode_body
from tuireader.body.model import Block, Run
from tuireader.body.parse import parse_markdown
from tuireader.models import Article

URL = "https://pics.example.org/a.jpg"


def kinds(markdown: str) -> list[tuple[str, str, str]]:
    return [(b.kind, b.text, b.src) for b in parse_markdown(markdown).blocks]


def test_a_lone_picture_is_an_image_block_with_its_alt_as_runs() -> None:
    (block,) = parse_markdown(f"![A heron \\[grey\\]](<{URL}>)").blocks
    assert block.kind == "image" and block.src == URL
    assert block.runs == [Run("A heron [grey]")]


def test_between_paragraphs_it_keeps_its_place() -> None:
    assert kinds(f"Before.\n\n![Heron]({URL})\n\nAfter.") == [
        ("paragraph", "Before.", ""),
        ("image", "Heron", URL),
        ("paragraph", "After.", ""),
    ]


def test_no_alt_is_an_image_block_with_no_runs() -> None:
    (block,) = parse_markdown(f"![](<{URL}>)").blocks
    assert block == Block("image", [], src=URL)


@pytest.mark.parametrize(
    "src", ["ftp://pics.example.org/a.jpg", "data:image/png;base64,AAAA", "/rel.jpg", "https:x"]
)
def test_a_picture_not_followable_is_its_alt_text_or_nothing(src: str) -> None:
    assert kinds(f"![Heron]({src})") == [("paragraph", "Heron", "")]
    assert kinds(f"Before.\n\n![]({src})") == [("paragraph", "Before.", "")]


def test_a_script_link_is_no_picture_at_all() -> None:
    (block,) = parse_markdown("![Heron](javascript:alert(1))").blocks
    assert block.kind == "paragraph" and block.src == ""


def test_alt_text_loses_control_characters() -> None:
    (block,) = parse_markdown(f"![he\x1bron\u202e x\x9b]({URL})").blocks
    assert block.kind == "image" and block.text == "heron x"


def test_a_picture_in_a_sentence_list_or_quote_stays_its_alt_text() -> None:
    assert kinds(f"See ![Heron]({URL}) here.") == [("paragraph", "See Heron here.", "")]
    (item,) = parse_markdown(f"- ![Heron]({URL})").blocks
    assert (item.kind, item.text, item.src, item.marker) == ("item", "Heron", "", "• ")
    (quote,) = parse_markdown(f"> ![Heron]({URL})").blocks
    assert (quote.kind, quote.text, quote.src) == ("quote", "Heron", "")


def test_two_pictures_in_one_paragraph_are_not_one_image() -> None:
    assert kinds(f"![A]({URL}) ![B]({URL})") == [("paragraph", "A B", "")]


def test_a_linked_picture_is_not_an_image_block() -> None:
    assert kinds(f"[![A]({URL})](https://example.org/)")[0][0] == "paragraph"


def test_the_codec_keeps_the_source() -> None:
    document = parse_markdown(f"Words.\n\n![Heron]({URL})")
    decoded = decode_body(encode_body(document))
    assert decoded == document
    assert decoded is not None and decoded.blocks[1].src == URL


def test_a_body_of_the_first_version_is_parsed_again() -> None:
    assert BODY_VERSION == 2
    old = json.dumps({"v": 1, "blocks": [["paragraph", [["Old", 0]], 0, 0, 0, "", 0, 0, 0, []]],
                      "links": []})  # fmt: skip
    assert decode_body(old) is None
    article = Article(markdown=f"![Heron]({URL})", body=old)
    assert [b.kind for b in article_body(article).blocks] == ["image"]


@pytest.mark.parametrize(
    "src",
    ["javascript:alert(1)", "file:///etc/passwd", "//no-scheme.example.org/a.jpg"],
)
def test_a_cached_source_that_is_not_http_is_refused(src: str) -> None:
    body = encode_body(parse_markdown(f"![Heron]({URL})")).replace(URL, src)
    assert decode_body(body) is None


def test_a_source_on_a_block_that_is_no_picture_is_refused() -> None:
    body = encode_body(parse_markdown(f"![Heron]({URL})")).replace('"image"', '"paragraph"')
    assert decode_body(body) is None
