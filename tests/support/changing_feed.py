"""An Atom feed written by hand whose entries can change between two checks: their <updated>
date, their content, or both (a refresh then fetches their cached articles again)."""

from __future__ import annotations

from html import escape

from support.fixture_site import FixtureSite


def atom(site: FixtureSite, entries: list[tuple[str, str, str]]) -> str:
    """Serve /news/feed.xml, an Atom feed of `entries` (path, updated or "", content), newest
    first; returns its URL."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        "<title>Harbour News</title><id>urn:harbour</id><updated>2024-10-28T20:00:00Z</updated>",
    ]
    for n, (path, updated, content) in enumerate(entries):
        parts.append(
            f"<entry><id>urn:harbour:{escape(path)}</id><title>Story {n}</title>"
            f'<link href="{escape(site.url(path))}"/>'
            f"<published>2024-10-{27 - n:02d}T08:00:00Z</published>"
            + (f"<updated>{updated}</updated>" if updated else "")
            + f'<content type="html">{escape(content)}</content></entry>'
        )
    parts.append("</feed>\n")
    return site.add("/news/feed.xml", "".join(parts), Content_Type="application/atom+xml")
