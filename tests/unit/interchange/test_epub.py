"""The EPUB writer on plain data: the container, the package document, every XHTML file parsed
strictly as XML, hostile page text kept as text, highlights as <mark> with their notes."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

import pytest
from lxml import etree

from support.picture_files import gif_pixel, jpeg, png
from tuireader.body.model import Block, BodyLink, Document, Run
from tuireader.body.parse import parse_markdown
from tuireader.body.quotes import Body, Place
from tuireader.interchange.epub import BookWriter
from tuireader.interchange.epub_chapter import Chapter, Gone, Mark
from tuireader.models import Image

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
HOSTILE = "<script>alert(1)</script> & ]]> <b>bold?</b> \x01\x1b[31mred\x9b \ufffe&amp; end"
HOSTILE_SHOWN = "<script>alert(1)</script> & ]]> <b>bold?</b> [31mred &amp; end"
STRICT = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)


def book(*chapters: Chapter, pictures: list[tuple[bytes, str]] | None = None) -> bytes:
    stream = io.BytesIO()
    writer = BookWriter(stream, "A book", modified=datetime(2026, 12, 6, 15, 0, tzinfo=UTC))
    for data, kind in pictures or []:
        writer.add_picture(data, kind)
    for chapter in chapters:
        writer.add(chapter)
    writer.finish()
    return stream.getvalue()


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, STRICT)


def package(archive: zipfile.ZipFile) -> etree._Element:
    container = xml(archive.read("META-INF/container.xml"))
    path = container.xpath("//c:rootfile/@full-path", namespaces=NS)[0]
    return xml(archive.read(path))


def chapter_of(archive: zipfile.ZipFile, n: int = 1) -> etree._Element:
    return xml(archive.read(f"OEBPS/a{n:04d}.xhtml"))


def plain(element: etree._Element) -> str:
    return "".join(element.itertext())


def test_the_container_the_package_and_every_file_are_what_epub_3_asks_for() -> None:
    chapters = [
        Chapter(url=f"https://example.org/{n}", title=f"Story {n}", language="en_GB")
        for n in range(3)
    ]
    pictures = [(png(), "image/png"), (jpeg(), "image/jpeg"), (png(), "image/png")]
    archive = zipfile.ZipFile(io.BytesIO(book(*chapters, pictures=pictures)))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert first.extra == b"" and archive.read("mimetype") == b"application/epub+zip"
    opf = package(archive)
    assert opf.get("version") == "3.0"
    identifier = opf.xpath("//dc:identifier", namespaces=NS)[0]
    assert opf.get("unique-identifier") == identifier.get("id")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier.text)
    assert opf.xpath("//dc:title/text()", namespaces=NS) == ["A book"]
    assert opf.xpath("//dc:language/text()", namespaces=NS) == ["en-GB"]
    modified = opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2026-12-06T15:00:00Z"]
    items = {
        item.get("href"): (item.get("id"), item.get("media-type"))
        for item in opf.xpath("//opf:manifest/opf:item", namespaces=NS)
    }
    in_zip = {
        name.removeprefix("OEBPS/") for name in archive.namelist() if name.startswith("OEBPS/")
    }
    assert set(items) == in_zip - {"content.opf"}  # the manifest names every file, no more
    assert items["i0001.png"][1] == "image/png" and items["i0002.jpg"][1] == "image/jpeg"
    assert "i0003.png" not in items  # the same bytes are kept once
    spine = opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
    assert spine == ["nav", "a0001", "a0002", "a0003"]
    nav = opf.xpath("//opf:item[@properties='nav']/@href", namespaces=NS)
    toc = xml(archive.read(f"OEBPS/{nav[0]}"))
    links = toc.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)
    assert [(a.get("href"), a.text) for a in links] == [
        (f"a{n + 1:04d}.xhtml", f"Story {n}") for n in range(3)
    ]
    assert chapter_of(archive).xpath("//x:p[@class='empty']/text()", namespaces=NS) == [
        "No article text was found on this page."
    ]
    for name in archive.namelist():  # every XML file of the book parses strictly
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            xml(archive.read(name))


def test_hostile_page_text_stays_text_everywhere() -> None:
    markdown = (
        f"{HOSTILE}\n\n[a {HOSTILE}](javascript:alert(1)) and "
        "[safe](<https://ok.example/a b?c=1&d=é>)"
        f"\n\n```\n{HOSTILE}\n```\n\n| {HOSTILE} | x |\n|---|---|\n| y | z |\n"
    )
    chapter = Chapter(
        url="https://example.org/a?b=1&c=<2>",
        title=HOSTILE,
        byline=HOSTILE,
        language='en" onload="x',
        caption=HOSTILE,
        credits=(HOSTILE,),
        lead=Image(url="https://example.org/lead.png", alt=HOSTILE),
        body=parse_markdown(markdown),
        pictures={"https://example.org/lead.png": "i0001.png"},
        marks=(Mark(Place(0, 0, 0, 8), note=HOSTILE),),
        gone=(Gone(HOSTILE, HOSTILE),),
    )
    data = book(chapter, pictures=[(png(), "image/png")])
    archive = zipfile.ZipFile(io.BytesIO(data))
    raw = archive.read("OEBPS/a0001.xhtml")
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw)
    assert "\ufffe".encode() not in raw and "\x9b".encode() not in raw
    page = chapter_of(archive)
    assert page.xpath("//x:script | //x:b | //@onload", namespaces=NS) == []
    assert page.xpath("//x:h1", namespaces=NS)[0].text == HOSTILE_SHOWN
    assert plain(page.xpath("//x:p[@class='byline']", namespaces=NS)[0]) == HOSTILE_SHOWN
    assert page.xpath("//x:img/@alt", namespaces=NS) == [HOSTILE_SHOWN]
    assert page.get("lang") is None  # not a language tag: left out
    hrefs = page.xpath("//x:a/@href", namespaces=NS)
    assert not any(href.startswith("javascript") for href in hrefs)
    assert "https://ok.example/a%20b?c=1&d=%C3%A9" in hrefs
    assert "https://example.org/a?b=1&c=%3C2%3E" in hrefs
    assert HOSTILE_SHOWN in plain(page.xpath("//x:pre", namespaces=NS)[0])
    cell = plain(page.xpath("//x:th", namespaces=NS)[0])
    assert "<script>alert(1)</script> & ]]> <b>bold?</b> [31mred" in cell
    assert plain(page.xpath("//x:aside", namespaces=NS)[0]).endswith(HOSTILE_SHOWN)
    title = xml(archive.read("OEBPS/nav.xhtml")).xpath("//x:nav//x:a", namespaces=NS)[0]
    assert title.text == HOSTILE_SHOWN


def test_highlights_are_marked_across_blocks_with_their_notes_as_footnotes() -> None:
    body = parse_markdown(
        "The *harbour* master kept a log.\n\nEvery vessel that came in was [named](https://ex.org/n)."
        "\n\n- one item\n- two items"
    )
    texts = [block.text for block in body.blocks]
    across = Body(texts).locate(Body(texts).quote(Place(0, 4, 1, 17)))
    assert across is not None
    start = texts[1].index("named")
    inside_link = Place(1, start, 1, start + 4)  # "name" of "named", inside the link
    chapter = Chapter(
        url="https://example.org/log",
        title="Log",
        body=body,
        marks=(Mark(across, "the whole passage"), Mark(inside_link), Mark(Place(3, 0, 3, 3), "3")),
        gone=(Gone("words since removed", "why it mattered"),),
    )
    archive = zipfile.ZipFile(io.BytesIO(book(chapter)))
    page = chapter_of(archive)
    marked = [plain(mark) for mark in page.xpath("//x:mark", namespaces=NS)]
    gone_marks = page.xpath("//x:section[@class='gone']//x:mark", namespaces=NS)
    assert "".join(marked[: -len(gone_marks)]) == "harbour master kept a log.Every vessel that" + (
        "nametwo"
    )
    assert page.xpath("//x:em/x:mark/text()", namespaces=NS) == ["harbour"]  # inside the emphasis
    assert page.xpath("//x:a[@href='https://ex.org/n']/x:mark/text()", namespaces=NS) == ["name"]
    refs = page.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
    notes = page.xpath("//x:aside[@epub:type='footnote']", namespaces=NS)
    assert [ref.get("href") for ref in refs] == [f"#{note.get('id')}" for note in notes]
    assert [plain(note) for note in notes] == ["1. the whole passage", "2. 3"]
    assert plain(refs[0].getparent()).startswith("Every vessel that1")  # after the passage
    gone = page.xpath("//x:section[@class='gone']", namespaces=NS)[0]
    assert " ".join(plain(gone).split()) == (
        "Highlights no longer in the article words since removed why it mattered"
    )


def test_lists_quotes_code_tables_and_figures_keep_their_shape() -> None:
    body = parse_markdown(
        "## Part\n\n3. third\n4. fourth\n   - inner\n\n> quoted **bold**\n>\n> - listed in a quote"
        "\n\n```\ncode <x>\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n"
        "![a figure](<https://example.org/f.gif>)\n\n![not cached](<https://example.org/g.png>)"
    )
    chapter = Chapter(
        url="https://example.org/shape",
        title="Shape",
        body=body,
        pictures={"https://example.org/f.gif": "i0001.gif"},
    )
    page = chapter_of(
        zipfile.ZipFile(io.BytesIO(book(chapter, pictures=[(gif_pixel(), "image/gif")])))
    )
    assert page.xpath("//x:h2/text()", namespaces=NS) == ["Part"]
    ordered = page.xpath("//x:ol", namespaces=NS)[0]
    assert ordered.get("start") == "3"
    assert [plain(li).split()[0] for li in ordered.xpath("x:li", namespaces=NS)] == [
        "third",
        "fourth",
    ]
    assert ordered.xpath("x:li[2]/x:ul/x:li/x:p/text()", namespaces=NS) == ["inner"]
    quote = page.xpath("//x:blockquote", namespaces=NS)[0]
    assert quote.xpath("x:p/x:strong/text()", namespaces=NS) == ["bold"]
    assert quote.xpath("x:ul/x:li/x:p/text()", namespaces=NS) == ["listed in a quote"]
    assert page.xpath("//x:pre/x:code/text()", namespaces=NS) == ["code <x>"]
    assert page.xpath("//x:table/x:thead/x:tr/x:th/text()", namespaces=NS) == ["a", "b"]
    assert page.xpath("//x:table/x:tbody/x:tr/x:td/text()", namespaces=NS) == ["1", "2"]
    assert len(page.xpath("//x:hr", namespaces=NS)) == 1
    assert page.xpath("//x:figure/x:img/@src", namespaces=NS) == ["i0001.gif"]
    assert "[image: not cached]" in page.xpath("//x:p[@class='image']/text()", namespaces=NS)


def test_a_link_that_is_not_http_is_never_a_link_even_in_a_body_made_by_hand() -> None:
    body = Document(
        blocks=[Block("paragraph", [Run("run me", link=1), Run(" and "), Run("ok", link=2)])],
        links={
            1: BodyLink("javascript:alert(1)", "run me"),
            2: BodyLink("https://ok.example/", "ok"),
        },
    )
    page = chapter_of(
        zipfile.ZipFile(io.BytesIO(book(Chapter("https://example.org/", "t", body=body))))
    )
    paragraph = page.xpath("//x:section/x:p[not(@class)]", namespaces=NS)[0]
    assert plain(paragraph) == "run me and ok"
    assert paragraph.xpath("x:a/@href", namespaces=NS) == ["https://ok.example/"]


def test_a_picture_of_another_type_is_refused() -> None:
    writer = BookWriter(io.BytesIO(), "t")
    with pytest.raises(KeyError):
        writer.add_picture(b"<svg/>", "image/svg+xml")
