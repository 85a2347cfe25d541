"""The parsed article body, which extraction, the cache and the UI share.

`body.model` holds the plain blocks and runs; `body.parse` builds them from Markdown with
markdown-it; `body.codec` stores them as versioned JSON. This facade chooses between the last
two, importing each only when needed: opening a cached article decodes and never parses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tuireader.body.model import Document
    from tuireader.models import Article


def article_body(article: Article) -> Document:
    """The body as the cache keeps it, or parsed from the Markdown if the cached form is stale."""
    from tuireader.body.codec import decode_body

    body = decode_body(article.body) if article.body else None
    if body is None:
        from tuireader.body.parse import parse_markdown

        body = parse_markdown(article.markdown)
    return body


def body_texts(article: Article) -> list[str]:
    """The plain text of each of the article's body blocks, in order: what highlights are
    anchored in (their places index these blocks), whoever shows them."""
    return [block.text for block in article_body(article).blocks]


def paragraph_texts(article: Article) -> list[str]:
    """The body blocks' texts that hold any: the paragraphs two copies are compared by."""
    return [text for text in body_texts(article) if text.strip()]


def with_body(article: Article) -> Article:
    """`article` carrying its parsed body, as the cache stores it."""
    from tuireader.body.codec import encode_body
    from tuireader.body.parse import parse_markdown

    return article._replace(body=encode_body(parse_markdown(article.markdown)))
