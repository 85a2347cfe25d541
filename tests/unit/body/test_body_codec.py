"""The body as the cache keeps it: read back equal to a fresh parse, or not at all."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from support.markdown_sample import SAMPLE
from tuireader.body import with_body
from tuireader.body.codec import BODY_VERSION, decode_body, encode_body
from tuireader.body.parse import parse_markdown
from tuireader.models import Article
from tuireader.ui.layout.document import article_document


def test_a_body_reads_back_equal_to_its_parse() -> None:
    document = parse_markdown(SAMPLE + "\n\n- [a](https://a.org) *b* **c** `d` ~~e~~\n\n> q")
    assert decode_body(encode_body(document)) == document
    assert len(document.links) >= 1 and any(b.kind == "table" for b in document.blocks)


def test_the_view_draws_the_cached_body_without_parsing_the_markdown() -> None:
    article = Article(title="T", markdown="Fresh *words*.", word_count=500)
    cached = encode_body(parse_markdown("What the cache *holds*."))
    shown = article_document(Article(**{**article.to_dict(), "body": cached}))
    assert "What the cache holds." in shown.plain_text()
    assert "Fresh" not in shown.plain_text()


def test_an_article_shows_the_same_with_or_without_its_cached_body() -> None:
    article = Article(title="T", markdown=SAMPLE, word_count=500)
    assert with_body(article).body
    assert article_document(with_body(article)) == article_document(article)


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: body.replace(f'"v":{BODY_VERSION}', f'"v":{BODY_VERSION + 1}'),  # a newer form
        lambda body: body[: len(body) // 2],  # cut short
        lambda body: body.replace('"paragraph"', '"script"'),  # a kind we never write
        lambda body: body.replace("Second", "Sec\\u001b[2Jond"),  # an escape a terminal acts on
        lambda body: body.replace("Second", "Sec\u009bond"),  # a raw C1 control
        lambda body: json.dumps({"v": BODY_VERSION, "blocks": [["paragraph"]], "links": []}),
        lambda body: "[]",
    ],
)
def test_a_stale_damaged_or_unsafe_body_is_refused_and_the_markdown_wins(
    damage: Callable[[str], str],
) -> None:
    article = with_body(Article(title="T", markdown=SAMPLE, word_count=500))
    damaged = damage(article.body)
    assert damaged != article.body
    assert decode_body(damaged) is None
    shown = article_document(Article(**{**article.to_dict(), "body": damaged}))
    assert shown == article_document(article)
