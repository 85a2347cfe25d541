"""A page that holds no article, read from its AMP version (`<link rel="amphtml">`).

A page built by scripts often declares an AMP copy that carries the text in plain HTML. It is
fetched through the fetch layer like any page (which follows only http(s), checks every
redirect and caps the size), and used only when it holds an article; the reader keeps it under
the original URL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tuireader.models import Article

if TYPE_CHECKING:
    from tuireader.fetch import FetchOptions


def read_amp(
    article: Article, options: FetchOptions, cancelled: Callable[[], bool] | None = None
) -> Article:
    """The article of the page's AMP version when the page itself held none; else `article`."""
    if article.found or not article.amp_url:
        return article
    from tuireader.extract.page import article_from_page
    from tuireader.fetch import FetchError, fetch

    try:
        page = fetch(article.amp_url, options=options, cancelled=cancelled)
    except FetchError:  # the page as it is still shows; the AMP copy was a second chance
        return article
    amp = article_from_page(page)
    if not amp.found:
        return article
    return amp._replace(
        text_from="amp",
        amp_url=article.amp_url,
        canonical_url=article.canonical_url or amp.canonical_url,
        title=amp.title or article.title,
    )
