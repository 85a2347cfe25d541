"""One article as an EPUB chapter: an XHTML document built from the parsed body, as plain data in.

Page text is data: every text and attribute is escaped, the characters XML 1.0 forbids (and the
controls textsafe removes everywhere) are dropped, only http(s) links stay links, and pictures
are the book's own files: nothing is fetched when the book is read and nothing can run.

The body's blocks are flat (a list item knows its depth, a paragraph how many quotes hold it),
so the lists and quotes are rebuilt around them: quotes outside lists, which is how pages nest
them nearly always. Highlights come as places in the blocks' texts (`Block.text`, the basis
body.quotes works in) and are drawn as `<mark>`, their notes as EPUB footnotes after the block
where the passage ends.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple
from urllib.parse import quote

from tuireader.body.model import Block, Document, Run
from tuireader.body.quotes import Place
from tuireader.models import Image
from tuireader.textsafe import clean_text, clip_url
from tuireader.urls import is_followable

XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
STYLESHEET = "style.css"
GONE_HEADING = "Highlights no longer in the article"
NO_TEXT = "No article text was found on this page."
# XML 1.0 forbids these beside the controls clean_text removes; U+FFFE and U+FFFF are no characters.
_NOT_XML = re.compile("[\ufffe\uffff]")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_URL_SAFE = "/:?@!$&'()*+,;=~-._%[]"
_ORDERED = re.compile(r"(\d{1,9})[.)] ")


class Mark(NamedTuple):
    """A highlight found in the body: where its passage stands, and its note ("" none)."""

    place: Place
    note: str = ""


class Gone(NamedTuple):
    """A highlight whose passage is no longer in the article: its words and its note."""

    exact: str
    note: str = ""


class Chapter(NamedTuple):
    """What a chapter shows of an article, ready made: nothing here reads a store."""

    url: str  # where it came from, shown as a link
    title: str
    byline: str = ""  # "By Jane Doe · December 5, 2024"
    language: str = ""  # BCP 47, "" unknown
    caption: str = ""  # the lead image's caption and credit as one line
    credits: tuple[str, ...] = ()
    lead: Image | None = None
    body: Document = Document()
    pictures: Mapping[str, str] = {}  # a picture's URL in the article -> its file in the book
    marks: tuple[Mark, ...] = ()
    gone: tuple[Gone, ...] = ()


def text(value: str) -> str:
    """`value` as XHTML character data."""
    return html.escape(xml_clean(value), quote=False)


def attr(value: str) -> str:
    """`value` as a double-quoted XHTML attribute's value."""
    return html.escape(xml_clean(value), quote=True)


def xml_clean(value: str) -> str:
    return _NOT_XML.sub("", clean_text(value))


def href(url: str) -> str:
    """An http(s) URL as a valid URI for an href: spaces, non-ASCII and stray % encoded."""
    base, hash_, fragment = url.partition("#")
    encoded = quote(_BAD_PERCENT.sub("%25", base), safe=_URL_SAFE)
    if hash_:
        encoded += "#" + quote(_BAD_PERCENT.sub("%25", fragment), safe=_URL_SAFE)
    return attr(encoded)


def language_tag(value: str) -> str:
    """`value` as a well-formed BCP 47 tag ("en_US" -> "en-US"), or "" when it is none."""
    tag = value.strip().replace("_", "-")
    return tag if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,6}", tag) else ""


def chapter_xhtml(chapter: Chapter) -> str:
    """The chapter as a complete XHTML document (UTF-8, declared)."""
    lang = language_tag(chapter.language)
    langs = f' lang="{lang}" xml:lang="{lang}"' if lang else ""
    title = chapter.title or chapter.url
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n',
        f'<html xmlns="{XHTML_NS}" xmlns:epub="{OPS_NS}"{langs}>\n',
        f'<head>\n<meta charset="utf-8"/>\n<title>{text(title)}</title>\n',
        f'<link rel="stylesheet" type="text/css" href="{STYLESHEET}"/>\n</head>\n',
        '<body>\n<section epub:type="chapter">\n<header>\n',
        f"<h1>{text(title)}</h1>\n",
    ]
    if chapter.byline:
        out.append(f'<p class="byline">{text(chapter.byline)}</p>\n')
    shown = text(clip_url(chapter.url))
    if is_followable(chapter.url):
        shown = f'<a href="{href(chapter.url)}">{shown}</a>'
    out.append(f'<p class="source">{shown}</p>\n')
    out.append("</header>\n")
    out.append(_lead(chapter))
    out.append(_Body(chapter).render() or f'<p class="empty">{NO_TEXT}</p>\n')
    if chapter.credits:
        items = "".join(f"<li>{text(credit)}</li>\n" for credit in chapter.credits)
        out.append(f'<section class="credits">\n<h2>Credits</h2>\n<ul>\n{items}</ul>\n</section>\n')
    if chapter.gone:
        out.append(_gone(chapter.gone))
    out.append("</section>\n</body>\n</html>\n")
    return "".join(out)


