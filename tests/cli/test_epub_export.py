"""`tuireader export --format epub`: real stores in tmp_path, pictures fetched from 127.0.0.1 into
the cache first, the book read back with zipfile and parsed strictly as XML."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import IO

import pytest
from lxml import etree

from support.cli_runner import run_in_process
from support.fixture_site import FixtureSite
from support.picture_files import SVG, gif_pixel, jpeg, png, store_article
from support.pty_session import PtySession
from tuireader.body import article_body
from tuireader.body.quotes import Body, Place
from tuireader.cache import SavedRow, Store
from tuireader.models import Article, Highlight, Page, PageInfo, Picture
from tuireader.reading.reader import Reader

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
}
STRICT = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
SITE = "https://news.example.org"
PARAGRAPHS = (
    "The harbour master kept a careful log of every vessel that came in.\n\n"
    "Fog rolled over the quay by the afternoon, and the ferries waited."
)


def tuireader(*args: str, cache_dir: Path) -> tuple[int, str, str]:
    done = run_in_process("export", "--format", "epub", *args, cache_dir=cache_dir)
    return done.returncode, done.stdout, done.stderr


def keep(store: Store, path: str, title: str, fetched_at: str, markdown: str = PARAGRAPHS) -> str:
    url = f"{SITE}{path}"
    article = Article(
        title=title, byline="Jane Doe", published="2024-12-05", markdown=markdown, lang="en"
    )
    info = PageInfo(url, url, content_type="text/plain", fetched_at=fetched_at)
    store.save(Page(info, markdown), article)
    return url


def a_library(cache_dir: Path) -> dict[str, str]:
    """Four cached articles (fetched a day apart) and one saved URL not fetched yet."""
    store = Store.in_directory(cache_dir)
    urls = {
        name: keep(store, f"/{name}", f"The {name} story", f"2026-01-0{n + 1}T00:00:00+00:00")
        for n, name in enumerate(("sea", "starred", "plain", "tagged"))
    }
    urls["later"] = f"{SITE}/later"
    store.save_urls(
        [
            SavedRow(urls["sea"], tags=("sea",), saved_at="2026-02-01T00:00:00+00:00"),
            SavedRow(urls["starred"], state="archived", starred=True),
            SavedRow(urls["later"], "Not fetched", saved_at="2026-02-02T00:00:00+00:00"),
        ]
    )
    store.retag(urls["tagged"], ["sea", "long"])
    store.close()
    return urls


def read_book(path: Path) -> tuple[zipfile.ZipFile, etree._Element]:
    archive = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    assert archive.namelist()[0] == "mimetype"
    assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED
    for name in archive.namelist():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            etree.fromstring(archive.read(name), STRICT)  # strict: raises on any error
    return archive, etree.fromstring(archive.read("OEBPS/content.opf"), STRICT)


def titles(path: Path) -> list[str]:
    archive, _ = read_book(path)
    nav = etree.fromstring(archive.read("OEBPS/nav.xhtml"), STRICT)
    return [a.text for a in nav.xpath("//x:nav//x:a", namespaces=NS)]


def page(archive: zipfile.ZipFile, n: int = 1) -> etree._Element:
    return etree.fromstring(archive.read(f"OEBPS/a{n:04d}.xhtml"), STRICT)


def test_every_cached_article_newest_first_then_each_selector(
    cache_dir: Path, tmp_path: Path
) -> None:
    urls = a_library(cache_dir)
    book = tmp_path / "all.epub"
    code, out, err = tuireader("-o", str(book), cache_dir=cache_dir)
    assert (code, out) == (0, "")
    assert err.startswith(f"wrote 4 articles (0 pictures) to {book}, ") and err.endswith(" KiB\n")
    assert titles(book) == [
        "The tagged story",
        "The plain story",
        "The starred story",
        "The sea story",
    ]
    cases = {
        ("--unread",): ["The sea story"],
        ("--starred",): ["The starred story"],
        ("--tag", "sea"): ["The sea story", "The tagged story"],
        ("--tag", "sea", "--tag", "long"): ["The tagged story"],
        ("--tag", "sea", "--unread"): ["The sea story"],
        (urls["plain"], urls["sea"], urls["plain"]): ["The plain story", "The sea story"],
    }
    for args, expected in cases.items():
        code, _, err = tuireader(*args, "-o", str(book), cache_dir=cache_dir)
        assert code == 0, (args, err)
        assert titles(book) == expected, args
    code, _, err = tuireader("--unread", "-o", str(book), cache_dir=cache_dir)
    assert err.endswith("; 1 not cached yet, left out\n")  # the saved URL not fetched yet
    code, _, _ = tuireader(urls["plain"], "-o", str(book), cache_dir=cache_dir)
    _, opf = read_book(book)
    assert opf.xpath(
        "//dc:title/text()", namespaces={"dc": "http://purl.org/dc/elements/1.1/"}
    ) == ["The plain story"]


def test_errors_are_one_line_and_leave_no_file(cache_dir: Path, tmp_path: Path) -> None:
    urls = a_library(cache_dir)
    book = tmp_path / "book.epub"
    book.write_bytes(b"an older book")
    cases = [
        ((), 2, "tuireader: --format epub writes a binary file: name it with -o FILE\n"),
        (
            ("--tag", " #", "-o", str(book)),
            2,
            "tuireader: --tag needs a name: an empty tag is no tag\n",
        ),
        (
            (urls["sea"], "--tag", "sea", "-o", str(book)),
            2,
            "tuireader: give URLs or --tag, --unread, --starred, not both\n",
        ),
        (
            (urls["sea"], urls["later"], f"{SITE}/nowhere", "-o", str(book)),
            1,
            f"tuireader: {urls['later']} is not in the cache (and 1 more): nothing written\n",
        ),
        (
            ("--tag", "nothing", "-o", str(book)),
            1,
            "tuireader: no cached articles in #nothing to export: nothing written\n",
        ),
        (
            ("-o", str(tmp_path)),
            1,
            f"tuireader: {tmp_path} is a directory: give a file name to write\n",
        ),
    ]
    for args, status, message in cases:
        code, out, err = tuireader(*args, cache_dir=cache_dir)
        assert (code, out, err) == (status, "", message), args
    assert book.read_bytes() == b"an older book"  # untouched by every failure
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub", "cache", "home"]
    done = run_in_process("export", "--format", "csv", "--unread", cache_dir=cache_dir)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "choose articles for --format epub" in done.stderr


def test_pictures_come_from_the_cache_and_highlights_are_marked(
    site: FixtureSite, cache_dir: Path, tmp_path: Path
) -> None:
    from PIL import Image as PILImage

    webp = io.BytesIO()
    PILImage.new("RGB", (30, 20), (10, 200, 10)).save(webp, "WEBP")
    lead_bytes, figure_bytes = jpeg(64, 48), png(40, 30)
    srcs = [
        site.add("/fig.png", figure_bytes, Content_Type="image/png"),
        site.add("/photo.webp", webp.getvalue(), Content_Type="image/webp"),
        site.add("/drawing.svg", SVG, Content_Type="image/svg+xml"),
        site.url("/missing.png"),  # 404
        site.add("/pixel.gif", gif_pixel(), Content_Type="image/gif"),  # a tracking pixel
    ]
    url = "https://news.example.org/pictures"
    store = Store.in_directory(cache_dir)
    lead = site.add("/lead.jpg", lead_bytes, Content_Type="image/jpeg")
    article = store_article(store, url, srcs, lead=lead, title="Pictures & <things>")
    reader = Reader(store)
    reader.fetch_pictures(reader.cached(url))
    pixel = Picture(srcs[-1], "image/gif", 1, 1, len(gif_pixel()), "a tracking pixel")
    store.save_pictures(url, [(pixel, gif_pixel(), 5)])  # bytes kept, judged not to show
    texts = [block.text for block in article_body(article).blocks]
    passage = Body(texts).quote(Place(0, 4, 0, 24))
    store.add_highlight(Highlight(0, url, *passage, note="Who <kept> it?"))
    store.add_highlight(Highlight(0, url, "a sentence since removed", note="gone"))
    store.close()
    site.stop()  # the export asks nothing of the network
    book = tmp_path / "pictures.epub"
    code, _, err = tuireader(url, "-o", str(book), cache_dir=cache_dir)
    assert code == 0 and err.startswith(
        f"wrote 1 article (3 pictures, 1 highlight, 1 no longer in their article) to {book}, "
    )
    archive, opf = read_book(book)
    items = {
        item.get("href"): item.get("media-type")
        for item in opf.xpath("//opf:manifest/opf:item", namespaces=NS)
    }
    images = {href: kind for href, kind in items.items() if kind.startswith("image/")}
    assert sorted(images.values()) == ["image/jpeg", "image/jpeg", "image/png"]  # webp: jpeg
    chapter = page(archive)
    sources = chapter.xpath("//x:img/@src", namespaces=NS)
    assert len(sources) == 3 and set(sources) == set(images)
    assert archive.read(f"OEBPS/{sources[0]}") == lead_bytes  # the lead first, as it came
    assert archive.read(f"OEBPS/{sources[1]}") == figure_bytes
    shown = chapter.xpath("//x:p[@class='image']/text()", namespaces=NS)
    assert shown == ["[image: figure 2]", "[image: figure 3]", "[image: figure 4]"]  # their alt
    assert chapter.xpath("//x:h1/text()", namespaces=NS) == ["Pictures & <things>"]
    assert chapter.xpath("//x:mark/text()", namespaces=NS)[0] == passage.exact
    assert chapter.xpath("//x:aside[@epub:type='footnote']//text()", namespaces=NS)[-1] == (
        " Who <kept> it?"
    )
    gone = chapter.xpath("//x:section[@class='gone']//x:mark/text()", namespaces=NS)
    assert gone == ["a sentence since removed"]


def test_hostile_page_text_is_escaped_through_the_whole_export(
    cache_dir: Path, tmp_path: Path
) -> None:
    hostile = "<script>alert(1)</script> & ]]> \x1b[2J <img src=x onerror=y> &lt;"
    store = Store.in_directory(cache_dir)
    url = keep(store, "/hostile", hostile, "2026-01-01T00:00:00+00:00", f"{hostile}\n\nmore")
    store.close()
    book = tmp_path / "hostile.epub"
    code, _, _ = tuireader(url, "-o", str(book), cache_dir=cache_dir)
    archive, _ = read_book(book)
    chapter = page(archive)
    assert code == 0
    assert chapter.xpath("//x:script | //@onerror | //x:img", namespaces=NS) == []
    assert "\x1b" not in archive.read("OEBPS/a0001.xhtml").decode()
    assert chapter.xpath("//x:h1/text()", namespaces=NS) == [
        "<script>alert(1)</script> & ]]> [2J <img src=x onerror=y> &lt;"
    ]
    body = chapter.xpath("//x:section/x:p[not(@class)]/text()", namespaces=NS)
    assert body == ["<script>alert(1)</script> & ]]> [2J <img src=x onerror=y> <", "more"]


@pytest.mark.subprocess
def test_a_progress_bar_on_a_terminal_and_none_in_a_pipe(cache_dir: Path, tmp_path: Path) -> None:
    store = Store.in_directory(cache_dir)
    for n in range(30):
        keep(store, f"/{n}", f"Story {n}", f"2026-01-01T00:00:{n:02d}+00:00")
    store.close()
    book = tmp_path / "bar.epub"
    terminal = PtySession("export", "--format", "epub", "-o", str(book), cache_dir=cache_dir)
    terminal.wait_for(f"wrote 30 articles (0 pictures) to {book}")
    assert terminal.finish() == 0
    assert "[####################] 30/30 articles" in terminal.text
    code, _, err = tuireader("-o", str(book), cache_dir=cache_dir)
    assert code == 0 and err.count("\n") == 1 and "articles" not in err.split("wrote")[0]


def test_a_book_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    from tuireader.cli.whole_file import write_whole

    (tmp_path / "books").mkdir()
    book = tmp_path / "books" / "book.epub"
    book.write_bytes(b"the book before")

    def half_then_stopped(stream: IO[bytes]) -> None:
        stream.write(b"half a book")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_whole(book, half_then_stopped)
    assert book.read_bytes() == b"the book before"
    assert [p.name for p in book.parent.iterdir()] == ["book.epub"]  # no temporary file left
    assert write_whole(book, lambda stream: stream.write(b"a new book")) == len(b"a new book")
    assert book.read_bytes() == b"a new book"
