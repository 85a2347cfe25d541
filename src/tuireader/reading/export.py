"""A Reading as Markdown, plain text, JSON (`--dump`) or HTML (`cache export`), safe to print.

Page text is data in every format: controls are removed, Markdown and HTML markup in it is escaped.
Pictures: Markdown and HTML keep them (`![alt](<url>)`, the lead's before its caption); plain
text says "[image: alt]" where each stands, placed by the Markdown's picture lines; JSON lists
them with whether the cache holds them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tuireader.formatting import byline_line, caption_line, image_mark, short_title
from tuireader.models import Image, Reading
from tuireader.textsafe import clean_line, clean_text, escape_json_unsafe, escape_markdown
from tuireader.urls import is_followable

if TYPE_CHECKING:
    from markdown_it.token import Token

    from tuireader.cache.saved import Marks
    from tuireader.reading.highlights import Placed

FORMATS = ("markdown", "text", "json")  # --dump's
EXPORT_FORMATS = (*FORMATS, "html")  # cache export's
# A picture's line in the body's Markdown, as the extractor and the Markdown import write it.
_PICTURE_LINE = re.compile(
    r"^!\[(?P<alt>(?:\\.|[^\\\]\n])*)\]\((?:<(?P<angled>[^<>\n]*)>|(?P<bare>[^\s()]*))"
    r"(?:\s+\"[^\"\n]*\")?\)$"
)
_ESCAPED = re.compile(r"\\(.)")
_WORD = re.compile(r"\w+")
_DESTINATION = re.compile(r"\]\((?:<[^<>\n]*>|[^\s()]*)\)")


def _md_escape(text: str) -> str:
    """Escape one line of page text for Markdown, the same way the extractor escapes the body."""
    return escape_markdown(clean_line(text))


def _md_url(url: str) -> str:
    """A URL inside Markdown's `<...>` destination: one line, no spaces or angle brackets."""
    return clean_line(url).replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def as_markdown(reading: Reading) -> str:
    article = reading.article
    out: list[str] = []
    if article.title:
        out.append(f"# {_md_escape(short_title(article.title, article.site_name))}")
    if line := byline_line(article):
        out.append(f"*{_md_escape(line)}*")
    lead = article.lead_image
    if lead is not None and is_followable(lead.url):
        out.append(f"![{_md_escape(lead.alt)}](<{_md_url(lead.url)}>)")
    if line := caption_line(article):
        out.append(f"> {_md_escape(line)}")
    if article.markdown.strip():
        out.append(clean_text(article.markdown).strip())
    if article.related_links:
        out.append("## Related")
        out.append(
            "\n".join(
                f"- [{_md_escape(x.text)}](<{_md_url(x.url)}>)" for x in article.related_links
            )
        )
    if article.credits:
        out.append("## Credits")
        out.append("\n".join(f"- {_md_escape(c)}" for c in article.credits))
    out.append(f"Source: <{_md_url(reading.page.final_url)}>")
    return "\n\n".join(out) + "\n"


def as_text(reading: Reading) -> str:
    article = reading.article
    out: list[str] = []
    if article.title:
        title = clean_line(short_title(article.title, article.site_name))
        out.append(f"{title}\n{'=' * min(len(title), 80)}")
    if line := byline_line(article):
        out.append(clean_line(line))
    lead = article.lead_image
    caption = clean_line(caption_line(article))
    if lead is not None and is_followable(lead.url):
        out.append(image_mark(lead.alt))  # the caption under it, as the body's figures have
        if caption and caption != clean_line(lead.alt):
            out.append(caption)
    elif caption:
        out.append(f"[Image: {caption}]")
    body = _with_image_marks(clean_text(article.text).strip(), clean_text(article.markdown))
    if body:
        out.append(body)
    if article.related_links:
        out.append(
            "Related:\n"
            + "\n".join(
                f"- {clean_line(x.text)} <{clean_line(x.url)}>" for x in article.related_links
            )
        )
    if article.credits:
        out.append("Credits:\n" + "\n".join(f"- {clean_line(c)}" for c in article.credits))
    out.append(f"Source: {clean_line(reading.page.final_url)}")
    return "\n\n".join(out) + "\n"


def _with_image_marks(text: str, markdown: str) -> str:
    """`text` with "[image: alt]" where the Markdown has a picture line, between paragraphs.

    Plain text holds no pictures, so each is placed after the text of the Markdown blocks before
    it: their words are found in order in the text (a block whose words mostly are not there,
    a caption, is passed over), and the picture goes at the end of the paragraph reached.
    """
    marks: list[tuple[int, str]] = []  # (character offset in text, mark)
    words = [(m.group(), m.end()) for m in _WORD.finditer(text)]
    at = 0  # words of `text` accounted for
    for block in markdown.split("\n\n"):
        picture = _PICTURE_LINE.match(block.strip())
        url = _ESCAPED.sub(r"\1", picture["angled"] or picture["bare"] or "") if picture else ""
        if picture is not None and is_followable(url):
            end = text.find("\n\n", words[at - 1][1]) if at else 0
            alt = _ESCAPED.sub(r"\1", picture["alt"])
            marks.append((len(text) if end < 0 else end, image_mark(alt)))
            continue
        tokens = _WORD.findall(_DESTINATION.sub("]", block))
        found = at
        for token in tokens:
            if found < len(words) and words[found][0] == token:
                found += 1
        if found > at and 2 * (found - at) >= len(tokens):
            at = found
    pieces: list[str] = []
    start = 0
    for offset, mark in marks:
        pieces.append(text[start:offset])
        pieces.append(("\n\n" if offset else "") + mark + ("" if offset else "\n\n"))
        start = offset
    pieces.append(text[start:])
    return "".join(pieces).strip()


