"""Saved articles into the cache (`tuireader cache import FILE...`), so they read like fetched ones.

Two kinds of file: a saved web page (.html, .htm), extracted like a fetched page, and an article
saved as Markdown (.md, .markdown, .txt: a `# Title`, a date line, paragraphs, and an
"Original url:" block at the end). Markdown is read by the parser the reader draws it with, and
the Article finished by the extractor's finisher (extract/finish.py): the same text rule, word
count, reading time, credits, lead caption credit and related boxes as a page extracted from HTML.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tuireader.body import with_body
from tuireader.body.model import Block
from tuireader.body.parse import parse_markdown
from tuireader.cache import Store
from tuireader.charset import decode_text
from tuireader.extract.credits import is_trailing_credit, split_credit
from tuireader.extract.finish import credits_of, finish, related_links
from tuireader.extract.links import LinkList, absolute_url, is_related_line
from tuireader.extract.textclean import escape_line_start, squash
from tuireader.fetch.content_types import binary_type
from tuireader.fetch.options import DEFAULT_MAX_BYTES
from tuireader.formatting import human_time
from tuireader.models import Article, Image, Page, PageInfo
from tuireader.pictures.limits import MAX_ARTICLE_IMAGES
from tuireader.textsafe import clean_line, clean_text
from tuireader.urls import BadURL, host_of, is_followable, normalize_url

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
MARKDOWN_IMPORTER_VERSION = "markdown-import-2"  # what made the article, shown by `cache show`
LEAD_STOP = 120  # characters: a first paragraph this long is text, not an image's caption
BINARY_SAMPLE = 64 * 1024  # characters looked at to tell text from binary data
BINARY_SHARE = 0.05  # more control characters than this, and it is not text
_TEXT_CONTROLS = frozenset("\t\n\v\f\r\x1b")  # whitespace, and ESC of ANSI-coloured text
_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SOURCE_LABEL = re.compile(r"^(?:original\s+url|original|source|url)\s*:\s*(.*)$", re.I)
_BARE_URL = re.compile(r"^<?(https?://[^\s<>]+)>?$", re.I)
# [text](target "title"), not ![image](...); the target may be <...> or hold balanced parens.
_LINK = re.compile(
    r"(?<!!)\[(?P<text>[^\]\n]*)\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<bare>(?:[^\s()]|\([^\s()]*\))*))"
    r"(?:\s+\"[^\"\n]*\")?\s*\)"
)
# ![alt](target "title"): a picture, its target resolved like a link's.
_IMAGE = re.compile(
    r"!\[(?P<text>[^\]\n]*)\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<bare>(?:[^\s()]|\([^\s()]*\))*))"
    r"(?:\s+\"[^\"\n]*\")?\s*\)"
)
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


class ImportFailed(Exception):
    """One file could not be imported; the message names the file and says why."""


@dataclass(frozen=True, slots=True)
class Imported:
    """What was stored: the cache key and the title, for the one-line report.

    `note` says what happened to a copy already cached under the same URL ("" when there was
    none); `kept` is True when that copy was newer and the file was not imported.
    """

    url: str
    title: str
    note: str = ""
    kept: bool = False


def import_file(
    store: Store, path: Path, url: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Imported:
    """Import one saved page or Markdown article; `url` is used when the file names none.

    Only a regular file of at most `max_bytes` (the cap on a fetched page) that holds text or
    HTML is read: a FIFO or a device could be read forever, and a binary file is no article.
    A copy already cached under the same URL is replaced if it is older, else kept.
    """
    suffix = path.suffix.lower()
    try:
        _check_kind(path, os.stat(path))
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    if suffix not in HTML_SUFFIXES + MARKDOWN_SUFFIXES:
        raise ImportFailed(f"{path}: not an .html, .htm, .md, .markdown or .txt file")
    data, mtime = read_limited(path, max_bytes)
    fetched_at = datetime.fromtimestamp(mtime, UTC).isoformat(timespec="seconds")
    if kind := binary_type(data[:1024]):
        raise ImportFailed(f"{path}: {kind} data, not text or HTML")
    if suffix in HTML_SUFFIXES:
        text, _codec = decode_text(data)
        _check_text(path, text)
        page, article = _from_html(path, text, url, fetched_at)
    else:
        text, _codec = decode_text(data, html=False)
        _check_text(path, text)
        page, article = _from_markdown(path, text, url, fetched_at)
    cached = store.load(page.info.url)
    note = ""
    if cached is not None:
        cached_at = cached[0].fetched_at
        shown = clean_line(page.info.url)
        if _moment(cached_at) > _moment(fetched_at):
            note = (
                f"kept the newer cached copy of {shown} (fetched {human_time(cached_at)}); "
                f"{path} is from {human_time(fetched_at)}"
            )
            return Imported(page.info.url, cached[1].title, note, kept=True)
        note = f"replaced the cached copy of {shown} fetched {human_time(cached_at)}"
    store.save(page, with_body(article))
    return Imported(page.info.url, article.title, note)


def read_limited(path: Path, max_bytes: int) -> tuple[bytes, float]:
    """The bytes of the regular file at `path` and its modification time, or ImportFailed.

    The type and size are checked before a byte is read (stat, then fstat on a descriptor opened
    without blocking, so a FIFO swapped in between cannot hang us), and at most max_bytes + 1
    bytes are read, so a file that grows meanwhile is still refused.
    """
    try:
        _check_kind(path, os.stat(path))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        _check_kind(path, info)
        _check_size(path, info.st_size, max_bytes)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    _check_size(path, len(data), max_bytes)
    return data, info.st_mtime


def _check_kind(path: Path, info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), "no file")
    raise ImportFailed(f"{path} is {kind}, not a regular file: only saved pages can be imported")


def _check_size(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        shown = _mib(size)
        if round(size / 1024 / 1024, 1) == round(max_bytes / 1024 / 1024, 1):
            shown = f"{size:,} bytes"  # "2.0 MiB, over the 2 MiB limit" would say nothing
        raise ImportFailed(
            f"{path} is {shown}, over the {_mib(max_bytes)} limit on a page "
            "(max_page_size in the settings)"
        )


def _mib(count: int) -> str:
    """'10 MiB' for whole mebibytes, else one decimal: '2.4 MiB'."""
    if count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MiB"
    return f"{count / 1024 / 1024:.1f} MiB"


def _check_text(path: Path, text: str) -> None:
    """Refuse binary data: a NUL, or many control characters, in the start of the text."""
    sample = text[:BINARY_SAMPLE]
    controls = sum(1 for ch in sample if _is_binary_char(ch))
    if sample and controls > BINARY_SHARE * len(sample):
        raise ImportFailed(f"{path}: binary data (NUL or other control bytes), not text or HTML")


def _is_binary_char(ch: str) -> bool:
    code = ord(ch)
    return (code < 0x20 and ch not in _TEXT_CONTROLS) or code == 0x7F or ch == "\ufffd"


def _moment(iso: str) -> datetime:
    """`iso` as an aware datetime for comparing; unreadable dates count as very old."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _page_url(path: Path, named: str, given: str) -> str:
    """The URL to cache the file under: the one it names if http(s), else `given`, normalized."""
    for candidate in (named, given):
        if candidate and is_followable(candidate):
            try:
                return normalize_url(candidate)
            except BadURL:
                continue
    if given:
        raise ImportFailed(f"{path}: --url {clean_line(given)!r} is not an http(s) URL")
    raise ImportFailed(f"{path}: the file names no http(s) URL of its own; give one with --url")


