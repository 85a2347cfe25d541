"""Generated feeds for the feed benchmark, and loopback servers that count what they are asked.

Each feed reads like a news site's: RSS 2.0 (three in four) or Atom 1.0, 50 entries with a title,
link, GUID, date, author, a description of a few hundred bytes, and for every third entry the
whole story as HTML (content:encoded, Atom content). The sentences come from the repo's seed
article (benchmarks/articles.py), mixed by a seeded generator: the same numbers give the same
feeds.

The feeds are spread over several hosts, 127.0.0.2 and up, a server on each, so that a client's
per-host limit acts as it would on the web (a few feeds per site) and not as if every feed came
from one server. Each server answers with an ETag and a Last-Modified, a 304 to a request that
sends either back, gzip when asked (compressed once, up front), and HTTP/1.1 keep-alive.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import random
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from typing import NamedTuple

from benchmarks.articles import _sentences

LAST_MODIFIED = "Tue, 01 Dec 2026 08:00:00 GMT"
NEWEST = datetime(2026, 12, 1, 7, 45, tzinfo=UTC)


class Feed(NamedTuple):
    path: str
    body: bytes
    gzipped: bytes
    etag: str
    kind: str  # "rss" or "atom"


def _story(rng: random.Random, sentences: list[str], paragraphs: int) -> str:
    return "".join(
        f"<p>{escape(' '.join(rng.sample(sentences, 3)), quote=False)}</p>"
        for _ in range(paragraphs)
    )


def _description(rng: random.Random, sentences: list[str]) -> str:
    """About 300 to 500 bytes of text: what a feed's description usually holds."""
    text = ""
    while len(text) < 300:
        text += rng.choice(sentences) + " "
    return text.strip()


def feed_document(number: int, host: str, entries: int) -> tuple[str, str]:
    """(the document, its kind) of feed `number`, whose links point at `host`."""
    rng = random.Random(number)
    sentences = _sentences()
    kind = "atom" if number % 4 == 3 else "rss"
    site = f"http://{host}/site-{number}/"
    title = f"The Quillfeather Courier {number}"
    items = []
    for n in range(entries):
        when = NEWEST - timedelta(hours=3 * n + number % 3)
        words = rng.choice(sentences).split()[:10]
        items.append(
            {
                "title": escape(" ".join(words).rstrip(".,;:")),
                "link": f"{site}{2026 - n // 200}/story-{number}-{n}.html?utm_source=rss",
                "guid": f"tag:{host},2026:story-{number}-{n}",
                "when": when,
                "author": rng.choice(("Ada Brennan", "Tom Okafor", "Lin Wei", "Sara Holm")),
                "description": escape(_description(rng, sentences), quote=False),
                "content": _story(rng, sentences, 6) if n % 3 == 0 else "",
            }
        )
    if kind == "atom":
        return _atom(title, site, items), kind
    return _rss(title, site, items), kind


def _rss(title: str, site: str, items: list[dict[str, object]]) -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        f"<channel>\n<title>{title}</title>\n<link>{site}</link>\n"
        f"<description>News from {title}</description>\n<language>en</language>\n"
        f'<atom:link href="{site}feed.xml" rel="self" type="application/rss+xml"/>\n'
        f"<lastBuildDate>{LAST_MODIFIED}</lastBuildDate>\n"
    ]
    for item in items:
        when = item["when"]
        assert isinstance(when, datetime)
        content = item["content"]
        encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        parts.append(
            f"<item>\n<title>{item['title']}</title>\n<link>{escape(str(item['link']))}</link>\n"
            f'<guid isPermaLink="false">{item["guid"]}</guid>\n'
            f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>\n"
            f"<dc:creator>{item['author']}</dc:creator>\n"
            f"<description>{item['description']}</description>\n{encoded}</item>\n"
        )
    parts.append("</channel>\n</rss>\n")
    return "".join(parts)


