"""The source panel: where the article came from and how tuireader got it.

While the cursor is on a sidebar link, a "Link" section at the top previews where it leads,
from the cache when the page is there, so the reader can decide before following it. When the
cache keeps an earlier copy of the article, a line at the top says what changed since it was read,
or which earlier copy is shown, with the keys that compare and list the copies.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tuireader.formatting import (
    first_sentence,
    human_date,
    human_time,
    reading_time,
    text_origin,
)
from tuireader.models import Article, CacheState, Reading, Version
from tuireader.textsafe import clip_line
from tuireader.urls import host_of, is_followable

NOT_CACHED = "not in the cache yet (p reads ahead)"
VALUE_LIMIT = 1000  # characters of a value shown; the full one is in --dump json and `y`
VERSION_KEYS = {"reader.compare": "D", "reader.versions": "V"}  # binding id -> default key


@dataclass(frozen=True, slots=True)
class LinkPreview:
    """A sidebar link to preview: its number, URL and the cached article, if the cache has it."""

    number: int | None
    url: str
    article: Article | None = None


def version_line(reading: Reading, keys: dict[str, str] | None = None) -> str:
    """What the panel says of the article's earlier copies; "" when the cache keeps none.

    The newest copy: when the one before it was read (or saved, if never read) and how many
    paragraphs changed since. An earlier copy: which one it is. `keys` maps the binding ids of
    VERSION_KEYS to the keys the reader presses for them.
    """
    keys = {**VERSION_KEYS, **(keys or {})}
    compare, listing = keys["reader.compare"], keys["reader.versions"]
    previous = reading.previous
    if reading.version:
        newest = previous.number + 1 if previous is not None else reading.version + 1
        fetched = human_date(reading.page.fetched_at)
        return (
            f"An earlier copy: version {reading.version} of {newest}, fetched {fetched}. "
            f"{compare} shows what changed since, {listing} lists the copies."
        )
    if previous is None:
        return ""
    since = changed_since(previous)
    return (
        f"{since[:1].upper()}{since[1:]}. {compare} shows the changes, {listing} lists the copies."
    )


def changed_since(previous: Version) -> str:
    """'changed since you read it on December 1, 2026 (3 paragraphs changed)'."""
    if previous.read_at:
        since = f"changed since you read it on {human_date(previous.read_at)}"
    else:
        since = f"changed since you saved it on {human_date(previous.fetched_at)}"
    count = previous.changed
    if not count:
        return since
    return f"{since} ({count} paragraph{'' if count == 1 else 's'} changed)"


def source_fields(reading: Reading, keys: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Label and value of every line the panel shows, in order; empty values are left out.

    A feed's content shown for its entry says so first, as a sentence of its own (no label), and
    so does what changed since an earlier copy (`version_line`, with `keys`).
    """
    article, page = reading.article, reading.page
    feed = reading.state is CacheState.FEED
    status = " · ".join(part for part in (str(page.status or ""), page.content_type) if part)
    fields = [
        ("", reading.feed_note),
        ("", version_line(reading, keys)),
        ("Cache", reading.state_label()),
        ("Fetch failed", reading.fallback_reason if reading.state is CacheState.FALLBACK else ""),
        ("Read from", text_origin(article)),
        ("Site", article.site_name or host_of(page.final_url)),
        ("Author", article.byline),
        ("Published", human_date(article.published)),
        ("Updated", human_date(article.modified) if article.modified != article.published else ""),
        ("Fetched", "" if feed else human_time(page.fetched_at)),
        ("URL", page.url if is_followable(page.url) or not feed else ""),
        ("Final URL", page.final_url if page.final_url != page.url else ""),
        (
            "Canonical",
            article.canonical_url
            if article.canonical_url not in (page.url, page.final_url)
            else "",
        ),
        ("HTTP", "" if feed else status),
        ("Length", reading_time(article) if article.word_count else ""),
    ]
    fields += [("Credit", credit) for credit in article.credits]
    return [(label, value) for label, value in fields if value]


def link_fields(preview: LinkPreview) -> list[tuple[str, str]]:
    """Label and value of the Link section's lines; empty values are left out."""
    article = preview.article
    fields = [
        ("Number", "" if preview.number is None else str(preview.number)),
        ("URL", preview.url),
    ]
    if article is None:
        fields.append(("Cache", NOT_CACHED))
    else:
        fields += [
            ("Title", article.title),
            ("Site", article.site_name or host_of(preview.url)),
            ("Published", human_date(article.published)),
            ("Opens with", first_sentence(article.text)),
        ]
    return [(label, value) for label, value in fields if value]


def _lines(fields: list[tuple[str, str]]) -> list[Content]:
    return [
        Content.assemble(
            Content.styled(f"{label}: ", "bold $text-accent"),
            Content(clip_line(value, VALUE_LIMIT)),
        )
        if label
        else Content.styled(clip_line(value, VALUE_LIMIT), "bold $text-warning")
        for label, value in fields
    ]


class SourcePanel(VerticalScroll, can_focus=True):
    """Facts about the Reading on screen, as label/value lines, under a link preview if any."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._reading: Reading | None = None
        self._preview: LinkPreview | None = None
        self.keys: dict[str, str] = {}  # the keymap's keys for VERSION_KEYS' binding ids

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Content("No article open."), id="source-lines")

    @property
    def preview(self) -> LinkPreview | None:
        return self._preview

    def show(self, reading: Reading) -> None:
        """The facts of a new Reading; a preview of the previous article's link goes."""
        self._reading, self._preview = reading, None
        self._update()

    def show_link(self, preview: LinkPreview | None) -> None:
        """Preview a link above the article's facts; None shows the article's facts alone."""
        if preview != self._preview:
            self._preview = preview
            self._update()

    def _update(self) -> None:
        lines: list[Content] = []
        if self._preview is not None:
            lines.append(Content.styled("Link", "bold underline"))
            lines += _lines(link_fields(self._preview))
            if self._reading is not None:
                lines += [Content(""), Content.styled("Article", "bold underline")]
        if self._reading is not None:
            lines += _lines(source_fields(self._reading, self.keys))
        text = Content("\n").join(lines) if lines else Content("No article open.")
        self.query_one("#source-lines", Static).update(text)
