"""Cached articles into an EPUB book: which articles, and what each chapter holds.

The selection is the library's: every cached article (newest fetched first), a view of the
reading list and the feeds (Unread, Starred, a tag: as the library lists them, newest first),
or URLs named one by one. A view's articles that the cache does not hold are left out and
counted; a URL named but not cached is an error, before anything is written.

Each chapter is the cached article with its parsed body, the pictures the cache holds of it (no
request is made) and its highlights, found again in the body's blocks (body.quotes: the same
basis as the reader, --dump and the CLI), those whose passage is gone listed after it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import IO, NamedTuple

from tuireader.body import article_body
from tuireader.cache import Store
from tuireader.formatting import byline_line, caption_line, human_date, short_title
from tuireader.interchange.epub import BookWriter, Written
from tuireader.interchange.epub_chapter import Chapter, Gone, Mark
from tuireader.models import Article, PageInfo
from tuireader.reading.highlights import place_in
from tuireader.textsafe import clean_line
from tuireader.urls import BadURL, normalize_url

WINDOW = 500  # articles listed at a time
_VIEW_NAMES = {"unread": "Unread", "starred": "Starred"}


class Selection(NamedTuple):
    """What to export: `urls`, or a view ("unread", "starred", "" none) narrowed by `tags`."""

    urls: tuple[str, ...] = ()
    view: str = ""
    tags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """'Unread #news', 'All articles', …: what the book holds, for its title."""
        if self.urls:
            return "Articles"
        words = [_VIEW_NAMES[self.view]] if self.view else []
        words += [f"#{tag}" for tag in self.tags]
        return " ".join(words) or "All articles"


class Chosen(NamedTuple):
    urls: list[str]  # cached, in the book's order
    left_out: int  # in the view, but not in the cache


class NotCached(Exception):
    """URLs named that the cache does not hold (all of them, in the order given)."""

    def __init__(self, urls: list[str]) -> None:
        super().__init__(urls[0])
        self.urls = urls


def choose(store: Store, selection: Selection) -> Chosen:
    """The cached articles `selection` names. Raises NotCached for named URLs not cached."""
    if selection.urls:
        found, missing = [], []
        for raw in dict.fromkeys(selection.urls):
            url = _cached(store, raw)
            if url is None:
                missing.append(raw)
            elif url not in found:
                found.append(url)
        if missing:
            raise NotCached(missing)
        return Chosen(found, 0)
    if not selection.view and not selection.tags:
        return Chosen(_every_cached(store), 0)
    view = selection.view or f"#{selection.tags[0]}"
    narrowing = selection.tags if selection.view else selection.tags[1:]
    urls: list[str] = []
    left_out = 0
    offset = 0
    while True:
        items = store.view_items(view, tags=narrowing, limit=WINDOW, offset=offset)
        for item in items:
            if item.url and item.cached:
                urls.append(item.url)
            else:
                left_out += 1
        if len(items) < WINDOW:
            break
        offset += WINDOW
    return Chosen(list(dict.fromkeys(urls)), left_out)


def book_title(selection: Selection, urls: list[str], store: Store, when: datetime) -> str:
    """The book's title: the article's own for one article, else what it holds and the date."""
    if len(urls) == 1 and (found := store.load(urls[0])) is not None:
        info, article = found
        return _title(article, info)
    return f"tuireader: {selection.label}, {human_date(when.isoformat())}"


def write_book(
    store: Store,
    urls: list[str],
    stream: IO[bytes],
    title: str,
    *,
    progress: Callable[[int, int], None] | None = None,
    when: datetime | None = None,
) -> Written:
    """The articles `urls` as one book into `stream`; `progress(done, total)` after each."""
    writer = BookWriter(stream, title, modified=when or datetime.now(UTC))
    for done, url in enumerate(urls, 1):
        found = store.load(url)
        if found is not None:
            writer.add(_chapter(store, writer, url, *found))
        if progress is not None:
            progress(done, len(urls))
    return writer.finish()


def _chapter(
    store: Store, writer: BookWriter, url: str, info: PageInfo, article: Article
) -> Chapter:
    body = article_body(article)
    marks, gone = _highlights(store, url, [block.text for block in body.blocks])
    wanted = [block.src for block in body.blocks if block.kind == "image" and block.src]
    if article.lead_image is not None and article.lead_image.url:
        wanted.insert(0, article.lead_image.url)
    return Chapter(
        url=info.final_url or info.url or url,
        title=_title(article, info),
        byline=clean_line(byline_line(article)),
        language=article.lang,
        caption=clean_line(caption_line(article)),
        credits=tuple(clean_line(credit) for credit in article.credits if credit.strip()),
        lead=article.lead_image,
        body=body,
        pictures=_pictures(store, writer, url, wanted),
        marks=marks,
        gone=gone,
    )


def _title(article: Article, info: PageInfo) -> str:
    return clean_line(short_title(article.title, article.site_name)) or clean_line(
        info.final_url or info.url
    )


def _highlights(
    store: Store, url: str, texts: list[str]
) -> tuple[tuple[Mark, ...], tuple[Gone, ...]]:
    highlights = store.highlights(url)
    if not highlights:
        return (), ()
    marks, gone = [], []
    for highlight, place in place_in(highlights, texts):
        if place is None:
            gone.append(Gone(highlight.exact, highlight.note))
        else:
            marks.append(Mark(place, highlight.note))
    return tuple(marks), tuple(gone)


def _pictures(store: Store, writer: BookWriter, url: str, wanted: list[str]) -> dict[str, str]:
    """The article's pictures the cache holds and a book can show: URL -> file in the book."""
    if not wanted:
        return {}
    from tuireader.pictures.ebook import for_book

    files: dict[str, str] = {}
    kept = {picture.url: picture for picture in store.pictures(url)}
    for src in dict.fromkeys(wanted):
        picture = kept.get(src)
        if picture is None or picture.problem or picture.size <= 0:
            continue
        data = store.picture_data(url, src)
        book_picture = for_book(data, picture.content_type) if data else None
        if book_picture is not None:
            files[src] = writer.add_picture(*book_picture)
    return files


def _cached(store: Store, raw: str) -> str | None:
    """The cached URL for what was typed: normalized as the reader keys it, or as typed."""
    candidates = [raw.strip()]
    with contextlib.suppress(BadURL):
        candidates.insert(0, normalize_url(raw))
    return next((url for url in candidates if url and store.contains(url)), None)


def _every_cached(store: Store) -> list[str]:
    """Every cached article's URL, newest fetched first."""
    urls: list[str] = []
    while True:
        entries = store.library(limit=WINDOW, offset=len(urls))
        urls += [entry.url for entry in entries]
        if len(entries) < WINDOW:
            return urls
