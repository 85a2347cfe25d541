"""Fetching an article's pictures into the cache: which, how many, and what became of each.

The lead image first, then the body's in reading order, http and https only, at most
`MAX_ARTICLE_IMAGES` of them and `MAX_ARTICLE_IMAGE_BYTES` in all (what the cache holds already
counts), each at most `MAX_IMAGE_BYTES`. They go through the polite queue (`reading/polite.py`):
a few at a time, a Retry-After honoured once. Each is probed (`pictures.probe`: the header only)
and kept as soon as it is in, so a run stopped half-way keeps what it had. One that cannot be
had, or cannot be drawn, is kept with its problem and no bytes, so that it is not asked for
again at every open; a fresh fetch of the page asks again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import replace
from functools import partial
from typing import Literal, NamedTuple

from tuireader.cache import Store, StoreError
from tuireader.cache.pictures import PictureItem
from tuireader.fetch import (
    BadRedirect,
    BadResponse,
    ConnectFailed,
    FetchCancelled,
    FetchError,
    FetchOptions,
    FetchTimeout,
    HostNotFound,
    HTTPStatusError,
    InvalidURL,
    TooLarge,
    TooManyRedirects,
    UnsupportedContent,
)
from tuireader.models import Article, Picture
from tuireader.pictures.limits import MAX_ARTICLE_IMAGE_BYTES, MAX_ARTICLE_IMAGES, MAX_IMAGE_BYTES
from tuireader.reading.polite import (
    DEFAULT_CONCURRENCY,
    DEFAULT_PER_HOST,
    STOPPED,
    PoliteQueue,
    Retry,
    Step,
    Stop,
    retry_delay,
    run_politely,
)
from tuireader.settings import format_size
from tuireader.urls import is_followable

RETRY_CAP = 10.0  # seconds a picture's Retry-After is waited on, at most
OVER_ARTICLE = f"over the {format_size(MAX_ARTICLE_IMAGE_BYTES)} of pictures an article may keep"


class Wanted(NamedTuple):
    """A picture of the article: its URL as the article names it, and its place (0 first)."""

    src: str
    position: int


def wanted_pictures(article: Article) -> list[Wanted]:
    """The pictures to have for `article`: the lead image, then the body's in reading order;
    http(s) only, each once, at most MAX_ARTICLE_IMAGES."""
    lead = [article.lead_image] if article.lead_image is not None else []
    srcs = dict.fromkeys(
        image.url for image in (*lead, *article.images) if is_followable(image.url)
    )
    return [Wanted(src, n) for n, src in enumerate(list(srcs)[:MAX_ARTICLE_IMAGES])]


def fetch_missing(
    store: Store,
    url: str,
    article: Article,
    options: FetchOptions,
    *,
    retry: bool = False,
    cancelled: Callable[[], bool] | None = None,
    concurrency: int | None = None,
) -> int:
    """Fetch and keep the pictures of the cached article `url` that the cache lacks (and, with
    `retry`, those it holds with a problem); the number kept. Raises StoreError when the cache
    cannot say what it holds; a picture that fails is kept with its problem."""
    want = wanted_pictures(article)
    order = [w.src for w in want]
    held = {picture.url: picture for picture in store.pictures(url)}
    if list(held) != [src for src in order if src in held]:  # the article changed since
        store.arrange_pictures(url, order)
        held = {src: held[src] for src in order if src in held}
    missing = [w for w in want if w.src not in held or (retry and held[w.src].problem)]
    if not missing:
        return 0
    again = {w.src for w in missing}
    used = sum(picture.size for src, picture in held.items() if src not in again)
    run = _Run(store, url, missing, options, used, cancelled, concurrency or DEFAULT_CONCURRENCY)
    run_politely(
        run.queue, "pictures", worker=nullcontext, work=run.get, record=run.kept.__setitem__
    )
    if run.store_error is not None:
        raise run.store_error
    return sum(run.kept.values())


class _Run:
    """One article's pictures in flight: the queue, the bytes left to the article and the
    store's error (guarded by `lock`), the number kept (by the queue's lock)."""

    def __init__(
        self,
        store: Store,
        url: str,
        missing: list[Wanted],
        options: FetchOptions,
        used: int,
        cancelled: Callable[[], bool] | None,
        concurrency: int,
    ) -> None:
        self.store = store
        self.url = url
        self.position = {w.src: w.position for w in missing}
        self.options = options
        self.left = MAX_ARTICLE_IMAGE_BYTES - used
        self.kept: dict[str, int] = {}  # the number of pictures each fetch kept
        self.store_error: StoreError | None = None
        self.queue = PoliteQueue(
            [w.src for w in missing],
            concurrency=concurrency,
            per_host=DEFAULT_PER_HOST,
            cancelled=cancelled,
        )
        self.lock = threading.Lock()

    def get(self, _: None, src: str) -> Step[int]:
        """Fetch, probe and keep one picture; the number kept."""
        try:
            item = self.fetch(src)
        except Exception:  # never lose the run, nor the thread, to one picture
            item = (Picture(src, problem="could not be read"), b"", self.position[src])
        if item is STOPPED or isinstance(item, Retry):
            return item
        return self.keep(item)

    def keep(self, item: PictureItem) -> int:
        try:
            return self.store.save_pictures(self.url, [item])
        except StoreError as exc:  # the cache cannot keep them: the rest would fail too
            with self.lock:
                self.store_error = exc
            self.queue.stop()
            return 0

    def fetch(self, src: str) -> PictureItem | Retry[int] | Literal[Stop.STOPPED]:
        from tuireader.fetch import fetch_image
        from tuireader.pictures.probe import probe

        position = self.position[src]
        with self.lock:
            left = self.left
        if left <= 0:
            return (Picture(src, problem=OVER_ARTICLE), b"", position)
        cap = min(MAX_IMAGE_BYTES, left)
        try:
            raw = fetch_image(
                src, options=replace(self.options, max_bytes=cap), cancelled=self.queue.is_cancelled
            )
        except FetchCancelled:
            return STOPPED  # neither had nor failed
        except FetchError as exc:
            over_article = isinstance(exc, TooLarge) and cap < MAX_IMAGE_BYTES
            problem = OVER_ARTICLE if over_article else problem_of(exc)
            failed: PictureItem = (Picture(src, problem=problem), b"", position)
            delay = retry_delay(exc, RETRY_CAP)
            return failed if delay is None else Retry(delay, partial(self.keep, failed))
        facts = probe(raw.data, raw.info.content_type)
        data = b"" if facts.problem else raw.data
        with self.lock:
            if len(data) > self.left:  # another picture took the room meanwhile
                return (Picture(src, facts.content_type, problem=OVER_ARTICLE), b"", position)
            self.left -= len(data)
        picture = Picture(
            src, facts.content_type, facts.width, facts.height, len(data), facts.problem
        )
        return (picture, data, position)


def problem_of(exc: FetchError) -> str:
    """A failed fetch in the few words a picture's `problem` holds."""
    if isinstance(exc, HTTPStatusError):
        return f"HTTP {exc.status}"
    if isinstance(exc, TooLarge):
        return f"over the {format_size(MAX_IMAGE_BYTES)} a picture may take"
    if isinstance(exc, UnsupportedContent):
        return "not an image"
    for kind, words in _FETCH_PROBLEMS:
        if isinstance(exc, kind):
            return words
    return "could not be fetched"


_FETCH_PROBLEMS: tuple[tuple[type[FetchError], str], ...] = (
    (FetchTimeout, "timed out"),
    (BadRedirect, "redirected where tuireader will not go"),
    (TooManyRedirects, "too many redirects"),
    (HostNotFound, "host not found"),
    (ConnectFailed, "could not connect"),
    (InvalidURL, "not an http(s) address"),
    (BadResponse, "a broken response"),
)
