"""Earlier copies of an article in a real store, for the reader's versions tests.

`keep_version` writes a row of the `versions` table as schema 8 defines it (the Article as zlib
JSON of `to_dict()`), with the store's own connection, so a test can build the copies a refetch
would keep. `fill_previous` makes Reader fill `Reading.previous` from the store
(`Store.latest_version`) on every Reading it gives, where it does not do so itself.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from tuireader.cache import Store
from tuireader.models import Article, Page, PageInfo, Reading, Version
from tuireader.reading.reader import Reader

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


def keep_version(
    store: Store,
    url: str,
    article: Article,
    *,
    fetched_at: str,
    read_at: str = "",
    replaced_at: str = "2026-12-01T08:00:00+00:00",
    changed: int = 0,
) -> Version:
    """Keep `article` as the next earlier copy of the cached `url`; the Version as listed."""
    data = zlib.compress(json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8"))
    with store._transaction() as db:
        key = store._key_for(url, db)
        assert key is not None, f"{url} is not cached"
        (last,) = db.execute(
            "SELECT coalesce(max(number), 0) FROM versions WHERE url = ?", (key,)
        ).fetchone()
        db.execute(
            "INSERT INTO versions (url, number, fetched_at, read_at, replaced_at, title, "
            "word_count, changed, extractor_version, data) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                key,
                last + 1,
                fetched_at,
                read_at,
                replaced_at,
                article.title,
                article.word_count,
                changed,
                article.extractor_version,
                data,
            ),
        )
    return Version(
        last + 1, fetched_at, read_at, replaced_at, article.title, article.word_count, changed
    )


def fill_previous(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Reading the Reader gives carries the newest earlier copy the store keeps."""
    with_pictures = Reader._with_pictures

    def filled(self: Reader, reading: Reading) -> Reading:
        reading = with_pictures(self, reading)
        if reading.previous is None and not reading.version:
            reading = reading._replace(previous=self.store.latest_version(reading.url))
        return reading

    monkeypatch.setattr(Reader, "_with_pictures", filled)


def store_two_copies(
    cache_dir: Path, *, read_at: str = "2026-11-30T18:00:00+00:00", changed: int = 3
) -> None:
    """The newest copy of URL (NEW) and the earlier one it replaced (OLD), kept as version 1."""
    store = Store.in_directory(cache_dir)
    save_article(store, URL, article_of("Ferry timetable", OLD), "2026-11-28T09:30:00+00:00")
    old = store.load(URL)
    assert old is not None
    save_article(store, URL, article_of("Ferry timetable", NEW), "2026-12-01T08:00:00+00:00")
    keep_version(
        store, URL, old[1], fetched_at="2026-11-28T09:30:00+00:00", read_at=read_at, changed=changed
    )
    store.close()
