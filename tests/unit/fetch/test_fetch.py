"""fetch against real HTTP servers on 127.0.0.1: no mocks, no internet, no name but localhost.

`FixtureSite` (http.server) serves the well-formed answers and records each request; `RawServer`
writes raw bytes on a socket for what a server library will not: stalls, chunked floods, missing
headers, broken HTTP.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import brotli
import pytest

from support.fixture_site import FixtureSite
from support.raw_server import Handler, RawServer
from tuireader import __version__
from tuireader.fetch import (
    BadRedirect,
    BadResponse,
    ConnectFailed,
    FetchCancelled,
    FetchError,
    FetchOptions,
    FetchTimeout,
    HostNotFound,
    HTTPStatusError,
    InvalidURL,
    TooLarge,
    TooManyRedirects,
    UnsupportedContent,
    fetch,
    user_agent,
)
from tuireader.urls import BadURL, normalize_url

MB = 1024 * 1024
PAGE = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello</p></body></html>"
RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю."
JAPANESE = "日本語のテキストです。こんにちは、世界。吾輩は猫である。"


# -- a server that writes raw bytes ------------------------------------------------------------


@pytest.fixture
def raw() -> Iterator[RawServer]:
    server = RawServer()
    try:
        yield server
    finally:
        server.close()


def head(status: str = "200 OK", /, **headers: str | int) -> bytes:
    """A response head; keyword names become headers (content_type -> Content-Type)."""
    lines = [f"HTTP/1.1 {status}"]
    lines += [f"{k.replace('_', '-').title()}: {v}" for k, v in headers.items()]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def send(data: bytes, headers: dict[str, str | int] | None = None) -> Handler:
    """A handler that answers with `data` and the given headers (Content-Length added)."""

    def handler(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(head(**(headers or {}), content_length=len(data)) + data)

    return handler


def stall_after(data: bytes, **headers: str | int) -> Handler:
    """Send the head and `data`, then hold the connection open without another byte."""

    def handler(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(head(**headers) + data)
        server.stop.wait(10)

    return handler


def chunked(pieces: Iterator[bytes], **headers: str | int) -> Handler:
    """Send pieces with Transfer-Encoding: chunked and no Content-Length."""

    def handler(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(head(**headers, transfer_encoding="chunked"))
        for piece in pieces:
            if server.stop.is_set():
                return
            conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
        conn.sendall(b"0\r\n\r\n")

    return handler


def one_line(exc: BaseException) -> str:
    """The message, checked to be one non-empty line."""
    message = str(exc)
    assert message and "\n" not in message and "\r" not in message
    return message


def peak_memory(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- a page ----------------------------------------------------------------------------------------


def test_page_is_fetched_with_honest_headers(site: FixtureSite) -> None:
    url = site.add(
        "/story",
        PAGE,
        Content_Type="text/html; charset=utf-8",
        ETag='"abc"',
        Last_Modified="Wed, 21 Oct 2015 07:28:00 GMT",
    )
    before = datetime.now(UTC).replace(microsecond=0)
    page = fetch(url)
    assert page.html == PAGE.decode()
    info = page.info
    assert info.url == info.final_url == url
    assert (info.status, info.content_type, info.encoding) == (200, "text/html", "utf-8")
    assert (info.etag, info.last_modified) == ('"abc"', "Wed, 21 Oct 2015 07:28:00 GMT")
    fetched = datetime.fromisoformat(info.fetched_at)
    assert fetched.utcoffset() == timedelta(0) and before <= fetched <= datetime.now(UTC)
    request = site.requests[-1]
    assert request.headers["User-Agent"] == user_agent()
    assert "text/html" in request.headers["Accept"]
    assert request.headers["Accept-Language"] == "en"
    codings = [c.strip() for c in request.headers["Accept-Encoding"].split(",")]
    assert "br" in codings and "gzip" in codings
    assert "If-None-Match" not in request.headers and "If-Modified-Since" not in request.headers


def test_user_agent_names_tuireader_its_version_and_httpx() -> None:
    ua = user_agent()
    assert ua.startswith(f"tuireader/{__version__} (")
    assert "+https://" in ua and "python-httpx/" in ua


def test_url_is_normalized_before_fetching(site: FixtureSite) -> None:
    url = site.add("/a", PAGE, Content_Type="text/html")
    page = fetch("  " + url.replace("http://", "HTTP://") + "#section  ")
    assert page.info.url == url


@pytest.mark.parametrize(
    "bad", ["not a url", "ftp://x.org/", "javascript:alert(1)", "", "http://user:pw@x.org/"]
)
def test_bad_url_is_invalid_url_with_the_same_message(bad: str) -> None:
    with pytest.raises(BadURL) as expected:
        normalize_url(bad)
    with pytest.raises(InvalidURL) as caught:
        fetch(bad)
    assert one_line(caught.value) == str(expected.value)
    assert caught.value.url == bad


# -- redirects -------------------------------------------------------------------------------------


def test_redirect_chain_301_302_307_308_ends_at_the_page(site: FixtureSite) -> None:
    hops = [("/r1", 301, "/r2"), ("/r2", 302, "/r3"), ("/r3", 307, site.url("/r4"))]
    hops.append(("/r4", 308, "page?x=1"))
    for path, status, location in hops:
        site.add(path, "", status, Location=location)
    site.add("/page", PAGE, Content_Type="text/html")
    page = fetch(site.url("/r1"))
    assert page.info.url == site.url("/r1")
    assert page.info.final_url == site.url("/page?x=1")
    assert page.html == PAGE.decode()
    assert site.paths_requested() == ["/r1", "/r2", "/r3", "/r4", "/page?x=1"]
    assert all(r.headers["User-Agent"] == user_agent() for r in site.requests)


@pytest.mark.parametrize(("limit", "ok"), [(2, False), (3, True)])
def test_redirect_limit_counts_hops(site: FixtureSite, limit: int, ok: bool) -> None:
    for n in (1, 2, 3):
        site.add(f"/{n}", "", 302, Location=f"/{n + 1}")
    site.add("/4", PAGE, Content_Type="text/html")
    options = FetchOptions(max_redirects=limit)
    if ok:
        assert fetch(site.url("/1"), options=options).info.final_url == site.url("/4")
    else:
        with pytest.raises(TooManyRedirects, match="too many redirects"):
            fetch(site.url("/1"), options=options)
        assert site.paths_requested() == ["/1", "/2", "/3"]


def test_redirect_loop_is_too_many_redirects(site: FixtureSite) -> None:
    site.add("/a", "", 301, Location="/b")
    site.add("/b", "", 302, Location="/a")
    with pytest.raises(TooManyRedirects) as caught:
        fetch(site.url("/a"), options=FetchOptions(max_redirects=5))
    assert "redirect loop" in one_line(caught.value)
    assert site.url("/a") in str(caught.value)
    assert len(site.requests) == 6  # the first request and five redirects, then it stops


@pytest.mark.parametrize(
    "location",
    ["ftp://127.0.0.1/file.txt", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi"],
)
def test_redirect_to_another_scheme_is_refused_before_following(
    site: FixtureSite, location: str
) -> None:
    url = site.add("/go", "", 302, Location=location)
    with pytest.raises(BadRedirect) as caught:
        fetch(url)
    assert caught.value.location == location
    assert location[:20] in one_line(caught.value) and "http" in str(caught.value)
    assert len(site.requests) == 1


def test_redirect_body_is_never_read(raw: RawServer) -> None:
    def endless_redirect(conn: socket.socket, server: RawServer) -> None:
        if server.requests[-1].startswith(b"GET /final "):
            conn.sendall(head(content_type="text/html", content_length=len(PAGE)) + PAGE)
            return
        conn.sendall(head("302 Found", location="/final", transfer_encoding="chunked"))
        conn.sendall(b"10000\r\n" + bytes(65536) + b"\r\n")
        server.stop.wait(10)  # the redirect's body never ends

    raw.handler = endless_redirect
    started = time.monotonic()
    page = fetch(raw.url("/start"), options=FetchOptions(read_timeout=5))
    assert page.info.final_url == raw.url("/final") and page.html == PAGE.decode()
    assert time.monotonic() - started < 3


def test_redirect_without_location_is_bad_redirect(raw: RawServer) -> None:
    raw.handler = lambda conn, server: conn.sendall(head("301 Moved", content_length=0))
    with pytest.raises(BadRedirect, match="Location"):
        fetch(raw.url("/x"))


# -- HTTP errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (401, "needs a login"),
        (403, "forbidden"),
        (404, "not found"),
        (410, "gone"),
        (500, "server error"),
        (503, "server error"),
        (418, "could not be fetched"),
    ],
)
def test_error_status_is_http_status_error(site: FixtureSite, status: int, words: str) -> None:
    url = site.add("/p", "nope", status, Content_Type="text/plain")
    with pytest.raises(HTTPStatusError) as caught:
        fetch(url)
    message = one_line(caught.value)
    assert caught.value.status == status
    assert f"HTTP {status}" in message and words in message
    assert caught.value.retry_after is None


def test_429_says_when_to_retry_from_seconds(site: FixtureSite) -> None:
    url = site.add("/p", "slow down", 429, Content_Type="text/plain", Retry_After="120")
    with pytest.raises(HTTPStatusError) as caught:
        fetch(url)
    assert caught.value.status == 429 and caught.value.retry_after == 120
    assert "rate limited" in one_line(caught.value) and "try again in 120 s" in str(caught.value)


def test_429_says_when_to_retry_from_an_http_date(site: FixtureSite) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    url = site.add("/p", "", 429, Content_Type="text/plain", Retry_After=when)
    with pytest.raises(HTTPStatusError) as caught:
        fetch(url)
    assert caught.value.retry_after is not None and 80 <= caught.value.retry_after <= 91
    assert f"try again in {caught.value.retry_after} s" in one_line(caught.value)


def test_error_status_does_not_wait_for_the_body(raw: RawServer) -> None:
    def not_found(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(head("404 Not Found", content_type="text/html", content_length=10 * MB))
        server.stop.wait(10)  # the body never comes

    raw.handler = not_found
    started = time.monotonic()
    with pytest.raises(HTTPStatusError) as caught:
        fetch(raw.url("/gone"), options=FetchOptions(read_timeout=5))
    assert time.monotonic() - started < 3
    assert caught.value.status == 404


# -- network failures ------------------------------------------------------------------------------


def test_refused_connection_is_connect_failed() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ConnectFailed) as caught:
        fetch(f"http://127.0.0.1:{port}/")
    message = one_line(caught.value)
    assert "refused" in message and f"127.0.0.1:{port}" in message


def test_server_that_never_answers_is_a_read_timeout() -> None:
    with socket.create_server(("127.0.0.1", 0), backlog=4) as silent:  # never accept()ed
        port = silent.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(FetchTimeout) as caught:
            fetch(f"http://127.0.0.1:{port}/", options=FetchOptions(read_timeout=0.5))
    assert 0.4 < time.monotonic() - started < 5
    assert (caught.value.phase, caught.value.seconds) == ("read", 0.5)
    assert "0.5 s" in one_line(caught.value) and "127.0.0.1" in str(caught.value)


def test_server_that_stalls_mid_body_is_a_read_timeout(raw: RawServer) -> None:
    raw.handler = stall_after(PAGE[:40], content_type="text/html", content_length=len(PAGE))
    with pytest.raises(FetchTimeout) as caught:
        fetch(raw.url(), options=FetchOptions(read_timeout=0.5))
    assert caught.value.phase == "read" and "0.5 s" in one_line(caught.value)


def test_failed_tls_handshake_is_connect_failed(raw: RawServer) -> None:
    raw.read_head = False
    raw.handler = lambda conn, server: conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")
    with pytest.raises(ConnectFailed) as caught:
        fetch(f"https://127.0.0.1:{raw.port}/", options=FetchOptions(connect_timeout=5))
    assert one_line(caught.value).startswith(f"secure connection to 127.0.0.1:{raw.port} failed")


@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
def test_self_signed_certificate_is_connect_failed(raw: RawServer, tmp_path: Path) -> None:
    self_signed_server(raw, tmp_path)
    with pytest.raises(ConnectFailed) as caught:
        fetch(f"https://127.0.0.1:{raw.port}/", options=FetchOptions(connect_timeout=5))
    message = one_line(caught.value)
    assert message.startswith(f"the certificate of 127.0.0.1:{raw.port} is not valid")
    assert "self-signed" in message


def self_signed_server(raw: RawServer, tmp_path: Path) -> None:
    """`raw` answers TLS with a certificate for 127.0.0.1 that no CA signed."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    make_cert = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
    subprocess.run(
        [*make_cert.split(), "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    raw.read_head = False
    raw.handler = lambda conn, server: context.wrap_socket(conn, server_side=True).close()


def test_plain_http_loads_no_ca_bundle(site: FixtureSite) -> None:
    from tuireader.fetch.client import _tls_context

    url = site.add("/", PAGE, Content_Type="text/html")
    _tls_context.cache_clear()
    assert fetch(url).html.startswith("<!DOCTYPE html>")
    assert _tls_context.cache_info().currsize == 0


@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
def test_https_reached_by_a_redirect_is_verified_against_the_ca_bundle(
    site: FixtureSite, raw: RawServer, tmp_path: Path
) -> None:
    from tuireader.fetch.client import _tls_context

    self_signed_server(raw, tmp_path)
    url = site.add("/", "", 302, Location=f"https://127.0.0.1:{raw.port}/")
    _tls_context.cache_clear()
    with pytest.raises(ConnectFailed) as caught:
        fetch(url, options=FetchOptions(connect_timeout=5))
    assert one_line(caught.value).startswith(f"the certificate of 127.0.0.1:{raw.port} is not")
    assert _tls_context.cache_info().currsize == 1  # the bundle was loaded for the https hop


def test_the_plain_http_transport_could_verify_no_certificate() -> None:
    from tuireader.fetch.client import _trusting_nothing

    context = _trusting_nothing()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0 and context.get_ca_certs() == []


def test_server_that_hangs_up_without_answering_is_bad_response(raw: RawServer) -> None:
    raw.handler = lambda conn, server: None  # closes the connection straight away
    with pytest.raises(BadResponse) as caught:
        fetch(raw.url())
    assert "127.0.0.1" in one_line(caught.value)


def test_garbage_instead_of_http_is_bad_response(raw: RawServer) -> None:
    raw.handler = lambda conn, server: conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
    with pytest.raises(BadResponse):
        fetch(raw.url())


def test_body_cut_short_is_bad_response(raw: RawServer) -> None:
    raw.handler = lambda conn, server: conn.sendall(
        head(content_type="text/html", content_length=1000) + PAGE
    )
    with pytest.raises(BadResponse) as caught:
        fetch(raw.url())
    one_line(caught.value)


@pytest.mark.subprocess
@pytest.mark.skipif(
    shutil.which("unshare") is None
    or not hasattr(os, "geteuid")
    or os.geteuid() != 0
    or subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode != 0,
    reason="needs root and `unshare -n` to give the lookup an empty network namespace",
)
def test_unknown_host_is_host_not_found() -> None:
    script = (
        "import sys\n"
        "from tuireader.fetch import HostNotFound, fetch\n"
        "try:\n"
        "    fetch('http://no-such-host.invalid/')\n"
        "except HostNotFound as exc:\n"
        "    print(exc.host); print(exc); sys.exit(3)\n"
    )
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    result = subprocess.run(
        ["unshare", "-n", sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    host, message = result.stdout.strip().splitlines()
    assert host == "no-such-host.invalid"
    assert message == (
        "could not find host no-such-host.invalid: check the address or your connection"
    )


# -- size cap ------------------------------------------------------------------------------------


def test_content_length_over_the_cap_is_refused_before_the_body(raw: RawServer) -> None:
    raw.handler = stall_after(b"<p>", content_type="text/html", content_length=50 * MB)
    started = time.monotonic()
    with pytest.raises(TooLarge) as caught:
        fetch(raw.url(), options=FetchOptions(max_bytes=1 * MB, read_timeout=5))
    assert time.monotonic() - started < 3  # did not wait for the body
    assert (caught.value.size, caught.value.limit) == (50 * MB, 1 * MB)
    assert "50 MB" in one_line(caught.value) and "1 MB" in str(caught.value)


def test_chunked_body_over_the_cap_is_refused(raw: RawServer) -> None:
    raw.handler = chunked((b"<p>" + b"x" * 65533 for _ in range(1000)), content_type="text/html")
    with pytest.raises(TooLarge) as caught:
        fetch(raw.url(), options=FetchOptions(max_bytes=1 * MB))
    assert caught.value.size is None and caught.value.limit == 1 * MB
    assert "1 MB" in one_line(caught.value)


@pytest.mark.parametrize(("extra", "fits"), [(0, True), (1, False)])
def test_cap_counts_decoded_bytes_exactly(raw: RawServer, extra: int, fits: bool) -> None:
    body = PAGE + b"a" * (100_000 - len(PAGE) + extra)
    raw.handler = chunked(iter([body[:5000], body[5000:]]), content_type="text/html")
    options = FetchOptions(max_bytes=100_000)
    if fits:
        assert len(fetch(raw.url(), options=options).html) == 100_000
    else:
        with pytest.raises(TooLarge):
            fetch(raw.url(), options=options)


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return gzip.compress(bytes(50 * MB), compresslevel=9)  # about 50 KB


@pytest.fixture(scope="module")
def brotli_bomb() -> bytes:
    return bytes(brotli.compress(bytes(200 * MB), quality=2))  # under 1 KB


@pytest.mark.parametrize(("coding", "bomb"), [("gzip", "gzip_bomb"), ("br", "brotli_bomb")])
def test_compression_bomb_is_refused_with_bounded_memory(
    raw: RawServer, request: pytest.FixtureRequest, coding: str, bomb: str
) -> None:
    data: bytes = request.getfixturevalue(bomb)
    assert len(data) < 100_000
    raw.handler = send(data, {"content_type": "text/html", "content_encoding": coding})
    caught: list[TooLarge] = []

    def attempt() -> None:
        with pytest.raises(TooLarge) as info:
            fetch(raw.url(), options=FetchOptions(max_bytes=1 * MB))
        caught.append(info.value)

    # Decoding a whole network read at once would hold tens of megabytes, or hundreds for brotli.
    assert peak_memory(attempt) < 8 * MB
    assert caught[0].size is None and "1 MB" in one_line(caught[0])


def test_corrupt_gzip_is_bad_response(raw: RawServer) -> None:
    data = gzip.compress(PAGE)
    raw.handler = send(data[:10] + b"garbage!" * 10, {"content_encoding": "gzip"})
    with pytest.raises(BadResponse, match="corrupt gzip"):
        fetch(raw.url())


def test_unknown_content_coding_is_bad_response(raw: RawServer) -> None:
    raw.handler = send(b"(\xb5/\xfd....", {"content_type": "text/html", "content_encoding": "zstd"})
    with pytest.raises(BadResponse, match="zstd"):
        fetch(raw.url())


# -- content codings -------------------------------------------------------------------------------

TEXT = "<!doctype html><p>Déjà vu, naïve café — " + "many words " * 3000 + "</p>"


@pytest.mark.parametrize(
    ("coding", "compress"),
    [
        ("gzip", gzip.compress),
        ("br", brotli.compress),
        ("deflate", zlib.compress),  # zlib-wrapped, as the standard says
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as some servers send
        ("gzip, br", lambda b: brotli.compress(gzip.compress(b))),
    ],
)
def test_compressed_page_decodes(
    site: FixtureSite, coding: str, compress: Callable[[bytes], bytes]
) -> None:
    data = compress(TEXT.encode())
    assert len(data) < len(TEXT) // 10
    url = site.add("/z", data, Content_Type="text/html; charset=utf-8", Content_Encoding=coding)
    assert fetch(url).html == TEXT


# -- content types ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    ["application/pdf", "image/png", "application/json", "video/mp4", "application/octet-stream"],
)
def test_other_types_are_refused_before_the_body(raw: RawServer, content_type: str) -> None:
    raw.handler = stall_after(b"", content_type=content_type, content_length=5 * MB)
    started = time.monotonic()
    with pytest.raises(UnsupportedContent) as caught:
        fetch(raw.url("/file"), options=FetchOptions(read_timeout=5))
    assert time.monotonic() - started < 3
    assert caught.value.content_type == content_type
    message = one_line(caught.value)
    assert message.startswith(f"{content_type} is not a web page tuireader can read")
    assert "open it in a browser" in message


@pytest.mark.parametrize(
    ("body", "real"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        (b"GIF89a\x01\x00\x01\x00", "image/gif"),
    ],
)
def test_content_type_that_lies_is_refused(raw: RawServer, body: bytes, real: str) -> None:
    raw.handler = send(body + bytes(3000), {"content_type": "text/html; charset=utf-8"})
    with pytest.raises(UnsupportedContent) as caught:
        fetch(raw.url())
    assert caught.value.content_type == real
    message = one_line(caught.value)
    assert "text/html" in message and real in message


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html><body><p>Hi</p></body></html>",
        b"\xef\xbb\xbf\n  <html lang=en><p>Hi</p>",
        b"\r\n<HEAD><title>x</title></HEAD>",
        b"<p>Just a paragraph</p>",
        b"<!-- generated --><div>x</div>",
    ],
)
def test_missing_content_type_with_html_is_read_as_html(raw: RawServer, body: bytes) -> None:
    raw.handler = send(body)
    page = fetch(raw.url())
    assert page.info.content_type == "text/html"
    assert page.html == body.decode("utf-8-sig")


@pytest.mark.parametrize("body", [b"just some words", b"\x00\x01\x02\x03binary", b"<pa>"])
def test_missing_content_type_otherwise_is_unknown_type(raw: RawServer, body: bytes) -> None:
    raw.handler = send(body)
    with pytest.raises(UnsupportedContent) as caught:
        fetch(raw.url())
    assert caught.value.content_type == ""
    assert "unknown type" in one_line(caught.value)


@pytest.mark.parametrize("body", [b"", b" \r\n\t"])
def test_missing_content_type_with_nothing_is_an_empty_page(raw: RawServer, body: bytes) -> None:
    """Nothing of no type is an empty page: the reader then says the page is empty."""
    raw.handler = send(body)
    page = fetch(raw.url())
    assert page.info.content_type == "text/html"
    assert page.html.strip() == ""


def test_missing_content_type_with_a_pdf_names_it(raw: RawServer) -> None:
    raw.handler = send(b"%PDF-1.4\n" + bytes(100))
    with pytest.raises(UnsupportedContent) as caught:
        fetch(raw.url())
    assert caught.value.content_type == "application/pdf"
    assert one_line(caught.value).startswith("application/pdf is not a web page")


def test_text_plain_is_read_as_text(site: FixtureSite) -> None:
    text = "RFC 9110\n\n  HTTP Semantics <not a tag>\n"
    url = site.add("/t.txt", text, Content_Type="text/plain; charset=utf-8")
    page = fetch(url)
    assert page.html == text
    assert page.info.content_type == "text/plain"


def test_xhtml_and_xml_with_an_html_root_are_read(site: FixtureSite) -> None:
    xhtml = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><p>x</p></html>'
    site.add("/x", xhtml, Content_Type="application/xhtml+xml")
    site.add("/y", xhtml, Content_Type="application/xml")
    rss = '<?xml version="1.0"?><rss version="2.0"><channel/></rss>'
    site.add("/feed", rss, Content_Type="text/xml")
    assert fetch(site.url("/x")).info.content_type == "application/xhtml+xml"
    assert fetch(site.url("/y")).html == xhtml
    with pytest.raises(UnsupportedContent) as caught:
        fetch(site.url("/feed"))
    assert caught.value.content_type == "text/xml"


# -- text encodings --------------------------------------------------------------------------------


def html_in(text: str, meta: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"
    )


@pytest.mark.parametrize(
    ("content_type", "meta", "codec", "text", "expected"),
    [
        ("text/html; charset=windows-1251", "", "cp1251", RUSSIAN, "cp1251"),
        (
            "text/html",
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
            "cp1251",
            RUSSIAN,
            "cp1251",
        ),
        ("text/html; charset=Shift_JIS", "", "shift_jis", JAPANESE, "cp932"),
        ("text/html", '<meta charset="Shift_JIS">', "shift_jis", JAPANESE, "cp932"),
        ("text/html; charset=utf-8", '<meta charset="windows-1251">', "cp1251", RUSSIAN, "cp1251"),
    ],
    ids=["1251-header", "1251-meta", "sjis-header", "sjis-meta", "1251-wrong-header-right-meta"],
)
def test_page_in_a_legacy_encoding_decodes(
    raw: RawServer, content_type: str, meta: str, codec: str, text: str, expected: str
) -> None:
    raw.handler = send(html_in(text, meta).encode(codec), {"content_type": content_type})
    page = fetch(raw.url())
    assert f"<p>{text}</p>" in page.html
    assert page.info.encoding == expected


# -- progress, cancelling, conditional GET -------------------------------------------------------


def test_progress_reports_growing_counts_and_the_total(raw: RawServer) -> None:
    body = PAGE + b"<p>" + b"y" * 299_000 + b"</p>"

    def trickle(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(head(content_type="text/html", content_length=len(body)))
        for start in range(0, len(body), 100_000):
            conn.sendall(body[start : start + 100_000])
            time.sleep(0.02)

    raw.handler = trickle
    seen: list[tuple[int, int | None]] = []
    page = fetch(raw.url(), progress=lambda got, total: seen.append((got, total)))
    assert len(page.html) == len(body)
    assert seen[0] == (0, len(body)) and seen[-1] == (len(body), len(body))
    received = [got for got, _ in seen]
    assert received == sorted(received) and len(set(received)) >= 3


def test_progress_without_content_length_has_no_total(raw: RawServer) -> None:
    raw.handler = chunked(iter([PAGE[:20], PAGE[20:]]), content_type="text/html")
    seen: list[tuple[int, int | None]] = []
    fetch(raw.url(), progress=lambda got, total: seen.append((got, total)))
    assert seen[0] == (0, None) and all(total is None for _, total in seen)
    assert seen[-1][0] == len(PAGE)  # body bytes as received: httpx counts them without framing


def test_cancel_between_chunks(raw: RawServer) -> None:
    raw.handler = stall_after(PAGE, content_type="text/html", content_length=10 * len(PAGE))
    stop = threading.Event()

    def progress(got: int, total: int | None) -> None:
        if got:
            stop.set()

    with pytest.raises(FetchCancelled) as caught:
        # Were cancelled() not polled between chunks this would end in a read timeout.
        fetch(raw.url(), progress=progress, cancelled=stop.is_set, options=FetchOptions(5, 5))
    assert "cancelled" in one_line(caught.value)


def test_cancel_before_the_request_sends_nothing(raw: RawServer) -> None:
    raw.handler = send(PAGE, {"content_type": "text/html"})
    with pytest.raises(FetchCancelled):
        fetch(raw.url("/cancelled"), cancelled=lambda: True)
    fetch(raw.url("/next"))  # a request the cancelled one would have come before
    assert [request.split(b" ")[1] for request in raw.requests] == [b"/next"]


def test_conditional_get_sends_validators_and_returns_304(site: FixtureSite) -> None:
    url = site.add("/c", "", 304, ETag='"v2"')
    sent_date = "Wed, 21 Oct 2015 07:28:00 GMT"
    page = fetch(url, etag='"v1"', last_modified=sent_date)
    [request] = site.requests
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == sent_date
    assert (page.info.status, page.html) == (304, "")
    assert (page.info.etag, page.info.last_modified) == ('"v2"', sent_date)


def test_unsafe_validators_are_not_sent(site: FixtureSite) -> None:
    url = site.add("/c", PAGE, Content_Type="text/html")
    fetch(url, etag='"v1"\r\nX-Evil: 1', last_modified="   ")
    request = site.requests[-1]
    assert "If-None-Match" not in request.headers and "X-Evil" not in request.headers
    assert "If-Modified-Since" not in request.headers


def test_every_failure_is_a_fetch_error() -> None:
    for cls in (
        InvalidURL,
        HostNotFound,
        ConnectFailed,
        FetchTimeout,
        TooManyRedirects,
        BadRedirect,
        HTTPStatusError,
        TooLarge,
        UnsupportedContent,
        BadResponse,
        FetchCancelled,
    ):
        assert issubclass(cls, FetchError)