def _from_html(path: Path, html: str, url: str, fetched_at: str) -> tuple[Page, Article]:
    from tuireader.extract.pipeline import extract_article

    page_url = _page_url(path, extract_article(html).canonical_url, url)
    article = extract_article(html, page_url)  # again, so relative links resolve against it
    info = PageInfo(page_url, page_url, 200, "text/html", "utf-8", fetched_at=fetched_at)
    return Page(info, html), article


def _from_markdown(path: Path, text: str, url: str, fetched_at: str) -> tuple[Page, Article]:
    saved = parse_saved_markdown(text)
    page_url = _page_url(path, saved.source_url, url)
    article = saved.article(page_url)
    info = PageInfo(page_url, page_url, 200, "text/markdown", "utf-8", fetched_at=fetched_at)
    return Page(info, text), article


@dataclass(slots=True)
class SavedMarkdown:
    """An article saved as Markdown, split into the parts an Article keeps apart."""

    title: str = ""
    published: str = ""
    blocks: list[str] = field(default_factory=list)  # the body, one paragraph/heading/list each
    source_url: str = ""  # from the "Original url:" block

    def article(self, url: str) -> Article:
        """The Article, by the extractor's rules, with links resolved against `url`.

        Related boxes leave the body for related_links, a leading caption with its credit becomes
        the lead image's, and only http(s) links are kept as links.
        """
        related = LinkList("related", url)
        blocks = [b for b in self.blocks if not _lift_related_box(b, url, related)]
        lead, blocks = _lead_caption(blocks)
        body_links = LinkList("body", url)
        markdown = "\n\n".join(
            _resolve_links(_resolve_images(b, url), url, body_links) for b in blocks
        )
        body = parse_markdown(markdown).blocks
        paragraphs = [block.text for block in body if block.kind == "paragraph"]
        article = Article(
            title=self.title,
            published=self.published,
            site_name=host_of(url),
            canonical_url=url,
            lead_image=lead,
            markdown=markdown,
            text=_text(body),
            images=_images(body),
            body_links=tuple(body_links.links()),
            related_links=related_links(related),
            credits=credits_of(lead, (), paragraphs),
        )
        return finish(article, MARKDOWN_IMPORTER_VERSION)