def images_of(reading: Reading) -> list[dict[str, object]]:
    """The article's pictures, the lead first, each with whether the cache holds it drawable."""
    article = reading.article
    held = {picture.url for picture in reading.pictures if not picture.problem}
    lead = [article.lead_image] if article.lead_image and article.lead_image.url else []
    images: list[Image] = [*lead, *article.images]
    return [{**image._asdict(), "cached": image.url in held} for image in images]


def highlights_of(placed: Sequence[Placed]) -> list[dict[str, object]]:
    """The highlights as --dump's JSON lists them; `found`: whether the passage is still in the
    article (a highlight whose words are gone is listed all the same)."""
    return [
        {
            "exact": highlight.exact,
            "prefix": highlight.prefix,
            "suffix": highlight.suffix,
            "note": highlight.note,
            "created_at": highlight.created_at,
            "updated_at": highlight.updated_at,
            "found": place is not None,
        }
        for highlight, place in placed
    ]


def as_json(reading: Reading, marks: Marks | None = None, highlights: Sequence[Placed] = ()) -> str:
    """Every field of the Reading, its pictures (`images_of`), what the reading list says of
    the article: its state ("unread", "archived", or null when not saved), star and tags, and
    the reader's highlights and notes (`highlights_of`)."""
    data = {
        **reading.to_dict(),
        "images": images_of(reading),
        "reading_list": {
            "state": marks.state or None if marks else None,
            "starred": bool(marks and marks.starred),
        },
        "tags": list(marks.tags) if marks else [],
        "highlights": highlights_of(highlights),
    }
    return escape_json_unsafe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")

# No script, no frame, no request but for pictures: the page is the article and nothing else.
_HEAD = """<!DOCTYPE html>
<html{lang}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https:; \
style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>body {{ max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}</style>
</head>
<body>
<article>
"""
_FOOT = """</article>
</body>
</html>
"""


def as_html(reading: Reading) -> str:
    """A standalone web page of the article: the Markdown export, rendered by markdown-it.

    Raw HTML in the text stays visible text (markdown-it's `html` is off, and the Markdown export
    escapes page text already); only http(s) links stay links and only http(s) pictures are shown,
    any other link keeps its words and loses its target.
    """
    from html import escape

    from markdown_it import MarkdownIt

    article = reading.article
    markdown = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    markdown.validateLink = _any_link  # type: ignore[method-assign]  # judged below instead
    tokens = markdown.parse(as_markdown(reading))
    for token in tokens:
        if token.children:
            token.children = _followable_only(token.children)
    body: str = markdown.renderer.render(tokens, markdown.options, {})
    title = clean_line(short_title(article.title, article.site_name)) or clean_line(reading.url)
    lang = f' lang="{article.lang}"' if _LANG.fullmatch(article.lang) else ""
    return _HEAD.format(lang=lang, title=escape(title)) + body + _FOOT


def _any_link(url: str) -> bool:
    """Every link parses as a link, so one that is not kept loses its target but not its words."""
    return True


def _followable_only(children: list[Token]) -> list[Token]:
    """Inline tokens with every link or picture that is not http(s) turned into its words."""
    from markdown_it.token import Token

    from tuireader.urls import is_followable

    kept: list[Token] = []
    dropped: list[bool] = []  # for each open link: whether its link_open was dropped
    for child in children:
        if child.type == "link_open":
            dropped.append(not is_followable(str(child.attrs.get("href", ""))))
            if dropped[-1]:
                continue
        elif child.type == "link_close" and dropped and dropped.pop():
            continue
        elif child.type == "image" and not is_followable(str(child.attrs.get("src", ""))):
            words = "".join(grandchild.content for grandchild in child.children or [])
            child = Token("text", "", 0, content=words)
        kept.append(child)
    return kept


def render(
    reading: Reading,
    fmt: str,
    marks: Marks | None = None,
    highlights: Sequence[Placed] = (),
) -> str:
    """`reading` in `fmt`; `marks` (the reading list's state and tags) and `highlights` go into
    json only."""
    if fmt == "json":
        return as_json(reading, marks, highlights)
    if fmt == "html":
        return as_html(reading)
    if fmt == "text":
        return as_text(reading)
    return as_markdown(reading)
