"""Before the XML parser: no DTD, and the facts the prolog gives (the root element's name).

feedparser keeps the entity declarations it judges safe and its fallback parser (used when
expat finds the XML broken) expands them without limit: a 400 KB feed can ask for gigabytes.
A feed needs no DTD, so every DOCTYPE before the root element is cut out here, on the text
feedparser will read (decoded to UTF-8 by feedparser's own rules), and nothing is declared.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# What ends the prolog (the root element's start, as feedparser finds it) or begins a DOCTYPE.
_MARK = re.compile(rb"<!DOCTYPE|<(\w[\w.:-]*)", re.IGNORECASE)
# Inside a DOCTYPE: the next quote, bracket, end or comment.
_DOCTYPE_PART = re.compile(rb"[\"'\[\]>]|<!--")


class Prolog(NamedTuple):
    """A document ready for feedparser (UTF-8, no DTD) and what its prolog said."""

    data: bytes
    line_shift: int = 0  # lines before the document's first: an XML declaration added in front
    root: str = ""  # the first element's name, lower-cased ("rss", "feed", "rdf:rdf", "html")
    doctype_html: bool = False  # <!DOCTYPE html ...>
    entities_dropped: bool = False  # a DOCTYPE declared entities: they are not read


def read_prolog(data: bytes, content_type: str) -> Prolog:
    """`data` as UTF-8 without DOCTYPE, the root element's name, and what was cut."""
    from feedparser.encodings import convert_to_utf8

    headers = {"content-type": content_type} if content_type else {}
    facts: dict[str, object] = {}
    utf8 = convert_to_utf8(headers, data, facts)
    prolog = without_doctypes(utf8)
    if utf8.startswith(_ADDED_DECLARATION) and not _declares_xml(data, facts.get("encoding")):
        return prolog._replace(line_shift=1)
    return prolog


# What feedparser writes in front of a document without an XML declaration.
_ADDED_DECLARATION = b"<?xml version='1.0' encoding='utf-8'?>\n"


def _declares_xml(data: bytes, encoding: object) -> bool:
    """Whether `data` (in `encoding`) begins with an XML declaration."""
    try:
        head = data[:400].decode(str(encoding or "utf-8"), "ignore")
    except LookupError:
        return False
    return head.lstrip("\ufeff").startswith("<?xml")


def without_doctypes(data: bytes) -> Prolog:
    """`data` with every DOCTYPE before the root element replaced by a space and its newlines.

    A space, not nothing, so that no new DOCTYPE or element start can form across a cut; the
    newlines, so that the parser's line numbers are the document's.
    """
    kept: list[bytes] = []
    position = 0
    doctype_html = entities = False
    root = ""
    while match := _MARK.search(data, position):
        if match.group(1) is not None:
            root = match.group(1).decode("ascii", "replace").lower()
            break
        end = _doctype_end(data, match.end())
        declaration = data[match.end() : end]
        doctype_html = doctype_html or declaration.lstrip()[:4].lower() == b"html"
        entities = entities or b"<!ENTITY" in declaration.upper()
        kept.append(data[position : match.start()] + b" " + b"\n" * declaration.count(b"\n"))
        position = end
    if not kept:
        return Prolog(data, root=root)
    kept.append(data[position:])
    return Prolog(b"".join(kept), 0, root, doctype_html, entities)


def _doctype_end(data: bytes, position: int) -> int:
    """Where the DOCTYPE whose name starts at `position` ends (past its `>`), or len(data)."""
    depth = 0
    while part := _DOCTYPE_PART.search(data, position):
        token = part.group()
        position = part.end()
        if token in (b'"', b"'"):
            close = data.find(token, position)
            if close < 0:
                break
            position = close + 1
        elif token == b"<!--":
            close = data.find(b"-->", position)
            if close < 0:
                break
            position = close + 3
        elif token == b"[":
            depth += 1
        elif token == b"]":
            depth = max(0, depth - 1)
        elif depth == 0:  # ">"
            return position
    return len(data)
