"""An article's Markdown as a plain model: blocks of styled runs, links numbered in reading order.

Parsing once into plain data lets the layout re-wrap for any width without reparsing, and keeps
page text as data: runs hold text only, never markup for Rich or Textual to interpret. The body is
parsed when the article is extracted and kept in the cache (render.body_codec), so opening a cached
article never imports the Markdown parser (render.markdown_body).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tuireader.formatting import byline_line, caption_line, short_title
from tuireader.models import Article
from tuireader.textsafe import clean_line, clean_text

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
    body = article_body(article)
    document.blocks += body.blocks
    document.links = body.links
    if not body.blocks and article.found:
        document.blocks.append(Block("paragraph", [Run(NO_TEXT, italic=True)]))
    if not article.found and article.page_text and article.page_text != article.text:
        document.blocks.append(Block("heading", [Run(PAGE_TEXT_HEADING)], level=2))
        paragraphs = (clean_line(p) for p in clean_text(article.page_text).split("\n\n"))
        document.blocks += [Block("paragraph", [Run(p)]) for p in paragraphs if p]
    return document


def article_body(article: Article) -> Document:
    """The body as the cache keeps it, or parsed from the Markdown if the cached form is stale."""
    from tuireader.render.body_codec import decode_body

    body = decode_body(article.body) if article.body else None
    if body is None:
        from tuireader.render.markdown_body import parse_markdown

        body = parse_markdown(article.markdown)
    return body


def message_document(text: str) -> Document:
    """What the view says before any article: paragraphs of plain text, nothing parsed."""
    paragraphs = [clean_line(p) for p in clean_text(text).split("\n\n")]
    return Document(blocks=[Block("paragraph", [Run(p)]) for p in paragraphs if p])
