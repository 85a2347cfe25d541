"""Why a page holds no article, read from the page: paywall, consent wall, JavaScript.

Hand-written pages built from the structures such pages use (no real site's content or names).
"""

from __future__ import annotations

import pytest

from tuireader.extract.pipeline import extract_article

TEASER = "<p>The council met on Tuesday to discuss the harbour.</p>"
STORY = "<p>" + "The harbour master kept a careful log of every ship that came in. " * 12 + "</p>"

PAYWALL_JSON_LD = f"""<html><head><title>Harbour news</title>
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour news",
  "isAccessibleForFree": false,
  "hasPart": {{"@type": "WebPageElement", "isAccessibleForFree": "False",
               "cssSelector": ".locked"}}}}
</script></head><body><article><h1>Harbour news</h1>{TEASER}
<div class="locked"></div></article></body></html>"""

PAYWALL_CLASS = f"""<html><head><title>Harbour news</title></head><body>
<article><h1>Harbour news</h1>{TEASER}
<div class="article-paywall">Subscribe to keep reading. <a href="/subscribe">Subscribe</a></div>
</article></body></html>"""

CONSENT_PLATFORM = """<html><head><title>Harbour</title></head><body>
<div id="onetrust-consent-sdk"><div class="banner"><p>We value your privacy.</p>
<button>Accept all</button><button>Settings</button></div></div>
<div id="page"></div></body></html>"""

CONSENT_WALL_CLASS = """<html><head><title>Harbour</title></head><body>
<div class="cookie-wall"><p>Please accept cookies to continue.</p><button>Accept</button></div>
</body></html>"""

NOSCRIPT = """<html><head><title>App</title><script src="/app.js"></script></head><body>
<noscript>You need to enable JavaScript to run this app.</noscript>
<div id="root"></div></body></html>"""

APP_SHELL = """<html><head><title>App</title></head><body>
<div id="app"></div><script src="/bundle.js"></script></body></html>"""

LOGIN = """<html><head><title>Sign in</title></head><body>
<form><label>Email</label><input name="email"><button>Sign in</button></form></body></html>"""


@pytest.mark.parametrize(
    ("page", "wall", "evidence"),
    [
        (PAYWALL_JSON_LD, "paywall", "isAccessibleForFree is false"),
        (PAYWALL_CLASS, "paywall", "'article-paywall'"),
        (CONSENT_PLATFORM, "consent", "'onetrust-consent-sdk'"),
        (CONSENT_WALL_CLASS, "consent", "'cookie-wall'"),
        (NOSCRIPT, "javascript", "You need to enable JavaScript to run this app."),
        (APP_SHELL, "javascript", '<div id="app">'),
    ],
    ids=["json-ld", "paywall class", "consent platform", "cookie wall", "noscript", "app shell"],
)
def test_the_wall_and_its_evidence(page: str, wall: str, evidence: str) -> None:
    article = extract_article(page, "https://news.example.org/harbour")
    assert not article.found
    assert article.wall == wall
    assert evidence in article.wall_evidence


def test_a_page_with_no_wall_says_none() -> None:
    article = extract_article(LOGIN, "https://news.example.org/login")
    assert not article.found
    assert (article.wall, article.wall_evidence) == ("", "")


def test_an_article_is_never_called_a_wall() -> None:
    """Paywall markup and a consent banner beside a whole article: the article reads."""
    page = PAYWALL_CLASS.replace(TEASER, STORY).replace("<body>", '<body><div id="cmpbox"></div>')
    article = extract_article(page, "https://news.example.org/harbour")
    assert article.found
    assert article.wall == ""


def test_evidence_from_the_page_is_clipped_and_inert() -> None:
    page = NOSCRIPT.replace("You need", "\x1b[2J[bold]You need" + " really" * 100)
    article = extract_article(page, "https://news.example.org/app")
    assert article.wall == "javascript"
    assert "\x1b" not in article.wall_evidence
    assert len(article.wall_evidence) <= 200


def test_deeply_nested_json_ld_is_bounded() -> None:
    nested = '{"a": ' * 5000 + "1" + "}" * 5000
    page = f'<html><body><script type="application/ld+json">{nested}</script></body></html>'
    article = extract_article(page, "https://news.example.org/x")
    assert article.wall in ("", "javascript")
