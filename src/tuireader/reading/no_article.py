"""Why a page gave no article, from the evidence: the HTTP status, the Content-Type, the page.

One verdict (models.NoArticle) for the app's card and `--dump`'s line, built either from the
fetch error that kept the page from being read (a 403, a PDF) or from an article the extractor
found none in (a paywall, a consent wall, a page that needs JavaScript, an empty page).
The fetch package is imported only on the error path: the app shows a cached card without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tuireader.clock import now_iso
from tuireader.models import Article, CacheState, NoArticle, PageInfo, Reading

if TYPE_CHECKING:
    from tuireader.fetch.errors import FetchError

REFUSING = {
    401: "The server asks for a login (HTTP 401).",
    403: "The server refused the request (HTTP 403): often a bot wall.",
    429: "The server is limiting requests (HTTP 429): often a bot wall.",
    451: "The server withholds the page for legal reasons (HTTP 451).",
}
EMPTY = "The page is empty: the server sent no text."
NONE = (
    "No article found on this page: it may ask you to sign in, or hold too little text to be one."
)


def of_error(error: FetchError, url: str) -> NoArticle | None:
    """The verdict for a fetch that failed because of what the page is, None for other failures
    (a timeout, a 404 or a 500 are failures to read, not pages without an article)."""
    from tuireader.fetch.errors import HTTPStatusError, UnsupportedContent, wait_duration

    if isinstance(error, HTTPStatusError) and error.status in REFUSING:
        said = REFUSING[error.status]
        if error.status == 429:  # it may say how long to wait
            wait = error.retry_after
            later = f"try again in {wait_duration(wait)}" if wait is not None else "try again later"
            said = f"{said.removesuffix('.')}; {later}."
        return NoArticle("refused", said, url)
    if isinstance(error, UnsupportedContent):
        return NoArticle("file", _file(error.content_type), url)
    return None


def _file(content_type: str) -> str:
    from tuireader.fetch.errors import show_server

    shown = show_server(content_type)
    if content_type == "application/pdf":
        return f"This is a PDF ({shown})."
    if content_type.startswith("image/"):
        return f"This is an image ({shown})."
    if content_type:
        return f"This is not a web page ({shown})."
    return "This is not a web page: it has no content type and does not look like one."


def of_article(article: Article, url: str) -> NoArticle | None:
    """The verdict for an extracted page with no article in it, None when it has one."""
    if article.found or article.page_kind == "links":
        return None
    evidence = article.wall_evidence
    if article.wall == "paywall":
        said = f"The page asks for a subscription (paywall markup found: {evidence})."
    elif article.wall == "consent":
        said = f"The page asks for consent before its text ({evidence})."
    elif article.wall == "javascript":
        said = _sentence(f"The page needs JavaScript: {evidence}")
    else:
        said = ""
    if said:
        return NoArticle(article.wall, said, url)
    if not article.text.strip() and not article.page_text.strip():
        return NoArticle("empty", EMPTY, url)
    return NoArticle("none", NONE, url)


def _sentence(text: str) -> str:
    """`text` ending as a sentence: a full stop, unless it ends with one or with a quotation."""
    return text if text.endswith((".", "!", "?", "'", '"')) else text + "."


def verdict(reading: Reading) -> NoArticle | None:
    """Why `reading` holds no article, None when it holds one (or is a feed's own content)."""
    if reading.no_article is not None:
        return reading.no_article
    if reading.state is CacheState.FEED:
        return None
    return of_article(reading.article, reading.page.final_url or reading.url)


def card_for_error(error: FetchError, url: str) -> Reading | None:
    """What the reader shows for a fetch that failed because of what the page is: a Reading
    with no article that says why (None for other failures)."""
    from tuireader.fetch.errors import HTTPStatusError, UnsupportedContent

    found = of_error(error, url)
    if found is None:
        return None
    info = PageInfo(
        url=url,
        final_url=error.url or url,
        status=error.status if isinstance(error, HTTPStatusError) else 0,
        content_type=error.content_type if isinstance(error, UnsupportedContent) else "",
        encoding="",
        fetched_at=now_iso(),
    )
    return Reading(Article(), info, CacheState.FRESH, no_article=found)
