"""Article nodes -> Markdown and plain text, block by block, side by side.

Page text is escaped so it never turns into markup; only the structure the page really has
(headings, lists, quotes, emphasis, links, tables, code, figure captions) becomes Markdown.
Links become [text](url) only for http(s) URLs. Figure captions appear in the Markdown but
not in the plain text, which holds the article's own prose only; list items read "- " there,
as a list's numbers are its rendering, not words of the page. A figure's picture, or a picture
standing alone as a block, is a block of its own, `![alt](<url>)`, with no plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tuireader.extract.content import BLOCK_TAGS
from tuireader.extract.figures import caption_and_credit
from tuireader.extract.images import BodyImages, image_markdown
from tuireader.extract.links import LinkList, absolute_url, same_page, unfollowed_scheme
from tuireader.extract.parse import xml_safe
from tuireader.extract.textclean import escape_line_start, escape_markdown, invisible_free, squash
from tuireader.models import Image

_WS = re.compile(r"\s+")
_SPACES = re.compile(r"[ \t]{2,}")
_BACKTICKS = re.compile(r"`+")
_LANG_CLASS = re.compile(r"(?:^|\s)(?:language|lang)-([\w+#.-]{1,30})")
_EMPHASIS = frozenset(("em", "i", "cite", "dfn", "var"))
_STRONG = frozenset(("strong", "b"))
_CODE = frozenset(("code", "kbd", "samp", "tt"))
_LISTS = frozenset(("ul", "ol", "menu", "dir"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_LAYOUT_IN_CELL = ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//blockquote|.//pre|.//table"
_MAX_DEPTH = 120
_HEADING_WORDS = 40  # words: a longer "heading" is a paragraph styled big
_MAX_COLUMNS = 30


@dataclass(slots=True)
class Block:
    """One block of the body. Headings keep their inline Markdown; "#"s come at assembly."""

    kind: str  # paragraph, heading, list, quote, code, table, figure, rule, image
    markdown: str
    text: str
    level: int = 0
    origin: Any = None  # the element around the one this came from: repeats elsewhere go
    image: Image | None = None  # an image block's picture, for Article.images

    @property
    def italic(self) -> bool:
        md = self.markdown
        return md.startswith("*") and md.endswith("*") and not md.startswith("**")


def body_images(blocks: list[Block]) -> tuple[Image, ...]:
    """The pictures of the image blocks, in reading order: `Article.images`."""
    return tuple(block.image for block in blocks if block.image is not None)


class _Inline:
    """A run of inline content being built: Markdown and plain text in step."""

    __slots__ = ("images", "md", "text")

    def __init__(self) -> None:
        self.md: list[str] = []
        self.text: list[str] = []
        self.images: list[Any] = []  # <img>s met: blocks of their own if the run has no text

    def add_text(self, raw: str) -> None:
        text = _WS.sub(" ", invisible_free(raw))
        if text:
            self.md.append(escape_markdown(text))
            self.text.append(text)

    def add(self, md: str, text: str) -> None:
        self.md.append(md)
        self.text.append(text)

    def newline(self) -> None:
        self.md.append("\n")
        self.text.append("\n")

    def ends_with_newline(self) -> bool:
        for piece in reversed(self.text):
            if piece == "\n":
                return True
            if piece.strip():
                return False
        return False

    def has_text(self) -> bool:
        return any(piece.strip() for piece in self.text)

    def joined(self) -> tuple[str, str]:
        return "".join(self.md), "".join(self.text)

    def lines(self) -> tuple[list[str], list[str]]:
        """Final lines: spaces collapsed, empty lines gone, line starts escaped."""
        md_lines = [_SPACES.sub(" ", line).strip() for line in "".join(self.md).split("\n")]
        text_lines = [_SPACES.sub(" ", line).strip() for line in "".join(self.text).split("\n")]
        return (
            [escape_line_start(line) for line in md_lines if line],
            [line for line in text_lines if line],
        )


def _wrap(md: str, text: str, left: str, right: str) -> str:
    """`left`core`right`, whitespace kept outside the markers so they still count as emphasis."""
    core = md.strip()
    if not core or not text.strip():
        return md
    lead = md[: len(md) - len(md.lstrip())]
    trail = md[len(md.rstrip()) :]
    return f"{lead}{left}{core}{right}{trail}"


def _link_destination(url: str) -> str:
    return (
        url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )


def _in(node: Any, container: Any) -> bool:
    """Whether `node` is inside `container` (None holds nothing)."""
    return container is not None and any(up is container for up in node.iterancestors())


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, min(int(value or default), 1_000_000))
    except ValueError:
        return default


class Renderer:
    """Renders article nodes to Blocks, collecting body links and figure credits on the way."""

    def __init__(self, base: str, page_url: str, lead_url: str = "") -> None:
        self.base = base
        self.page_url = page_url
        self.body_links = LinkList("body", page_url)
        self.figure_credits: list[str] = []
        self.images = BodyImages(base, lead_url)
        self._in_link = 0
        self._in_emphasis = 0
        self._in_strong = 0
        self._enclosed = 0  # inside a list or quote: pictures there are not blocks

    def render(self, nodes: list[Any]) -> list[Block]:
        out: list[Block] = []
        for node in nodes:
            self._block(node, out, 0)
        return out

    # -- blocks ---------------------------------------------------------------------------

    def _flush(self, buf: _Inline, out: list[Block], el: Any) -> None:
        md_lines, text_lines = buf.lines()
        if text_lines:
            md, text = "\\\n".join(md_lines), "\n".join(text_lines)
            out.append(Block("paragraph", md, text, origin=el.getparent()))
        else:  # pictures alone in their run of inline content, not icons in a sentence
            for img in buf.images:
                self._picture(img, out, el)

    def _picture(self, img: Any, out: list[Block], el: Any) -> None:
        """An image block for `img`, unless it is enclosed, a pixel, a repeat or one too many."""
        if self._enclosed:
            return
        image = self.images.take(img)
        if image is not None:
            out.append(Block("image", image_markdown(image), "", origin=el, image=image))

    def _container(self, el: Any, out: list[Block], depth: int) -> None:
        """Children of a container: inline runs become paragraphs, blocks render as blocks."""
        buf = _Inline()
        if el.text:
            buf.add_text(el.text)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                if tag == "br":
                    if buf.ends_with_newline():  # <br><br>: a paragraph break
                        self._flush(buf, out, el)
                        buf = _Inline()
                    elif buf.has_text():
                        buf.newline()
                elif tag in BLOCK_TAGS:
                    self._flush(buf, out, el)
                    buf = _Inline()
                    self._block(child, out, depth + 1)
                else:
                    self._inline(child, buf, depth + 1)
            if child.tail:
                buf.add_text(child.tail)
        self._flush(buf, out, el)

    def _block(self, el: Any, out: list[Block], depth: int) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if depth > _MAX_DEPTH:
            text = squash(el.text_content())
            if text:
                out.append(Block("paragraph", escape_line_start(escape_markdown(text)), text))
        elif tag in _HEADINGS:
            self._heading(el, out, depth)
        elif tag in _LISTS:
            self._list(el, out, depth)
        elif tag == "blockquote":
            self._quote(el, out, depth)
        elif tag == "pre":
            self._code(el, out)
        elif tag == "table":
            self._table(el, out, depth)
        elif tag in ("figure", "figcaption"):
            self._figure(el, out, depth)
        elif tag == "hr":
            out.append(Block("rule", "---", ""))
        elif tag == "dl":
            self._definitions(el, out, depth)
        else:
            self._container(el, out, depth)

    def _heading(self, el: Any, out: list[Block], depth: int) -> None:
        buf = _Inline()
        self._inline_children(el, buf, depth)
        md, text = buf.joined()
        md, text = squash(md), squash(text)
        if not text:
            return
        if len(text.split()) > _HEADING_WORDS:  # a paragraph set in a heading's type
            out.append(Block("paragraph", escape_line_start(md), text, origin=el.getparent()))
            return
        out.append(Block("heading", md, text, level=int(el.tag[1]), origin=el.getparent()))

    def _nested(self, el: Any, depth: int) -> list[Block]:
        blocks: list[Block] = []
        self._container(el, blocks, depth + 1)
        return blocks

    @staticmethod
    def _inner_markdown(block: Block) -> str:
        """A block as it reads inside a list item or quote (headings become bold lines)."""
        if block.kind == "heading":
            return f"**{block.markdown}**"
        return block.markdown

    def _flush_item(self, buf: _Inline, items: list[list[Block]], el: Any) -> None:
        blocks: list[Block] = []
        self._flush(buf, blocks, el)
        if blocks:
            items.append(blocks)

    def _list(self, el: Any, out: list[Block], depth: int) -> None:
        self._enclosed += 1
        try:
            self._list_items(el, out, depth)
        finally:
            self._enclosed -= 1

    def _list_items(self, el: Any, out: list[Block], depth: int) -> None:
        ordered = el.tag == "ol"
        number = _int(el.get("start"), 1)
        items: list[list[Block]] = []
        # Text and inline nodes straight inside the list, outside any item, are still the
        # page's text: each run of them reads as one item.
        loose = _Inline()
        if el.text:
            loose.add_text(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                pass
            elif child.tag in _LISTS:  # a list directly inside a list: part of the item before
                self._flush_item(loose, items, el)
                loose = _Inline()
                nested: list[Block] = []
                self._list_items(child, nested, depth + 1)
                if items:
                    items[-1].extend(nested)
                elif nested:
                    items.append(nested)
            elif child.tag in BLOCK_TAGS:
                self._flush_item(loose, items, el)
                loose = _Inline()
                blocks = self._nested(child, depth)
                if blocks:
                    items.append(blocks)
            else:
                self._inline(child, loose, depth + 1)
            if child.tail:
                loose.add_text(child.tail)
        self._flush_item(loose, items, el)
        md_items: list[str] = []
        text_items: list[str] = []
        for blocks in items:
            marker = f"{number}." if ordered else "-"
            number += 1
            indent = " " * (len(marker) + 1)
            md_parts: list[str] = []
            text_parts: list[str] = []
            for i, block in enumerate(blocks):
                md_lines = self._inner_markdown(block).split("\n")
                if i == 0:
                    md_parts.append(f"{marker} {md_lines[0]}")
                    md_lines = md_lines[1:]
                elif block.kind != "list":
                    md_parts.append("")
                md_parts.extend(indent + line if line else "" for line in md_lines)
                if block.text:
                    text_lines = block.text.split("\n")
                    if i == 0:
                        text_parts.append(f"- {text_lines[0]}")
                        text_lines = text_lines[1:]
                    text_parts.extend("  " + line if line else "" for line in text_lines)
            if md_parts:
                md_items.append("\n".join(md_parts))
                text_items.append("\n".join(text_parts))
        if md_items:
            out.append(Block("list", "\n".join(md_items), "\n".join(t for t in text_items if t)))

    def _quote(self, el: Any, out: list[Block], depth: int) -> None:
        self._enclosed += 1
        try:
            blocks = self._nested(el, depth)
        finally:
            self._enclosed -= 1
        if not blocks:
            return
        md = "\n\n".join(self._inner_markdown(b) for b in blocks)
        md = "\n".join(f"> {line}" if line else ">" for line in md.split("\n"))
        out.append(Block("quote", md, "\n\n".join(b.text for b in blocks if b.text)))

    def _code(self, el: Any, out: list[Block]) -> None:
        for br in el.iter("br"):
            br.tail = xml_safe("\n" + (br.tail or ""))
        raw = invisible_free(el.text_content()).replace("\r\n", "\n").replace("\r", "\n")
        code = "\n".join(line.rstrip() for line in raw.strip("\n").split("\n"))
        if not code.strip():
            return
        fence = "```"
        while fence in code:
            fence += "`"
        names = " ".join(
            n.get("class") or "" for n in (el, *el.iter("code")) if isinstance(n.tag, str)
        )
        lang = _LANG_CLASS.search(names)
        info = lang.group(1) if lang else ""
        out.append(Block("code", f"{fence}{info}\n{code}\n{fence}", code))

    def _table(self, el: Any, out: list[Block], depth: int) -> None:
        rows = [row for row in el.iter("tr") if next(row.iterancestors("table"), None) is el]
        grid = [[c for c in row if c.tag in ("td", "th")] for row in rows]
        columns = max((len(cells) for cells in grid), default=0)
        layout = (
            columns < 2
            or columns > _MAX_COLUMNS
            or el.find(".//table") is not None
            or bool(el.xpath(_LAYOUT_IN_CELL))
            or any(len(c.text_content()) > 400 for cells in grid for c in cells)
        )
        if layout:
            self._container(el, out, depth)
            return
        md_rows: list[list[str]] = []
        text_rows: list[str] = []
        for cells in grid:
            md_cells: list[str] = []
            text_cells: list[str] = []
            for cell in cells:
                buf = _Inline()
                self._inline_children(cell, buf, depth)
                md, text = buf.joined()
                span = _int(cell.get("colspan"), 1)
                md_cells.extend([squash(md)] + [""] * (min(span, _MAX_COLUMNS) - 1))
                text_cells.append(squash(text))
            if any(text_cells):
                md_rows.append(md_cells)
                text_rows.append(" | ".join(t for t in text_cells if t))
        if not md_rows:
            return
        width = max(len(r) for r in md_rows)
        lines = []
        for i, cells in enumerate(md_rows):
            cells = cells + [""] * (width - len(cells))
            lines.append("| " + " | ".join(cells) + " |")
            if i == 0:
                lines.append("|" + "|".join(" --- " for _ in cells) + "|")
        caption = el.find("caption")
        if caption is not None and squash(caption.text_content()):
            caption_text = squash(caption.text_content())
            out.append(Block("paragraph", f"*{escape_markdown(caption_text)}*", caption_text))
        out.append(Block("table", "\n".join(lines), "\n".join(text_rows)))

    def _figure(self, el: Any, out: list[Block], depth: int) -> None:
        caption_el = el if el.tag == "figcaption" else el.find(".//figcaption")
        caption, credit = caption_and_credit(caption_el) if caption_el is not None else ("", "")
        if el.tag == "figure":
            # Figures that wrap a table, quote, code or text render that content too; the
            # pictures elsewhere in it are its own, in their places, the caption on the last.
            pictures: list[tuple[Any, Any]] = []
            for child in el:
                if not isinstance(child.tag, str) or child.tag == "figcaption":
                    continue
                if (
                    child.tag in BLOCK_TAGS
                    and child.find(".//figcaption") is None
                    and squash(child.text_content())
                ):
                    self._pictures(pictures, out)
                    self._block(child, out, depth + 1)
                else:
                    pictures.extend(
                        (img, child) for img in child.iter("img") if not _in(img, caption_el)
                    )
            self._pictures(pictures, out, (caption, credit))
        if caption_el is None:
            return
        if credit:
            self.figure_credits.append(credit)
        line = f"*{escape_markdown(caption)}*" if caption else ""
        if credit:
            line = f"{line} — {escape_markdown(credit)}" if line else f"*{escape_markdown(credit)}*"
        if line:
            out.append(Block("figure", line, ""))

    def _pictures(
        self, pictures: list[tuple[Any, Any]], out: list[Block], caption: tuple[str, str] = ("", "")
    ) -> None:
        """Image blocks for a figure's pictures met so far (emptied); the last gets `caption`."""
        start = len(out)
        for img, holder in pictures:
            self._picture(img, out, holder)
        pictures.clear()
        if len(out) > start and out[-1].image is not None and any(caption):
            image = out[-1].image._replace(caption=caption[0], credit=caption[1])
            out[-1] = Block("image", out[-1].markdown, "", origin=out[-1].origin, image=image)

    def _definitions(self, el: Any, out: list[Block], depth: int) -> None:
        for child in el:
            if child.tag == "dt":
                buf = _Inline()
                self._inline_children(child, buf, depth)
                md, text = buf.joined()
                if squash(text):
                    out.append(
                        Block("paragraph", _wrap(squash(md), text, "**", "**"), squash(text))
                    )
            elif isinstance(child.tag, str):
                self._block(child, out, depth + 1)

    # -- inline ---------------------------------------------------------------------------

    def _inline_children(self, el: Any, buf: _Inline, depth: int) -> None:
        if el.text:
            buf.add_text(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self._inline(child, buf, depth + 1)
            if child.tail:
                buf.add_text(child.tail)

    def _inline(self, el: Any, buf: _Inline, depth: int) -> None:
        tag = el.tag
        if depth > _MAX_DEPTH:
            buf.add_text(el.text_content())
            return
        if tag == "br":
            buf.newline()
        elif tag == "img":
            buf.images.append(el)
        elif tag == "a":
            self._link(el, buf, depth)
        elif tag in _EMPHASIS or tag in _STRONG:
            strong = tag in _STRONG
            inside = self._in_strong if strong else self._in_emphasis
            sub = _Inline()
            if strong:
                self._in_strong += 1
            else:
                self._in_emphasis += 1
            try:
                self._inline_children(el, sub, depth)
            finally:
                if strong:
                    self._in_strong -= 1
                else:
                    self._in_emphasis -= 1
            md, text = sub.joined()
            buf.images.extend(sub.images)
            marker = "**" if strong else "*"
            buf.add(md if inside else _wrap(md, text, marker, marker), text)
        elif tag in _CODE:
            text = _WS.sub(" ", invisible_free(el.text_content()))
            if text.strip():
                longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
                ticks = "`" * (longest + 1)
                pad = " " if text.strip().startswith("`") or text.strip().endswith("`") else ""
                buf.add(_wrap(text, text, ticks + pad, pad + ticks), text)
            else:
                buf.add_text(text)
        elif tag in BLOCK_TAGS:
            buf.add_text(" ")
            self._inline_children(el, buf, depth)
            buf.add_text(" ")
        else:
            self._inline_children(el, buf, depth)

    def _link(self, el: Any, buf: _Inline, depth: int) -> None:
        sub = _Inline()
        self._in_link += 1
        try:
            self._inline_children(el, sub, depth)
        finally:
            self._in_link -= 1
        md, text = sub.joined()
        buf.images.extend(sub.images)
        href = el.get("href") or ""
        url = absolute_url(href, self.base)
        if self._in_link or not url or not text.strip() or same_page(url, self.page_url):
            scheme = "" if self._in_link or not text.strip() else unfollowed_scheme(href)
            # Shown, and marked as a link tuireader will not follow (the text stays the text).
            buf.add(f"{md} *({scheme}: link, not followed)*" if scheme else md, text)
            return
        self.body_links.add(url, squash(text))
        flat = md.replace("\n", " ")
        buf.add(_wrap(flat, text, "[", f"]({_link_destination(url)})"), text.replace("\n", " "))
