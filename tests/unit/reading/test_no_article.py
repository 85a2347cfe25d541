"""The verdict of a page with no article, from a fetch error or from the extracted page."""

from __future__ import annotations

import pickle
from pathlib import Path

from support.fixture_site import FixtureSite
from support.no_article_site import serve_pages
from tuireader.cache import Store
from tuireader.models import Article, CacheState
from tuireader.reading.no_article import verdict
from tuireader.reading.reader import Reader, ReadError


def test_a_refused_fetch_carries_its_card_and_keeps_nothing(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = serve_pages(site)["refused"]
    reader = Reader(Store.in_directory(cache_dir))
    try:
        reader.open(url)
    except ReadError as exc:
        error = exc
    else:
        raise AssertionError("a 403 is no article to read")
    card = error.card
    assert card is not None and card.no_article is not None
    assert card.no_article.kind == "refused" and card.page.status == 403
    assert card.state_label() == "nothing to read: the page was not fetched"
    assert reader.cached_article(url) is None
    # The head start hands a ReadError over a pipe: the card must survive pickling.
    again = pickle.loads(pickle.dumps(error))
    assert again.card == card and str(again) == str(error)


def test_an_article_or_a_feeds_content_has_no_verdict(site: FixtureSite, cache_dir: Path) -> None:
    reader = Reader(Store.in_directory(cache_dir))
    reading = reader.open(site.url("/article.html"))
    assert verdict(reading) is None
    short = reading._replace(article=Article(text="A short entry."), state=CacheState.FEED)
    assert verdict(short) is None
    assert verdict(short._replace(state=CacheState.CACHED)) is not None