def _lead(chapter: Chapter) -> str:
    lead = chapter.lead
    file = chapter.pictures.get(lead.url) if lead is not None else None
    caption = f"<figcaption>{text(chapter.caption)}</figcaption>\n" if chapter.caption else ""
    if lead is not None and file:
        return (
            f'<figure class="lead">\n<img src="{attr(file)}" alt="{attr(lead.alt)}"/>\n'
            f"{caption}</figure>\n"
        )
    return f'<p class="caption">{text(chapter.caption)}</p>\n' if chapter.caption else ""


def _gone(gone: Sequence[Gone]) -> str:
    out = [f'<section class="gone">\n<h2>{GONE_HEADING}</h2>\n']
    for item in gone:
        out.append(f"<blockquote>\n<p><mark>{text(item.exact)}</mark></p>\n")
        if item.note:
            out.append(f'<p class="note">{text(item.note)}</p>\n')
        out.append("</blockquote>\n")
    out.append("</section>\n")
    return "".join(out)


class _Highlights:
    """The marks of a body by block: ranges to draw as <mark>, notes to refer to at an offset."""

    def __init__(self, blocks: Sequence[Block], marks: Sequence[Mark]) -> None:
        self.ranges: dict[int, list[tuple[int, int]]] = {}
        self.refs: dict[int, dict[int, list[int]]] = {}  # block -> offset -> note numbers
        self.notes: dict[int, list[tuple[int, str]]] = {}  # block -> (number, note) after it
        number = 0
        for mark in sorted(marks, key=lambda m: (m.place.first, m.place.start)):
            place = mark.place
            if not 0 <= place.first <= place.last < len(blocks):
                continue
            for index in range(place.first, place.last + 1):
                start = place.start if index == place.first else 0
                end = place.end if index == place.last else len(blocks[index].text)
                self.ranges.setdefault(index, []).append((start, end))
            if mark.note.strip():
                number += 1
                at = self.refs.setdefault(place.last, {}).setdefault(place.end, [])
                at.append(number)
                self.notes.setdefault(place.last, []).append((number, mark.note))


