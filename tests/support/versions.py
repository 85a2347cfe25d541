"""Earlier copies of an article in a real store, for the reader's versions tests.

`keep_version` writes a row of the `versions` table as schema 8 defines it (the Article as zlib
JSON of `to_dict()`), with the store's own connection, so a test can build the copies a refetch
would keep. `fill_previous` makes Reader fill `Reading.previous` from the store
(`Store.latest_version`) on every Reading it gives, where it does not do so itself.
"""

from __future__ import annotations

from pathlib import Path

from tuireader.cache import Store
from tuireader.models import Article, Page, PageInfo

FETCHED = "2026-11-28T09:30:00+00:00"
URL = "https://news.example.org/harbour/ferry"
OLD = [
    "The ferry left the harbour at dawn on Monday.",
    "Fog delayed the crossing by an hour.",
    "Passengers waited in the terminal and read the notices.",
    "The crew handed out blankets and tea.",
    "The council will review the timetable in spring.",
    "The harbour master expects calmer weather.",
]
NEW = [
    "The ferry left the harbour at dawn on Tuesday.",
    "Fog delayed the crossing by an hour.",
    "Passengers waited in the [bold]terminal[/] and read the notices.",
    "The crew handed out blankets and tea.",
    "The harbour master expects calmer weather.",
    "A second ferry will join the route in March.",
]


def article_of(title: str, paragraphs: list[str], **fields: object) -> Article:
    """An article whose body is `paragraphs`, made by the current extractor."""
    from tuireader.extractor_version import EXTRACTOR_VERSION

    text = "\n\n".join(paragraphs)
    return Article(
        title=title,
        markdown=text,
        text=text,
        word_count=len(text.split()),
        extractor_version=EXTRACTOR_VERSION,
        **fields,  # type: ignore[arg-type]
    )


def save_article(store: Store, url: str, article: Article, fetched_at: str = FETCHED) -> None:
    """`article` as the newest copy of `url`, fetched at `fetched_at`."""
    info = PageInfo(
        url=url,
        final_url=url,
        status=200,
        content_type="text/html",
        fetched_at=fetched_at,
    )
    store.save(Page(info, "<p>kept</p>"), article)


def read_on(store: Store, url: str, when: str) -> None:
    """Record that the copy of `url` in the cache was read half-way at `when`."""
    with store._transaction() as db:
        db.execute("UPDATE reading SET last_read_at = ?, progress = 0.5 WHERE url = ?", (when, url))


def store_two_copies(cache_dir: Path, *, read_at: str = "2026-11-30T18:00:00+00:00") -> None:
    """The newest copy of URL (NEW) and the earlier one it replaced (OLD), which the store
    keeps as version 1; OLD was read at `read_at` ("": never)."""
    store = Store.in_directory(cache_dir)
    save_article(store, URL, article_of("Ferry timetable", OLD), "2026-11-28T09:30:00+00:00")
    if read_at:
        read_on(store, URL, read_at)
    save_article(store, URL, article_of("Ferry timetable", NEW), "2026-12-01T08:00:00+00:00")
    assert [v.number for v in store.versions(URL)] == [1]
    store.close()
