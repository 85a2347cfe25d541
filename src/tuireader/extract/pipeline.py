"""Article extraction: HTML in, Article out. Pure and deterministic: no IO, no network, no cache.

The steps, each in its own module: parse (robust decoding), metadata (JSON-LD > OpenGraph >
meta > <time> > visible byline), figures (the lead image), boilerplate (chrome, hidden nodes,
related boxes lifted into related_links), content (which nodes hold the article), markdown
(nodes -> Markdown and plain text), tidy (no stray lines, title or byline in the body), and
finish (the rules every Article ends with). This module runs them in order; it imports lxml.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from tuireader.extract.boilerplate import remove_boilerplate, strip_junk_tags
from tuireader.extract.conditional import clean_conditionally
from tuireader.extract.content import choose_content, measure
from tuireader.extract.embedded import has_templates, props_page, unwrap_templates
from tuireader.extract.figures import take_lead_image
from tuireader.extract.finish import credits_of, finish, related_links
from tuireader.extract.links import LinkList
from tuireader.extract.listing import page_of_links
from tuireader.extract.markdown import Block, Renderer, body_images
from tuireader.extract.metadata import Metadata, read_metadata
from tuireader.extract.parse import base_url, parse_html, parse_truncated, visible_text
from tuireader.extract.scripted import Payload, from_scripts, script_payloads
from tuireader.extract.textclean import (
    escape_line_start,
    escape_markdown,
    squash,
    strip_unsafe,
    word_count,
)
from tuireader.extract.tidy import assemble, tidy
from tuireader.extract.walls import find_wall
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Image

__all__ = ["extract_article", "plain_text_article"]

PAGE_TEXT_LIMIT = 100_000  # characters of a no-article page's text kept to show instead
_RETRY_BELOW = 500  # characters of body text under which a gentler cleaning is tried


class _Cut(NamedTuple):
    """One reading of the page's body: its blocks, the renderer (links, credits), and the text."""

    blocks: list[Block]
    renderer: Renderer
    markdown: str
    text: str


def _cut(
    root: Any,
    base: str,
    page_url: str,
    meta: Metadata,
    related: LinkList,
    aggressive: bool,
    lead_url: str,
) -> _Cut:
    """The body of the parsed page `root`: chrome removed, content chosen, rendered, tidied."""
    remove_boilerplate(root, base, page_url, related, aggressive=aggressive)
    body = root.find("body")
    nodes = choose_content(body, measure(body))
    if aggressive:
        clean_conditionally(nodes)
    renderer = Renderer(base, page_url, lead_url)
    blocks = tidy(renderer.render(nodes), meta.title, meta.byline, meta.authors)
    markdown, text = assemble(blocks)
    return _Cut(blocks, renderer, markdown, text)


def _extract(source: str | bytes, url: str | None) -> Article:
    page_url = url or ""
    root = parse_html(source)
    truncated = parse_truncated()
    templated = has_templates(source) and unwrap_templates(root)
    base = base_url(root, page_url)
    meta = read_metadata(root, page_url, base)
    payloads = script_payloads(root)
    strip_junk_tags(root)
    lead = take_lead_image(root.find("body"), base, meta.image_url, meta.image_caption)
    related = LinkList("related", page_url)
    lead_url = lead.url if lead is not None else ""
    cut = _cut(root, base, page_url, meta, related, aggressive=True, lead_url=lead_url)
    if len(cut.text) < _RETRY_BELOW:
        # Too little survived: some page names its article like chrome. Clean gently instead.
        root = parse_html(source)
        if templated:
            unwrap_templates(root)
        strip_junk_tags(root)
        take_lead_image(root.find("body"), base, meta.image_url, meta.image_caption)
        gentle = _cut(
            root, base, page_url, meta, LinkList("related", ""), aggressive=False, lead_url=lead_url
        )
        if len(gentle.text) > 2 * len(cut.text) + 100:
            cut = gentle
    if len(cut.text) < _RETRY_BELOW and (props := props_page(source, meta.title)):
        # The page's script builds the article from HTML it carries in a data attribute.
        found = _cut(
            parse_html(props), base, page_url, meta, related, aggressive=True, lead_url=lead_url
        )
        if len(found.text) > len(cut.text):
            cut = found
    article = _article(meta, lead, cut, related)
    if truncated:
        # The parser gave up below its nesting limit: the page's visible text holds more.
        visible = _fallback(source, url)
        if len(visible.text) > len(article.text):
            article = article._replace(markdown=visible.markdown, text=visible.text, images=())
    article = article._replace(word_count=word_count(article.text))
    return _what_the_page_is(article, source, payloads, meta, base, page_url)


