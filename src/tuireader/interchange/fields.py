"""The rules every reading-list format shares: what a SavedItem's fields may hold.

An export is a file from anyone: every title and tag leaves here a clean line, clipped; the
URL absolute http(s), normalized, without tracking parameters; dates ISO 8601 in UTC; content
bounded. A row that breaks a rule is a Skipped with its reason, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from tuireader.interchange.model import Highlight, SavedItem, Skipped, State
from tuireader.textsafe import clean_line, clean_text, clip_line
from tuireader.urls import BadURL, as_browsers_read, is_followable, normalize_url, strip_tracking

TITLE_CHARS = 300
TAG_CHARS = 100
MAX_TAGS = 64  # per item; a folder path deeper than this adds no tag
MAX_CONTENT_CHARS = 10_000_000  # content_html / content_markdown per item: a book, not a bomb
QUOTE_CHARS = 20_000
MAX_HIGHLIGHTS = 1_000
SHOWN_CHARS = 60  # how much of a bad value a reason quotes
# Tags are split where any format tuireader writes would split them: Pocket's CSV joins them
# with "|", bookmark files and Pocket's HTML with ",". A tag therefore survives every format.
TAG_SEPARATORS = re.compile(r"[,|]")


class BadRow(ValueError):
    """A row that cannot be an item; the message is the reason ("has no URL")."""


def shown(value: str) -> str:
    """A bad value quoted in a reason: one clean line, cut short."""
    return repr(clip_line(value, SHOWN_CHARS))


def item_url(raw: object) -> str:
    """`raw` as the item's URL: absolute http(s), normalized, no tracking. Raises BadRow."""
    if not isinstance(raw, str) or not raw.strip():
        raise BadRow("has no URL")
    text = as_browsers_read(raw)
    if "://" not in text or not is_followable(text):
        raise BadRow(f"is not an http(s) URL: {shown(raw.strip())}")
    try:
        return strip_tracking(normalize_url(text))
    except BadURL as exc:
        raise BadRow(f"has a bad URL ({clip_line(str(exc), 120)})") from None


def title(raw: object) -> str:
    """A title: page text as one clean line, clipped."""
    return clip_line(raw, TITLE_CHARS) if isinstance(raw, str) else ""


def tags(raw: Iterable[object]) -> tuple[str, ...]:
    """Clean tags: trimmed single lines, clipped, split at "," and "|", no empty, no duplicate."""
    seen: dict[str, None] = {}
    for value in raw:
        if not isinstance(value, str):
            continue
        for part in TAG_SEPARATORS.split(value[: 4 * TAG_CHARS * MAX_TAGS]):
            tag = clip_line(part, TAG_CHARS)
            if tag and tag not in seen:
                seen[tag] = None
                if len(seen) >= MAX_TAGS:
                    return tuple(seen)
    return tuple(seen)


def epoch_date(raw: object) -> str:
    """Seconds since 1970 (text or number) as ISO 8601 UTC; "" for none. Raises BadRow.

    Some exporters write milliseconds or microseconds: a value too large for seconds is
    taken as those.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise BadRow(f"has an unreadable date: {shown(str(raw))}")
    try:
        seconds = float(raw)
    except (OverflowError, ValueError):
        raise BadRow(f"has an unreadable date: {shown(str(raw))}") from None
    if seconds != seconds or seconds < 0:  # NaN or before 1970
        raise BadRow(f"has an unreadable date: {shown(str(raw))}")
    for divisor in (1, 1_000, 1_000_000, 1_000_000_000):
        if seconds / divisor < 253_402_300_800:  # 10000-01-01
            seconds /= divisor
            break
    else:
        raise BadRow(f"has an unreadable date: {shown(str(raw))}")
    moment = datetime.fromtimestamp(int(seconds), UTC)
    return moment.isoformat(timespec="seconds")


def iso_date(raw: object) -> str:
    """An ISO 8601 date-time (any offset, "Z", fractions) as ISO 8601 UTC; "" for none.

    A date without a time is midnight UTC; one without an offset is taken as UTC. Raises BadRow.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ""
    if not isinstance(raw, str):
        return epoch_date(raw)
    text = raw.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadRow(f"has an unreadable date: {shown(text)}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError):
        raise BadRow(f"has an unreadable date: {shown(text)}") from None


def content(raw: object) -> str:
    """HTML or Markdown as the export carries it: bounded, no half tag at a cut, no controls."""
    if not isinstance(raw, str):
        return ""
    if len(raw) > MAX_CONTENT_CHARS:
        raw = raw[:MAX_CONTENT_CHARS]
        open_tag = raw.rfind("<")
        if open_tag > raw.rfind(">"):
            raw = raw[:open_tag]
    return clean_text(raw)


def highlight(
    quote: object, note: object = "", created: object = "", updated: object = ""
) -> Highlight | None:
    """A highlight with clean text, or None when it has neither quote nor note."""
    quote_text = _passage(quote)
    note_text = _passage(note)
    if not quote_text and not note_text:
        return None
    return Highlight(quote_text, note_text, _date_or_none(created), _date_or_none(updated))


def _date_or_none(raw: object) -> str:
    try:
        return iso_date(raw)
    except BadRow:
        return ""


def _passage(raw: object) -> str:
    if not isinstance(raw, str):
        return ""
    return clean_text(raw[:QUOTE_CHARS]).strip()


def saved_item(
    url: object,
    *,
    where: str,
    title_text: object = "",
    state: State = "unread",
    starred: bool = False,
    tag_values: Iterable[object] = (),
    added_at: str = "",
    content_html: object = "",
    content_markdown: object = "",
    highlights: Iterable[Highlight | None] = (),
) -> SavedItem:
    """A SavedItem with every field cleaned. Raises BadRow (the URL)."""
    kept = tuple(h for h in highlights if h is not None)[:MAX_HIGHLIGHTS]
    return SavedItem(
        url=item_url(url),
        title=title(title_text),
        state=state,
        starred=starred,
        tags=tags(tag_values),
        added_at=added_at,
        content_html=content(content_html),
        content_markdown=content(content_markdown),
        highlights=kept,
        where=where,
    )


class Collected:
    """Items as a file gives them: the first of each URL kept, later ones merged into it.

    Merging unions the tags (the first item's first), stars the item if either is starred,
    fills the first item's empty title, date and content from the later one, and adds the
    later one's new highlights. The state stays the first one's.
    """

    def __init__(self) -> None:
        self.items: dict[str, SavedItem] = {}
        self.skipped: list[Skipped] = []

    def add(self, item: SavedItem) -> None:
        first = self.items.get(item.url)
        self.items[item.url] = item if first is None else merged(first, item)

    @contextmanager
    def row(self, where: str) -> Iterator[None]:
        """Read one row (or bookmark, or entry) inside: a BadRow skips it with why, and the
        rest is read on."""
        try:
            yield
        except BadRow as exc:
            self.skip(where, str(exc))

    def skip(self, where: str, why: str) -> None:
        self.skipped.append(Skipped(where, clean_line(why)))


def merged(first: SavedItem, later: SavedItem) -> SavedItem:
    """`first` with what `later` adds (see Collected)."""
    return first._replace(
        title=first.title or later.title,
        starred=first.starred or later.starred,
        tags=tags((*first.tags, *later.tags)),
        added_at=first.added_at or later.added_at,
        content_html=first.content_html or later.content_html,
        content_markdown=first.content_markdown or later.content_markdown,
        highlights=(
            *first.highlights,
            *(h for h in later.highlights if h not in first.highlights),
        )[:MAX_HIGHLIGHTS],
    )