def _atom(title: str, site: str, items: list[dict[str, object]]) -> str:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>{title}</title>\n<id>{site}</id>\n"
        f'<link rel="alternate" href="{site}"/>\n<link rel="self" href="{site}atom.xml"/>\n'
        f"<updated>{NEWEST.isoformat()}</updated>\n"
    ]
    for item in items:
        when = item["when"]
        assert isinstance(when, datetime)
        content = item["content"]
        body = f'<content type="html">{escape(str(content))}</content>\n' if content else ""
        parts.append(
            f"<entry>\n<title>{item['title']}</title>\n"
            f'<link rel="alternate" href="{escape(str(item["link"]))}"/>\n'
            f"<id>{item['guid']}</id>\n<published>{when.isoformat()}</published>\n"
            f"<updated>{when.isoformat()}</updated>\n"
            f"<author><name>{item['author']}</name></author>\n"
            f'<summary type="html">{escape(str(item["description"]))}</summary>\n{body}</entry>\n'
        )
    parts.append("</feed>\n")
    return "".join(parts)


class Hit(NamedTuple):
    client: str  # "tuireader", "newsboat" or what the User-Agent starts with
    conditional: bool  # If-None-Match or If-Modified-Since sent
    status: int
    gzip: bool = False  # the client accepted gzip


class FeedServers:
    """`count` feeds of `entries` entries on `hosts` loopback servers; every request recorded."""

    def __init__(self, count: int, entries: int, hosts: int) -> None:
        self.hosts = [f"127.0.0.{2 + n}" for n in range(hosts)]
        self.ports: dict[str, int] = {}
        self.feeds: dict[tuple[str, str], Feed] = {}
        self._servers: list[http.server.ThreadingHTTPServer] = []
        self._lock = threading.Lock()
        self.hits: list[Hit] = []
        self._plan = [(n, self.hosts[n % hosts]) for n in range(count)]
        self.entries = entries

    def urls(self) -> list[str]:
        return [f"http://{host}:{self.ports[host]}{path}" for host, path in self.feeds]

    def reset(self) -> list[Hit]:
        """The requests since the last reset."""
        with self._lock:
            hits, self.hits = self.hits, []
        return hits

    def _record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    @contextmanager
    def running(self) -> Iterator[FeedServers]:
        with ExitStack() as stack:
            for host in self.hosts:
                server = http.server.ThreadingHTTPServer((host, 0), self._handler())
                server.daemon_threads = True
                self.ports[host] = server.server_address[1]
                self._servers.append(server)
                stack.callback(server.server_close)
                thread = threading.Thread(target=server.serve_forever, daemon=True)
                thread.start()
                stack.callback(server.shutdown)
            for number, host in self._plan:
                text, kind = feed_document(number, f"{host}:{self.ports[host]}", self.entries)
                body = text.encode("utf-8")
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                path = f"/site-{number}/{'atom' if kind == 'atom' else 'feed'}.xml"
                self.feeds[(host, path)] = Feed(path, body, gzip.compress(body, 6), etag, kind)
            yield self

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as web servers do

            def do_GET(self) -> None:
                agent = self.headers.get("User-Agent", "")
                client = agent.split("/", 1)[0].lower() or "unknown"
                match = self.headers.get("If-None-Match")
                since = self.headers.get("If-Modified-Since")
                host = self.connection.getsockname()[0]  # the address it was asked on
                feed = owner.feeds.get((str(host), self.path))
                if feed is None:
                    owner._record(Hit(client, bool(match or since), 404))
                    self.send_error(404)
                    return
                zipped = "gzip" in self.headers.get("Accept-Encoding", "")
                fresh = match == feed.etag if match else since == LAST_MODIFIED
                if (match or since) and fresh:
                    owner._record(Hit(client, True, 304, zipped))
                    self.send_response(304)
                    self.send_header("ETag", feed.etag)
                    self.send_header("Last-Modified", LAST_MODIFIED)
                    self.end_headers()
                    return
                owner._record(Hit(client, bool(match or since), 200, zipped))
                data = feed.gzipped if zipped else feed.body
                kind = "atom" if feed.kind == "atom" else "rss"
                self.send_response(200)
                self.send_header("Content-Type", f"application/{kind}+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", feed.etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
                if zipped:
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
