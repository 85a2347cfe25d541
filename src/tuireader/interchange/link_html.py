"""What every HTML list of saved links shares (Pocket's ril_export.html, browser bookmarks):
each <a> and its text become one SavedItem, in file order, a bad one skipped with its place.

Read with html.parser, which expands no entity a file declares (only HTML's own). A link's text
is kept up to TITLE_TEXT characters, counted as it comes: a link split into a million pieces by
empty tags costs a million steps, not a million sums.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import NamedTuple

from tuireader.interchange.fields import Collected, saved_item
from tuireader.interchange.model import State

TITLE_TEXT = 4_000  # characters of a link's text kept while reading (the title is clipped later)

Attributes = dict[str, str | None]


class LinkMarks(NamedTuple):
    """What a format says of a link besides its URL, title and state."""

    tag_values: list[str]
    added_at: str
    starred: bool = False


class LinkListParser(HTMLParser):
    """The links of an HTML export, each under the `state` in force where it stands.

    A format says what a link's attributes mean (`marks`) and how its items are named (`noun`).
    """

    noun = "link"

    def __init__(self, found: Collected) -> None:
        super().__init__(convert_charrefs=True)
        self.found = found
        self.state: State = "unread"
        self.link: Attributes | None = None
        self.text: list[str] = []
        self.text_size = 0
        self.count = 0

    @classmethod
    def read(cls, text: str, found: Collected) -> None:
        parser = cls(found)
        parser.feed(text)
        parser.close()
        parser.flush()

    def marks(self, link: Attributes) -> LinkMarks:
        raise NotImplementedError

    def start_link(self, attrs: list[tuple[str, str | None]]) -> None:
        self.link = dict(attrs)
        self.text = []
        self.text_size = 0

    def keep_text(self, target: list[str], data: str) -> None:
        """`data` added to `target` (a link's or a heading's text) while under TITLE_TEXT."""
        if self.text_size < TITLE_TEXT:
            target.append(data[:TITLE_TEXT])
            self.text_size += min(len(data), TITLE_TEXT)

    def flush(self) -> None:
        """The link being read, if any, to the items (or the skipped)."""
        if self.link is None:
            return
        link, self.link = self.link, None
        self.count += 1
        where = f"{self.noun} {self.count}"
        with self.found.row(where):
            marks = self.marks(link)
            self.found.add(
                saved_item(
                    link.get("href"),
                    where=where,
                    title_text="".join(self.text),
                    state=self.state,
                    starred=marks.starred,
                    tag_values=marks.tag_values,
                    added_at=marks.added_at,
                )
            )
        self.text = []
        self.text_size = 0
