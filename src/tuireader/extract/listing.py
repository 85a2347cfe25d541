"""Front pages and listings: a page of headline links shown as what it is, not as a thin article.

A page is a page of links when it holds many headline links (a link in a heading, or the one
link of a short card: a list item, table row or <article> with a headline and a teaser) and
the article extracted from it has almost no prose of its own, only those headlines and
teasers. A page that declares itself an article (og:type, JSON-LD) is never one. The links
are listed by section (the nearest heading, landmark or aria-label above them), each once,
numbered in reading order as body links are.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from lxml import etree

from tuireader.extract.boilerplate import name_verdict
from tuireader.extract.links import absolute_url, is_call_to_action, link_text, same_page
from tuireader.extract.metadata import jsonld_nodes
from tuireader.extract.parse import base_url, parse_html
from tuireader.extract.textclean import (
    escape_line_start,
    escape_markdown,
    squash,
    word_count,
    word_set,
)
from tuireader.models import Article, Link

MIN_STORIES = 6  # headline links a page of links has at least ...
MIN_DECLARED_STORIES = 4  # ... or this many when it declares itself a collection or website
MAX_STORIES = 300  # links listed at most
# The extracted text outside the cards (headlines and teasers) is the page's own: more than
# this many characters, and more than this share of it, and the page is an article.
OWN_TEXT_LIMIT = 150
OWN_TEXT_SHARE = 0.15
OWN_LINKS = 1000  # links of the extracted text looked for in it, at most
# Paragraphs of the page outside every card: this many characters of them, in paragraphs of at
# least PROSE_PARAGRAPH characters, and the page has an article of its own.
OWN_PROSE_LIMIT = 500
PROSE_PARAGRAPH = 80
MAX_PARAGRAPHS = 2000  # paragraphs of a page looked at, at most
OWN_TEXT_READ = 50_000  # characters of it read at most: far past any limit that decides
CARD_EXTRA = 400  # characters a card holds besides its links, at most
CARD_SIBLINGS = 3  # elements after a card looked at for its teaser or details, at most
CARD_LINKS = 20  # links of a card counted, at most
CARD_LEAD = 60  # characters before the headline in its card, at most
TEASER_LIMIT = 240  # characters of a teaser shown after its headline
TEASER_MIN = 15  # characters: a shorter rest of a card is a label or a date, not a teaser
HEADLINE_LIMIT = 250  # characters: a longer link text is not a headline
CARD_DEPTH = 6  # levels above a headline link a card is looked for in
SECTION_NAME_LIMIT = 80  # characters: a longer heading is not a section's name
# An extracted article this long, with fewer links or less link text than this share of it, is
# prose: the page is not examined at all.
GATE_TEXT = 1500
GATE_LINK_SHARE = 0.1
DEFAULT_SECTION = "Links"
TEXT_LIMIT = 2000  # characters of an element's text read to judge it: far more than a card's
INTRO_LIMIT = 500  # characters of the page's description shown above its links

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_SECTION_HEADINGS = frozenset(("h1", "h2", "h3", "h4"))
_CARDS = frozenset(("li", "article", "tr", "dt", "dd"))
_BLOCKS = frozenset(("p", "div", "li", "td", "th", "dd", "dt", "article", "section", "blockquote"))
_SPACED = _BLOCKS | _HEADINGS | frozenset(("br", "ul", "ol", "header", "footer", "time", "img"))
_CHROME_TAGS = frozenset(("nav", "footer", "aside", "menu", "form"))
_SKIPPED_TAGS = frozenset(
    ("head", "script", "style", "noscript", "template", "svg", "button", "select", "dialog")
)
_CHROME_ROLES = word_set("navigation banner contentinfo search complementary menu menubar dialog")
_CHROME_NAMES = re.compile(
    r"(?:^|[^a-z])(?:nav|navbar|navigation|menu|footer|breadcrumbs?|social|share|sharing|login|"
    r"signin|sign-in|account|cookies?|consent|pagination|pager|newsletter|skip|masthead)(?:[^a-z]|$)"
)
_SECTION_FRAMES = frozenset(("section", "main", "article"))
_ARTICLE_TYPES = word_set(
    """article newsarticle blogposting reportagenewsarticle analysisnewsarticle
    opinionnewsarticle reviewnewsarticle backgroundnewsarticle liveblogposting techarticle
    scholarlyarticle report discussionforumposting socialmediaposting"""
)
_COLLECTION_TYPES = word_set("collectionpage searchresultspage itemlist website")
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S*$", re.I)
# A date or a time: at most one word among numbers ("3 hours ago", "November 12, 2026, 10:30").
_DATE_LIKE = re.compile(
    r"^[\d\s.,:/\-]*(?:\w+\s+ago|[^\W\d_]+\.?)?[\d\s.,:/\-]*(?:am|pm|uhr|h)?\.?$", re.I
)
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_ITEM_MARK = re.compile(r"^(?:[-*+]|\d{1,9}[.)])\s+")
# Links to the reader's account: never a story.
_ACCOUNT = re.compile(
    r"\b(?:log\s*(?:in|on|out)|sign\s*(?:in|up|out)|register|my\s+account|create\s+an?\s+account|"
    r"anmelden|abmelden|registrieren|connexion|s['’]inscrire|iniciar\s+sesi[oó]n)\b",
    re.I,
)
# A link that leads on to the story rather than naming it.
_READ_ON = re.compile(
    r"^(?:continue\s+reading|read\s+(?:more|on|the\s+full)|more|weiterlesen|mehr(?:\s+lesen)?|"
    r"lire\s+la\s+suite|leer\s+m[aá]s|continua|leggi\s+tutto)\b",
    re.I,
)
_TEASER_EDGE = " \t\n-–—|·•:»›"


class Story(NamedTuple):
    """One headline link: where it goes, its headline, a short teaser ("" when none)."""

    url: str
    headline: str
    teaser: str


class Section(NamedTuple):
    name: str
    stories: list[Story]


class Found(NamedTuple):
    """What the page holds: its stories by section, the texts of their cards, the elements the
    cards are made of, and the paragraphs outside navigation and other chrome."""

    sections: list[Section]
    cards: list[str]
    card_elements: set[Any]
    paragraphs: list[Any]


def page_of_links(source: str | bytes, url: str, article: Article) -> Article | None:
    """`article` shown as the page of links it was extracted from, or None when it is an article.

    `article` is what the extractor made of `source` (with the article its script data holds, if
    any); its title and site are kept. A wall, or no article where the page's AMP version may
    hold one, is left to those.
    """
    if article.wall or (article.amp_url and not article.found):
        return None
    if len(article.text) > GATE_TEXT and not _link_heavy(article):
        return None
    root = parse_html(source)
    declared = _declared(root)
    if declared == "article":
        return None
    base = base_url(root, url)
    found = _stories(root, base, url, article)
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


def _chrome(el: Any) -> bool:
    """Navigation, footers, sidebars, forms, sharing and sign-in: never a story's place."""
    tag = el.tag
    if tag in _CHROME_TAGS or tag in _SKIPPED_TAGS:
        return True
    if tag == "header" and not any(
        a.tag in _CARDS or a.tag == "section" for a in el.iterancestors()
    ):
        return True  # the page's own header, not a card's
    if (el.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if _hidden(el):
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return bool(names.strip()) and bool(_CHROME_NAMES.search(names))


def _hidden(el: Any) -> bool:
    """Not shown: hidden by attribute, style or a class that says so (screen-reader text)."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    if _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    return name_verdict(el.get("class") or "") == "hidden"


def _headline_like(text: str) -> bool:
    """Words enough to be a headline, not a call to action, an account link, a bare URL or a
    date."""
    words = len(text.split())
    if _BARE_URL.match(text) or _DATE_LIKE.match(text):
        return False
    if not (words >= 3 or len(text) >= 20) or len(text) > HEADLINE_LIMIT:
        return False
    leads_on = is_call_to_action(text) or _READ_ON.match(text) or _ACCOUNT.search(text)
    return not (words <= 5 and leads_on)


def _text(el: Any, limit: int = TEXT_LIMIT) -> str:
    """The element's text, a space between its blocks ("12 May" and "Headline" stay apart).

    Only about the first `limit` characters are read: callers compare lengths with short texts,
    and a page may be one huge block.
    """
    parts: list[str] = []
    size = 0
    walk = etree.iterwalk(el, events=("start", "end"))
    for event, node in walk:
        if size > limit:
            break
        tag = node.tag if isinstance(node.tag, str) else ""
        piece = ""
        if event == "start":
            if not tag or tag in _SKIPPED_TAGS or (node is not el and _hidden(node)):
                walk.skip_subtree()
                continue
            piece = (" " if tag in _SPACED else "") + (node.text or "")[: limit + 1]
        else:
            piece = " " if tag in _SPACED else ""
            if node is not el:
                piece += (node.tail or "")[: limit + 1]
        parts.append(piece)
        size += len(piece)
    return squash("".join(parts))


def _headline(anchor: Any) -> str:
    """A link's headline: the heading it wraps, else its text (its title when it has none)."""
    heading = next((child for child in anchor.iterdescendants() if child.tag in _HEADINGS), None)
    text = _text(heading if heading is not None else anchor)
    return text or link_text(anchor)


def _in_heading(anchor: Any) -> bool:
    if any(a.tag in _HEADINGS for a in anchor.iterancestors()):
        return True
    return any(child.tag in _HEADINGS for child in anchor.iterdescendants())


def _is_headline(anchor: Any, text: str, texts: dict[Any, str]) -> bool:
    """A link in (or around) a heading, or the leading link of its block: not a link in prose.

    `texts` keeps each block's text, read once however many links it holds.
    """
    if _in_heading(anchor):
        return True
    block = next((a for a in anchor.iterancestors() if a.tag in _BLOCKS), None)
    if block is None:
        return True
    if block not in texts:
        texts[block] = _text(block)
    if len(text) * 2 >= len(texts[block]):
        return True
    if block.tag == "p":
        return False
    card = next((a for a in anchor.iterancestors() if a.tag in _CARDS), None)
    if card is None:
        return False
    if card not in texts:
        texts[card] = _text(card)
    return texts[card].find(text) <= 30


def _stories(root: Any, base: str, page_url: str, article: Article) -> Found:
    """The headline links by section in reading order, each URL once; their cards; and the
    paragraphs of the page.

    A link to the page itself (its URL, its canonical URL, or its own title) is no story: a
    post whose heading links to its permalink is still one post.
    """
    own_urls = [u for u in (page_url, article.canonical_url) if u]
    own_title = article.title.casefold()
    body = root.find("body")
    sections: list[Section] = []
    seen: set[str] = set()
    anchors: list[tuple[Any, Story]] = []
    repeats: list[tuple[Any, Story]] = []
    texts: dict[Any, str] = {}
    paragraphs: list[Any] = []
    frames: list[tuple[Any, list[str]]] = [(body, [DEFAULT_SECTION])]
    walk = etree.iterwalk(body, events=("start", "end"))
    for event, el in walk:
        if not isinstance(el.tag, str):
            continue
        if event == "end":
            if len(frames) > 1 and frames[-1][0] is el:
                frames.pop()
            continue
        if el is not body and _chrome(el):
            walk.skip_subtree()
            continue
        label = squash(el.get("aria-label") or "")
        if el.tag in _SECTION_FRAMES or label:
            frames.append((el, [label] if 0 < len(label) <= SECTION_NAME_LIMIT else []))
        if el.tag in _SECTION_HEADINGS:
            _name_section(el, frames, base)
        if el.tag == "p" and len(paragraphs) < MAX_PARAGRAPHS:
            paragraphs.append(el)
        if el.tag != "a" or len(anchors) >= MAX_STORIES:
            continue
        url = absolute_url(el.get("href") or "", base)
        text = _headline(el)
        if not url or not _headline_like(text) or text.casefold() == own_title:
            continue
        if any(same_page(url, own) for own in own_urls):
            continue
        if not _is_headline(el, text, texts):
            continue
        if url in seen:  # listed once; still a story's place, where no teaser runs on
            repeats.append((el, Story(url, text, "")))
            continue
        seen.add(url)
        story = Story(url, text, "")
        anchors.append((el, story))
        name = next((f[1][0] for f in reversed(frames) if f[1]), DEFAULT_SECTION)
        if not sections or sections[-1].name != name:
            sections.append(Section(name, []))
        sections[-1].stories.append(story)
    teasers, cards, card_elements = _cards(anchors, repeats)
    for section in sections:
        section.stories[:] = [s._replace(teaser=teasers.get(s.url, "")) for s in section.stories]
    return Found(sections, cards, card_elements, paragraphs)


def _name_section(heading: Any, frames: list[tuple[Any, list[str]]], base: str) -> None:
    """A heading that is not itself a headline names the section it stands in."""
    name = _text(heading)
    if not name or len(name) > SECTION_NAME_LIMIT:
        return
    for anchor in heading.iter("a"):
        if absolute_url(anchor.get("href") or "", base) and _headline_like(_headline(anchor)):
            return
    if any(a.tag in _CARDS or a.tag == "a" for a in heading.iterancestors()):
        return  # a card's own kicker, or a headline wrapped in its link
    frames[-1][1][:] = [name]


def _cards(
    anchors: list[tuple[Any, Story]], repeats: list[tuple[Any, Story]]
) -> tuple[dict[str, str], list[str], set[Any]]:
    """Each story's teaser, the texts of the cards (a headline and little else) they are in, and
    the elements the cards are made of.

    A story's card is the largest element above its link holding no other story, at most
    CARD_EXTRA characters besides its links (the headline, "Read more", a category, a comment
    count), and opening with the headline (after at most CARD_LEAD characters of a label, a
    rank or a date). What follows the card up to the next story or heading belongs to it too,
    as far as CARD_EXTRA goes: a teaser or a row of details under a headline of its own.
    `repeats` are the links to stories already listed: their places bound the cards too.
    """
    holders: dict[Any, set[str]] = {}
    for anchor, story in anchors + repeats[:MAX_STORIES]:
        holders.setdefault(anchor, set()).add(story.url)
        for depth, ancestor in enumerate(anchor.iterancestors()):
            if depth >= CARD_DEPTH or ancestor.tag == "body":
                break
            holders.setdefault(ancestor, set()).add(story.url)
    teasers: dict[str, str] = {}
    cards: list[str] = [story.headline for _, story in anchors]
    elements: set[Any] = set()
    for anchor, story in anchors:
        card, card_text = anchor, story.headline
        for depth, ancestor in enumerate(anchor.iterancestors()):
            if depth >= CARD_DEPTH or len(holders.get(ancestor, ())) != 1:
                break
            text = _text(ancestor)
            if len(text) - _link_chars(ancestor) > CARD_EXTRA:
                break
            if not 0 <= text.find(story.headline) <= CARD_LEAD:
                break  # a card opens with its headline: this is a text with a link in it
            card, card_text = ancestor, text
        teaser = _teaser(card, anchor, card_text, story.headline) if card is not anchor else ""
        following = _following(
            card, holders, CARD_EXTRA - (len(card_text) - len(story.headline)), elements
        )
        elements.add(card)
        if following:
            card_text = f"{card_text} {following}"
            teaser = teaser or _teaser_from(following)
        if card is not anchor or following:
            cards.append(card_text)
        if teaser:
            teasers[story.url] = teaser
    return teasers, cards, elements


def _following(card: Any, holders: dict[Any, set[str]], room: int, elements: set[Any]) -> str:
    """The text of the elements after `card` up to the next story or heading, within `room`
    characters besides their links, which go to `elements`; "" when there is none or too much."""
    texts: list[str] = []
    taken: list[Any] = []
    for count, sibling in enumerate(card.itersiblings()):
        if count >= CARD_SIBLINGS or not isinstance(sibling.tag, str):
            break
        if sibling in holders or sibling.tag in _HEADINGS or _chrome(sibling):
            break
        text = _text(sibling)
        room -= len(text) - _link_chars(sibling)
        if room < 0:
            return ""
        if text:
            texts.append(text)
            taken.append(sibling)
    elements.update(taken)
    return " ".join(texts)


def _link_chars(el: Any) -> int:
    """Characters of link text in `el` (its first CARD_LINKS links)."""
    total = 0
    for count, anchor in enumerate(el.iter("a")):
        if count >= CARD_LINKS:
            break
        total += len(_text(anchor, HEADLINE_LIMIT))
    return total


def _teaser(card: Any, anchor: Any, card_text: str, headline: str) -> str:
    """The card's first paragraph beside the headline, else all its text but the headline;
    without its "Read more" links either way."""
    rest = ""
    for paragraph in card.iter("p"):
        if paragraph is anchor or any(a is paragraph for a in anchor.iterancestors()):
            continue
        rest = _text(paragraph)
        if len(rest) >= TEASER_MIN:
            break
    if len(rest) < TEASER_MIN:
        where = card_text.find(headline)
        rest = card_text[:where] + " " + card_text[where + len(headline) :] if where >= 0 else ""
    for count, link in enumerate(card.iter("a")):
        words = _text(link, HEADLINE_LIMIT) if count < CARD_LINKS else ""
        if words and (is_call_to_action(words) or _READ_ON.match(words)):
            rest = rest.replace(words, " ")
    return _teaser_from(rest)


def _teaser_from(text: str) -> str:
    """`text` as a teaser: no rank or separator at its ends, clipped; "" when it is too short."""
    rest = _ITEM_MARK.sub("", squash(text).strip(_TEASER_EDGE)).strip(_TEASER_EDGE)
    if len(rest) < TEASER_MIN:
        return ""
    if len(rest) > TEASER_LIMIT:
        rest = rest[: TEASER_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return rest


def _own_prose(paragraphs: list[Any], card_elements: set[Any]) -> int:
    """Characters of the page's paragraphs of prose that no card holds, counted until they pass
    OWN_PROSE_LIMIT: a page with that much prose of its own is an article."""
    total = 0
    for paragraph in paragraphs:
        if paragraph in card_elements or any(a in card_elements for a in paragraph.iterancestors()):
            continue
        text = _text(paragraph)
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
            piece = _ITEM_MARK.sub("", squash(cell))
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
        page_text="",
        word_count=word_count(text),
    )
