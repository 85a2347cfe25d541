"""A refresh fetches again the cached article of an entry its feed changed, against a real feed
and article on 127.0.0.1 and a real store: a changed text keeps the one it replaced, a 304 or
an unchanged entry keeps nothing (and an unchanged entry costs no request)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.changing_feed import atom
from support.fixture_site import FixtureSite, article_page
from tuireader.cache import Store
from tuireader.reading.reader import Reader
from tuireader.reading.refresh import Refresher, RefreshProgress
from tuireader.settings import Settings

TITLE = "Harbour Council Votes on the New Quay"
FIRST = [
    "The harbour council met on Tuesday evening to vote on the plans for a new quay.",
    "Fishermen filled the hall and many of them spoke against the plans for an hour.",
    "The vote was close, and the chair said the council would meet again in spring.",
]
SECOND = [
    FIRST[0],
    "Fishermen filled the hall and most of them spoke in favour of the plans at last.",
    FIRST[2],
    "A spokesperson for the port said work could start before the summer season.",
]
MORNING = "2024-10-28T08:00:00Z"
EVENING = "2024-10-28T19:30:00Z"


@pytest.fixture
def store(cache_dir: Path) -> Store:
    return Store.in_directory(cache_dir)


def serve(site: FixtureSite, path: str, paragraphs: list[str], etag: str) -> str:
    return site.add(path, article_page(TITLE, paragraphs), ETag=etag)


def refresh(store: Store, settings: Settings | None = None, **options: object) -> Refresher:
    return Refresher(Reader(store, settings=settings), **options)  # type: ignore[arg-type]


def hits(site: FixtureSite, path: str) -> int:
    return site.paths_requested().count(path)


def test_an_entry_with_a_new_updated_date_refetches_its_article_and_keeps_the_old(
    store: Store, site: FixtureSite
) -> None:
    url = serve(site, "/quay.html", FIRST, '"a1"')
    store.add_feed(atom(site, [("/quay.html", MORNING, "The council met.")]))
    assert refresh(store).run().articles_fetched == 1
    first_text = Reader(store).cached(url).article.text
    serve(site, "/quay.html", SECOND, '"a2"')
    atom(site, [("/quay.html", EVENING, "The council met.")])
    asked = len(site.requests)
    seen: list[RefreshProgress] = []

    summary = refresh(store, progress=seen.append).run()

    assert summary.articles_changed == 1 and summary.articles_fetched == 0
    assert summary.line() == (
        "1 feed: 1 unchanged, 0 updated, 0 new articles fetched, 1 article changed, "
        "0 articles failed, 0 feeds failed"
    )
    (request,) = [r for r in site.requests[asked:] if r.path == "/quay.html"]
    assert request.headers["If-None-Match"] == '"a1"'  # conditional on the cached copy
    (kept,) = store.versions(url)
    old = store.version_article(url, kept.number)
    assert old is not None and old.text == first_text
    reading = Reader(store).open(url, offline=True)
    assert "start before the summer" in reading.article.text
    assert reading.previous == kept
    changes = [s for s in seen if s.phase == "changes" and s.finished]
    assert [(s.finished, s.outcome) for s in changes] == [(url, "changed")]
    asked = len(site.requests)
    assert refresh(store).run().articles_changed == 0  # seen again as it is now: done
    assert hits(site, "/quay.html") == 2 and len(site.requests) == asked + 1


def test_an_entry_whose_content_alone_changed_refetches_its_article(
    store: Store, site: FixtureSite
) -> None:
    url = serve(site, "/quay.html", FIRST, '"a1"')
    store.add_feed(atom(site, [("/quay.html", "", "The council met.")]))
    refresh(store).run()
    serve(site, "/quay.html", SECOND, '"a2"')
    atom(site, [("/quay.html", "", "The council met, and voted for the quay.")])

    summary = refresh(store).run()

    assert summary.articles_changed == 1
    assert [v.number for v in store.versions(url)] == [1]
    assert "start before the summer" in Reader(store).open(url, offline=True).article.text


def test_an_entry_seen_again_unchanged_costs_no_request_for_its_article(
    store: Store, site: FixtureSite
) -> None:
    serve(site, "/quay.html", FIRST, '"a1"')
    serve(site, "/fog.html", FIRST[:2], '"f1"')
    store.add_feed(
        atom(site, [("/quay.html", MORNING, "The council met."), ("/fog.html", "", "Fog.")])
    )
    refresh(store).run()
    serve(site, "/quay.html", SECOND, '"a2"')  # changed, but the feed does not say so
    serve(site, "/fog.html", SECOND, '"f2"')

    for _ in range(2):
        summary = refresh(store).run()
        assert summary.new_entries == 0 and summary.articles_changed == 0

    assert hits(site, "/quay.html") == hits(site, "/fog.html") == 1
    assert hits(site, "/news/feed.xml") == 3


def test_the_first_sight_of_an_entry_whose_article_is_cached_is_no_change(
    store: Store, site: FixtureSite
) -> None:
    url = serve(site, "/quay.html", FIRST, '"a1"')
    Reader(store).open(url)  # read before the feed was followed
    store.add_feed(atom(site, [("/quay.html", EVENING, "The council met.")]))

    summary = refresh(store).run()

    assert summary.new_entries == 1 and summary.articles_changed == 0
    assert hits(site, "/quay.html") == 1


def test_an_updated_entry_whose_page_answers_304_keeps_nothing(
    store: Store, site: FixtureSite
) -> None:
    url = serve(site, "/quay.html", FIRST, '"a1"')
    store.add_feed(atom(site, [("/quay.html", MORNING, "The council met.")]))
    refresh(store).run()
    atom(site, [("/quay.html", EVENING, "The council met.")])
    asked = len(site.requests)

    summary = refresh(store).run()

    assert summary.articles_changed == 0 and not summary.articles_failed
    feed_request, page_request = site.requests[asked:]
    assert (feed_request.path, page_request.path) == ("/news/feed.xml", "/quay.html")
    assert page_request.headers["If-None-Match"] == '"a1"'  # the site's answer: 304
    assert store.versions(url) == []
    refresh(store).run()  # refetched once: the next refresh leaves it alone
    assert hits(site, "/quay.html") == 2


def test_an_updated_entry_whose_page_has_the_same_text_keeps_nothing(
    store: Store, site: FixtureSite
) -> None:
    url = serve(site, "/quay.html", FIRST, '"a1"')
    store.add_feed(atom(site, [("/quay.html", MORNING, "The council met.")]))
    refresh(store).run()
    serve(site, "/quay.html", FIRST, '"a2"')  # a new ETag, the same words: answered 200
    atom(site, [("/quay.html", EVENING, "The council met.")])

    assert refresh(store).run().articles_changed == 0
    assert hits(site, "/quay.html") == 2 and store.versions(url) == []


def test_a_refetch_that_fails_keeps_the_copy_and_is_tried_again(
    store: Store, site: FixtureSite
) -> None:
    url = serve(site, "/quay.html", FIRST, '"a1"')
    store.add_feed(atom(site, [("/quay.html", MORNING, "The council met.")]))
    refresh(store).run()
    page = site.routes.pop("/quay.html")  # 404 for now
    atom(site, [("/quay.html", EVENING, "The council met.")])

    summary = refresh(store).run()

    assert summary.articles_changed == 0
    assert [failed_url for failed_url, _ in summary.articles_failed] == [url]
    assert "article failed" in summary.line()
    assert "harbour council met" in Reader(store).open(url, offline=True).article.text.lower()
    site.routes["/quay.html"] = page
    serve(site, "/quay.html", SECOND, '"a2"')
    assert refresh(store).run().articles_changed == 1  # the next refresh tries again
    assert hits(site, "/quay.html") == 3


def test_only_the_newest_entries_of_a_feed_are_refetched(store: Store, site: FixtureSite) -> None:
    for path in ("/a.html", "/b.html"):
        serve(site, path, FIRST, '"1"')
    store.add_feed(atom(site, [("/a.html", MORNING, "A."), ("/b.html", MORNING, "B.")]))
    refresh(store).run()
    for path in ("/a.html", "/b.html"):
        serve(site, path, SECOND, '"2"')
    atom(site, [("/a.html", EVENING, "A."), ("/b.html", EVENING, "B.")])

    summary = refresh(store, Settings(feed_max_articles=1)).run()

    assert summary.articles_changed == 1
    assert (hits(site, "/a.html"), hits(site, "/b.html")) == (2, 1)


def test_no_refetch_when_the_caller_fetches_no_articles(store: Store, site: FixtureSite) -> None:
    serve(site, "/quay.html", FIRST, '"a1"')
    store.add_feed(atom(site, [("/quay.html", MORNING, "The council met.")]))
    refresh(store).run()
    serve(site, "/quay.html", SECOND, '"a2"')
    atom(site, [("/quay.html", EVENING, "The council met.")])

    assert refresh(store, articles=False).run().articles_changed == 0
    assert hits(site, "/quay.html") == 1
    assert refresh(store).run().articles_changed == 1  # kept for the next refresh
