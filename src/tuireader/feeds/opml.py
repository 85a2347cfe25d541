"""OPML subscription lists: read one (folders become tags), write one (tags become folders).

Read with expat directly, entity declarations refused: an OPML file is shared and downloaded,
and a declared entity is how a file expands to gigabytes or quotes a local file. No DTD is
loaded, external or internal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NoReturn
from xml.parsers import expat
from xml.sax.saxutils import escape

from tuireader.feeds.model import OpmlFeed
from tuireader.textsafe import clean_line, clip_line
from tuireader.urls import is_followable

TITLE_CHARS = 300
TAG_CHARS = 100
MAX_TAGS = 16  # folders nested deeper than this add no tag (each feed carries its whole path)
_NOT_XML = re.compile("[\ufffe\uffff]")  # characters XML 1.0 cannot carry, not even escaped
_ATTRIBUTE_ESCAPES = {'"': "&quot;"}


class OpmlError(ValueError):
    """The file is not an OPML list we can read; the message says why in one line."""


def read_opml(data: bytes) -> list[OpmlFeed]:
    """The subscriptions in the OPML document `data`, in document order.

    Each outline with an `xmlUrl` is a feed (the URL as written: subscribing checks it); the
    outlines around it without one are folders, whose text (or title) become its tags,
    outermost first. Raises OpmlError.
    """
    if not data.strip():
        raise OpmlError("not an OPML file (it is empty)")
    reader = _OutlineReader()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse_entities
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        where = f"line {exc.lineno}, column {exc.offset + 1}"
        raise OpmlError(
            f"not a readable OPML file ({expat.ErrorString(exc.code)}, {where})"
        ) from None
    except RecursionError:
        raise OpmlError("not a readable OPML file (nested too deeply)") from None
    if not reader.root:
        raise OpmlError("not an OPML file (it has no elements)")
    return reader.feeds


def _refuse_entities(name: str, *_: Any) -> NoReturn:
    raise OpmlError(f"OPML file declares an entity ({clip_line(name, 40)}): refused")


class _OutlineReader:
    """expat's callbacks: the feeds found, the folders open around the current outline."""

    def __init__(self) -> None:
        self.root = ""
        self.feeds: list[OpmlFeed] = []
        self.tags: list[tuple[str, ...]] = [()]  # the tags in force inside each open outline

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if not self.root:
            self.root = name
            if name.lower() != "opml":
                raise OpmlError(f"not an OPML file (its root element is <{clip_line(name, 40)}>)")
        if name != "outline":
            return
        fields = {key.lower(): value for key, value in attributes.items()}
        text = clean_line(fields.get("text", "")) or clean_line(fields.get("title", ""))
        tags = self.tags[-1]
        url = clean_line(fields.get("xmlurl", ""))
        if url:
            site = clean_line(fields.get("htmlurl", ""))
            self.feeds.append(
                OpmlFeed(
                    url=url,
                    title=clip_line(text, TITLE_CHARS) if text != url else "",
                    site_url=site if is_followable(site) else "",
                    tags=tags,
                )
            )
        elif text and len(tags) < MAX_TAGS:
            tags = (*tags, clip_line(text, TAG_CHARS))
        self.tags.append(tags)

    def end(self, name: str) -> None:
        if name == "outline" and len(self.tags) > 1:
            self.tags.pop()


def write_opml(feeds: Iterable[OpmlFeed], title: str = "tuireader subscriptions") -> str:
    """An OPML 2.0 document of `feeds`: tags become nested folder outlines.

    Folders and feeds keep the order in which they first appear; read_opml reads the
    document back into the same feeds (tags past MAX_TAGS deep are left out, as in reading).
    """
    root = _Folder()
    for feed in feeds:
        folder = root
        tags = [tag for tag in map(_safe, feed.tags) if tag]
        for tag in tags[:MAX_TAGS]:
            folder = folder.subfolder(tag)
        folder.children.append(feed)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{escape(_safe(title))}</title>",
        "  </head>",
        "  <body>",
        *root.lines(2),
        "  </body>",
        "</opml>",
        "",
    ]
    return "\n".join(lines)


def _safe(text: str) -> str:
    """One clean line that XML can hold."""
    return _NOT_XML.sub("", clean_line(text))


def _attribute(value: str) -> str:
    return '"' + escape(_safe(value), _ATTRIBUTE_ESCAPES) + '"'


class _Folder:
    """A folder being written: its feeds and subfolders in first-seen order."""

    def __init__(self) -> None:
        self.children: list[OpmlFeed | tuple[str, _Folder]] = []
        self.folders: dict[str, _Folder] = {}

    def subfolder(self, name: str) -> _Folder:
        if name not in self.folders:
            self.folders[name] = _Folder()
            self.children.append((name, self.folders[name]))
        return self.folders[name]

    def lines(self, depth: int) -> list[str]:
        indent = "  " * depth
        out = []
        for child in self.children:
            if isinstance(child, OpmlFeed):
                url = _safe(child.url)
                title = _safe(child.title)
                attributes = f"type={_attribute('rss')} text={_attribute(title or url)}"
                if title:
                    attributes += f" title={_attribute(title)}"
                attributes += f" xmlUrl={_attribute(url)}"
                if child.site_url:
                    attributes += f" htmlUrl={_attribute(child.site_url)}"
                out.append(f"{indent}<outline {attributes}/>")
            else:
                name, folder = child
                out.append(f"{indent}<outline text={_attribute(name)} title={_attribute(name)}>")
                out.extend(folder.lines(depth + 1))
                out.append(f"{indent}</outline>")
        return out
