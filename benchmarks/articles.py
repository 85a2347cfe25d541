"""Deterministic article pages for the start-up benchmarks, and a loopback server for them.

The pages look like a news site's: a header and navigation, an <article> with a headline, byline,
date, a lead paragraph, sections under <h2>, links, a quote and a list, then related links and a
footer. Their sentences come from the repo's seed article (tests/fixtures/seed-article.md), mixed
by a seeded random generator, so the same word count always gives the same page.
"""

from __future__ import annotations

import html
import http.server
import random
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed-article.md"

TITLE = "Fog Talks Drift On as the Harbour Pact Takes Effect"
LEAD = (
    "Quillfeather Bay woke to fog on Tuesday, the morning the harbour pact between the two "
    "coastal towns finally took effect after months of delay."
)
FIRST_WORDS = "Quillfeather Bay woke to fog"  # what the benchmarks wait for on screen
SECTION_TITLES = [
    "What the pact says",
    "Reaction at the harbour",
    "The long road to ratification",
    "Sanctions and their critics",
    "What comes next",
    "Voices from the ferry",
    "A treaty without an end date",
    "Military ties, old and new",
]


def _sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links to their text
    text = re.sub(r"[*#_]", "", text)
    found = []
    for paragraph in text.split("\n\n"):
        words = paragraph.split()
        if len(words) < 8:
            continue
        for sentence in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", " ".join(words)):
            if len(sentence.split()) >= 6:
                found.append(sentence)
    return found


def _words(text: str) -> int:
    return len(text.split())


def _paragraph(rng: random.Random, sentences: list[str], number: int) -> str:
    """A paragraph of 2 to 4 sentences, one in three with a link."""
    chosen = rng.sample(sentences, rng.randint(2, 4))
    body = " ".join(html.escape(s, quote=False) for s in chosen)
    if number % 3 == 1:
        words = body.split(" ")
        at = rng.randrange(1, max(2, len(words) - 3))
        words[at] = f'<a href="/news/story-{number}.html">{words[at]}'
        words[at + 1] = f"{words[at + 1]}</a>"
        body = " ".join(words)
    return f"<p>{body}</p>"


def article_html(words: int, seed: int = 7) -> str:
    """A news page whose article body holds about `words` words (never fewer)."""
    rng = random.Random(seed)
    sentences = _sentences()
    parts = [f"<p>{html.escape(LEAD, quote=False)}</p>"]
    count, number = _words(LEAD), 0
    while count < words:
        number += 1
        if number % 7 == 0:
            heading = SECTION_TITLES[(number // 7) % len(SECTION_TITLES)]
            parts.append(f"<h2>{heading}</h2>")
            count += _words(heading)
        if number % 11 == 0:
            quote = html.escape(rng.choice(sentences), quote=False)
            parts.append(f"<blockquote><p>{quote}</p></blockquote>")
            count += _words(quote)
        elif number % 13 == 0:
            items = [html.escape(s, quote=False) for s in rng.sample(sentences, 3)]
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            count += sum(_words(item) for item in items)
        paragraph = _paragraph(rng, sentences, number)
        parts.append(paragraph)
        count += _words(re.sub(r"<[^>]+>", "", paragraph))
    body = "\n        ".join(parts)
    related = "".join(
        f'<li><a href="/news/related-{n}.html">{html.escape(title)}</a></li>'
        for n, title in enumerate(SECTION_TITLES[:4])
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{TITLE} | The Quillfeather Courier</title>
  <meta property="og:title" content="{TITLE}">
  <meta property="og:site_name" content="The Quillfeather Courier">
  <meta property="og:type" content="article">
  <meta name="author" content="Ada Brennan">
  <meta property="article:published_time" content="2025-11-04T07:15:00+00:00">
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">The Quillfeather Courier</a>
    <nav class="main-nav"><ul>
      <li><a href="/news">News</a></li><li><a href="/world">World</a></li>
      <li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li>
    </ul></nav>
  </header>
  <main>
    <article class="story">
      <h1>{TITLE}</h1>
      <div class="story-meta">By <a rel="author" href="/authors/ada-brennan">Ada Brennan</a> ·
        <time datetime="2025-11-04T07:15:00+00:00">November 4, 2025</time></div>
      <div class="story-body">
        {body}
      </div>
    </article>
    <aside class="related"><h2>Related</h2><ul>{related}</ul></aside>
  </main>
  <footer class="site-footer"><p>© 2025 The Quillfeather Courier. All rights reserved.</p>
    <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body>
</html>
"""


class PageServer:
    """A loopback HTTP server for a fixed set of pages, counting the requests for each path."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = pages
        self.hits: Counter[str] = Counter()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.hits[self.path] += 1
                page = owner.page_for(self.path)
                if page is None:
                    self.send_error(404)
                    return
                data = page.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def page_for(self, path: str) -> str | None:
        """Exact paths, and under /fresh/<anything>/<name> the page <name> at a new URL."""
        if path.startswith("/fresh/"):
            path = "/" + path.rsplit("/", 1)[-1]
        return self.pages.get(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @contextmanager
    def running(self) -> Iterator[PageServer]:
        self._thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
