"""Front pages and listings: a page of headline links shown as what it is, not as a thin article.

A page is a page of links when it holds many headline links (a link in a heading, or the one
link of a short card: a list item, table row or <article> with a headline and a teaser) and
the article extracted from it has almost no prose of its own, only those headlines and
teasers. A page that declares itself an article (og:type, JSON-LD) is never one. The links
are listed by section (the nearest heading, landmark or aria-label above them), each once,
numbered in reading order as body links are.
"""

from __future__ import annotations

from typing import Any

from tuireader.extract.metadata import jsonld_nodes
from tuireader.extract.parse import base_url, parse_html
from tuireader.extract.stories import (
    ITEM_MARK,
    MAX_STORIES,
    Section,
    element_text,
    find_stories,
)
from tuireader.extract.textclean import (
    escape_line_start,
    escape_markdown,
    squash,
    word_count,
    word_set,
)
from tuireader.extract.walls import find_wall
from tuireader.models import Article, Link

MIN_STORIES = 6  # headline links a page of links has at least ...
MIN_DECLARED_STORIES = 4  # ... or this many when it declares itself a collection or website
# The extracted text outside the cards (headlines and teasers) is the page's own: more than
# this many characters, and more than this share of it, and the page is an article.
OWN_TEXT_LIMIT = 150
OWN_TEXT_SHARE = 0.15
OWN_LINKS = 1000  # links of the extracted text looked for in it, at most
# Paragraphs of the page outside every card: this many characters of them, in paragraphs of at
# least PROSE_PARAGRAPH characters, and the page has an article of its own.
OWN_PROSE_LIMIT = 500
PROSE_PARAGRAPH = 80
OWN_TEXT_READ = 50_000  # characters of it read at most: far past any limit that decides
# An extracted article this long, with fewer links or less link text than this share of it, is
# prose: the page is not examined at all.
GATE_TEXT = 1500
GATE_LINK_SHARE = 0.1
INTRO_LIMIT = 500  # characters of the page's description shown above its links

_ARTICLE_TYPES = word_set(
    """article newsarticle blogposting reportagenewsarticle analysisnewsarticle
    opinionnewsarticle reviewnewsarticle backgroundnewsarticle liveblogposting techarticle
    scholarlyarticle report discussionforumposting socialmediaposting"""
)
_COLLECTION_TYPES = word_set("collectionpage searchresultspage itemlist website")


def page_of_links(source: str | bytes, url: str, article: Article) -> Article | None:
    """`article` shown as the page of links it was extracted from, or None when it is an article.

    `article` is what the extractor made of `source` (with the article its script data holds, if
    any); its title and site are kept. No article where the page's AMP version may hold one, or
    behind a pay wall, is left to those; a consent overlay over a front page is no reason to
    hide its links.
    """
    if article.amp_url and not article.found:
        return None
    if len(article.text) > GATE_TEXT and not _link_heavy(article):
        return None
    root = parse_html(source)
    declared = _declared(root)
    if declared == "article":
        return None
    base = base_url(root, url)
    found = find_stories(root, base, url, article)
    sections = found.sections
    count = sum(len(section.stories) for section in sections)
    if count < (MIN_DECLARED_STORIES if declared else MIN_STORIES):
        return None
    text = _judged_text(article.text, sections[-1].stories[-1].headline, count)
    names = {section.name for section in sections}
    if _own_text(text, found.cards, names, article.body_links) > max(
        OWN_TEXT_LIMIT, OWN_TEXT_SHARE * len(text)
    ):
        return None
    if _own_prose(found.paragraphs, found.card_elements) > OWN_PROSE_LIMIT:
        return None  # the page has an article of its own, which the extractor missed
    if not article.found and find_wall(root).kind == "paywall":
        return None  # an article behind a pay wall, with links around it: the wall says so
    return _as_links(article, sections)


def _link_heavy(article: Article) -> bool:
    """Whether the extracted text could be a run of headlines: many links, much of it link text."""
    if len(article.body_links) < MIN_STORIES:
        return False
    link_chars = sum(len(link.text) for link in article.body_links)
    return link_chars >= GATE_LINK_SHARE * len(article.text)


