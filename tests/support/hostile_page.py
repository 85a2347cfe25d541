"""A hostile article: every field carries terminal escapes, controls, bidi tricks and markup.

The same page comes in two spellings: the characters raw in the HTML, and as numeric character
references (`&#27;`, `&#x9b;`), since a parser decodes both. Tests serve it from the fixture site
and look for any of `UNSAFE` in whatever the reader shows or prints.
"""

from __future__ import annotations

import re
from html import escape

from support.fixture_site import FixtureSite
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Image, Link, PageInfo

# What must never reach a terminal from a page: ESC and every other C0 control but tab and
# newline, DEL, C1 controls (0x9b is a one-byte CSI), bidi embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKUP = ("[bold]x[/bold]", "[@click=app.quit]quit[/]", "[link=http://evil]y[/link]")
# Terminal sequences: clear screen, red, an OSC 8 hyperlink and an OSC 52 clipboard write.
ESCAPES = "\x1b[2J\x1b[31m\x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\\x1b]52;c;ZXZpbA==\x07"
C0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n")
C1 = "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0))
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
PAYLOAD = f"{ESCAPES}{C0}{C1}{BIDI}{' '.join(MARKUP)}"
# Teaser texts that say "click" read as calls to action and are dropped, so related links carry
# the rest of the payload.
TEASER = f"{ESCAPES}{C0}{C1}{BIDI}{MARKUP[0]} {MARKUP[2]}"
# An HTTP header may carry C1 characters (obs-text): the Content-Type is shown as it came.
CONTENT_TYPE = "text/html; charset=utf-8; x=\x9b2J\x85"
NON_HTTP = (
    "javascript:alert(1)",
    "data:text/html,hi",
    "file:///etc/passwd",
    "ftp://evil.example/x",
)
WORDS = "and enough ordinary words around it that the extractor keeps it as article prose."


def _in_text(payload: str, refs: bool) -> str:
    """`payload` for HTML text or attributes: raw, or every unsafe character as `&#N;`."""
    text = escape(payload, quote=True)
    return UNSAFE.sub(lambda m: f"&#{ord(m.group())};", text) if refs else text


def hostile_html(base: str, refs: bool = False, related: str = "") -> str:
    """The page, with links resolved against `base`; `related` is a same-site page to link."""
    p = _in_text(PAYLOAD, refs)
    esc = _in_text("\x1b[2J\x9b31m\u202e", refs)
    links = "".join(f'<a href="{escape(url)}">{escape(url[:4])} link {p}</a>, ' for url in NON_HTTP)
    teaser = _in_text(TEASER, refs)
    related_item = ""
    if related:
        related_item = f'<li><a href="{escape(related)}">Related hostile story {teaser}</a></li>'

    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Hostile title {p}</title>
<meta name="author" content="Mallory {p}">
<meta property="og:site_name" content="Evil Site {p}">
<meta property="article:published_time" content="2025-01-02{p}">
<meta name="description" content="Description {p}">
</head><body><main><article>
<h1>Hostile headline {p}</h1>
<p class="byline">By Mallory {p}</p>
<figure><img src="/hostile.jpg" alt="alt {p}">
<figcaption>Caption {p} <span class="credit">Photo: Agency {p}</span></figcaption></figure>
<p>First paragraph {p} {WORDS}</p>
<p>Links of other schemes: {links}{WORDS}</p>
<p>An http link with escapes in its address:
<a href="{base}/next%1b%5b2J%9b{esc}.html">escaped address {p}</a> {WORDS}</p>
<h2>Section heading {p}</h2>
<p>Second paragraph {p} {WORDS}</p>
<ul><li>List item one {p}</li><li>List item two {p} {WORDS}</li></ul>
<blockquote><p>Quoted words {p} {WORDS}</p></blockquote>
<p>Third paragraph {p} {WORDS}</p>
<p><i>AFP contributed reporting {p}</i></p>
</article>
<section class="related"><h2>Related</h2><ul>{related_item}
<li><a href="{base}/other%1b%5b31m.html">Other story {teaser}</a></li>
<li><a href="javascript:alert(1)">Script story {teaser}</a></li></ul></section>
</main></body></html>
"""


def serve_hostile(site: FixtureSite) -> tuple[str, str]:
    """Serve both spellings; the raw page links to the other. Returns (raw URL, refs URL)."""
    refs_url = site.add(
        "/hostile-refs.html",
        hostile_html(site.base, refs=True),
        200,
        **{"Content-Type": CONTENT_TYPE},
    )
    raw_url = site.add(
        "/hostile.html",
        hostile_html(site.base, related=refs_url),
        200,
        **{"Content-Type": CONTENT_TYPE},
    )
    return raw_url, refs_url


def unsafe_in(text: str) -> list[str]:
    """Every unsafe character in `text`, for an assertion message that shows them."""
    return sorted({repr(c) for c in UNSAFE.findall(text)})


def stored_article(base: str) -> tuple[PageInfo, Article]:
    """An article as a cache written elsewhere might hold it: page text never cleaned at all.

    The reader must not rely on its own extractor having cleaned what the cache hands it.
    """
    p = PAYLOAD
    evil = f"{base}/stored-link\x1b[2J\x9b\u202e{p}"
    info = PageInfo(
        url=f"{base}/stored.html",
        final_url=f"{base}/stored\x1b]8;;http://evil\x1b\\.html",
        content_type=f"text/html{p}",
        encoding=f"utf-8{p}",
        fetched_at=f"\u202e\x9b2025-01-02{p}",  # not a time: shown as it is
    )
    article = Article(
        title=f"Stored title {p}",
        byline=f"Stored byline {p}",
        authors=(f"Author {p}",),
        published=f"2025\x9b\u202e{p}",  # begins like a date
        modified=f"also not a date {p}",
        site_name=f"Stored site {p}",
        description=f"Description {p}",
        canonical_url=f"http://ev\u202eil.example/canonical\x1b[2J{p}",  # a bidi host
        lead_image=Image(f"{base}/i.jpg{p}", f"Stored caption {p}", f"Photo: {p}", f"alt {p}"),
        markdown=(
            f"Stored paragraph {p}\n\n## Stored heading {p}\n\n- Stored item {p}\n\n"
            f"> Stored quote {p}\n\nA [stored link {p}]({evil}) and [script {p}](javascript:x)."
        ),
        text=f"Stored paragraph {p}\n\nStored heading {p}\n\nStored item {p}",
        body_links=(Link(evil, f"stored link {p}"), Link(f"javascript:{p}", f"script {p}")),
        related_links=(
            Link(f"{evil}/related", f"Stored related {p}", "related"),
            Link(f"{base}/stored-plain.html", f"Plain related {p}", "related"),
        ),
        credits=(f"AFP contributed reporting {p}",),
        word_count=12,
        reading_minutes=1,
        extractor_version=EXTRACTOR_VERSION,  # as it is: never re-extracted
    )
    return info, article
