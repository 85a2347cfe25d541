"""EPUB chapters of any article: whatever the page's Markdown, fields, highlights and notes hold,
every file of the book parses strictly as XML, nothing in it can run, and the words stay."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from support.fuzz_settings import fuzz_settings
from support.hostile_strategies import ARTICLES, TEXT, URLS
from tuireader.body.parse import parse_markdown
from tuireader.body.quotes import Body, Place
from tuireader.formatting import byline_line, caption_line
from tuireader.interchange.epub import BookWriter
from tuireader.interchange.epub_chapter import Chapter, Gone, Mark
from tuireader.models import Article

pytestmark = pytest.mark.fuzz

STRICT = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
XHTML = "{http://www.w3.org/1999/xhtml}"


@st.composite
def places(draw: st.DrawFn, texts: list[str]) -> Place:
    """A place anywhere in the blocks, across blocks too, possibly past a block's end."""
    first = draw(st.integers(0, len(texts) - 1))
    last = draw(st.integers(first, len(texts) - 1))
    start = draw(st.integers(0, len(texts[first])))
    end = draw(st.integers(0 if last > first else start, len(texts[last]) + 2))
    return Place(first, start, last, end)


@fuzz_settings(100)
@given(ARTICLES, URLS, st.data())
def test_any_article_makes_a_well_formed_chapter(
    article: Article, url: str, data: st.DataObject
) -> None:
    body = parse_markdown(article.markdown)
    texts = [block.text for block in body.blocks]
    marks: list[Mark] = []
    if texts:
        for _ in range(data.draw(st.integers(0, 4))):
            place = data.draw(places(texts))
            located = (
                Body(texts).locate(Body(texts).quote(place))
                if place.end <= len(texts[place.last])
                else place
            )
            marks.append(Mark(located or place, data.draw(TEXT)))
    chapter = Chapter(
        url=url,
        title=article.title,
        byline=byline_line(article),
        language=article.lang,
        caption=caption_line(article),
        credits=(article.site_name,),
        lead=article.lead_image,
        body=body,
        pictures={article.lead_image.url: "i0001.png"} if article.lead_image else {},
        marks=tuple(marks),
        gone=(Gone(data.draw(TEXT), data.draw(TEXT)),),
    )
    stream = io.BytesIO()
    writer = BookWriter(stream, article.title)
    writer.add(chapter)
    writer.finish()
    archive = zipfile.ZipFile(stream)
    for name in archive.namelist():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            etree.fromstring(archive.read(name), STRICT)
    page = etree.fromstring(archive.read("OEBPS/a0001.xhtml"), STRICT)
    tags = {element.tag for element in page.iter() if isinstance(element.tag, str)}
    assert not tags & {f"{XHTML}script", f"{XHTML}iframe", f"{XHTML}object", f"{XHTML}embed"}
    assert all(not name.startswith("on") for element in page.iter() for name in element.attrib)
    hrefs = [element.get("href", "") for element in page.iter(f"{XHTML}a")]
    assert all(href.startswith(("https://", "http://", "#")) for href in hrefs), hrefs
    for element in page.xpath("//*[@class='noteref' or @class='note']"):
        parent = element.getparent()
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + (element.tail or "")
        else:
            parent.text = (parent.text or "") + (element.tail or "")
        parent.remove(element)
    shown = " ".join("".join(page.itertext()).split())
    for text in texts:
        for word in text.split()[:3]:
            assert word in shown
