"""Plain records for reading-list files, shared by the readers, the writers and their callers.

NamedTuples, as in models.py and feeds/model.py: cheap to import and to build. The readers
build SavedItems through `fields.saved_item`, which cleans every field; the records themselves
only hold what they are given.
"""

from typing import Literal, NamedTuple

from tuireader.feeds.model import OpmlFeed

State = Literal["unread", "archived"]
NAMED_SKIPS = 2  # how many skipped rows the summary names before "… (N more)"


class Range(NamedTuple):
    """A passage's place in HTML, in the Annotator format Wallabag uses: the elements it starts
    and ends in (XPaths from the content's root, "/p[3]") and offsets in their text."""

    start: str
    start_offset: int
    end: str
    end_offset: int


class Highlight(NamedTuple):
    """A passage the reader marked, with their note; `created` and `updated` are ISO 8601 UTC
    or "". `ranges` are where the passage stands in the item's HTML content, as Wallabag's
    annotator keeps them (start and end XPaths, character offsets), when known."""

    quote: str
    note: str = ""
    created: str = ""
    updated: str = ""
    ranges: tuple[Range, ...] = ()


class SavedItem(NamedTuple):
    """One article of a reading list, as an export file says it (cleaned).

    `url` is absolute http(s), normalized, without tracking parameters: the key the store
    and the deduplication use. `title` and `tags` are clean single lines (page text: data,
    never markup). `added_at` is ISO 8601 in UTC, to the second, as clock.now_iso writes, or "".
    `content_html` / `content_markdown` are the article as the export carries it, if it does.
    `where` names the item in its file ("line 12", "bookmark 3", ...) for messages.
    """

    url: str
    title: str = ""
    state: State = "unread"
    starred: bool = False
    tags: tuple[str, ...] = ()
    added_at: str = ""
    content_html: str = ""
    content_markdown: str = ""
    highlights: tuple[Highlight, ...] = ()
    where: str = ""


class Skipped(NamedTuple):
    """A row not imported: where it is in the file ("line 77") and why ("has no URL")."""

    where: str
    why: str

    def __str__(self) -> str:
        return f"{self.where} {self.why}"


class ImportResult(NamedTuple):
    """What an export file held: its format, the items, what was skipped, and any feeds (OPML)."""

    format: str
    items: tuple[SavedItem, ...]
    skipped: tuple[Skipped, ...]
    feeds: tuple[OpmlFeed, ...] = ()

    def summary(self) -> str:
        """One line: "2,341 saved, 12 skipped: line 77 has no URL, line 80 has no URL, … (10 more)".

        The caller may say "saved" otherwise (e.g. "found" before it writes).
        """
        parts = [f"{len(self.items):,} saved"]
        if self.feeds:
            parts.append(f"{len(self.feeds):,} feed{'s' if len(self.feeds) != 1 else ''}")
        line = ", ".join(parts)
        if not self.skipped:
            return line
        named = ", ".join(map(str, self.skipped[:NAMED_SKIPS]))
        more = len(self.skipped) - NAMED_SKIPS
        tail = f", … ({more:,} more)" if more > 0 else ""
        return f"{line}, {len(self.skipped):,} skipped: {named}{tail}"


class BadImport(ValueError):
    """The file as a whole cannot be read as the format it is taken for; one line says why."""


class UnknownFormat(BadImport):
    """No format recognised; the message says what the file looked like, in one line."""
