"""A server on 127.0.0.1 that misbehaves on purpose, one way per path.

It speaks raw HTTP/1.1 over sockets so that it can also do what no well-behaved server library
would: stall mid-body, lie about lengths and types, send garbage, or compression bombs. Routes:

    /page                       a good article (the end of /chain)
    /status/CODE                that status with a small HTML body (429 adds Retry-After: 120)
    /chain                      301 -> 302 -> 307 -> 308 -> /page
    /loop                       302 to itself
    /redirect-to/SCHEME         302 to an ftp:, file:, javascript: or data: URL
    /no-location                302 with no Location
    /big-announced, /big-chunked     a body over the test cap (Content-Length, or chunked)
    /gzip-bomb, /brotli-bomb    under 1 MB on the wire, 200 MiB decoded
    /type/NAME                  pdf, png, json, plain (an article as text/plain)
    /no-type/html, /no-type/binary   no Content-Type at all
    /lying-type                 "text/html" that is really a PDF
    /charset/NAME               cp1251, shift-jis, conflict, bom, invalid, undeclared
    /empty, /login, /js-shell   no article in them
    /malformed/NAME             unclosed, deep, huge-attribute, long-line
    /stall, /silent             stops mid-body; never answers at all
    /garbage, /hangup, /cut-short, /corrupt-gzip, /unknown-coding   broken responses

`blackhole_url()` is a port whose accept queue is full, so connecting to it times out.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import zlib
from collections.abc import Callable, Iterator

import brotli

from support.raw_server import RawServer

MIB = 1024 * 1024
CAP = 8 * MIB  # the test's [fetch] max_page_size: the 5 MiB line fits, the big bodies do not
BOMB_DECODED = 200 * MIB
WORDS = (
    "The harbour master kept a careful log of every vessel that came in through the fog, "
    "noting the hour, the flag and the cargo in a steady hand. "
)
ARTICLE_TEXT = WORDS * 6


def article_html(title: str = "Harbour Log", body: str = "") -> bytes:
    body = body or f"<p>{ARTICLE_TEXT}</p><p>{ARTICLE_TEXT}</p>"
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def _head(status: str, headers: dict[str, str | int]) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join([*lines, "Connection: close"]) + "\r\n\r\n").encode("latin-1")


def _gzip_bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    zeros = bytes(MIB)
    return b"".join(packer.compress(zeros) for _ in range(BOMB_DECODED // MIB)) + packer.flush()


def _charset_pages() -> dict[str, tuple[bytes, str]]:
    """name -> (body, Content-Type); the right text is "Привет" or "日本語", in an article."""
    russian = "Привет, это статья о гавани и её журнале. " * 12
    japanese = "日本語の記事です。港の記録について書いています。" * 12

    def page(text: str, meta: str = "") -> str:
        return (
            f"<html><head>{meta}<title>T</title></head><body><article><h1>T</h1>"
            f"<p>{text}</p><p>{text}</p></article></body></html>"
        )

    return {
        "cp1251": (page(russian).encode("cp1251"), "text/html; charset=windows-1251"),
        "shift-jis": (
            page(japanese, "<meta charset='shift_jis'>").encode("shift_jis"),
            "text/html",
        ),
        # The header says latin-1 and the meta says UTF-8: the bytes are UTF-8 (meta is right).
        "conflict": (
            page(russian, "<meta charset='utf-8'>").encode(),
            "text/html; charset=iso-8859-1",
        ),
        "bom": (b"\xef\xbb\xbf" + page(russian).encode(), "text/html; charset=windows-1252"),
        "invalid": (
            page(russian).encode().replace("гавани".encode(), b"\xff\xfe\xc3"),
            "text/html; charset=utf-8",
        ),
        "undeclared": (page(russian).encode(), "text/html"),
    }


def _malformed_pages() -> dict[str, bytes]:
    paragraph = f"<p>{ARTICLE_TEXT}"
    return {
        "unclosed": f"<html><body><article><h1>Unclosed</h1><div><p>{ARTICLE_TEXT}<p><b><i>"
        f"{ARTICLE_TEXT}<ul><li>never closed<li><a href='/page'>nor this".encode(),
        "deep": article_html(
            "Deep", "<div>" * 10_000 + f"<p>{ARTICLE_TEXT}</p>" + "</div>" * 10_000
        ),
        "huge-attribute": article_html(
            "Huge", f"<p title='{'x' * (5 * MIB)}'>{ARTICLE_TEXT}</p>{paragraph}"
        ),
        "long-line": article_html("Line", "<p>" + "word " * (MIB + 1) + "</p>"),
    }


LOGIN = (
    b"<html><head><title>Sign in</title></head><body><nav>Home News</nav>"
    b"<form><label>Email</label><input name=user><input type=password>"
    b"<button>Sign in</button></form><p>Sign in to continue reading</p></body></html>"
)
JS_SHELL = (
    b"<html><head><title>App</title><script src=/app.js></script></head><body><div id=root></div>"
    b"<noscript>You need to enable JavaScript to run this app.</noscript></body></html>"
)


class HostileSite(RawServer):
    """Answers each request by its path (see the module docstring) on 127.0.0.1."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self._charsets = _charset_pages()
        self._malformed = _malformed_pages()
        self._gzip_bomb = _gzip_bomb()
        self._brotli_bomb = bytes(brotli.compress(bytes(BOMB_DECODED), quality=2))
        self._blackhole: socket.socket | None = None
        self._fillers: list[socket.socket] = []
        super().__init__()

    def close(self) -> None:
        super().close()
        for s in [*self._fillers, *([self._blackhole] if self._blackhole else [])]:
            s.close()

    def blackhole_url(self) -> str:
        """A port that listens but never accepts, its queue full: connecting to it times out."""
        if self._blackhole is None:
            self._blackhole = socket.socket()
            self._blackhole.bind(("127.0.0.1", 0))
            self._blackhole.listen(0)
            port = self._blackhole.getsockname()[1]
            for _ in range(2):
                filler = socket.socket()
                filler.settimeout(0.3)
                with contextlib.suppress(OSError):
                    filler.connect(("127.0.0.1", port))
                self._fillers.append(filler)
        return f"http://127.0.0.1:{self._blackhole.getsockname()[1]}/"

    def respond(self, conn: socket.socket, head: bytes) -> None:
        path = head.split(b" ", 2)[1].decode("latin-1")
        self.paths.append(path)
        self._route(conn, path)

    def _send(self, conn: socket.socket, body: bytes, status: str = "200 OK", **h: str) -> None:
        headers: dict[str, str | int] = {k.replace("_", "-").title(): v for k, v in h.items()}
        headers["Content-Length"] = len(body)
        conn.sendall(_head(status, headers) + body)

    def _chunked(self, conn: socket.socket, pieces: Iterator[bytes], **h: str) -> None:
        headers = {k.replace("_", "-").title(): v for k, v in h.items()}
        conn.sendall(_head("200 OK", {**headers, "Transfer-Encoding": "chunked"}))
        for piece in pieces:
            if self.stop.is_set():
                return
            conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
        conn.sendall(b"0\r\n\r\n")

    def _route(self, conn: socket.socket, path: str) -> None:
        html = {"content_type": "text/html; charset=utf-8"}
        simple: dict[str, Callable[[], object]] = {
            "/page": lambda: self._send(conn, article_html(), **html),
            "/chain": lambda: self._redirect(conn, "301 Moved Permanently", "/chain/2"),
            "/chain/2": lambda: self._redirect(conn, "302 Found", "/chain/3"),
            "/chain/3": lambda: self._redirect(conn, "307 Temporary Redirect", "/chain/4"),
            "/chain/4": lambda: self._redirect(conn, "308 Permanent Redirect", "/page"),
            "/loop": lambda: self._redirect(conn, "302 Found", "/loop"),
            "/no-location": lambda: self._send(conn, b"", "302 Found"),
            "/big-announced": lambda: self._send(conn, b"x" * (CAP + 1), **html),
            "/big-chunked": lambda: self._chunked(conn, (b"x" * MIB for _ in range(9)), **html),
            "/gzip-bomb": lambda: self._send(
                conn, self._gzip_bomb, content_encoding="gzip", **html
            ),
            "/brotli-bomb": lambda: self._send(
                conn, self._brotli_bomb, content_encoding="br", **html
            ),
            "/lying-type": lambda: self._send(conn, b"%PDF-1.7\n" + bytes(2000), **html),
            "/no-type/html": lambda: self._send(conn, article_html("No type")),
            "/no-type/binary": lambda: self._send(conn, bytes(range(256)) * 8),
            "/empty": lambda: self._send(conn, b"", **html),
            "/login": lambda: self._send(conn, LOGIN, **html),
            "/js-shell": lambda: self._send(conn, JS_SHELL, **html),
            "/stall": lambda: self._stall(conn),
            "/silent": lambda: self.stop.wait(15),
            "/garbage": lambda: conn.sendall(b"SPEAK FRIEND AND ENTER\r\n\r\n"),
            "/hangup": lambda: None,
            "/cut-short": lambda: conn.sendall(
                _head("200 OK", {"Content-Type": "text/html", "Content-Length": 5000})
                + b"<html><body><p>only this"
            ),
            "/corrupt-gzip": lambda: self._send(
                conn,
                gzip.compress(article_html())[:40] + b"garbage" * 50,
                content_encoding="gzip",
                **html,
            ),
            "/unknown-coding": lambda: self._send(
                conn, article_html(), content_encoding="x-squash", **html
            ),
        }
        if path in simple:
            simple[path]()
        elif path.startswith("/status/"):
            self._status(conn, int(path.rsplit("/", 1)[1]))
        elif path.startswith("/redirect-to/"):
            targets = {
                "ftp": "ftp://127.0.0.1/file",
                "file": "file:///etc/passwd",
                "javascript": "javascript:alert(1)",
                "data": "data:text/html,<p>hi</p>",
            }
            self._redirect(conn, "302 Found", targets[path.rsplit("/", 1)[1]])
        elif path.startswith("/type/"):
            self._typed(conn, path.rsplit("/", 1)[1])
        elif path.startswith("/charset/"):
            body, content_type = self._charsets[path.rsplit("/", 1)[1]]
            self._send(conn, body, content_type=content_type)
        elif path.startswith("/malformed/"):
            self._send(conn, self._malformed[path.rsplit("/", 1)[1]], **html)
        else:
            self._status(conn, 404)

    def _redirect(self, conn: socket.socket, status: str, location: str) -> None:
        self._send(conn, b"", status, location=location)

    def _status(self, conn: socket.socket, code: int) -> None:
        reasons = {401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 410: "Gone"}
        reasons |= {429: "Too Many Requests", 500: "Internal Server Error"}
        reasons |= {503: "Service Unavailable"}
        extra = {"retry_after": "120"} if code == 429 else {}
        body = f"<html><body><h1>{code}</h1></body></html>".encode()
        self._send(
            conn, body, f"{code} {reasons.get(code, 'Error')}", content_type="text/html", **extra
        )

    def _typed(self, conn: socket.socket, name: str) -> None:
        bodies = {
            "pdf": (b"%PDF-1.7\n" + bytes(500), "application/pdf"),
            "png": (b"\x89PNG\r\n\x1a\n" + bytes(500), "image/png"),
            "json": (b'{"title": "not an article"}', "application/json"),
            "plain": (
                f"Harbour Log\n\n{ARTICLE_TEXT}\n\n{ARTICLE_TEXT}\n".encode(),
                "text/plain; charset=utf-8",
            ),
        }
        body, content_type = bodies[name]
        self._send(conn, body, content_type=content_type)

    def _stall(self, conn: socket.socket) -> None:
        conn.sendall(
            _head("200 OK", {"Content-Type": "text/html", "Content-Length": 100_000})
            + b"<html><body><p>a start"
        )
        self.stop.wait(15)
