"""An archived copy of a page that gave no article: the Internet Archive's closest snapshot.

The availability API (GET {base}/wayback/available?url=URL) answers
`{"archived_snapshots": {"closest": {"available": true, "url": ..., "timestamp": ...}}}`, or
`{"archived_snapshots": {}}` when it has no copy. Its answer is data from the network: read with
a small cap, the snapshot's URL followed only when it is http(s), and the snapshot fetched
through the fetch layer with the reader's own limits, then extracted like any page. The copy is
shown, not kept: the cache holds pages as their own address served them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from tuireader.models import CacheState, Reading
from tuireader.textsafe import clip_url
from tuireader.urls import BadURL, is_followable, normalize_url

if TYPE_CHECKING:
    from tuireader.fetch import FetchOptions
    from tuireader.settings import Settings

ANSWER_LIMIT = 64 * 1024  # bytes of the API's answer read: it is a few hundred
NO_COPY = "The Internet Archive has no copy of this page."
_TIMESTAMP = re.compile(r"(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?\d*")
_SNAPSHOT_PATH = re.compile(r"(/web/\d{14})/")  # the copy with the archive's toolbar


class ArchiveError(Exception):
    """The archived copy could not be had: one line a person reads (str of it)."""


class Snapshot(NamedTuple):
    """The archive's closest copy: where it is, and when it was taken ("2024-12-05")."""

    url: str
    date: str


def availability_url(base_url: str, url: str) -> str:
    """The API request that asks the archive at `base_url` for its copy of `url`."""
    return f"{base_url.rstrip('/')}/wayback/available?url={quote(url, safe='')}"


def read_answer(data: bytes) -> Snapshot:
    """The snapshot the API's answer names, or ArchiveError saying why there is none."""
    try:
        answer: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ArchiveError(
            "The Internet Archive's answer was not what its API sends (not JSON)."
        ) from None
    snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is not True:
        raise ArchiveError(NO_COPY)
    url, stamp = closest.get("url"), closest.get("timestamp")
    if not isinstance(url, str) or not is_followable(url):
        shown = clip_url(url) if isinstance(url, str) else "none"
        raise ArchiveError(f"The Internet Archive named a copy tuireader will not open ({shown}).")
    try:
        url = normalize_url(url)
    except BadURL as exc:
        raise ArchiveError(f"The Internet Archive named a copy at a bad address: {exc}") from None
    return Snapshot(_SNAPSHOT_PATH.sub(r"\1id_/", url, count=1), _date(stamp))


def _date(stamp: object) -> str:
    """ "2024-12-05" from the API's "20241205103000"; "an unknown date" when it is no date."""
    match = _TIMESTAMP.fullmatch(stamp) if isinstance(stamp, str) else None
    return "-".join(match.group(1, 2, 3)) if match else "an unknown date"


def archived_reading(
    url: str,
    settings: Settings,
    options: FetchOptions | None = None,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Reading:
    """The archive's closest copy of `url`, extracted; ArchiveError when there is none to read."""
    from dataclasses import replace

    from tuireader.extract.page import article_from_page
    from tuireader.fetch import FetchError, FetchOptions, TooLarge, fetch, fetch_feed

    options = options or FetchOptions(
        connect_timeout=settings.connect_timeout,
        read_timeout=settings.read_timeout,
        max_bytes=settings.max_page_bytes,
    )
    try:
        answer = fetch_feed(
            availability_url(settings.archive_base_url, url),
            options=replace(options, max_bytes=min(options.max_bytes, ANSWER_LIMIT)),
            cancelled=cancelled,
        )
    except TooLarge:
        raise ArchiveError(
            f"The Internet Archive's answer was over {ANSWER_LIMIT // 1024} KiB: "
            "not what its API sends."
        ) from None
    except FetchError as exc:
        raise ArchiveError(f"Could not ask the Internet Archive: {exc}") from None
    snapshot = read_answer(answer.data)
    try:
        page = fetch(snapshot.url, options=options, progress=progress, cancelled=cancelled)
    except FetchError as exc:
        raise ArchiveError(f"Could not fetch the archived copy: {exc}") from None
    article = article_from_page(page)
    info = page.info._replace(url=url)
    return Reading(article, info, CacheState.FRESH, archived=snapshot.date)
