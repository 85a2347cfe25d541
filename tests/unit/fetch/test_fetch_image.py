"""fetch_image against real servers on 127.0.0.1: the page's rules, and the bytes as they came."""

from __future__ import annotations

import itertools
import socket
import tracemalloc
from collections.abc import Iterator

import pytest

from support.fixture_site import FixtureSite
from support.picture_files import PAGE, jpeg, png
from support.raw_server import Handler, RawServer
from tuireader.fetch import (
    BadRedirect,
    FetchError,
    FetchOptions,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    TooLarge,
    UnsupportedContent,
    fetch_image,
)

MB = 1024 * 1024


@pytest.fixture
def raw() -> Iterator[RawServer]:
    server = RawServer()
    try:
        yield server
    finally:
        server.close()


def head(status: str = "200 OK", /, **headers: str | int) -> bytes:
    lines = [f"HTTP/1.1 {status}"]
    lines += [f"{k.replace('_', '-').title()}: {v}" for k, v in headers.items()]
    return ("\r\n".join([*lines, "Connection: close"]) + "\r\n\r\n").encode("latin-1")


def stall_after(data: bytes, **headers: str | int) -> Handler:
    def handler(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(head(**headers) + data)
        server.stop.wait(10)

    return handler


def endless(**headers: str | int) -> Handler:
    """A chunked body that never ends (until the client hangs up)."""

    def handler(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(head(**headers, transfer_encoding="chunked"))
        piece = png()[:8] + bytes(64 * 1024 - 8)
        for n in itertools.count():
            if server.stop.is_set():
                return
            chunk = piece if n == 0 else bytes(64 * 1024)
            conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    return handler


def one_line(exc: BaseException) -> str:
    message = str(exc)
    assert message and "\n" not in message and "\r" not in message
    return message


def test_an_image_comes_back_as_its_bytes(site: FixtureSite) -> None:
    data = png(40, 30)
    url = site.add("/pic.png", data, Content_Type="image/png")
    raw = fetch_image(url)
    assert raw.data == data
    assert raw.info.content_type == "image/png"
    assert raw.info.status == 200
    accept = site.requests[-1].headers["Accept"]
    assert accept.startswith("image/")


def test_a_mislabelled_image_is_read_and_named_by_its_bytes(site: FixtureSite) -> None:
    data = jpeg()
    url = site.add("/pic", data, Content_Type="text/html; charset=utf-8")
    raw = fetch_image(url)
    assert raw.data == data and raw.info.content_type == "image/jpeg"


def test_a_web_page_labelled_as_an_image_is_not_an_image(site: FixtureSite) -> None:
    url = site.add("/fake.png", PAGE, Content_Type="image/png")
    with pytest.raises(UnsupportedContent) as caught:
        fetch_image(url)
    assert "not an image" in one_line(caught.value)


def test_a_pdf_is_not_an_image(site: FixtureSite) -> None:
    url = site.add("/doc.png", b"%PDF-1.7\n" + bytes(2000), Content_Type="image/png")
    with pytest.raises(UnsupportedContent):
        fetch_image(url)


def test_a_missing_image_is_an_http_error(site: FixtureSite) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        fetch_image(site.url("/nowhere.png"))
    assert caught.value.status == 404 and "404" in one_line(caught.value)


def test_redirects_are_followed_to_the_image(site: FixtureSite) -> None:
    data = png()
    site.add("/real.png", data, Content_Type="image/png")
    url = site.add("/moved.png", "", 302, Location="/real.png")
    assert fetch_image(url).data == data


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x.png", "data:,x"])
def test_a_redirect_to_another_scheme_is_refused_before_it_is_followed(
    site: FixtureSite, target: str
) -> None:
    url = site.add("/away.png", "", 302, Location=target)
    with pytest.raises(BadRedirect) as caught:
        fetch_image(url)
    one_line(caught.value)
    assert site.paths_requested() == ["/away.png"]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "data:image/png;base64,iVBOR", "ftp://x/y"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(InvalidURL):
        fetch_image(url)


def test_a_huge_content_length_is_refused_before_the_body(raw: RawServer) -> None:
    raw.handler = stall_after(png()[:8], content_type="image/png", content_length=500 * MB)
    with pytest.raises(TooLarge) as caught:
        fetch_image(raw.url(), options=FetchOptions(max_bytes=1 * MB, read_timeout=30))
    assert (caught.value.size, caught.value.limit) == (500 * MB, 1 * MB)
    one_line(caught.value)


def test_an_endless_body_stops_at_the_cap_with_bounded_memory(raw: RawServer) -> None:
    raw.handler = endless(content_type="image/png")
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge) as caught:
            fetch_image(raw.url(), options=FetchOptions(max_bytes=2 * MB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.limit == 2 * MB
    assert peak < 12 * MB


def test_a_server_that_stalls_mid_image_is_a_read_timeout(raw: RawServer) -> None:
    data = png()
    raw.handler = stall_after(data[:20], content_type="image/png", content_length=len(data))
    with pytest.raises(FetchTimeout) as caught:
        fetch_image(raw.url(), options=FetchOptions(read_timeout=0.5))
    assert caught.value.phase == "read"
    one_line(caught.value)


def test_garbage_instead_of_http_is_a_fetch_error(raw: RawServer) -> None:
    raw.handler = lambda conn, server: conn.sendall(b"\x00\x01garbage\r\n\r\n")
    with pytest.raises(FetchError) as caught:
        fetch_image(raw.url())
    one_line(caught.value)
