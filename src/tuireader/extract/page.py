"""A fetched page to the article the reader shows: the extractor's side of reading a URL."""

from __future__ import annotations

from tuireader.body import with_body
from tuireader.extract.pipeline import extract_article, plain_text_article
from tuireader.models import Article, Page


def article_from_page(page: Page) -> Article:
    """Extract the article from a fetched page: HTML through the extractor, plain text as text.

    The article carries its body parsed for the view, so that showing it, now or from the cache,
    parses nothing.
    """
    if page.info.content_type.split(";")[0].strip().lower() == "text/plain":
        return with_body(plain_text_article(page.html, page.info.final_url))
    return with_body(extract_article(page.html, page.info.final_url))
