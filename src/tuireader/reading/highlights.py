"""Highlights and notes as the screens and the command line ask for them (`Reader.highlights`).

The store keeps them by URL (cache/highlights.py); here they are made from a passage of the body
(body.quotes), and found again in the article as it is now. The text they are found in is the
article's BODY blocks, `[b.text for b in body.article_body(article).blocks]`, whoever asks (the
reader adds the offset of its title and byline blocks itself), so every view agrees.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from tuireader.body import body_texts
from tuireader.body.quotes import Body, Place, Quote
from tuireader.cache import HighlightEntry, Store
from tuireader.models import Article, Highlight

Placed = tuple[Highlight, Place | None]  # a highlight and where its passage is (None: gone)


class ArticleHighlights(NamedTuple):
    """An article's highlights for a list across the library, each placed in its cached copy."""

    url: str
    title: str
    byline: str
    published: str
    site_name: str
    final_url: str
    cached: bool  # False: the article left the cache, so its passages could not be looked for
    placed: list[Placed]


def quote_of(highlight: Highlight) -> Quote:
    """The passage a highlight keeps, as body.quotes finds it."""
    return Quote(
        highlight.exact, highlight.prefix, highlight.suffix, highlight.block, highlight.block_text
    )


def place(highlights: Sequence[Highlight], article: Article) -> list[Placed]:
    """Each of `highlights` with where its passage is in `article` now (None: gone)."""
    return place_in(highlights, body_texts(article)) if highlights else []


def place_in(highlights: Sequence[Highlight], texts: Sequence[str]) -> list[Placed]:
    """Each of `highlights` with where its passage is in the body blocks' `texts` (None: gone),
    for a caller that has the blocks already."""
    if not highlights:
        return []
    places = Body(texts).locate_all([quote_of(h) for h in highlights])
    return list(zip(highlights, places, strict=True))


class HighlightBook:
    """An article's highlights: made, noted, removed and listed."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def of(self, url: str) -> list[Highlight]:
        """The highlights of `url`, in the order they were made. Raises StoreError."""
        return self.store.highlights(url)

    def placed(self, url: str, article: Article) -> list[Placed]:
        """The highlights of `url`, each with where its passage is in `article` (None when its
        words are gone from it: the highlight is kept all the same). Raises StoreError."""
        return place(self.of(url), article)

    def add(self, url: str, quote: Quote, note: str = "") -> Highlight:
        """Keep a highlight of `quote` in the article `url`, with `note`. Raises StoreError."""
        return self.store.add_highlight(Highlight(0, url, *quote, note=note))

    def set_note(self, highlight_id: int, note: str) -> bool:
        return self.store.set_note(highlight_id, note)

    def remove(self, highlight_id: int) -> bool:
        return self.store.remove_highlight(highlight_id)

    def library(self, tag: str = "", url: str = "") -> list[ArticleHighlights]:
        """Every highlight grouped by article (of the articles tagged `tag`, or of `url` only),
        each placed in the article's cached copy. Raises StoreError."""
        groups: dict[str, list[HighlightEntry]] = {}
        for entry in self.store.library_highlights(tag=tag, url=url):
            groups.setdefault(entry.highlight.url, []).append(entry)
        articles: list[ArticleHighlights] = []
        for key, entries in groups.items():
            first = entries[0]
            highlights = [entry.highlight for entry in entries]
            found = self.store.load(key) if first.cached else None
            placed: list[Placed] = [(h, None) for h in highlights]
            if found is not None:
                placed = place(highlights, found[1])
            articles.append(
                ArticleHighlights(
                    key,
                    first.title,
                    first.byline,
                    first.published,
                    first.site_name,
                    first.final_url,
                    found is not None,
                    placed,
                )
            )
        return articles
