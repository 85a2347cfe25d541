"""A library to open: a few stored articles, the rows the table shows, the screen once it is up."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from support.pilot import settle
from tuireader.cache import Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Page, PageInfo
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.library import LibraryScreen
from tuireader.ui.widgets.article_list import ArticleList

ARTICLES = [
    ("Harbour fog thickens", "Eastwick Gazette", "The ferry left late in thick fog again."),
    ("Council budget deferred", "Town Crier", "The council deferred the sensor budget."),
    ("Ferry timetable for winter", "Eastwick Gazette", "Two extra crossings a day from December."),
]


def fill(cache_dir: Path, articles: list[tuple[str, str, str]] = ARTICLES) -> None:
    store = Store.in_directory(cache_dir)
    for n, (title, site, text) in enumerate(articles):
        url = f"https://example.org/{n}"
        info = PageInfo(url=url, final_url=url, fetched_at=f"2025-01-01T00:{n % 60:02d}:00+00:00")
        store.save(
            Page(info, "<p>x</p>"),
            Article(title=title, site_name=site, text=text, extractor_version=EXTRACTOR_VERSION),
        )
    store.close()


def titles(app: TuiReaderApp) -> list[str]:
    table = app.screen.query_one(ArticleList)
    return ["".join(text for text, _ in row.lines[0][0]) for row in table.rows]


async def open_library(pilot: Pilot[None]) -> LibraryScreen:
    """The library once its rows are in (they are read in a worker)."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen
