"""Plain data passed between the layers: fetch -> extract -> cache -> reader -> app.

Nothing here imports Textual, httpx or an HTML parser, so the cached-article path stays light.
Every model converts to and from plain JSON-able dicts for the cache and `--dump --format json`.

The models are immutable NamedTuples (change one with `_replace`), not dataclasses: importing
dataclasses (it imports inspect) and building slotted dataclasses cost `tuireader --dump` about a
fifth of its run, which is mostly imports. For the same reason this module does without
`from __future__ import annotations`: NamedTuple would compile every field's string annotation.
"""

from enum import Enum
from typing import Any, Literal, NamedTuple

from tuireader.urls import host_of, is_followable

LinkKind = Literal["related", "body", "source"]
LINK_KINDS: tuple[LinkKind, ...] = ("related", "body", "source")
MIN_ARTICLE_WORDS = 20  # fewer words of body text: a sign-in wall or a JavaScript shell, not news
MIN_ARTICLE_CHARS = 200  # ... unless it has this many characters (text written without spaces)


class Link(NamedTuple):
    """A link the reader can follow: related articles, links in the body, sources and credits."""

    url: str
    text: str
    kind: LinkKind = "body"

    @property
    def host(self) -> str:
        return host_of(self.url)

    @property
    def followable(self) -> bool:
        return is_followable(self.url)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Link":
        kind = data.get("kind", "body")
        return cls(
            url=str(data.get("url", "")),
            text=str(data.get("text", "")),
            kind=kind if kind in LINK_KINDS else "body",
        )


class Image(NamedTuple):
    """An image of the article (the lead image, or a figure of the body): where it is, what it
    shows and who made it."""

    url: str = ""
    caption: str = ""
    credit: str = ""
    alt: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Image":
        return cls(**{k: str(data.get(k, "")) for k in ("url", "caption", "credit", "alt")})


class Article(NamedTuple):
    """An extracted article: `markdown` is what the body pane shows, `text` the same as plain text.

    `markdown` and `text` hold the body only: the title, byline, date and lead image are separate
    fields so each view can place them itself. Dates are ISO 8601 strings ("" when unknown).
    """

    title: str = ""
    byline: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""
    modified: str = ""
    site_name: str = ""
    lang: str = ""
    description: str = ""
    canonical_url: str = ""
    lead_image: Image | None = None
    markdown: str = ""
    text: str = ""
    body_links: tuple[Link, ...] = ()
    related_links: tuple[Link, ...] = ()
    credits: tuple[str, ...] = ()
    word_count: int = 0
    reading_minutes: int = 0
    extractor_version: str = ""
    page_text: str = ""  # all the page's visible text, kept when no article was found in it
    # What the page is: "article", or "links" for a front page, section or listing shown as its
    # headlines and links grouped by section (the source panel says "page of links").
    page_kind: str = "article"
    # Where the body came from when the page's HTML held too little: "" (the HTML itself),
    # "json-ld" (JSON-LD articleBody), "next-data" (Next.js __NEXT_DATA__), "nuxt" (a Nuxt
    # payload), "amp" (the page's AMP version). The source panel says so.
    text_from: str = ""
    amp_url: str = ""  # the page's <link rel="amphtml">, tried when the page holds no article
    # Evidence in the page itself of why it holds no article: "paywall", "consent",
    # "javascript" (a <noscript> or app shell asking for it), or "" when none was seen.
    wall: str = ""
    wall_evidence: str = ""  # what showed the wall: a <noscript>'s words, the markup found
    # The figures of the body in reading order (the lead image is `lead_image`); the Markdown
    # holds each as a line `![alt](<url>)` where it stands.
    images: tuple[Image, ...] = ()
    # The body parsed for the view (render.body_codec), "" until parsed: derived from `markdown`,
    # so not part of the article's data nor of its equality; the cache keeps it in a column.
    body: str = ""

    @property
    def found(self) -> bool:
        """Whether the page held an article, rather than a sign-in form or an empty shell.

        Characters count too: Chinese or Japanese text has few spaces to count words by.
        """
        return self.word_count >= MIN_ARTICLE_WORDS or len(self.text) >= MIN_ARTICLE_CHARS

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return self[:-1] == other[:-1]  # every field but `body`, which comes last

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self[:-1])

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        del data["body"]
        data["lead_image"] = self.lead_image._asdict() if self.lead_image else None
        data["images"] = [image._asdict() for image in self.images]
        for name in ("body_links", "related_links"):
            data[name] = [link._asdict() for link in data[name]]
        for name in ("authors", "credits"):
            data[name] = list(data[name])
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        image = data.get("lead_image")
        return cls(
            title=str(data.get("title", "")),
            byline=str(data.get("byline", "")),
            authors=tuple(str(a) for a in data.get("authors", [])),
            published=str(data.get("published", "")),
            modified=str(data.get("modified", "")),
            site_name=str(data.get("site_name", "")),
            lang=str(data.get("lang", "")),
            description=str(data.get("description", "")),
            canonical_url=str(data.get("canonical_url", "")),
            lead_image=Image.from_dict(image) if isinstance(image, dict) else None,
            markdown=str(data.get("markdown", "")),
            text=str(data.get("text", "")),
            body_links=tuple(Link.from_dict(x) for x in data.get("body_links", [])),
            related_links=tuple(Link.from_dict(x) for x in data.get("related_links", [])),
            credits=tuple(str(c) for c in data.get("credits", [])),
            word_count=int(data.get("word_count", 0)),
            reading_minutes=int(data.get("reading_minutes", 0)),
            extractor_version=str(data.get("extractor_version", "")),
            page_text=str(data.get("page_text", "")),
            page_kind=str(data.get("page_kind", "article")),
            text_from=str(data.get("text_from", "")),
            amp_url=str(data.get("amp_url", "")),
            wall=str(data.get("wall", "")),
            wall_evidence=str(data.get("wall_evidence", "")),
            images=tuple(Image.from_dict(x) for x in data.get("images", []) if isinstance(x, dict)),
        )