def parse_saved_markdown(text: str) -> SavedMarkdown:
    """Title, date, body and source URL of a saved Markdown article."""
    clean = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", clean) if b.strip()]
    saved = SavedMarkdown()
    saved.source_url, blocks = _take_source(blocks)
    saved.title, blocks = _take_title(blocks)
    if blocks and (published := parse_date(blocks[0])):
        saved.published, blocks = published, blocks[1:]
    saved.blocks = blocks
    return saved


def _text(blocks: list[Block]) -> str:
    """Parsed blocks as the plain text a reader sees, a paragraph each; a picture holds none."""
    return "\n\n".join(text for block in blocks if block.kind != "image" and (text := block.text))


def _images(blocks: list[Block]) -> tuple[Image, ...]:
    """The pictures that stand as blocks (http(s) only: body.parse's rule), each URL once."""
    urls = dict.fromkeys(block.src for block in blocks if block.kind == "image")
    alts = {block.src: block.text for block in reversed(blocks) if block.kind == "image"}
    return tuple(Image(url=url, alt=alts[url]) for url in urls)[:MAX_ARTICLE_IMAGES]


def _inline_text(markdown: str) -> str:
    """A line of inline Markdown (a title, a link's text) as plain text on one line."""
    return squash(_text(parse_markdown(escape_line_start(markdown.strip())).blocks))


def _lift_related_box(block: str, base: str, related: LinkList) -> bool:
    """Whether `block` is a one-line related box; if so its links go to `related`.

    The rule is the HTML path's: a "Related article:" label, then mostly link text. A link that
    leads nowhere ("#") is not lifted, but the box leaves the body all the same.
    """
    links = list(_LINK.finditer(block))
    if not links:
        return False
    texts = [_inline_text(link.group("text")) for link in links]
    if not is_related_line(_inline_text(block), sum(len(text) for text in texts)):
        return False
    for link, text in zip(links, texts, strict=True):
        related.add(absolute_url(_target(link), base), text)
    return True