def _declared(root: Any) -> str:
    """What the page says it is: "article" (og:type, or one JSON-LD article), "collection"
    (a website, collection, search results, or several JSON-LD articles), or "" when it says
    neither."""
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            kind = (meta.get("content") or "").strip().lower()
            if kind == "article" or kind.startswith("article:"):
                return "article"
    types: set[str] = set()
    articles = 0
    for node in jsonld_nodes(root):
        raw = node.get("@type")
        kinds = {
            str(value).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()
            for value in (raw if isinstance(raw, list) else [raw])
            if value
        }
        articles += bool(kinds & _ARTICLE_TYPES)
        types |= kinds
    if articles == 1:
        return "article"  # one article declared; several are a listing's items
    og_website = any(
        (m.get("property") or "").lower() == "og:type"
        and (m.get("content") or "").strip().lower() == "website"
        for m in root.iter("meta")
    )
    return "collection" if articles or types & _COLLECTION_TYPES or og_website else ""


def _own_prose(paragraphs: list[Any], card_elements: set[Any]) -> int:
    """Characters of the page's paragraphs of prose that no card holds, counted until they pass
    OWN_PROSE_LIMIT: a page with that much prose of its own is an article."""
    total = 0
    for paragraph in paragraphs:
        if paragraph in card_elements or any(a in card_elements for a in paragraph.iterancestors()):
            continue
        text = element_text(paragraph)
        if len(text) >= PROSE_PARAGRAPH:
            total += len(text)
            if total > OWN_PROSE_LIMIT:
                break
    return total


def _judged_text(text: str, last_headline: str, count: int) -> str:
    """The extracted text as far as the stories listed reach: all of it, unless the listing
    was cut at MAX_STORIES, when it ends at the line of the last story listed."""
    if count < MAX_STORIES:
        return text
    where = text.rfind(last_headline)
    end = text.find("\n", where) if where >= 0 else -1
    return text if end < 0 else text[:end]


def _own_text(text: str, cards: list[str], names: set[str], links: tuple[Link, ...]) -> int:
    """Characters of the extracted text that no card holds, no section is named by, and that are
    not link text ("7 points by <user> <3 hours ago> | <12 comments>" is a link row, not prose;
    each link's text is taken off once).

    The text is taken a list item or table cell at a time, without its bullet or number.
    """
    held = "\n".join(cards)
    own: list[str] = []
    size = 0
    for line in text.split("\n"):
        for cell in line.split(" | "):
            piece = ITEM_MARK.sub("", squash(cell))
            if piece and piece not in names and piece not in held:
                own.append(piece)
                size += len(piece)
        if size > OWN_TEXT_READ:
            break
    joined = "\n".join(own)
    link_text = sum(
        len(link.text) for link in links[:OWN_LINKS] if link.text and link.text in joined
    )
    return max(0, size - link_text)


def _destination(url: str) -> str:
    """A URL as a Markdown link destination: no space or bracket can end it early."""
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
        url = url.replace(char, code)
    return url


def _as_links(article: Article, sections: list[Section]) -> Article:
    """The Article of a page of links: what the page says of itself (its description), then
    `## Section` and `- [Headline](url) — teaser` lines."""
    intro = squash(article.description)[:INTRO_LIMIT]
    markdown: list[str] = [escape_line_start(escape_markdown(intro))] if intro else []
    plain: list[str] = [intro] if intro else []
    links: list[Link] = []
    for section in sections:
        markdown.append(f"## {escape_markdown(section.name)}")
        plain.append(section.name)
        items_md: list[str] = []
        items_text: list[str] = []
        for story in section.stories:
            links.append(Link(story.url, story.headline, "body"))
            teaser = f" — {escape_markdown(story.teaser)}" if story.teaser else ""
            items_md.append(
                f"- [{escape_markdown(story.headline)}]({_destination(story.url)}){teaser}"
            )
            line = f"{len(links)}. {story.headline}"
            items_text.append(f"{line} — {story.teaser}" if story.teaser else line)
            items_text.append(f"   {story.url}")
        markdown.append("\n".join(items_md))
        plain.append("\n".join(items_text))
    text = "\n\n".join(plain)
    return article._replace(
        title=article.title or article.site_name,
        page_kind="links",
        markdown="\n\n".join(markdown),
        text=text,
        body_links=tuple(links),
        related_links=(),
        credits=(),
        lead_image=None,
        images=(),
        page_text="",
        word_count=word_count(text),
    )
