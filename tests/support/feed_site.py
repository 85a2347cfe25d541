"""Feeds written by hand, served on a FixtureSite with the articles they link to.

`FeedSite` adds an RSS 2.0 feed at /NAME/feed.xml whose items link to short article pages at
/NAME/N.html, each served with an ETag so that a second check can be a 304.
"""

from __future__ import annotations

from html import escape

from support.fixture_site import FixtureSite, Route

ARTICLE_WORDS = (
    "The harbour master counted the boats that came in before the fog, and wrote each name in "
    "the ledger kept by the door, as his father had done for forty years before him. "
)


def article_page(title: str) -> str:
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body><article>"
        f"<h1>{escape(title)}</h1>{('<p>' + ARTICLE_WORDS + '</p>') * 4}</article></body></html>"
    )


def rss(
    title: str,
    items: list[tuple[str, str]],
    *,
    ttl: int | None = None,
    skip_hours: tuple[int, ...] = (),
) -> str:
    """An RSS 2.0 document; `items` are (title, link), newest first, dated a day apart."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>https://example.org/</link>",
        f"<description>{escape(title)} news</description>",
    ]
    if ttl is not None:
        parts.append(f"<ttl>{ttl}</ttl>")
    if skip_hours:
        parts.append(
            "<skipHours>" + "".join(f"<hour>{h}</hour>" for h in skip_hours) + "</skipHours>"
        )
    for n, (item_title, link) in enumerate(items):
        day = 28 - n
        parts.append(
            f"<item><title>{escape(item_title)}</title><link>{escape(link)}</link>"
            f"<guid>{escape(link)}</guid>"
            f"<pubDate>Mon, {day:02d} Oct 2024 08:00:00 GMT</pubDate>"
            f"<description>About {escape(item_title)}.</description></item>"
        )
    parts.append("</channel></rss>\n")
    return "".join(parts)


def page_declaring(*feeds: tuple[str, str]) -> str:
    """A web page whose head declares `feeds`, (href, title) each, RSS then Atom alternately."""
    kinds = ("application/rss+xml", "application/atom+xml")
    links = "".join(
        f'<link rel="alternate" type="{kinds[n % 2]}" href="{escape(href)}" '
        f'title="{escape(title)}">'
        for n, (href, title) in enumerate(feeds)
    )
    return (
        f"<!doctype html><html><head><title>A blog</title>{links}</head>"
        f"<body><p>{ARTICLE_WORDS}</p></body></html>"
    )


class FeedSite:
    """Feeds and their articles on one FixtureSite."""

    def __init__(self, site: FixtureSite) -> None:
        self.site = site

    def feed(
        self,
        name: str,
        count: int,
        *,
        title: str = "",
        ttl: int | None = None,
        skip_hours: tuple[int, ...] = (),
        etag: str = '"v1"',
        articles: bool = True,
    ) -> str:
        """Serve /NAME/feed.xml with `count` items (newest first) and, if `articles`, their
        pages; returns the feed's URL."""
        items = [(f"{name} story {n}", self.site.url(f"/{name}/{n}.html")) for n in range(count)]
        if articles:
            for item_title, link in items:
                self.site.add(link.removeprefix(self.site.base), article_page(item_title))
        body = rss(title or name.title(), items, ttl=ttl, skip_hours=skip_hours)
        headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
        if etag:
            headers["ETag"] = etag
        return self.site.add(f"/{name}/feed.xml", body, 200, **headers)

    def answering(self, path: str, *answers: Route) -> str:
        """`path` answers with each of `answers` in turn, then with the last one for good."""
        queue = list(answers)

        def answer() -> Route:
            return queue.pop(0) if len(queue) > 1 else queue[0]

        return self.site.on(path, answer)

    def article_requests(self, name: str) -> list[str]:
        return [
            path
            for path in self.site.paths_requested()
            if path.startswith(f"/{name}/") and path.endswith(".html")
        ]
