"""An article's pictures: fetched from a real server on 127.0.0.1 into a real store, read back
offline, bounded by the limits, and every hostile answer ends as a picture with its problem."""

from __future__ import annotations

import itertools
import socket
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.fixture_site import FixtureSite, Route
from support.picture_files import PAGE, SVG, gif_pixel, jpeg, png, png_bomb, store_article
from support.raw_server import RawServer
from tuireader.cache import Store
from tuireader.models import CacheState, Picture, Reading
from tuireader.pictures.limits import MAX_ARTICLE_IMAGE_BYTES, MAX_ARTICLE_IMAGES, MAX_IMAGE_BYTES
from tuireader.reading.pictures import OVER_ARTICLE
from tuireader.reading.prefetch import Prefetcher
from tuireader.reading.reader import Reader
from tuireader.settings import Settings

MB = 1024 * 1024
TOO_BIG = "over the 10 MiB a picture may take"


@pytest.fixture
def store(cache_dir: Path) -> Iterator[Store]:
    store = Store.in_directory(cache_dir)
    yield store
    store.close()


def opened(reader: Reader, url: str) -> Reading:
    reading = reader.open(url)
    assert reading.state is CacheState.CACHED  # young: no request for the page
    return reading


def image_requests(site: FixtureSite) -> list[str]:
    return [path for path in site.paths_requested() if path.startswith("/img/")]


def test_the_lead_and_the_figures_are_fetched_kept_and_listed_in_order(
    site: FixtureSite, store: Store
) -> None:
    lead, first, second = jpeg(64, 48), png(40, 30), png(50, 20)
    srcs = [site.add("/img/1.png", first, Content_Type="image/png")]
    srcs.append(site.add("/img/2.png", second, Content_Type="image/png"))
    lead_src = site.add("/img/lead.jpg", lead, Content_Type="image/jpeg")
    url = "https://news.example.org/story"
    store_article(store, url, srcs, lead=lead_src)
    reader = Reader(store)
    reading = opened(reader, url)
    assert reading.pictures == ()

    done = reader.fetch_pictures(reading)
    assert done.pictures == (
        Picture(lead_src, "image/jpeg", 64, 48, len(lead), ""),
        Picture(srcs[0], "image/png", 40, 30, len(first), ""),
        Picture(srcs[1], "image/png", 50, 20, len(second), ""),
    )
    assert all(picture.drawable for picture in done.pictures)
    assert reader.picture_data(url, lead_src) == lead
    assert reader.picture_data(url, srcs[1]) == second
    assert sorted(image_requests(site)) == ["/img/1.png", "/img/2.png", "/img/lead.jpg"]
    # Opening it again lists them from the cache, with no request at all.
    site.requests.clear()
    assert opened(reader, url).pictures == done.pictures
    assert reader.cached(url).pictures == done.pictures
    ready = reader.ready(url)
    assert ready is not None and ready.pictures == done.pictures
    assert reader.fetch_pictures(opened(reader, url)).pictures == done.pictures
    assert site.requests == []


def test_pictures_are_drawn_offline_once_the_server_is_gone(
    site: FixtureSite, store: Store, cache_dir: Path
) -> None:
    data = png(80, 60)
    src = site.add("/img/fig.png", data, Content_Type="image/png")
    url = "https://news.example.org/offline"
    store_article(store, url, [src])
    Reader(store).fetch_pictures(Reader(store).cached(url))
    site.stop()

    later = Reader(Store.in_directory(cache_dir))
    try:
        reading = later.open(url, offline=True)
        assert [p.url for p in reading.pictures if p.drawable] == [src]
        assert later.picture_data(url, src) == data
        # And asking again, with the network gone, changes nothing.
        assert later.fetch_pictures(reading).pictures == reading.pictures
    finally:
        later.close()


def test_nothing_is_fetched_when_images_are_off(site: FixtureSite, store: Store) -> None:
    src = site.add("/img/fig.png", png(), Content_Type="image/png")
    url = "https://news.example.org/off"
    store_article(store, url, [src])
    reader = Reader(store, settings=Settings(images="off"))
    reading = reader.fetch_pictures(reader.cached(url))
    assert reading.pictures == () and site.requests == []
    assert store.pictures(url) == ()


def test_only_http_and_https_pictures_are_asked_for(site: FixtureSite, store: Store) -> None:
    src = site.add("/img/fig.png", png(), Content_Type="image/png")
    url = "https://news.example.org/schemes"
    store_article(
        store, url, ["file:///etc/passwd", "data:image/png;base64,iVBORw0KGgo=", src, src]
    )
    reader = Reader(store)
    reading = reader.fetch_pictures(reader.cached(url))
    assert [p.url for p in reading.pictures] == [src]
    assert image_requests(site) == ["/img/fig.png"]


