"""An article's Markdown as a plain model: blocks of styled runs, links numbered in reading order.

Parsing once into plain data lets the layout re-wrap for any width without reparsing, and keeps
page text as data: runs hold text only, never markup for Rich or Textual to interpret.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tuireader.formatting import byline_line, caption_line, short_title
from tuireader.models import Article
from tuireader.textsafe import clean_line, clean_text
from tuireader.urls import is_followable

BlockKind = Literal[
    "title", "byline", "caption", "heading", "paragraph", "item", "quote", "code", "table", "rule"
]
BULLET = "• "
NO_TEXT = "No article text was found on this page."
NO_ARTICLE = (
    "No article found on this page: it may ask you to sign in, or need JavaScript to show its "
    "text. Press B to open it in your browser."
)
PAGE_TEXT_HEADING = "Text on the page"


@dataclass(frozen=True, slots=True)
class Run:
    """Inline text with one set of attributes; `link` is the link's number, or None."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    link: int | None = None


Cell = list[Run]


@dataclass(slots=True)
class Block:
    """One block as the reader sees it.

    `depth` counts the lists around it, `quote` the block quotes. A list item's first paragraph
    has its `marker` ("• ", "3. "); later paragraphs of the item have none but keep its indent.
    `indent` is the columns the enclosing list markers take; `tight` blocks follow the previous
    block of the same list (`group`) without a blank line.
    """

    kind: BlockKind
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    depth: int = 0
    quote: int = 0
    marker: str = ""
    indent: int = 0
    tight: bool = False
    group: int = 0  # which top-level list it belongs to (1, 2, ...), 0 outside lists
    rows: list[list[Cell]] = field(default_factory=list)  # tables: the header row first

    @property
    def text(self) -> str:
        if self.kind == "table":
            return "\n".join("\t".join(_plain(cell) for cell in row) for row in self.rows)
        return _plain(self.runs)


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str


@dataclass(slots=True)
class Document:
    """Header and body blocks in reading order, and the body's followable links by number."""

    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    links: dict[int, Link] = field(default_factory=dict)

    def plain_text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)


def _plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


def _parser() -> MarkdownIt:
    # html off: tags in page text stay visible text, never structure.
    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


_MARKDOWN = _parser()


def article_document(article: Article, fallback_title: str = "") -> Document:
    """Title, byline and caption lines above the body parsed from `article.markdown`."""
    title = clean_line(short_title(article.title, article.site_name)) or clean_line(fallback_title)
    document = Document(title=title)
    document.blocks.append(Block("title", [Run(title)]))
    byline = clean_line(byline_line(article))
    if byline:
        document.blocks.append(Block("byline", [Run(byline)]))
    caption = clean_line(caption_line(article))
    if caption:
        document.blocks.append(Block("caption", [Run(caption)]))
    if not article.found:
        document.blocks.append(Block("paragraph", [Run(NO_ARTICLE, italic=True)]))
    header = len(document.blocks)
    _Builder(document).feed(clean_text(article.markdown))
    if len(document.blocks) == header and article.found:
        document.blocks.append(Block("paragraph", [Run(NO_TEXT, italic=True)]))
    if not article.found and article.page_text and article.page_text != article.text:
        document.blocks.append(Block("heading", [Run(PAGE_TEXT_HEADING)], level=2))
        paragraphs = (clean_line(p) for p in clean_text(article.page_text).split("\n\n"))
        document.blocks += [Block("paragraph", [Run(p)]) for p in paragraphs if p]
    return document


def message_document(text: str) -> Document:
    """What the view says before any article: paragraphs of plain text, nothing parsed."""
    paragraphs = [clean_line(p) for p in clean_text(text).split("\n\n")]
    return Document(blocks=[Block("paragraph", [Run(p)]) for p in paragraphs if p])


def parse_markdown(markdown: str) -> Document:
    """The body alone (no header), for tests and tools."""
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
        for child in inline.children or []:
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
                link = self._number(str(child.attrs.get("href", "")), inline, child)
            elif kind == "link_close":
                link = None
        return runs

    def _number(self, url: str, inline: Token, opening: Token) -> int | None:
        """The link's number (the same for the same URL), or None if it is not followable."""
        if not is_followable(url):
            return None
        number = self.numbers.get(url)
        if number is None:
            number = self.numbers[url] = len(self.numbers) + 1
            self.document.links[number] = Link(url, _link_text(inline, opening))
        return number


def _link_text(inline: Token, opening: Token) -> str:
    """The text between `opening` and its link_close."""
    children = inline.children or []
    start = children.index(opening) + 1
    parts: list[str] = []
    for child in children[start:]:
        if child.type == "link_close":
            break
        parts.append(" " if child.type in ("softbreak", "hardbreak") else child.content)
    return clean_line("".join(parts))
