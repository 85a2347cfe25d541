"""`tuireader feed add URL`: follow a feed, or the one a web page declares, and check it once.

The fetcher and the feed parser load only here, when a feed is added: listing, removing and the
OPML commands need neither.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tuireader.cache.feeds import Subscription
from tuireader.cli.output import CommandError, say, to_stderr
from tuireader.reading.session import Session
from tuireader.textsafe import clean_line, clip_url
from tuireader.urls import BadURL, normalize_url

if TYPE_CHECKING:
    from tuireader.feeds.model import FeedLink
    from tuireader.fetch import FetchOptions


def add(session: Session, args: argparse.Namespace) -> int:
    from tuireader.reading.feed_check import FeedProblem, read_feed

    url = _url(args.url)
    known = session.store.feed(url)
    if known is not None:
        return _already(known)
    options = _fetch_options(session)
    chosen = url
    try:
        found = read_feed(url, options)
    except FeedProblem as exc:
        if not exc.declared:
            raise CommandError(_named(url, str(exc))) from None
        chosen = _pick(url, exc.declared, args.pick)
        known = session.store.feed(chosen)
        if known is not None:
            return _already(known)
        try:
            found = read_feed(chosen, options)
        except FeedProblem as again:
            raise CommandError(_named(chosen, str(again))) from None
    else:
        if args.pick is not None:
            say(f"--pick ignored: {clip_url(url)} is a feed itself")
    known = session.store.feed(chosen)
    if known is not None:
        return _already(known)
    parsed = found.parsed
    if parsed is None:  # a 304 to a request with no validators: nothing to read
        raise CommandError(f"{clip_url(chosen)} answered with nothing to read: try again later")
    if parsed.malformed:
        say(f"{clip_url(chosen)}: {parsed.malformed}")
    store = session.store
    feed, _ = store.add_feed(chosen, title=parsed.title, site_url=parsed.site_url)
    store.save_check(
        feed.id,
        parsed,
        etag=found.etag,
        last_modified=found.last_modified,
        error=parsed.malformed,
        moved_to=found.moved_to,
    )
    count = store.count_entries(feed.id)
    where = found.moved_to or chosen
    print(f"added {title_of(parsed.title)} <{clean_line(where)}>: {n_entries(count)}")
    return 0


def _pick(page: str, declared: Sequence[FeedLink], pick: int | None) -> str:
    """The feed to follow among those `page` declares; the list on stderr when there are more."""
    if pick is not None and not 1 <= pick <= len(declared):
        raise CommandError(f"--pick {pick}: {clip_url(page)} declares {n_feeds(len(declared))}", 2)
    if len(declared) > 1:
        say(f"{clip_url(page)} declares {n_feeds(len(declared))}:")
        for n, link in enumerate(declared, 1):
            to_stderr(f"  {n}. {title_of(link.title)} <{clean_line(link.url)}>\n")
        if pick is None:
            say("following the first (--pick N for another)")
    return declared[(pick or 1) - 1].url


def _url(raw: str) -> str:
    try:
        return normalize_url(raw)
    except BadURL as exc:
        raise CommandError(str(exc), 2) from None


def _fetch_options(session: Session) -> FetchOptions:
    from tuireader.fetch import FetchOptions

    settings = session.reader.settings
    return session.reader.fetch_options or FetchOptions(
        connect_timeout=settings.connect_timeout,
        read_timeout=settings.read_timeout,
        max_bytes=settings.max_page_bytes,
    )


def _named(url: str, problem: str) -> str:
    """A problem reading `url`, naming it unless the message already does."""
    return problem if url in problem else f"{clip_url(url)}: {problem}"


def _already(feed: Subscription) -> int:
    print(f"already following {title_of(feed.title)} <{clean_line(feed.url)}>")
    return 0


def title_of(title: str) -> str:
    return clean_line(title) or "(untitled)"


def n_entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def n_feeds(count: int) -> str:
    return f"{count} feed" if count == 1 else f"{count} feeds"