def test_a_failure_is_kept_not_asked_again_at_each_open_but_again_at_a_refetch(
    site: FixtureSite, store: Store
) -> None:
    site.add(
        "/story.html",
        "<!doctype html><html><head><title>Story</title>"
        f"<meta property='og:image' content='{site.url('/img/lead.png')}'></head><body>"
        "<article><h1>Story</h1>"
        + "<p>The harbour master kept a careful log of every vessel that came in.</p>" * 12
        + "</article></body></html>",
    )
    url = site.url("/story.html")
    reader = Reader(store)
    fresh = reader.open(url)
    assert fresh.state is CacheState.FRESH
    failed = reader.fetch_pictures(fresh)
    assert [(p.url, p.problem) for p in failed.pictures] == [
        (site.url("/img/lead.png"), "HTTP 404")
    ]

    site.requests.clear()
    again = reader.fetch_pictures(reader.open(url))  # young: from the cache
    assert again.pictures == failed.pictures and image_requests(site) == []

    data = png(90, 40)
    site.add("/img/lead.png", data, Content_Type="image/png")
    refetched = reader.fetch_pictures(reader.open(url, refresh=True))
    assert image_requests(site) == ["/img/lead.png"]
    assert [(p.width, p.problem) for p in refetched.pictures] == [(90, "")]
    assert reader.picture_data(url, site.url("/img/lead.png")) == data


class ImageServer(RawServer):
    """Every way a server can answer for a picture, one a path, in raw HTTP."""

    def respond(self, conn: socket.socket, head: bytes) -> None:
        path = head.split(b" ", 2)[1].decode()
        name = path.rsplit("/", 1)[1]
        if name == "huge-length":
            self.stall(conn, png()[:8], content_type="image/png", content_length=500 * MB)
        elif name == "endless":
            conn.sendall(self.head(content_type="image/png", transfer_encoding="chunked"))
            start = png()[:8] + bytes(64 * 1024 - 8)
            for n in itertools.count():
                if self.stop.is_set():
                    return
                chunk = start if n == 0 else bytes(64 * 1024)
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        elif name == "slow":
            data = png()
            self.stall(conn, data[:20], content_type="image/png", content_length=len(data))
        elif name.startswith("to-"):
            target = {"to-file": "file:///etc/passwd", "to-ftp": "ftp://127.0.0.1/x.png"}[name]
            conn.sendall(self.head("302 Found", location=target, content_length=0))
        elif name == "missing":
            self.send(conn, b"<h1>Not found</h1>", "404 Not Found", content_type="text/html")
        elif name == "png-as-html":
            self.send(conn, png(30, 20), content_type="text/html; charset=utf-8")
        elif name == "html-as-png":
            self.send(conn, PAGE, content_type="image/png")
        elif name == "svg":
            self.send(conn, SVG, content_type="image/svg+xml")
        elif name == "pixel":
            self.send(conn, gif_pixel(), content_type="image/gif")
        elif name == "bomb":
            self.send(conn, png_bomb(), content_type="image/png")
        elif name == "garbage":
            conn.sendall(b"\x00\x01 not http at all\r\n\r\n")

    @staticmethod
    def head(status: str = "200 OK", /, **headers: str | int) -> bytes:
        lines = [f"HTTP/1.1 {status}"]
        lines += [f"{k.replace('_', '-').title()}: {v}" for k, v in headers.items()]
        return ("\r\n".join([*lines, "Connection: close"]) + "\r\n\r\n").encode("latin-1")

    def send(
        self, conn: socket.socket, data: bytes, status: str = "200 OK", **headers: str
    ) -> None:
        conn.sendall(self.head(status, **headers, content_length=len(data)) + data)

    def stall(self, conn: socket.socket, data: bytes, **headers: str | int) -> None:
        conn.sendall(self.head(**headers) + data)
        self.stop.wait(10)


HOSTILE = {
    "huge-length": ("", TOO_BIG),
    "endless": ("", TOO_BIG),
    "slow": ("", "timed out"),
    "to-file": ("", "redirected where tuireader will not go"),
    "to-ftp": ("", "redirected where tuireader will not go"),
    "missing": ("", "HTTP 404"),
    "png-as-html": ("image/png", ""),
    "html-as-png": ("", "not an image"),
    "svg": ("image/svg+xml", "an SVG drawing"),
    "pixel": ("image/gif", "a tracking pixel"),
    "bomb": ("image/png", "too large to decode (50000 x 50000)"),
    "garbage": ("", "a broken response"),
}