class PageInfo(NamedTuple):
    """How a page was fetched: everything about the response except its body."""

    url: str
    final_url: str
    status: int = 200
    content_type: str = "text/html"
    encoding: str = "utf-8"
    etag: str = ""
    last_modified: str = ""
    fetched_at: str = ""  # ISO 8601, UTC

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "PageInfo":
        return cls(
            url=str(data["url"]),
            final_url=str(data.get("final_url") or data["url"]),
            status=int(data.get("status", 200)),
            content_type=str(data.get("content_type", "text/html")),
            encoding=str(data.get("encoding", "utf-8")),
            etag=str(data.get("etag", "")),
            last_modified=str(data.get("last_modified", "")),
            fetched_at=str(data.get("fetched_at", "")),
        )


class Page(NamedTuple):
    """A fetched page: its response info and its decoded HTML."""

    info: PageInfo
    html: str


class CacheState(Enum):
    """Where the Reading on screen came from."""

    FRESH = "fresh"  # fetched from the network for this reading
    CACHED = "cached"  # opened from the cache without a request (library, --offline)
    REVALIDATED = "revalidated"  # the server said the cached copy is current (304)
    FALLBACK = "fallback"  # the fetch failed, so the cached copy is shown
    LOCAL = "local"  # a saved file on disk, read without the cache
    FEED = "feed"  # a feed entry whose page the cache lacks: the feed's own content is shown


class Picture(NamedTuple):
    """An image as the cache holds it for an article: what came, and whether it can be drawn.

    The bytes are stored as they came and read only when drawn (`Reader.picture_data`).
    `problem` says in a few words why it is not drawn ("an SVG drawing", "HTTP 404", "too large
    to decode"), "" when it can be; `width` and `height` are the image's own, 0 when unknown.
    """

    url: str
    content_type: str = ""
    width: int = 0
    height: int = 0
    size: int = 0  # bytes stored
    problem: str = ""

    @property
    def drawable(self) -> bool:
        return not self.problem and self.width > 1 and self.height > 1


