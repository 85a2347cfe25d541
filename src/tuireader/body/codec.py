"""The parsed body as compact JSON, so that the cache holds what the body pane draws.

Decoding is a json.loads and a loop, several times faster than parsing the Markdown again and
free of markdown-it's import. `BODY_VERSION` names the form: bump it whenever body.parse
builds different blocks, and older cached bodies are parsed again from their Markdown.
A body read back is trusted only as far as it proves clean: anything a terminal could act on,
or any shape this code did not write, makes `decode_body` return None (and the Markdown wins).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, get_args

from tuireader.body.model import Block, BlockKind, BodyLink, Document, Run
from tuireader.textsafe import is_clean
from tuireader.urls import is_followable

if TYPE_CHECKING:
    pass

BODY_VERSION = 2
_KINDS = frozenset(get_args(BlockKind))
_BOLD, _ITALIC, _CODE, _STRIKE = 1, 2, 4, 8
# Run attributes (bold, italic, code, strike) by their flags.
_ATTRIBUTES = [tuple(bool(f & bit) for bit in (_BOLD, _ITALIC, _CODE, _STRIKE)) for f in range(16)]
# Escapes our encoder never writes for clean text (controls are gone before parsing): a body
# holding one was not written by us from clean text. A literal backslash before u, b, f or r
# matches too, which only costs a parse.
_FOREIGN_ESCAPE = re.compile(r"\\[ubfr]")


def encode_body(document: Document) -> str:
    blocks = [
        [
            b.kind,
            [_run(r) for r in b.runs],
            b.level,
            b.depth,
            b.quote,
            b.marker,
            b.indent,
            int(b.tight),
            b.group,
            [[[_run(r) for r in cell] for cell in row] for row in b.rows],
            b.src,
        ]
        for b in document.blocks
    ]
    links = [[n, link.url, link.text] for n, link in document.links.items()]
    body = {"v": BODY_VERSION, "blocks": blocks, "links": links}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def decode_body(encoded: str) -> Document | None:
    """The body `encode_body` wrote, or None if it is of another version, damaged or unsafe."""
    if not is_clean(encoded) or _FOREIGN_ESCAPE.search(encoded):
        return None
    try:
        body = json.loads(encoded)
        if body["v"] != BODY_VERSION:
            return None
        document = Document()
        document.blocks = [_block(b) for b in body["blocks"]]
        document.links = {int(n): BodyLink(str(url), str(text)) for n, url, text in body["links"]}
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    return document


def _run(run: Run) -> list[Any]:
    flags = _BOLD * run.bold | _ITALIC * run.italic | _CODE * run.code | _STRIKE * run.strike
    return [run.text, flags, run.link] if run.link is not None else [run.text, flags]


def _runs(encoded: list[list[Any]]) -> list[Run]:
    runs = []
    for item in encoded:
        text, flags = item[0], item[1]
        if not isinstance(text, str) or not isinstance(flags, int):
            raise TypeError("a run is text and flags")
        link = int(item[2]) if len(item) > 2 else None
        runs.append(
            Run(
                text,
                bool(flags & _BOLD),
                bool(flags & _ITALIC),
                bool(flags & _CODE),
                bool(flags & _STRIKE),
                link,
            )
        )
    return runs


def _block(encoded: list[Any]) -> Block:
    kind, runs, level, depth, quote, marker, indent, tight, group, rows, src = encoded
    if kind not in _KINDS or not isinstance(marker, str) or not isinstance(src, str):
        raise ValueError(f"not a block kind: {kind!r}")
    if src and (kind != "image" or not is_followable(src)):
        raise ValueError("a picture's source is an http(s) URL")
    return Block(
        kind,
        _runs(runs),
        level=int(level),
        depth=int(depth),
        quote=int(quote),
        marker=marker,
        indent=int(indent),
        tight=bool(tight),
        group=int(group),
        rows=[[_runs(cell) for cell in row] for row in rows],
        src=src,
    )
