"""Markdown to the body's blocks and runs, with markdown-it: run when an article is extracted.

Its import (markdown-it and its rules) costs tens of milliseconds, which a cached article never
pays: the parsed body is kept in the cache beside the Markdown. A paragraph that is one picture
and nothing else is an image block (its runs the alt text); a picture inside a sentence, a list
item or a quote stays its alt text there, as a picture the body does not draw.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tuireader.body.model import BULLET, Block, BlockKind, BodyLink, Cell, Document, Run
from tuireader.textsafe import clean_line, clean_text
from tuireader.urls import is_followable


def _parser() -> MarkdownIt:
    # html off: tags in page text stay visible text, never structure.
    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


_MARKDOWN = _parser()


def parse_markdown(markdown: str) -> Document:
    """The body alone (no header): blocks, and the followable links numbered from 1."""
    document = Document()
    _Builder(document).feed(clean_text(markdown))
    return document


@dataclass(slots=True)
class _ListLevel:
    ordered: bool
    marker: str = ""  # the current item's marker, until its first block takes it
    width: int = 0  # the current item's marker width: its content's indent


class _Builder:
    """Walks markdown-it's flat token stream, tracking the lists and quotes around each block."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.lists: list[_ListLevel] = []
        self.quote = 0
        self.groups = 0
        self.numbers: dict[str, int] = {u.url: n for n, u in document.links.items()}

    def feed(self, markdown: str) -> None:
        tokens = _MARKDOWN.parse(markdown)
        index = 0
        while index < len(tokens):
            index = self._token(tokens, index)

    def _token(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "blockquote_open":
            self.quote += 1
        elif kind == "blockquote_close":
            self.quote -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.groups += not self.lists
            self.lists.append(_ListLevel(ordered=kind == "ordered_list_open"))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            level = self.lists[-1]
            level.marker = f"{token.info or 1}. " if level.ordered else BULLET
            level.width = len(level.marker)
        elif kind == "paragraph_open":
            inline = tokens[index + 1]
            picture = _lone_image(inline) if not self.lists and not self.quote else None
            if picture is not None:
                self._picture(*picture)
                return index + 3
            block = self._block("paragraph", self._runs(inline))
            block.tight = token.hidden
            return index + 3
        elif kind == "heading_open":
            block = self._block("heading", self._runs(tokens[index + 1]))
            block.level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            return index + 3
        elif kind in ("fence", "code_block"):
            text = token.content.rstrip("\n").expandtabs(4)
            self._block("code", [Run(text, code=True)])
        elif kind == "hr":
            self._block("rule", [])
        elif kind == "table_open":
            return self._table(tokens, index)
        elif kind == "inline":  # not inside a paragraph (should not happen): keep the text
            self._block("paragraph", self._runs(token))
        return index + 1

    def _block(self, kind: BlockKind, runs: list[Run]) -> Block:
        marker = ""
        if self.lists:
            marker, self.lists[-1].marker = self.lists[-1].marker, ""
            if kind == "paragraph":
                kind = "item"
        elif kind == "paragraph" and self.quote:
            kind = "quote"
        outer = sum(level.width for level in self.lists[:-1])
        indent = outer if marker else outer + (self.lists[-1].width if self.lists else 0)
        block = Block(
            kind,
            runs,
            depth=len(self.lists),
            quote=self.quote,
            marker=marker,
            indent=indent,
            group=self.groups if self.lists else 0,
        )
        self.document.blocks.append(block)
        return block

    def _picture(self, src: str, alt: str) -> None:
        """An image block for a followable picture; else its alt text, if any, as a paragraph."""
        if is_followable(src):
            self._block("image", [Run(alt)] if alt else []).src = src
        elif alt:
            self._block("paragraph", [Run(alt)])

    def _table(self, tokens: list[Token], index: int) -> int:
        rows: list[list[Cell]] = []
        while index < len(tokens) and tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline" and rows:
                rows[-1].append(self._runs(token))
            index += 1
        block = self._block("table", [])
        block.rows = rows
        return index + 1

    def _runs(self, inline: Token) -> list[Run]:
        """The inline children as runs; http(s) links get their number, others stay text."""
        runs: list[Run] = []
        bold = italic = strike = 0
        link: int | None = None
        children = inline.children or []
        for position, child in enumerate(children):
            kind = child.type
            if kind in ("text", "code_inline", "image"):
                text = child.content.replace("\t", " ")
                if kind == "image":
                    text = "".join(c.content for c in child.children or []) or ""
                if text:
                    runs.append(
                        Run(text, bold > 0, italic > 0, kind == "code_inline", strike > 0, link)
                    )
            elif kind == "softbreak":
                runs.append(Run(" ", bold > 0, italic > 0, False, strike > 0, link))
            elif kind == "hardbreak":
                runs.append(Run("\n"))
            elif kind in ("strong_open", "strong_close"):
                bold += 1 if kind == "strong_open" else -1
            elif kind in ("em_open", "em_close"):
                italic += 1 if kind == "em_open" else -1
            elif kind in ("s_open", "s_close"):
                strike += 1 if kind == "s_open" else -1
            elif kind == "link_open":
                link = self._number(str(child.attrs.get("href", "")), children, position)
            elif kind == "link_close":
                link = None
        return runs

    def _number(self, url: str, children: list[Token], opening: int) -> int | None:
        """The link's number (the same for the same URL), or None if it is not followable.

        `opening` is the link_open's position in `children`, so its text is read from there.
        """
        if not is_followable(url):
            return None
        number = self.numbers.get(url)
        if number is None:
            number = self.numbers[url] = len(self.numbers) + 1
            self.document.links[number] = BodyLink(url, _link_text(children, opening))
        return number


def _lone_image(inline: Token) -> tuple[str, str] | None:
    """(src, alt) of a paragraph that is one picture and nothing else, or None."""
    children = [c for c in inline.children or [] if c.type != "text" or c.content.strip()]
    if len(children) != 1 or children[0].type != "image":
        return None
    image = children[0]
    alt = clean_line("".join(child.content for child in image.children or []))
    return clean_line(str(image.attrs.get("src", ""))), alt


def _link_text(children: list[Token], opening: int) -> str:
    """The text between the link_open at `opening` and its link_close."""
    parts: list[str] = []
    for position in range(opening + 1, len(children)):  # from the link on, not from 0
        child = children[position]
        if child.type == "link_close":
            break
        parts.append(" " if child.type in ("softbreak", "hardbreak") else child.content)
    return clean_line("".join(parts))
