"""One feed read from the network: fetched as bytes, parsed, or the web page it turned out to be.

Shared by `feed add` (which follows what a page declares) and the refresh (which says so in the
feed's last error). The parser and the fetcher load on the first check, never on import, so the
command line pays for neither until it reads a feed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from tuireader.feeds.model import FeedLink, ParsedFeed
from tuireader.textsafe import clip_url

if TYPE_CHECKING:
    from tuireader.fetch import FetchOptions, RawPage


class FeedProblem(Exception):
    """A feed could not be read; str() is one line. `declared`: the feeds the web page found
    where a feed was expected declares. `status` and `retry_after` as a refusing server said."""

    def __init__(
        self,
        message: str,
        *,
        declared: Sequence[FeedLink] = (),
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.declared = tuple(declared)
        self.status = status
        self.retry_after = retry_after


class FeedRead(NamedTuple):
    """A feed as fetched: `parsed` None when the server said it had not changed (304)."""

    raw: RawPage
    parsed: ParsedFeed | None

    @property
    def etag(self) -> str:
        return self.raw.info.etag

    @property
    def last_modified(self) -> str:
        return self.raw.info.last_modified

    @property
    def moved_to(self) -> str:
        return self.raw.moved_to


def read_feed(
    url: str,
    options: FetchOptions,
    *,
    etag: str = "",
    last_modified: str = "",
    cancelled: Callable[[], bool] | None = None,
) -> FeedRead:
    """Fetch and parse the feed at `url` (conditionally, given validators); FeedProblem else."""
    from tuireader.fetch import FetchError, fetch_feed

    try:
        raw = fetch_feed(
            url, options=options, etag=etag, last_modified=last_modified, cancelled=cancelled
        )
    except FetchError as exc:
        raise FeedProblem(
            str(exc),
            status=getattr(exc, "status", None),
            retry_after=getattr(exc, "retry_after", None),
        ) from None
    if raw.info.status == 304:
        return FeedRead(raw, None)
    return FeedRead(raw, _parse(raw))


def _parse(raw: RawPage) -> ParsedFeed:
    from tuireader.feeds.parse import NotAFeed, parse_feed

    content_type = raw.info.content_type + (f"; charset={raw.charset}" if raw.charset else "")
    url = raw.info.final_url
    try:
        return parse_feed(raw.data, url, content_type)
    except NotAFeed as exc:
        if exc.html or raw.is_html:
            from tuireader.feeds.discover import discover_feeds

            declared = discover_feeds(raw.data, url)
            raise FeedProblem(web_page_message(declared), declared=declared) from None
        raise FeedProblem(f"{clip_url(url)} is {exc}") from None
    except (RecursionError, MemoryError, ValueError) as exc:  # never a traceback for a feed
        raise FeedProblem(f"could not read the feed at {clip_url(url)} ({exc!s:.100})") from None


def web_page_message(declared: Sequence[FeedLink]) -> str:
    """What a feed that turned into a web page has become: the feeds the page declares, if any."""
    if not declared:
        return "this is a web page, not a feed, and it declares no feed"
    more = f" (and {len(declared) - 1} more)" if len(declared) > 1 else ""
    return f"this is a web page; it declares {clip_url(declared[0].url)}{more}: feed add it"