class _Body:
    """The body's blocks as XHTML, the lists and quotes around them rebuilt."""

    def __init__(self, chapter: Chapter) -> None:
        self.chapter = chapter
        self.links = chapter.body.links
        self.marks = _Highlights(chapter.body.blocks, chapter.marks)
        self.out: list[str] = []
        self.quotes = 0
        self.lists: list[str] = []  # the open lists' tags ("ul", "ol"), each with an open <li>
        self.group = 0
        self.referred: set[int] = set()  # notes whose reference is in the text

    def render(self) -> str:
        for index, block in enumerate(self.chapter.body.blocks):
            self._nest(block)
            self.out.append(self._block(index, block))
            for number, note in self.marks.notes.get(index, ()):
                back = f'<a href="#ref-{number}">{number}.</a>'
                if number not in self.referred:  # its passage ends where no text is drawn
                    back = f"{number}."
                self.out.append(
                    f'<aside epub:type="footnote" id="note-{number}" class="note">'
                    f"<p>{back} {text(note)}</p></aside>\n"
                )
        self._close_lists(0)
        self._close_quotes(0)
        return "".join(self.out)

    def _nest(self, block: Block) -> None:
        if block.quote != self.quotes or (self.lists and block.group != self.group):
            self._close_lists(0)
        self._close_quotes(block.quote)
        while self.quotes < block.quote:
            self.out.append("<blockquote>\n")
            self.quotes += 1
        self._close_lists(block.depth)
        ordered = _ORDERED.match(block.marker)
        tag = "ol" if ordered else "ul"
        if block.marker and self.lists and len(self.lists) == block.depth:
            if self.lists[-1] == tag:
                self.out.append("</li>\n<li>")
            else:
                self._close_lists(block.depth - 1)
        while len(self.lists) < block.depth:
            last = len(self.lists) == block.depth - 1
            this = tag if last and block.marker else "ul"
            start = f' start="{int(ordered.group(1))}"' if last and ordered else ""
            self.out.append(f"<{this}{start}>\n<li>")
            self.lists.append(this)
        self.group = block.group

    def _close_lists(self, depth: int) -> None:
        while len(self.lists) > max(depth, 0):
            self.out.append(f"</li>\n</{self.lists.pop()}>\n")

    def _close_quotes(self, level: int) -> None:
        while self.quotes > level:
            self.out.append("</blockquote>\n")
            self.quotes -= 1

    def _block(self, index: int, block: Block) -> str:
        kind = block.kind
        if kind == "rule":
            return "<hr/>\n"
        if kind == "image":
            return self._image(block)
        if kind == "table":
            return self._table(index, block)
        runs = self._runs(index, block.runs, 0, in_code=kind == "code")
        if kind == "heading":
            level = min(max(block.level, 2), 6)  # the h1 is the title
            return f"<h{level}>{runs}</h{level}>\n"
        if kind == "code":
            return f"<pre><code>{runs}</code></pre>\n"
        return f"<p>{runs}</p>\n"

    def _image(self, block: Block) -> str:
        alt = "".join(run.text for run in block.runs)
        file = self.chapter.pictures.get(block.src)
        if file:
            return f'<figure>\n<img src="{attr(file)}" alt="{attr(alt)}"/>\n</figure>\n'
        return f'<p class="image">[image{": " if alt else ""}{text(alt)}]</p>\n'

    def _table(self, index: int, block: Block) -> str:
        out = ["<table>\n"]
        offset = 0
        for number, row in enumerate(block.rows):
            cell_tag = "th" if number == 0 else "td"
            if number == 0:
                out.append("<thead>\n")
            elif number == 1:
                out.append("<tbody>\n")
            out.append("<tr>")
            for cell in row:
                runs = self._runs(index, cell, offset, in_code=False)
                out.append(f"<{cell_tag}>{runs}</{cell_tag}>")
                offset += sum(len(run.text) for run in cell) + 1  # the tab or newline after it
            out.append("</tr>\n")
            if number == 0:
                out.append("</thead>\n")
        if len(block.rows) > 1:
            out.append("</tbody>\n")
        out.append("</table>\n")
        return "".join(out)

    def _runs(self, index: int, runs: Sequence[Run], start: int, *, in_code: bool) -> str:
        """The runs from offset `start` of block `index`'s text, marked and referred to."""
        ranges = self.marks.ranges.get(index, [])
        refs = self.marks.refs.get(index, {})
        out: list[str] = []
        position = start
        for run in runs:
            end = position + len(run.text)
            cuts = {position, end}
            for low, high in ranges:
                cuts.update(point for point in (low, high) if position < point < end)
            cuts.update(point for point in refs if position < point < end)
            points = sorted(cuts)
            for low, high in itertools.pairwise(points):
                piece = run.text[low - position : high - position]
                marked = any(a <= low and high <= b for a, b in ranges)
                out.append(self._piece(run, piece, marked, in_code))
                out.append(self._refs(refs.get(high, ())))
            position = end
        return "".join(out)

    def _refs(self, numbers: Sequence[int]) -> str:
        self.referred.update(numbers)
        return "".join(
            f'<a epub:type="noteref" href="#note-{n}" id="ref-{n}" class="noteref">{n}</a>'
            for n in numbers
        )

    def _piece(self, run: Run, piece: str, marked: bool, in_code: bool) -> str:
        if piece == "\n" and not in_code:
            return "<br/>"
        body = text(piece)
        if marked:
            body = f"<mark>{body}</mark>"
        if run.code and not in_code:
            body = f"<code>{body}</code>"
        if run.strike:
            body = f"<s>{body}</s>"
        if run.italic:
            body = f"<em>{body}</em>"
        if run.bold:
            body = f"<strong>{body}</strong>"
        link = self.links.get(run.link) if run.link is not None else None
        if link is not None and is_followable(link.url) and not in_code:
            body = f'<a href="{href(link.url)}">{body}</a>'
        return body