class Highlight(NamedTuple):
    """A passage the reader marked, and the note on it: anchored to the text, not to lines.

    The W3C Web Annotation TextQuoteSelector's idea: the passage itself (`exact`) with a little
    of the text before and after it (`prefix`, `suffix`), so that it is found again in another
    width, theme, extraction or fetch of the article (`body.quotes.Body.locate`). `block` and
    `block_text` are the paragraph it starts in when made, as the reading position keeps it
    (index and opening words): they choose between several equal passages. `id` is the store's.
    """

    id: int
    url: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    block: int = 0
    block_text: str = ""
    note: str = ""
    created_at: str = ""  # ISO 8601, UTC
    updated_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class Version(NamedTuple):
    """An earlier copy of an article the store keeps, made when a refetch changed its text.

    `number` counts the copies of one URL from 1, the oldest; the article on screen is the
    newest and is numbered after the last kept one. `read_at` is when that copy was last read
    ("" if never), `changed` how many paragraphs the copy that replaced it changed.
    """

    number: int
    fetched_at: str
    read_at: str = ""
    replaced_at: str = ""
    title: str = ""
    word_count: int = 0
    changed: int = 0
    size: int = 0  # bytes stored for it

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class NoArticle(NamedTuple):
    """Why there is no article at `url`, in words a person can act on.

    `kind` is what stands in the way: "refused" (HTTP 401, 403, 429, 451: often a bot wall),
    "file" (a PDF, an image, anything not a web page), "paywall", "consent", "javascript",
    "empty" (no text at all) or "none" (some text, but no article in it). `evidence` is one
    sentence that says so, from the HTTP status, the Content-Type or the page's own markup.
    """

    kind: str
    evidence: str
    url: str


class Reading(NamedTuple):
    """What the reader shows: an article, how its page was fetched and where it came from now."""

    article: Article
    page: PageInfo
    state: CacheState
    fallback_reason: str = ""  # why the fetch failed (FALLBACK); why the page is not shown (FEED)
    notice: str = ""  # one line the user must see beside the article (articles evicted for it)
    evicted: int = 0  # how many articles saving this one evicted from the cache
    not_kept: str = ""  # why a page fetched now could not be kept in the cache (a full disk)
    no_article: NoArticle | None = None  # the fetch gave no page to read (a 403, a PDF): why
    archived: str = ""  # the date of the Internet Archive's copy shown instead of the page
    pictures: tuple[Picture, ...] = ()  # the article's images the cache holds (no bytes)
    previous: Version | None = None  # the newest earlier copy the cache keeps, if any
    version: int = 0  # the number of the earlier copy shown (versions list), 0: the newest

    @property
    def url(self) -> str:
        return self.page.url

    def state_label(self) -> str:
        """The cache state as the source panel says it."""
        date = self.page.fetched_at[:16].replace("T", " ")
        if self.archived:
            return f"archived copy of {self.archived} (the Internet Archive)"
        if self.no_article is not None:
            return "nothing to read: the page was not fetched"
        if self.state is CacheState.FRESH:
            if self.not_kept:
                return "fresh from the network, not kept in the cache"
            return "fresh from the network, now in the cache"
        if self.state is CacheState.CACHED:
            return f"from cache (saved {date} UTC)"
        if self.state is CacheState.REVALIDATED:
            return f"from cache, unchanged on the server (checked {date} UTC)"
        if self.state is CacheState.LOCAL:
            return f"local file (modified {date} UTC)"
        if self.state is CacheState.FEED:
            return "the feed's own content, not the page"
        return f"offline copy of {date} UTC"

    @property
    def feed_note(self) -> str:
        """The sentence that says a feed's content stands in for the page, "" when it does not."""
        if self.state is not CacheState.FEED:
            return ""
        return f"Shown from the feed's own content: {self.fallback_reason}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "page": self.page.to_dict(),
            "state": self.state.value,
            "fallback_reason": self.fallback_reason,
        }


class LibraryEntry(NamedTuple):
    """One row of the library: enough to list a cached article without loading it."""

    url: str
    title: str
    site_name: str
    byline: str
    published: str
    fetched_at: str
    word_count: int = 0
    progress: float = 0.0  # how far it was read, 0..1
    last_read_at: str = ""
    size: int = 0  # bytes the store keeps for it (compressed page + article)

    @property
    def host(self) -> str:
        return host_of(self.url)


class SearchHit(NamedTuple):
    """A full-text match: the article, and its body and title with matched words marked."""

    entry: LibraryEntry
    snippet: str
    title: str
