"""Headline links on a page and the cards around them: what a page of links lists.

A story is a link that reads as a headline (words enough, not "Read more", a date, a bare URL
or a sign-in) in a heading, or leading its block, outside navigation, footers, sidebars and
forms. Its card is what stands around it and belongs to it alone: its teaser, its date, its
row of details. Stories are grouped by section: the nearest heading, landmark or aria-label
above them. Every reading of an element's text is capped, so a page that is one huge block
costs no more than its size.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from lxml import etree

from tuireader.extract.boilerplate import name_verdict
from tuireader.extract.links import absolute_url, is_call_to_action, link_text, same_page
from tuireader.extract.textclean import squash, word_set
from tuireader.models import Article

MAX_STORIES = 300  # links listed at most
MAX_PARAGRAPHS = 2000  # paragraphs of a page looked at, at most
CARD_EXTRA = 400  # characters a card holds besides its links, at most
CARD_SIBLINGS = 3  # elements after a card looked at for its teaser or details, at most
CARD_LINKS = 20  # links of a card counted, at most
CARD_LEAD = 60  # characters before the headline in its card, at most
TEASER_LIMIT = 240  # characters of a teaser shown after its headline
TEASER_MIN = 15  # characters: a shorter rest of a card is a label or a date, not a teaser
HEADLINE_LIMIT = 250  # characters: a longer link text is not a headline
CARD_DEPTH = 6  # levels above a headline link a card is looked for in
SECTION_NAME_LIMIT = 80  # characters: a longer heading is not a section's name
DEFAULT_SECTION = "Links"
TEXT_LIMIT = 2000  # characters of an element's text read to judge it: far more than a card's

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
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S*$", re.I)
# A date or a time: at most one word among numbers ("3 hours ago", "November 12, 2026, 10:30").
_DATE_LIKE = re.compile(
    r"^[\d\s.,:/\-]*(?:\w+\s+ago|[^\W\d_]+\.?)?[\d\s.,:/\-]*(?:am|pm|uhr|h)?\.?$", re.I
)
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
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
ITEM_MARK = re.compile(r"^(?:[-*+]|\d{1,9}[.)])\s+")  # a list item's bullet or number


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


def element_text(el: Any, limit: int = TEXT_LIMIT) -> str:
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
    text = element_text(heading if heading is not None else anchor)
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
        texts[block] = element_text(block)
    if len(text) * 2 >= len(texts[block]):
        return True
    if block.tag == "p":
        return False
    card = next((a for a in anchor.iterancestors() if a.tag in _CARDS), None)
    if card is None:
        return False
    if card not in texts:
        texts[card] = element_text(card)
    return texts[card].find(text) <= 30


def find_stories(root: Any, base: str, page_url: str, article: Article) -> Found:
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
    name = element_text(heading)
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
            text = element_text(ancestor)
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
        text = element_text(sibling)
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
        total += len(element_text(anchor, HEADLINE_LIMIT))
    return total


def _teaser(card: Any, anchor: Any, card_text: str, headline: str) -> str:
    """The card's first paragraph beside the headline, else all its text but the headline;
    without its "Read more" links either way."""
    rest = ""
    for paragraph in card.iter("p"):
        if paragraph is anchor or any(a is paragraph for a in anchor.iterancestors()):
            continue
        rest = element_text(paragraph)
        if len(rest) >= TEASER_MIN:
            break
    if len(rest) < TEASER_MIN:
        where = card_text.find(headline)
        rest = card_text[:where] + " " + card_text[where + len(headline) :] if where >= 0 else ""
    for count, link in enumerate(card.iter("a")):
        words = element_text(link, HEADLINE_LIMIT) if count < CARD_LINKS else ""
        if words and (is_call_to_action(words) or _READ_ON.match(words)):
            rest = rest.replace(words, " ")
    return _teaser_from(rest)


def _teaser_from(text: str) -> str:
    """`text` as a teaser: no rank or separator at its ends, clipped; "" when it is too short."""
    rest = ITEM_MARK.sub("", squash(text).strip(_TEASER_EDGE)).strip(_TEASER_EDGE)
    if len(rest) < TEASER_MIN:
        return ""
    if len(rest) > TEASER_LIMIT:
        rest = rest[: TEASER_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return rest
