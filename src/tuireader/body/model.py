"""An article's Markdown as a plain model: blocks of styled runs, links numbered in reading order.

Parsing once into plain data lets the layout re-wrap for any width without reparsing, and keeps
page text as data: runs hold text only, never markup for Rich or Textual to interpret. The body is
parsed when the article is extracted and kept in the cache (body.codec), so opening a cached
article never imports the Markdown parser (body.parse).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal[
    "title",
    "byline",
    "caption",
    "heading",
    "paragraph",
    "item",
    "quote",
    "code",
    "table",
    "rule",
    "image",
]
BULLET = "• "


@dataclass(frozen=True, slots=True)
class Run:
    """Inline text with one set of attributes; `link` is the link's number, or None."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    link: int | None = None
    # A mark drawn from the theme, for views made on the fly and never cached: "added" and
    # "removed" in the comparison of two versions. The codec does not keep it.
    mark: str = ""


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
    src: str = ""  # images: the picture's http(s) URL; its runs are the alt text

    @property
    def text(self) -> str:
        if self.kind == "table":
            return "\n".join("\t".join(_plain(cell) for cell in row) for row in self.rows)
        return _plain(self.runs)


@dataclass(frozen=True, slots=True)
class BodyLink:
    url: str
    text: str


@dataclass(slots=True)
class Document:
    """Header and body blocks in reading order, and the body's followable links by number."""

    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    links: dict[int, BodyLink] = field(default_factory=dict)
    # Where the article's body starts among `blocks` (title, byline and caption above it):
    # highlights are kept against the body's blocks alone. None: no article body is shown.
    body_start: int | None = 0
    body_end: int | None = None  # where it ends (None: at the last block)

    def plain_text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)


def _plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)