@pytest.fixture
def hostile() -> Iterator[ImageServer]:
    server = ImageServer()
    try:
        yield server
    finally:
        server.close()


def test_every_hostile_answer_ends_as_a_picture_with_its_problem(
    hostile: ImageServer, store: Store
) -> None:
    url = "https://news.example.org/hostile"
    srcs = [hostile.url(f"/img/{name}") for name in HOSTILE]
    store_article(store, url, srcs)
    reader = Reader(store, settings=Settings(read_timeout=0.5))
    reading = reader.fetch_pictures(reader.cached(url))
    found = {p.url.rsplit("/", 1)[1]: (p.content_type, p.problem) for p in reading.pictures}
    assert found == HOSTILE
    # Only the picture that can be drawn keeps bytes; the order is the article's.
    assert [p.url for p in reading.pictures] == srcs
    assert [p.url.rsplit("/", 1)[1] for p in reading.pictures if p.size] == ["png-as-html"]
    assert reader.picture_data(url, hostile.url("/img/bomb")) is None


def test_at_most_the_article_limit_of_pictures_is_fetched(site: FixtureSite, store: Store) -> None:
    data = png(8, 8)
    srcs = [
        site.add(f"/img/{n}.png", data, Content_Type="image/png")
        for n in range(MAX_ARTICLE_IMAGES + 2)
    ]
    url = "https://news.example.org/many"
    store_article(store, url, srcs[1:], lead=srcs[0])
    reader = Reader(store)
    reading = reader.fetch_pictures(reader.cached(url))
    assert [p.url for p in reading.pictures] == srcs[:MAX_ARTICLE_IMAGES]
    assert len(image_requests(site)) == MAX_ARTICLE_IMAGES