def _lead_caption(blocks: list[str]) -> tuple[Image | None, list[str]]:
    """A first paragraph that is the caption and credit of a picture the saved text lost.

    Taken only with a credit, found by the figures' rules: a short link after a finished sentence
    ("... Putin. [kremlin.ru](...)"), or one known by its wording ("Photo: AP").
    """
    parsed = parse_markdown(blocks[0]).blocks if blocks else []
    if len(parsed) != 1 or parsed[0].kind != "paragraph":
        return None, blocks
    runs = parsed[0].runs
    whole = squash(parsed[0].text)
    if not runs or len(whole) >= LEAD_STOP:
        return None, blocks
    last = runs[-1].link
    split = len(runs)
    while last is not None and split > 0 and runs[split - 1].link == last:
        split -= 1
    before = squash("".join(run.text for run in runs[:split]))
    credit = squash("".join(run.text for run in runs[split:]))
    if not (last is not None and is_trailing_credit(before, credit)):
        before, credit = split_credit(whole)
    if not credit:
        return None, blocks
    return Image(caption=before, credit=credit.strip(" ()[]|")), blocks[1:]


def _take_title(blocks: list[str]) -> tuple[str, list[str]]:
    """The first level-1 heading as plain text, and the blocks without it."""
    for index, block in enumerate(blocks):
        first, _, rest = block.partition("\n")
        match = _HEADING.match(first)
        if match and len(match.group(1)) == 1:
            remaining = blocks[:index] + ([rest] if rest.strip() else []) + blocks[index + 1 :]
            return clean_line(_inline_text(match.group(2))), remaining
    return "", blocks


def _take_source(blocks: list[str]) -> tuple[str, list[str]]:
    """The URL of a trailing "Original url: <URL>" block (label and URL on one or two lines)."""
    if not blocks:
        return "", blocks
    last = blocks[-1].strip()
    label = _SOURCE_LABEL.match(last)
    if label and (url := _BARE_URL.match(label.group(1).strip())):
        return url.group(1), blocks[:-1]
    lines = last.splitlines()
    url = _BARE_URL.match(lines[-1].strip())
    if url is None:
        return "", blocks
    if len(lines) > 1 and _SOURCE_LABEL.match(lines[0].strip()):
        return url.group(1), blocks[:-1]
    if len(lines) == 1 and len(blocks) > 1 and _SOURCE_LABEL.match(blocks[-2].strip()):
        return url.group(1), blocks[:-2]
    return "", blocks


def parse_date(line: str) -> str:
    """A line that is only a date, as ISO 8601 YYYY-MM-DD; "" for anything else."""
    candidate = _WEEKDAY.sub("", line.strip().strip("*_").strip())
    if "\n" in candidate or len(candidate) > 40:
        return ""
    try:
        return datetime.fromisoformat(candidate.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(candidate, pattern).date().isoformat()
        except ValueError:
            continue
    return ""


def _target(link: re.Match[str]) -> str:
    return (link.group("angled") if link.group("angled") is not None else link.group("bare")) or ""


def _resolve_images(block: str, base: str) -> str:
    """`block` with pictures' relative targets resolved against `base`; others stay as written."""

    def replace(image: re.Match[str]) -> str:
        resolved = absolute_url(_target(image), base)
        if not resolved or resolved == _target(image):
            return image.group(0)
        return f"![{image.group('text')}](<{resolved.replace('<', '%3C').replace('>', '%3E')}>)"

    return _IMAGE.sub(replace, block)


def _resolve_links(block: str, base: str, found: LinkList) -> str:
    """`block` with links resolved against `base`; links that go nowhere become their text."""

    def replace(link: re.Match[str]) -> str:
        target, text = _target(link), link.group("text")
        resolved = absolute_url(target, base)
        if not resolved:
            return text
        found.add(resolved, _inline_text(text))
        if resolved == target:
            return link.group(0)
        return f"[{text}](<{resolved.replace('<', '%3C').replace('>', '%3E')}>)"

    return _LINK.sub(replace, block)


__all__ = [
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "ImportFailed",
    "Imported",
    "SavedMarkdown",
    "import_file",
    "parse_date",
    "parse_saved_markdown",
    "read_limited",
]
