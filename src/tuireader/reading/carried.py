"""An article an import carries (Wallabag's HTML, Omnivore's HTML or Markdown), kept as fetched.

Readable offline at once, with no request: the HTML goes the way of a fetched page
(`extract/page.article_from_page`) and the Markdown the way of `cache import`'s Markdown
(`cache/ingest.py`), so an imported article follows the same rules as any other. The page kept is
the content itself, so a later extractor can extract it again; a fragment is given a document
around it with the export's title, which the extractor then finds as a page's own.
"""

from __future__ import annotations

from html import escape

from tuireader.cache import Store
from tuireader.clock import now_iso
from tuireader.models import Article, Page, PageInfo


def carried_page(url: str, title: str, html: str, markdown: str) -> tuple[Page, Article] | None:
    """The page and article for content carried by an export; None when it carries none.

    Markdown first: an export that has both is tuireader's own, whose Markdown is the article
    itself and whose HTML only a rendering of it for other readers.
    """
    if markdown.strip():
        return _from_markdown(url, title, markdown)
    if html.strip():
        return _from_html(url, title, html)
    return None


def keep_carried(store: Store, url: str, title: str, html: str, markdown: str) -> bool:
    """Store the carried content of `url` unless the cache holds its page already (a page
    fetched from the site is the better copy); whether it was stored."""
    if store.contains(url):
        return False
    made = carried_page(url, title, html, markdown)
    if made is None:
        return False
    store.save(*made)
    return True


def _from_html(url: str, title: str, html: str) -> tuple[Page, Article]:
    from tuireader.extract.page import article_from_page  # the extractor: only when needed

    if "<html" not in html[:2000].lower():
        html = (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"</head><body><article>{html}</article></body></html>"
        )
    page = Page(PageInfo(url, url, 200, "text/html", "utf-8", fetched_at=now_iso()), html)
    return page, article_from_page(page)


def _from_markdown(url: str, title: str, markdown: str) -> tuple[Page, Article]:
    from tuireader.body import with_body
    from tuireader.cache.ingest import parse_saved_markdown

    saved = parse_saved_markdown(markdown)
    saved.title = saved.title or title
    info = PageInfo(url, url, 200, "text/markdown", "utf-8", fetched_at=now_iso())
    return Page(info, markdown), with_body(saved.article(url))
