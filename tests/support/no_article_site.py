"""Pages with no article to read, and an Internet Archive that answers as its API documents,
served by a FixtureSite on 127.0.0.1.

The pages are built from the structures such pages use (no real site's content or names): a
paywall (schema.org `isAccessibleForFree: false` and a paywall class), a consent platform's
overlay, a JavaScript app shell with a <noscript>, an empty page, a 403, a PDF and an image.
The archive answers GET /wayback/available?url=URL with `answer` and serves the snapshot
(the raw copy, `id_`) at /web/TIMESTAMPid_/URL.
"""

from __future__ import annotations

import json

from support.fixture_site import FixtureSite

TIMESTAMP = "20240105103000"
PAGE_ONLY = "Harbour Press, Quay Street 1"  # the paywall page's footer: page text, not article
TEASER = "<p>The council met on Tuesday to discuss the harbour.</p>"
ARCHIVED_WORDS = "The archived harbour master kept a careful log of every ship"
ARCHIVED_STORY = (
    "<html><head><title>Harbour news</title></head><body><article><h1>Harbour news</h1>"
    f"<p>{ARCHIVED_WORDS} that came in.</p><p>"
    + "She wrote down the weather, the tide and the name of each captain. " * 6
    + "</p></article></body></html>"
)
PAYWALL = f"""<html><head><title>Harbour news</title>
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour news",
  "isAccessibleForFree": false,
  "hasPart": {{"@type": "WebPageElement", "isAccessibleForFree": false,
               "cssSelector": ".paywalled"}}}}
</script></head><body><article><h1>Harbour news</h1>{TEASER}
<div class="paywalled"></div><div class="story-paywall">Subscribe to keep reading.</div>
</article><footer><p>{PAGE_ONLY}</p></footer></body></html>"""
CONSENT = """<html><head><title>Harbour</title></head><body>
<div id="qc-cmp2-container"><p>We and our partners value your privacy.</p>
<button>Agree</button><button>More options</button></div></body></html>"""
JS_SHELL = """<html><head><title>Harbour app</title><script src="/app.js"></script></head>
<body><noscript>Turn on JavaScript to read the harbour news.</noscript>
<div id="root"></div></body></html>"""
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def serve_pages(site: FixtureSite) -> dict[str, str]:
    """Every page with no article on `site`, by name: their URLs."""
    return {
        "paywall": site.add("/paywall", PAYWALL),
        "consent": site.add("/consent", CONSENT),
        "javascript": site.add("/app", JS_SHELL),
        "empty": site.add("/empty", ""),
        "refused": site.add("/refused", "<h1>Access denied</h1>", 403),
        "pdf": site.add("/report.pdf", PDF, Content_Type="application/pdf"),
        "image": site.add("/photo.png", PNG, Content_Type="image/png"),
    }


def snapshot_url(site: FixtureSite, url: str) -> str:
    """Where the archive says its copy of `url` is (with its toolbar: the reader asks for id_)."""
    return site.url(f"/web/{TIMESTAMP}/{url}")


def serve_archive(site: FixtureSite, url: str, answer: object | bytes | None = None) -> None:
    """The archive's answer about `url` (by default: a copy, available) and the copy itself."""
    if answer is None:
        answer = {
            "archived_snapshots": {
                "closest": {
                    "available": True,
                    "url": snapshot_url(site, url),
                    "timestamp": TIMESTAMP,
                    "status": "200",
                }
            }
        }
    body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
    site.add("/wayback/available", body, Content_Type="application/json")
    site.add(f"/web/{TIMESTAMP}id_/{url}", ARCHIVED_STORY)
