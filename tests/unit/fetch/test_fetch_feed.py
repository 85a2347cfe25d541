"""fetch_feed, feed mode of the fetcher: feeds and pages as bytes, every rule of fetch kept.

Real servers on 127.0.0.1: pytest-httpserver for well-formed answers, RawServer for a body that
keeps coming past the cap.
"""

from __future__ import annotations

import gzip
import socket
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from support.raw_server import RawServer
from tuireader.fetch import (
    BadRedirect,
    FetchOptions,
    HTTPStatusError,
    TooLarge,
    UnsupportedContent,
    fetch,
    fetch_feed,
)

# An RSS document whose prolog names latin-1: its bytes must reach the parser untouched.
LATIN_RSS = (
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
    '<rss version="2.0"><channel><title>Caf\xe9 news</title></channel></rss>\n'
).encode("latin-1")
ATOM = b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>'
JSON_FEED = b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": []}'
PAGE = b"<!doctype html><html><head><title>Blog</title></head><body><p>Hi</p></body></html>"


@pytest.fixture
def web(httpserver_ipv4: HTTPServer) -> HTTPServer:
    return httpserver_ipv4


@pytest.fixture
def raw() -> Iterator[RawServer]:
    server = RawServer()
    try:
        yield server
    finally:
        server.close()


def serve(server: RawServer | HTTPServer, content_type: str, body: bytes) -> str:
    """Answer /f with `body`; with no `content_type` no Content-Type header at all (RawServer:
    werkzeug would add one)."""
    if isinstance(server, HTTPServer):
        server.expect_request("/f").respond_with_data(body, content_type=content_type)
        return server.url_for("/f")

    def handler(conn: socket.socket, _: RawServer) -> None:
        length = f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        conn.sendall(b"HTTP/1.1 200 OK\r\n" + length + body)

    server.handler = handler
    return server.url("/f")


def test_a_feed_comes_back_as_its_bytes_with_its_type_and_charset(web: HTTPServer) -> None:
    web.expect_request("/rss").respond_with_data(
        LATIN_RSS, content_type="application/rss+xml; charset=ISO-8859-1"
    )
    raw = fetch_feed(web.url_for("/rss"))
    assert raw.data == LATIN_RSS
    assert (raw.info.status, raw.info.content_type, raw.charset) == (
        200,
        "application/rss+xml",
        "ISO-8859-1",
    )
    assert not raw.is_html
    request, _ = web.log[-1]
    assert request.headers["Accept"].startswith("application/rss+xml,application/atom+xml")


@pytest.mark.parametrize(
    ("content_type", "body", "read_as"),
    [
        ("application/atom+xml", ATOM, "application/atom+xml"),
        ("application/feed+json", JSON_FEED, "application/feed+json"),
        ("text/xml", LATIN_RSS, "text/xml"),
        ("text/plain", LATIN_RSS, "application/xml"),  # servers label feeds carelessly
        ("application/octet-stream", ATOM, "application/xml"),
        ("application/x-rss+xml", LATIN_RSS, "application/xml"),
        ("", JSON_FEED, "application/json"),
        ("text/html; charset=utf-8", PAGE, "text/html"),  # a page: for the feeds it declares
        ("text/plain", PAGE, "text/html"),
    ],
)
def test_feed_types_and_vague_types_are_read_by_what_they_are(
    web: HTTPServer, raw: RawServer, content_type: str, body: bytes, read_as: str
) -> None:
    fetched = fetch_feed(serve(web if content_type else raw, content_type, body))
    assert fetched.data == body and fetched.info.content_type == read_as
    assert fetched.is_html == (read_as == "text/html")


def test_page_mode_still_refuses_a_feed_type(web: HTTPServer) -> None:
    web.expect_request("/rss").respond_with_data(LATIN_RSS, content_type="application/rss+xml")
    with pytest.raises(UnsupportedContent):
        fetch(web.url_for("/rss"))


@pytest.mark.parametrize(
    ("content_type", "body", "named"),
    [
        ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(100), "is image/png, neither a feed nor"),
        ("application/rss+xml", b"%PDF-1.7\n" + bytes(100), "is really application/pdf"),
        ("text/plain", b"just some words about nothing", "is text/plain, neither a feed nor"),
        ("", b"just some words", "has no content type and looks like neither a feed nor"),
    ],
)
def test_what_is_neither_feed_nor_page_is_refused_in_one_line(
    web: HTTPServer, raw: RawServer, content_type: str, body: bytes, named: str
) -> None:
    with pytest.raises(UnsupportedContent) as caught:
        fetch_feed(serve(web if content_type else raw, content_type, body))
    message = str(caught.value)
    assert named in message and "\n" not in message


def test_a_gzipped_feed_is_decoded_from_gzip_but_not_from_its_charset(web: HTTPServer) -> None:
    web.expect_request("/rss").respond_with_response(
        Response(
            gzip.compress(LATIN_RSS),
            headers={"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
        )
    )
    assert fetch_feed(web.url_for("/rss")).data == LATIN_RSS


def test_a_feed_over_the_cap_is_refused_while_it_streams(raw: RawServer) -> None:
    def endless(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        item = b"<item><title>x</title></item>" * 2000
        for _ in range(200):
            if server.stop.is_set():
                return
            conn.sendall(b"%x\r\n%s\r\n" % (len(item), item))
        conn.sendall(b"0\r\n\r\n")

    raw.handler = endless
    with pytest.raises(TooLarge) as caught:
        fetch_feed(raw.url("/rss"), options=FetchOptions(max_bytes=1024 * 1024))
    assert caught.value.limit == 1024 * 1024 and "1 MB limit" in str(caught.value)


def test_conditional_get_answers_304_with_no_data(web: HTTPServer) -> None:
    seen: list[Request] = []

    def not_modified(request: Request) -> Response:
        seen.append(request)
        return Response(status=304, headers={"ETag": '"v2"'})

    web.expect_request("/rss").respond_with_handler(not_modified)
    raw = fetch_feed(
        web.url_for("/rss"), etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT"
    )
    assert seen[0].headers["If-None-Match"] == '"v1"'
    assert seen[0].headers["If-Modified-Since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert (raw.info.status, raw.data, raw.info.etag) == (304, b"", '"v2"')
    assert raw.info.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"


def test_retry_after_is_readable_on_the_error(web: HTTPServer) -> None:
    web.expect_request("/rss").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "120"})
    )
    with pytest.raises(HTTPStatusError) as caught:
        fetch_feed(web.url_for("/rss"))
    assert (caught.value.status, caught.value.retry_after) == (429, 120)
    assert "try again in 120 s" in str(caught.value)


def test_redirects_are_followed_and_checked(web: HTTPServer) -> None:
    web.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": "/new"})
    )
    web.expect_request("/new").respond_with_data(ATOM, content_type="application/atom+xml")
    web.expect_request("/evil").respond_with_response(
        Response(status=302, headers={"Location": "file:///etc/passwd"})
    )
    raw = fetch_feed(web.url_for("/old"))
    assert raw.info.final_url == web.url_for("/new") and raw.data == ATOM
    with pytest.raises(BadRedirect):
        fetch_feed(web.url_for("/evil"))