def padded_png(size: int) -> bytes:
    """A PNG of `size` bytes whose header reads well (its pixels are never looked at)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100, 100, 8, 2, 0, 0, 0))
    tail = chunk(b"IEND", b"")
    return head + chunk(b"IDAT", bytes(size - len(head) - len(tail) - 12)) + tail


def test_an_articles_pictures_stay_within_its_byte_limit(site: FixtureSite, store: Store) -> None:
    each = int(MAX_IMAGE_BYTES * 0.95)
    count = MAX_ARTICLE_IMAGE_BYTES // each + 1
    srcs = [
        site.add(f"/img/{n}.png", padded_png(each), Content_Type="image/png") for n in range(count)
    ]
    url = "https://news.example.org/heavy"
    store_article(store, url, srcs)
    reader = Reader(store)
    reading = reader.fetch_pictures(reader.cached(url))
    kept = [p for p in reading.pictures if p.size]
    assert len(kept) == count - 1 and all(p.size == each for p in kept)
    assert [p.problem for p in reading.pictures if not p.size] == [OVER_ARTICLE]
    assert sum(p.size for p in reading.pictures) <= MAX_ARTICLE_IMAGE_BYTES


def keep_already(store: Store, url: str, size: int) -> None:
    """Have the cache hold `size` bytes of pictures of `url` already."""
    src = "https://cdn.example.org/already.png"
    picture = Picture(src, "image/png", 100, 100, size)
    store.save_pictures(url, [(picture, padded_png(size), 0)])


def test_what_the_cache_holds_counts_against_the_articles_byte_limit(
    site: FixtureSite, store: Store
) -> None:
    url = "https://news.example.org/nearly-full"
    src = site.add("/img/twelve.png", padded_png(12 * MB), Content_Type="image/png")
    store_article(store, url, ["https://cdn.example.org/already.png", src])
    keep_already(store, url, MAX_ARTICLE_IMAGE_BYTES - 2 * MB)
    reader = Reader(store)
    reading = reader.fetch_pictures(reader.cached(url))
    # Refused as over what the article has left (2 MiB), not as over a picture's own limit.
    assert [p.problem for p in reading.pictures] == ["", OVER_ARTICLE]


def test_pictures_fetched_side_by_side_share_the_articles_byte_limit(
    site: FixtureSite, store: Store
) -> None:
    url = "https://news.example.org/side-by-side"
    both_asked = threading.Barrier(2, timeout=10)
    data = padded_png(4 * MB)

    def answer() -> Route:
        both_asked.wait()  # each started with the same room left: 5 MiB
        return Route(200, data, {"Content-Type": "image/png"})

    srcs = [site.on("/img/a.png", answer), site.on("/img/b.png", answer)]
    store_article(store, url, ["https://cdn.example.org/already.png", *srcs])
    keep_already(store, url, MAX_ARTICLE_IMAGE_BYTES - 5 * MB)
    reader = Reader(store)
    reading = reader.fetch_pictures(reader.cached(url), concurrency=2)
    assert sorted(p.problem for p in reading.pictures[1:]) == ["", OVER_ARTICLE]
    assert sum(p.size for p in reading.pictures) <= MAX_ARTICLE_IMAGE_BYTES


def test_keeping_pictures_makes_room_as_saving_a_page_does(site: FixtureSite, store: Store) -> None:
    oldest, older = "https://news.example.org/1-old", "https://news.example.org/2-old"
    store_article(store, oldest, [])  # read as long ago as the next: its URL sorts first
    store_article(store, older, [])
    new = "https://news.example.org/new"
    big = site.add("/img/big.png", padded_png(300_000), Content_Type="image/png")
    store_article(store, new, [big])
    _, content = store.size()
    reader = Reader(store, settings=Settings(cache_max_bytes=content + 300_000 - 1000))
    reading = reader.fetch_pictures(reader.cached(new))
    assert reading.evicted == 1 and "evicted the 1 least recently read article" in reading.notice
    assert {entry.url for entry in store.library()} == {older, new}
    assert reading.pictures[0].size == 300_000
    assert store.size()[1] <= content + 300_000 - 1000


def test_the_read_ahead_fetches_an_articles_pictures_after_its_page(
    site: FixtureSite, store: Store
) -> None:
    data = png(70, 50)
    lead = site.add("/img/lead.png", data, Content_Type="image/png")
    page = (
        "<!doctype html><html><head><title>Ahead</title>"
        f"<meta property='og:image' content='{lead}'></head><body><article><h1>Ahead</h1>"
        + "<p>The harbour master kept a careful log of every vessel that came in.</p>" * 12
        + "</article></body></html>"
    )
    url = site.add("/ahead.html", page)
    summary = Prefetcher(Reader(store)).run([url])
    assert summary.fetched == (url,)
    assert store.picture_data(url, lead) == data
    assert site.paths_requested() == ["/ahead.html", "/img/lead.png"]


def test_the_read_ahead_fetches_no_picture_when_images_are_off(
    site: FixtureSite, store: Store
) -> None:
    lead = site.add("/img/lead.png", png(), Content_Type="image/png")
    page = (
        "<!doctype html><html><head><title>Ahead</title>"
        f"<meta property='og:image' content='{lead}'></head><body><article><h1>Ahead</h1>"
        + "<p>The harbour master kept a careful log of every vessel that came in.</p>" * 12
        + "</article></body></html>"
    )
    url = site.add("/ahead.html", page)
    Prefetcher(Reader(store, settings=Settings(images="off"))).run([url])
    assert site.paths_requested() == ["/ahead.html"]
    assert store.pictures(url) == ()


def article_page(lead: str, title: str = "Ahead") -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f"<meta property='og:image' content='{lead}'></head><body><article><h1>{title}</h1>"
        + "<p>The harbour master kept a careful log of every vessel that came in.</p>" * 12
        + "</article></body></html>"
    )


def test_fetching_the_reading_list_fetches_its_pictures(site: FixtureSite, store: Store) -> None:
    from tuireader.reading.saving import fetch_saved, save_urls

    data = png(60, 40)
    lead = site.add("/img/saved.png", data, Content_Type="image/png")
    url = site.add("/saved.html", article_page(lead, "Saved"))
    save_urls(store, [url])
    done = fetch_saved(Reader(store), [url])
    assert done.fetched == (url,)
    assert store.picture_data(url, lead) == data


def test_no_picture_is_fetched_for_a_local_file(
    site: FixtureSite, store: Store, tmp_path: Path
) -> None:
    from tuireader.reading.reader import read_file

    lead = site.add("/img/local.png", png(), Content_Type="image/png")
    saved = tmp_path / "page.html"
    saved.write_text(article_page(lead, "Local"))
    reading = read_file(saved)
    assert reading.article.lead_image is not None  # it has a picture, which is not fetched
    assert Reader(store).fetch_pictures(reading) == reading
    assert site.requests == []


def test_no_picture_is_fetched_into_a_cache_only_read(
    site: FixtureSite, store: Store, cache_dir: Path
) -> None:
    src = site.add("/img/fig.png", png(), Content_Type="image/png")
    url = "https://news.example.org/read-only"
    store_article(store, url, [src])
    only_read = Store.in_directory(cache_dir)
    only_read.read_only = "the disk is full"
    try:
        reader = Reader(only_read)
        reading = reader.fetch_pictures(reader.cached(url))
    finally:
        only_read.close()
    assert reading.pictures == () and site.requests == []


def test_a_cancelled_fetch_keeps_nothing_it_did_not_finish(site: FixtureSite, store: Store) -> None:
    src = site.add("/img/fig.png", png(), Content_Type="image/png")
    url = "https://news.example.org/cancelled"
    store_article(store, url, [src])
    reader = Reader(store)
    reading = reader.fetch_pictures(reader.cached(url), cancelled=lambda: True)
    assert reading.pictures == () and site.requests == []
    # Not kept as a failure: the next time asks for it.
    assert [p.drawable for p in reader.fetch_pictures(reader.cached(url)).pictures] == [True]


def test_a_fetch_stopped_half_way_is_neither_kept_nor_a_failure(
    site: FixtureSite, store: Store
) -> None:
    stop = threading.Event()

    def answer() -> Route:
        stop.set()  # asked for: the reader is told to stop before the bytes come
        return Route(200, png(), {"Content-Type": "image/png"})

    src = site.on("/img/stopped.png", answer)
    url = "https://news.example.org/stopped"
    store_article(store, url, [src])
    reader = Reader(store)
    reading = reader.fetch_pictures(reader.cached(url), cancelled=stop.is_set)
    assert image_requests(site) == ["/img/stopped.png"]
    assert reading.pictures == ()


def test_pictures_are_asked_for_politely(site: FixtureSite, store: Store) -> None:
    """A few at a time, two at most from one host (reading/polite.py), as the read-ahead."""
    site.slow_page_delay = 0.4
    url = "https://news.example.org/polite"
    store_article(store, url, [site.url(f"/slow/p{n}") for n in range(6)])
    reader = Reader(store)
    reading = reader.fetch_pictures(reader.cached(url))
    assert [p.problem for p in reading.pictures] == ["not an image"] * 6  # pages, not pictures
    assert site.peak_slow == 2


def test_a_retry_after_is_honoured_once(site: FixtureSite, store: Store) -> None:
    url = "https://news.example.org/retry"
    src = site.url("/retry-after/1/again")
    store_article(store, url, [src])
    reader = Reader(store)
    reading = reader.fetch_pictures(reader.cached(url))
    assert site.paths_requested() == ["/retry-after/1/again"] * 2
    assert [p.problem for p in reading.pictures] == ["not an image"]  # the page that came next


def test_when_the_article_changes_its_pictures_follow_it(site: FixtureSite, store: Store) -> None:
    first, second, third = (
        site.add(f"/img/{name}.png", png(30 + n, 20), Content_Type="image/png")
        for n, name in enumerate(("first", "second", "third"))
    )
    url = "https://news.example.org/changed"
    store_article(store, url, [first, second])
    reader = Reader(store)
    reader.fetch_pictures(reader.cached(url))
    store_article(store, url, [third, first], title="Changed")  # second gone, third first
    site.requests.clear()
    reading = reader.fetch_pictures(reader.cached(url))
    assert [p.url for p in reading.pictures] == [third, first]
    assert image_requests(site) == ["/img/third.png"]  # first was kept: not asked again
    assert store.picture_data(url, second) is None


def test_the_pictures_the_extractor_finds_are_fetched_lead_first(
    site: FixtureSite, store: Store
) -> None:
    data = {"first.jpg": jpeg(64, 48), "second.png": png(50, 40), "third.png": png(70, 30)}
    for name, body in data.items():
        kind = "image/jpeg" if name.endswith(".jpg") else "image/png"
        site.add(f"/img/{name}", body, Content_Type=kind)
    words = "<p>The harbour master kept a careful log of every vessel that came in.</p>" * 6
    figures = "".join(
        f"<figure><img src='/img/{name}' alt='{name}'><figcaption>About {name}</figcaption>"
        f"</figure>{words}"
        for name in data
    )
    url = site.add(
        "/figures.html",
        "<!doctype html><html><head><title>Figures</title></head><body><article>"
        f"<h1>Figures</h1>{words}{figures}</article></body></html>",
    )
    Prefetcher(Reader(store)).run([url])
    reading = Reader(store).open(url, offline=True)
    article = reading.article
    assert article.lead_image is not None  # the first figure leads
    srcs = [article.lead_image.url, *(image.url for image in article.images)]
    assert srcs == [site.url(f"/img/{name}") for name in data]
    assert [(p.url, p.size) for p in reading.pictures] == [
        (site.url(f"/img/{name}"), len(body)) for name, body in data.items()
    ]
