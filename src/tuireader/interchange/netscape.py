"""Browser bookmark files (Netscape Bookmark File Format: Firefox, Chrome, Safari, Edge exports).

`<DT><H3>name</H3><DL><p> ... </DL><p>` is a folder, `<DT><A HREF ADD_DATE TAGS>title</A>` a
bookmark (ADD_DATE in seconds since 1970; TAGS, Firefox's, joined by ","). Every folder around
a bookmark becomes one of its tags, outermost first, but for the browsers' own roots (the
toolbar and "other bookmarks" folders, marked PERSONAL_TOOLBAR_FOLDER / UNFILED_BOOKMARKS_FOLDER).
Folders deeper than MAX_FOLDER_TAGS add no tag.

tuireader's own export (write.py) puts states in two folders whose H3 carries
TUIREADER_STATE="unread" / "archived" (a state, not a tag, when read back) and marks a starred
bookmark with TUIREADER_STARRED="true".

Read with html.parser, which expands no entity a file declares (only HTML's own) and keeps
the open folders in a list, not on the call stack: 100,000 nested folders are just a list.
"""

from __future__ import annotations

from typing import NamedTuple

from tuireader.interchange.fields import Collected, epoch_date
from tuireader.interchange.link_html import Attributes, LinkListParser, LinkMarks
from tuireader.interchange.model import State
from tuireader.textsafe import clip_line

MAX_FOLDER_TAGS = 16
ROOT_MARKS = ("personal_toolbar_folder", "unfiled_bookmarks_folder")
STATE_MARK = "tuireader_state"
STARRED_MARK = "tuireader_starred"


def read_netscape_html(text: str, found: Collected) -> None:
    _Bookmarks.read(text, found)


class _Folder(NamedTuple):
    """An open <DL>: whether it added a tag, and the state in force outside it."""

    tagged: bool
    outer_state: State


class _Bookmarks(LinkListParser):
    noun = "bookmark"

    def __init__(self, found: Collected) -> None:
        super().__init__(found)
        self.open: list[_Folder] = []
        self.path: list[str] = []  # the tags of the open folders, at most MAX_FOLDER_TAGS
        self.heading: list[str] | None = None
        self.heading_attrs: Attributes = {}
        self.pending: tuple[str, Attributes] | None = None  # an H3 awaiting its <DL>

    def marks(self, link: Attributes) -> LinkMarks:
        return LinkMarks(
            [*self.path, link.get("tags") or ""],
            epoch_date(link.get("add_date")),
            starred=(link.get(STARRED_MARK) or "").strip().lower() == "true",
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "dt", "dl", "h3"):
            self.flush()
        if tag == "h3":
            self.heading = []
            self.heading_attrs = dict(attrs)
            self.text_size = 0
        elif tag == "dl":
            self.enter()
        elif tag == "a":
            self.start_link(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self.heading is not None:
            self.pending = ("".join(self.heading), self.heading_attrs)
            self.heading = None
        elif tag == "a":
            self.flush()
        elif tag == "dl":
            self.flush()
            self.leave()

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.keep_text(self.heading, data)
        elif self.link is not None:
            self.keep_text(self.text, data)

    def enter(self) -> None:
        pending, self.pending = self.pending, None
        self.text_size = 0
        outer = self.state
        if pending is None:
            self.open.append(_Folder(False, outer))
            return
        name, attrs = pending
        marked_state = (attrs.get(STATE_MARK) or "").strip().lower()
        if marked_state in ("unread", "archived"):
            self.state = "unread" if marked_state == "unread" else "archived"
            self.open.append(_Folder(False, outer))
            return
        tag = clip_line(name, 100)
        tagged = bool(tag) and len(self.path) < MAX_FOLDER_TAGS
        tagged = tagged and not any(mark in attrs for mark in ROOT_MARKS)
        if tagged:
            self.path.append(tag)
        self.open.append(_Folder(tagged, outer))

    def leave(self) -> None:
        self.pending = None
        if not self.open:
            return
        folder = self.open.pop()
        if folder.tagged:
            self.path.pop()
        self.state = folder.outer_state
