"""What every extracted Article must be, whatever the page: strings, no controls, true counts."""

from __future__ import annotations

import re

from support.hostile_strategies import UNSAFE
from tuireader.extract import EXTRACTOR_VERSION
from tuireader.models import Article

LINE_FIELDS = ("title", "byline", "published", "modified", "site_name", "lang")
TEXT_FIELDS = ("description", "canonical_url", "markdown", "text", "extractor_version")
# In the body, newlines and tabs are text; the line separators are left for the views to clean.
UNSAFE_IN_BODY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_well_formed(article: Article) -> None:
    """Every field a string of the right kind, free of controls; the counts match the text."""
    assert isinstance(article, Article)
    lines = [getattr(article, name) for name in LINE_FIELDS] + [*article.authors, *article.credits]
    texts = [getattr(article, name) for name in TEXT_FIELDS]
    for link in article.body_links + article.related_links:
        lines.append(link.text)
        texts.append(link.url)
        assert link.url.startswith(("http://", "https://"))
    if article.lead_image is not None:
        image = article.lead_image
        lines += [image.caption, image.credit, image.alt]
        texts.append(image.url)
    assert all(isinstance(value, str) for value in lines + texts)
    assert not any(UNSAFE.search(value) for value in lines), lines
    assert not any(UNSAFE_IN_BODY.search(value) for value in texts), texts
    assert article.word_count == len(article.text.split())
    assert article.extractor_version == EXTRACTOR_VERSION
