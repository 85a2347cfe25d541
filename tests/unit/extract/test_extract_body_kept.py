"""What of the article's text must survive the cleaning: small hand-written pages."""

from __future__ import annotations

from tuireader.extract.pipeline import extract_article

_SENTENCE = "The committee met on Tuesday, and the members, after a long debate, agreed on a plan."


def _paragraphs(word: str, count: int) -> str:
    return "".join(f"<p>{word} {i}: {_SENTENCE}</p>" for i in range(count))


def _article(body: str) -> str:
    return f"<html><body><article><h1>The plan</h1>{body}</article></body></html>"


def test_a_name_inside_a_sentence_stays_whatever_its_class() -> None:
    line = (
        "<p>The mayor, <span class='author-name'>Ada Byron</span>, opened the bridge and "
        "thanked the builders, the town council and the people of the valley.</p>"
    )
    article = extract_article(_article(line + _paragraphs("Body", 4)), "https://n.example.org/1")
    assert "The mayor, Ada Byron, opened the bridge" in article.text


def test_a_byline_standing_alone_still_goes() -> None:
    card = "<div class='author'><span class='author-name'>Ada Byron</span></div>"
    article = extract_article(_article(card + _paragraphs("Body", 4)), "https://n.example.org/1")
    assert "Ada Byron" not in article.text
