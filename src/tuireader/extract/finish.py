"""The one finisher of an Article, whether extracted from a page or imported from a saved text.

Both kinds get the same rules: every field through the one unsafe-character rule, the word count
and reading time from the text, credits from the lead image, the figures and the attribution lines
that end the text, and related links that read like headlines, not calls to action. A one-line
related box inside the text ("Related article: <link>") is recognised by the same rule in both.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from tuireader.extract.credits import credit_label, is_attribution
from tuireader.extract.links import LinkList, is_call_to_action
from tuireader.extract.textclean import squash, strip_unsafe, word_count
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Image, Link

WORDS_PER_MINUTE = 230
CREDIT_TAIL = 3  # the last paragraphs an attribution line is looked for in
RELATED_MIN_WORDS = 3  # a related link's text has this many words ...
RELATED_MIN_CHARS = 16  # ... or this many characters: else it is a label, not a headline


def reading_minutes(words: int) -> int:
    """Minutes at WORDS_PER_MINUTE, rounded up: 0 only for no words at all."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


def credits_of(
    lead: Image | None, figure_credits: Iterable[str], paragraphs: Sequence[str]
) -> tuple[str, ...]:
    """The credits list: the lead image's, the figures', then attribution lines ending the text.

    `paragraphs` are the body's paragraphs as plain text; the attribution lines stay in the body,
    where readers expect them, and are listed here too.
    """
    credits: list[str] = []
    if lead is not None and lead.credit:
        credits.append(credit_label(lead.credit))
    credits.extend(credit_label(credit) for credit in figure_credits)
    credits.extend(text for text in paragraphs[-CREDIT_TAIL:] if is_attribution(text))
    return tuple(dict.fromkeys(credit for credit in credits if credit))


def related_links(related: LinkList) -> tuple[Link, ...]:
    """The related links worth listing: headlines, not labels or calls to action."""
    return tuple(
        link
        for link in related.links(min_words=RELATED_MIN_WORDS, min_chars=RELATED_MIN_CHARS)
        if not is_call_to_action(link.text)
    )


def finish(article: Article, version: str = EXTRACTOR_VERSION) -> Article:
    """Every string field without unsafe characters; counts from the result; `version` made it."""
    lines = ("title", "byline", "published", "modified", "site_name", "lang")
    fields: dict[str, Any] = {name: squash(strip_unsafe(getattr(article, name))) for name in lines}
    for name in ("description", "canonical_url", "markdown", "text", "page_text"):
        fields[name] = strip_unsafe(getattr(article, name)).strip()
    for name in ("authors", "credits"):
        values = (squash(strip_unsafe(value)) for value in getattr(article, name))
        fields[name] = tuple(value for value in values if value)
    fields["body_links"] = tuple(_safe_link(link) for link in article.body_links)
    fields["related_links"] = tuple(_safe_link(link) for link in article.related_links)
    if article.lead_image is not None:
        fields["lead_image"] = _safe_image(article.lead_image)
    fields["images"] = tuple(_safe_image(image) for image in article.images)
    fields["word_count"] = words = word_count(fields["text"])
    fields["reading_minutes"] = reading_minutes(words)
    fields["extractor_version"] = version
    return article._replace(**fields)


def _safe_image(image: Image) -> Image:
    return Image(
        url=strip_unsafe(image.url),
        caption=squash(strip_unsafe(image.caption)),
        credit=squash(strip_unsafe(image.credit)),
        alt=squash(strip_unsafe(image.alt)),
    )


def _safe_link(link: Link) -> Link:
    return Link(strip_unsafe(link.url), squash(strip_unsafe(link.text)), link.kind)
