"""A real HTTP server on 127.0.0.1 serving the fixture pages, for tests that fetch.

Routes: every file in fixtures/site/ by name, the shipped sample page at /sample.html,
/redirect/N (a chain of N 301/302/307/308 hops ending at /article.html), /missing (404),
/slow.html (the article, sent in chunks with pauses) and any answer added with `add` (any status,
any headers: a redirect is `add(path, "", 302, Location=...)`); an added page with an ETag or
Last-Modified header answers a matching conditional GET with 304. Every request is recorded, in
order, with its headers (`requests`).

For read-ahead: /slow/NAME (a short page named NAME, sent in chunks over `slow_page_delay`
seconds; `peak_slow` is the most of them ever answered at once) and /retry-after/N/NAME (429 with
Retry-After: N the first time, the page after). Both record (time.monotonic(), path) in `timeline`.

`on(path, answer)`: a route whose answer is decided at each request (`answer()` returns a Route,
and may block), with the same 304 rule as an added page.

`article_page(title, paragraphs)` is a page the extractor reads as that article: `add` it again
with other paragraphs, and the page's text has changed between two fetches.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple

from support.paths import FIXTURE_DIR, REPO_CACHE

FIXTURES = FIXTURE_DIR / "site"
SAMPLE = REPO_CACHE / "themoscowtimes-2024-12-05-russia-north-korea-defense-pact.html"
REDIRECT_CODES = (301, 302, 307, 308)


class _Server(ThreadingHTTPServer):
    """A client that hangs up mid-request (it refused an error's body, or was killed) is
    expected here, and not worth a traceback on the test's stderr."""

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class Route:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Request(NamedTuple):
    """One request as received: the path with its query, and the headers (names in any case)."""

    path: str
    headers: Message


class FixtureSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.answers: dict[str, Callable[[], Route]] = {}
        self.requests: list[Request] = []
        self.slow_chunk_delay = 0.15
        self.slow_page_delay = 0.4
        self.active_slow = 0
        self.peak_slow = 0
        self.timeline: list[tuple[float, str]] = []
        self._counting = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append(Request(self.path, self.headers))
                site.handle(self)

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # serve_forever checks for shutdown() between polls: 0.5 s by default, paid by every test.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes, status: int = 200, **headers: str) -> str:
        """Answer `path` with `body`, `status` and `headers` (Content_Type -> Content-Type; a
        UTF-8 HTML page unless Content_Type says otherwise). Returns the URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        named = {name.replace("_", "-"): value for name, value in headers.items()}
        named.setdefault("Content-Type", "text/html; charset=utf-8")
        self.routes[path] = Route(status, data, named)
        return self.url(path)

    def on(self, path: str, answer: Callable[[], Route]) -> str:
        self.answers[path] = answer
        return self.url(path)

    def paths_requested(self) -> list[str]:
        return [request.path for request in self.requests]

    def stop(self) -> None:
        """Stop answering: later requests to this port are refused."""
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join()

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?")[0]
        if path in self.routes or path in self.answers:
            route = self.answers[path]() if path in self.answers else self.routes[path]
            if self._not_modified(request, route):
                self._send(request, 304, b"", {"ETag": route.headers.get("ETag", "")})
            else:
                self._send(request, route.status, route.body, route.headers)
        elif path.startswith("/redirect/"):
            hops = int(path.rsplit("/", 1)[1])
            target = "/article.html" if hops <= 1 else f"/redirect/{hops - 1}"
            code = REDIRECT_CODES[hops % len(REDIRECT_CODES)]
            self._send(request, code, b"", {"Location": target})
        elif path == "/sample.html":
            self._send(
                request, 200, SAMPLE.read_bytes(), {"Content-Type": "text/html; charset=utf-8"}
            )
        elif path.startswith("/slow/"):
            self._send_page_slowly(request, path)
        elif path.startswith("/retry-after/"):
            self._send_retry_after(request, path)
        elif path == "/slow.html":
            self._send_slowly(request, (FIXTURES / "article.html").read_bytes())
        elif (FIXTURES / path.lstrip("/")).is_file() and "/" not in path.lstrip("/"):
            body = (FIXTURES / path.lstrip("/")).read_bytes()
            self._send(request, 200, body, {"Content-Type": "text/html; charset=utf-8"})
        else:
            self._send(request, 404, b"<h1>Not found</h1>", {"Content-Type": "text/html"})

    @staticmethod
    def _not_modified(request: BaseHTTPRequestHandler, route: Route) -> bool:
        """A conditional GET that matches the route's ETag or Last-Modified (exact match)."""
        etag, modified = route.headers.get("ETag"), route.headers.get("Last-Modified")
        if etag and request.headers.get("If-None-Match") == etag:
            return True
        return bool(modified) and request.headers.get("If-Modified-Since") == modified

    @staticmethod
    def _send(
        request: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]
    ) -> None:
        request.send_response(status)
        for name, value in headers.items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    def _send_slowly(self, request: BaseHTTPRequestHandler, body: bytes) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        step = max(1, len(body) // 8)
        for start in range(0, len(body), step):
            request.wfile.write(body[start : start + step])
            request.wfile.flush()
            time.sleep(self.slow_chunk_delay)

    def _send_page_slowly(self, request: BaseHTTPRequestHandler, path: str) -> None:
        with self._counting:
            self.timeline.append((time.monotonic(), path))
            self.active_slow += 1
            self.peak_slow = max(self.peak_slow, self.active_slow)
        counted = True
        try:
            body = _short_page(path.rsplit("/", 1)[1])
            request.send_response(200)
            request.send_header("Content-Type", "text/html; charset=utf-8")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            step = max(1, len(body) // 4)
            starts = range(0, len(body), step)
            for start in starts:
                time.sleep(self.slow_page_delay / 4)
                if start == starts[-1]:
                    # Counted as done before its last bytes leave: once the client has them it
                    # may start another request, which must not meet this one still counted.
                    counted = False
                    with self._counting:
                        self.active_slow -= 1
                request.wfile.write(body[start : start + step])
                request.wfile.flush()
        except OSError:
            pass  # the client gave up (a cancelled read): nothing more to send
        finally:
            if counted:
                with self._counting:
                    self.active_slow -= 1

    def _send_retry_after(self, request: BaseHTTPRequestHandler, path: str) -> None:
        with self._counting:
            first = not any(seen == path for _, seen in self.timeline)
            self.timeline.append((time.monotonic(), path))
        if first:
            seconds = path.split("/")[2]
            self._send(request, 429, b"slow down", {"Retry-After": seconds})
        else:
            page = _short_page(path.rsplit("/", 1)[1])
            self._send(request, 200, page, {"Content-Type": "text/html; charset=utf-8"})


def article_page(title: str, paragraphs: Sequence[str], extra: str = "") -> str:
    """An article page titled `title` whose body is `paragraphs`; `extra` goes in its head (a
    change of markup that is no change of text)."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>{extra}</head><body>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    )


def _short_page(name: str) -> bytes:
    """A small page that reads as an article titled `name`."""
    paragraph = f"<p>This is the page called {name}, kept short so that tests stay quick.</p>"
    return (
        f"<!doctype html><html><head><title>{name}</title></head><body><article>"
        f"<h1>{name}</h1>{paragraph * 3}</article></body></html>"
    ).encode()