def _what_the_page_is(
    article: Article,
    source: str | bytes,
    payloads: list[Payload],
    meta: Metadata,
    base: str,
    page_url: str,
) -> Article:
    """The article as read from the HTML, unless the page says otherwise: an article in its
    script data, a page of links (a front page, a listing), or no article and why."""
    article = from_scripts(article, payloads, meta, base, page_url)
    listing = page_of_links(source, page_url, article)
    if listing is not None:  # a front page or listing: its headlines, by section
        article = listing
    if not article.found:  # no article: the reader offers what there is, and says why
        wall = find_wall(parse_html(source))
        article = article._replace(
            page_text=page_text(source), wall=wall.kind, wall_evidence=wall.evidence
        )
    return article


def page_text(source: str | bytes) -> str:
    """The page's visible text (with <noscript>), as paragraphs, for a page with no article."""
    paragraphs = (squash(p) for p in re.split(r"\n\s*\n", visible_text(source, noscript=True)))
    return "\n\n".join(p for p in paragraphs if p)[:PAGE_TEXT_LIMIT]


def _article(meta: Metadata, lead: Image | None, cut: _Cut, related: LinkList) -> Article:
    blocks, renderer, markdown, text = cut
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    return Article(
        title=meta.title,
        byline=meta.byline,
        authors=tuple(meta.authors),
        published=meta.published,
        modified=meta.modified,
        site_name=meta.site_name,
        lang=meta.lang,
        description=meta.description,
        canonical_url=meta.canonical_url,
        amp_url=meta.amp_url,
        lead_image=lead,
        markdown=markdown,
        text=text,
        images=body_images(blocks),
        body_links=tuple(renderer.body_links.links()),
        related_links=related_links(related),
        credits=credits_of(lead, renderer.figure_credits, paragraphs),
        extractor_version=EXTRACTOR_VERSION,
    )


def _fallback(source: str | bytes, url: str | None) -> Article:
    """The page's visible text, for when extraction itself failed."""
    try:
        return plain_text_article(visible_text(source), url, guess_title=False)
    except Exception:  # the last resort must not raise either
        return Article(extractor_version=EXTRACTOR_VERSION)


def extract_article(html: str | bytes, url: str | None = None) -> Article:
    """The article in `html` (a page fetched from `url`). Never raises."""
    try:
        return finish(_extract(html, url))
    except Exception:  # any input must give an Article, never an exception
        return finish(_fallback(html, url))


def plain_text_article(text: str, url: str | None = None, *, guess_title: bool = True) -> Article:
    """An Article for a text/plain page: paragraphs are blank-line-separated blocks."""
    clean = strip_unsafe(str(text).replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = [squash(block) for block in re.split(r"\n[ \t]*\n", clean)]
    paragraphs = [p for p in paragraphs if p]
    title = ""
    if guess_title and paragraphs:
        first_line = squash(clean.strip().split("\n", 1)[0])
        if first_line and len(first_line) <= 120 and len(first_line.split()) <= 16:
            title = first_line
            rest = paragraphs[0][len(first_line) :].strip()
            paragraphs = ([rest] if rest else []) + paragraphs[1:]
    return finish(
        Article(
            title=title,
            canonical_url=url if url and url.startswith(("http://", "https://")) else "",
            markdown="\n\n".join(escape_line_start(escape_markdown(p)) for p in paragraphs),
            text="\n\n".join(paragraphs),
        )
    )
