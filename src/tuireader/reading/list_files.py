"""Reading-list files into the store and out of it: the orchestration between interchange/ (the
formats, pure) and cache/ (the list). No Textual: the command line and the app share it.

An import is saved in one transaction (states, stars, tags and dates kept), so a file is in or
out as a whole, and saving what is saved already adds nothing but new tags: importing a file twice
changes nothing. Content the file carries is then kept as each article (`reading/carried.py`),
readable offline with no request; what is left is for `fetch_saved`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from tuireader.cache import SavedRow, Store
from tuireader.interchange.model import NAMED_SKIPS, Highlight, ImportResult, Range, SavedItem
from tuireader.models import Article
from tuireader.models import Highlight as StoredHighlight
from tuireader.reading.carried import keep_carried

PAGE = 500  # saved URLs read at a time for an export


class Stored(NamedTuple):
    """What an import did to the store."""

    added: int  # new on the list
    already: int  # on it before: only new tags were added
    carried: int  # articles kept from the file's own content

    def line(self, result: ImportResult) -> str:
        """'2,341 saved, 12 skipped: line 77 has no URL, …' as the summary of `result`'s file."""
        text = f"{self.added:,} saved"
        if self.already:
            text += f", {self.already:,} already saved"
        if self.carried:
            text += f", {self.carried:,} readable offline from the file's content"
        if skipped := result.skipped:
            named = ", ".join(map(str, skipped[:NAMED_SKIPS]))
            more = len(skipped) - NAMED_SKIPS
            text += f", {len(skipped):,} skipped: {named}" + (
                f", … ({more:,} more)" if more > 0 else ""
            )
        return text


def store_import(
    store: Store, result: ImportResult, progress: Callable[[int, int], None] | None = None
) -> Stored:
    """Save the items of `result` (one transaction), then keep the content they carry, calling
    `progress(done, total)` after each (a few milliseconds each: thousands take a while)."""
    rows = (
        SavedRow(
            item.url,
            title=item.title,
            state=item.state,
            starred=item.starred,
            tags=item.tags,
            saved_at=item.added_at,
        )
        for item in result.items
    )
    counts = store.save_urls(rows, source=result.format)
    for item in result.items:  # then the highlights the file carries, each kept once
        if item.highlights:
            store.import_highlights(item.url, [_kept(item.url, h) for h in item.highlights])
    with_content = [item for item in result.items if item.content_html or item.content_markdown]
    carried = 0
    for done, item in enumerate(with_content, 1):
        carried += keep_carried(
            store, item.url, item.title, item.content_html, item.content_markdown
        )
        if progress is not None:
            progress(done, len(with_content))
    return Stored(counts.added, counts.already, carried)


def exported_items(store: Store, *, content: bool = False) -> Iterator[SavedItem]:
    """Every saved URL as an export item, oldest saved first, with its state, star, tags, date
    and highlights; with `content`, the cached article as Markdown and as HTML rendered from
    it, and where each highlight stands in that HTML (`highlight_ranges`)."""
    total = store.count_saved("all")
    for end in range(total, 0, -PAGE):  # the list is newest first: read it from its end
        start = max(end - PAGE, 0)
        for listed in reversed(store.reading_list("all", limit=end - start, offset=start)):
            found = store.load(listed.url) if content and listed.cached else None
            article = found[1] if found is not None else None
            markdown = article.markdown if article is not None else ""
            highlights = store.highlights(listed.url)
            yield SavedItem(
                url=listed.url,
                title=listed.title,
                state=listed.state,
                starred=listed.starred,
                tags=listed.tags,
                added_at=listed.saved_at,
                content_html=_html(markdown),
                content_markdown=markdown,
                highlights=_carried(highlights, article if markdown.strip() else None),
            )


def _kept(url: str, highlight: Highlight) -> StoredHighlight:
    """An imported highlight as the store keeps it: its passage is found by its words alone."""
    return StoredHighlight(
        0,
        url,
        highlight.quote,
        note=highlight.note,
        created_at=highlight.created,
        updated_at=highlight.updated or highlight.created,
    )


def _carried(
    highlights: Sequence[StoredHighlight], article: Article | None
) -> tuple[Highlight, ...]:
    """Kept highlights as an export file carries them; with the `article` its HTML is rendered
    from, each with its place in that HTML when it can be said."""
    ranges: list[tuple[Range, ...]] = [()] * len(highlights)
    if highlights and article is not None:
        from tuireader.body import body_texts
        from tuireader.reading.highlight_ranges import element_paths, ranges_of
        from tuireader.reading.highlights import place_in

        texts = body_texts(article)
        paths = element_paths(article.markdown, texts)
        ranges = ranges_of([found for _, found in place_in(highlights, texts)], paths)
    return tuple(
        Highlight(h.exact, h.note, h.created_at, h.updated_at, where)
        for h, where in zip(highlights, ranges, strict=True)
    )


def _html(markdown: str) -> str:
    """The article as HTML for readers that want HTML (Wallabag): page text stays text."""
    if not markdown.strip():
        return ""
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": False}).render(markdown))


def urls_of(results: Iterable[ImportResult]) -> list[str]:
    """The URLs of every item imported, once each, in order."""
    return list(dict.fromkeys(item.url for result in results for item in result.items))
