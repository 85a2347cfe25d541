"""What is not the article: page chrome, hidden nodes, widgets and stray promotional lines.

Decisions use what every site shares: tags (nav, aside, footer...), ARIA roles, the words in
class/id/aria-label ("share", "newsletter", "related"...) and the wording of short lines. A node
holding a large part of the page's text is never removed for its name alone, so a wrapper
called "content has-sidebar" keeps the article inside it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Any

from lxml import etree

from tuireader.extract.content import STANDFIRST
from tuireader.extract.dialogs import DIALOG, mark_dialogs
from tuireader.extract.links import (
    RELATED_HEADING,
    LinkList,
    absolute_url,
    harvest,
    is_call_to_action,
    is_related_line,
    same_page,
)
from tuireader.extract.parse import drop
from tuireader.extract.textclean import squash, word_set

JUNK_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "source",
    "track",
    "map",
    "link",
    "meta",
    "head",
    "button",
    "input",
    "select",
    "textarea",
    "option",
    "dialog",
    "title",
)
_STRUCTURAL = frozenset(("nav", "aside", "footer", "menu", "header", "form"))
_DROP_ROLES = word_set(
    """navigation banner contentinfo complementary search dialog alertdialog menu menubar
    toolbar tablist"""
)
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_HIDDEN_CLASSES = word_set(
    """hidden hide sr-only visually-hidden visuallyhidden screen-reader-text screenreader-only
    screen-reader-only is-hidden u-hidden a11y-hidden offscreen invisible"""
)
_COMMENT_TOKENS = word_set("comment comments commentlist disqus respond replies")
_RELATED_TOKENS = word_set(
    """related relatedposts relatedarticles recommended recommendations recommend recirc
    recirculation outbrain taboola trending popular mostpopular mostread mostviewed readmore
    readnext morestories morenews morearticles alsoread seealso furtherreading youmaylike
    youmightlike upnext"""
)
_CAPTION_TOKENS = word_set(
    "caption captions figcaption credit credits copyright photographer photocredit imagecredit"
)
_RELATED_PREFIXES = ("related", "recommend", "recirc", "readmore", "morestories", "mostpopular")
_DROP_TOKENS = word_set(
    """share shares sharing sharebar sharetools socialshare sharesocial sociallinks socialicons
    socialbuttons socialbar socialfollow followsocial socialnetworks socialtools newsletter
    newsletters
    subscribe subscription subscriptions signup login signin register cookie cookies consent gdpr
    banner ad ads adv advert adverts advertisement advertisements advertising adslot adunit
    adsbygoogle adsense dfp sponsor sponsored sponsors promo promos promotion promoted breadcrumb
    breadcrumbs tags taglist tagcloud sidebar popup modal overlay lightbox toolbar tools
    masthead byline bylines author authors meta skip pagination pager donate donation follow
    nav navbar navigation menu footer print gallery carousel slideshow slider rollover tooltip
    popover hovercard"""
)
_DROP_PREFIXES = (
    "sidebar",
    "newsletter",
    "subscri",
    "advert",
    "sponsor",
    "promo",
    "breadcrumb",
    "cookie",
    "consent",
    "share",
    "footer",
    "navbar",
    "navigation",
    "paginat",
    "donat",
)
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Classes that file a node ("category-x") or hook a script to it ("js-x"): not what it is.
_IGNORED_CLASS_PREFIXES = ("category-", "tag-", "tags-", "js-")

# Whole short lines that are chrome, not article text.
_JUNK_LINE = re.compile(
    r"^(?:advertisement|advertising|adverts?|ads?|publicité|werbung|广告|реклама|anuncio|"
    r"正在加载|загрузка|chargement|cargando|sponsored(?:\s+(?:content|links?|stories))?|"
    r"paid\s+(?:content|post)|close|open|expand|collapse|enlarge(?:\s+(?:image|photo))?|"
    r"(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:advertisement|ad))?|"
    r"continue\s+reading(?:\s+(?:below|the\s+main\s+story|the\s+article))?|"
    r"scroll\s+(?:down\s+)?to\s+continue(?:\s+reading)?|read\s+more|read\s+the\s+full\s+"
    r"(?:story|article)|click\s+here\b.*|share(?:\s+this)?(?:\s+(?:article|story|post|page|"
    r"video))?(?:\s+on\s+\w+)?|share\s+on\s+\w+|tweet(?:\s+this)?|pin\s+it|e-?mail(?:\s+this)?|"
    r"print(?:\s+this)?|\d*\s*comments?|leave\s+a\s+(?:comment|reply)|"
    r"(?:sign\s+up|subscribe)\b.{0,60}\bnewsletters?\b.*|subscribe(?:\s+now)?|"
    r"follow\s+us(?:\s+on\s+.*)?|(?:get|download)\s+(?:the|our)\s+(?:free\s+)?app.*|"
    r"related(?:\s+(?:articles?|stories|content|coverage|posts?))?|recommended(?:\s+for\s+you)?|"
    r"more\s+stories|loading\W*|watch(?:\s+(?:now|video|the\s+video))?|"
    r"listen(?:\s+to\s+(?:this\s+)?(?:article|story))?|\d+\s+min(?:ute)?s?\s+read|"
    r"(?:photo|image|video)\s*:?|all\s+rights\s+reserved.*|copyright\s+©?.{0,80}|©.{0,80}|"
    r"we\s+use\s+cookies\b.*|this\s+site\s+uses\s+cookies\b.*|accept(?:\s+all)?\s+cookies|"
    r"skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|top\s+of\s+page|"
    r"(?:previous|next)\s+(?:article|story|post)|"
    r"topics?\s*:.*|tags?\s*:.*|filed\s+under\s*:?.*|"
    r"comments\s+are\s+closed|no\s+comments(?:\s+yet)?|there\s+are\s+no\s+comments(?:\s+yet)?|"
    # The same chrome in German, French, Spanish, Italian and Polish.
    r"anzeigen?|-?\s*anzeige\s*-?|werbeanzeige|zurück(?:\s+zu(?:r|m)?\s+\S+(?:\s+\S+)?)?|"
    r"(?:rezept|artikel|seite)\s+drucken|drucken|teilen(?:\s+mit)?|"
    r"bewerten|rate\s+this|(?:gefällt\s+mir\s+|liken\s+)?(?:wird\s+geladen|lade\s*…?)(?:\s*\.\.\.)?|(?:jetzt\s+)?teilen\s+auf\s+\w+|"
    r"wird\s+geladen|lade\s*…?|gefällt\s+mir|liken|kommentieren|"
    r"(?:keine|\d+)\s+kommentare?(?:\s*\(.*\))?|kommentare?(?:\s+deaktiviert)?|"
    r"die\s+kommentarfunktion\s+ist\s+(?:geschlossen|deaktiviert)|"
    r"schreibe?\s+einen\s+kommentar|"
    r"partager(?:\s+sur\s+\w+)?|imprimer|compartir(?:\s+en\s+\w+)?|imprimir|condividi|stampa|"
    r"udostępnij|drukuj|publicidad|pubblicità|reklama)$",
    re.I,
)
_JUNK_WORD_LIMIT = 16
# A notice about the page: an advertising disclosure, a follow-us or get-our-app line.
_NOTICE_LINE = re.compile(
    r"^(?:\*?(?:anzeige|werbung|advertisement|sponsored|publicité|publicidad)\b\s*[-,.:/|]|"
    r"follow\s+\S+(?:\s+\S+){0,3}\s+on\s+(?:twitter|facebook|instagram|tiktok|youtube|x)\b|"
    r"subscribe\s+now\b|(?:for|get)\s+the\s+latest\b.{0,80}\b(?:app|apps|newsletter)\b)",
    re.I,
)
_NOTICE_WORD_LIMIT = 40
_CREDIT = re.compile(r"^(?:by|von|par|por|door|di|av|af)\s", re.I)  # a byline, not prose
_TEASER_TAGS = frozenset(("p",))
_RUN_HEADS = frozenset(("p", "div", "h2", "h3", "h4", "h5", "h6", "strong", "span"))
_RUN_ITEMS = frozenset(("p", "div", "ul", "ol", "li", "h3", "h4", "h5", "h6"))
_CAPTION_CHARS = 500
_NOT_IN_CAPTIONS = frozenset(
    ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote")
)
_PROSE_PARAGRAPH = 100  # characters
_PROSE_PARAGRAPHS = 3
_STANDFIRST = 80  # characters: shorter header lines are labels, dates and bylines
_INLINE = frozenset(("span", "em", "strong", "b", "i", "small", "cite", "abbr"))
_KEY_POINT = 30  # characters of each item of a header's list of key points
_BLOCKS = frozenset(
    ("p", "div", "section", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6")
)


def strip_junk_tags(root: Any) -> None:
    """Scripts, styles, media and form controls carry no article text.

    The HTML parser does not know <source> is empty, so the <img> after it in a <picture> ends
    up inside it: that picture is moved out first (its tail, inside the <source>, goes with it).
    """
    mark_dialogs(root)
    for img in {img: None for source in root.iter("source") for img in source.iter("img")}:
        outermost = [up for up in img.iterancestors() if up.tag == "source"][-1]
        img.tail = None
        outermost.addprevious(img)
    etree.strip_elements(root, *JUNK_TAGS, with_tail=False)


@lru_cache(maxsize=8192)
def name_verdict(names: str) -> str:
    """What the words of a class/id/aria-label say a node is.

    One of "", "hidden", "comments", "related", "drop" or "caption".
    """
    classes = names.split()
    if any(name.lower() in _HIDDEN_CLASSES for name in classes):
        return "hidden"
    words = " ".join(c for c in classes if not c.lower().startswith(_IGNORED_CLASS_PREFIXES))
    tokens = [t for t in _NON_ALNUM.split(_CAMEL.sub(r"\1 \2", words).lower()) if t]
    if not tokens:
        return ""
    found = set(tokens)
    found.update(a + b for a, b in pairwise(tokens))
    found.update(a + b + c for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False))
    if found & _COMMENT_TOKENS:
        return "comments"
    if found & _RELATED_TOKENS or any(t.startswith(_RELATED_PREFIXES) for t in tokens):
        return "related"
    if found & _DROP_TOKENS or any(t.startswith(_DROP_PREFIXES) for t in tokens):
        return "drop"
    if found & _CAPTION_TOKENS:
        return "caption"
    return ""


def _short_text(el: Any, limit: int) -> str:
    """The squashed text of a small node, or "" when the node is too big to be a label."""
    if len(el) > 6:
        return ""
    text = el.text_content()
    return squash(text) if len(text) <= limit * 4 else ""


def _link_share(el: Any, text_len: int) -> float:
    if text_len <= 0:
        return 0.0
    return sum(len(squash(a.text_content())) for a in el.iter("a")) / text_len


def _related_box(el: Any) -> bool:
    """A teaser box: headed "Related"/"Read more"..., or a one-line "Related article: <a>"."""
    tag = el.tag
    if tag in ("div", "section", "aside", "nav", "footer") and len(el) >= 2:
        heading = _short_text(el[0], 80)
        if heading and RELATED_HEADING.match(heading) and el.find(".//a") is not None:
            text_len = len(squash(el.text_content())) - len(heading)
            return _link_share(el, text_len) >= 0.4
    if tag in ("p", "div", "aside", "section", "li", "blockquote", "h3", "h4", "h5"):
        text = _short_text(el, 300)
        if text and el.find(".//a") is not None:
            link_chars = sum(len(squash(a.text_content())) for a in el.iter("a"))
            return is_related_line(text, link_chars)
    return False


def _link_only(el: Any, base: str, page_url: str) -> bool:
    """All of the element's text is link text, and the links lead to other pages."""
    text = _short_text(el, 300)
    if not text:
        return False
    anchors = list(el.iter("a"))
    if not anchors or _link_share(el, len(text)) < 0.9:
        return False
    urls = [absolute_url(a.get("href") or "", base) for a in anchors]
    return all(url and not same_page(url, page_url) for url in urls)


def _teaser(el: Any, base: str, page_url: str) -> str:
    """A paragraph that is nothing but a link: a teaser for another article.

    "related" for headlines, "drop" for calls to action ("Click here to subscribe"), else "".
    """
    tag = el.tag
    if tag == "p" and _link_only(el, base, page_url):
        text = squash(el.text_content())
        if is_call_to_action(text):
            return "drop"
        return "related" if len(text.split()) >= 3 or len(text) >= 15 else ""
    return ""


def _related_run(el: Any) -> list[Any]:
    """A "You may also like" line and the run of link-only siblings after it, or []."""
    if el.tag not in _RUN_HEADS:
        return []
    label = _short_text(el, 60)
    if not label or not RELATED_HEADING.match(label):
        return []
    run: list[Any] = []
    sibling = el.getnext()
    while sibling is not None and isinstance(sibling.tag, str) and sibling.tag in _RUN_ITEMS:
        text = squash(sibling.text_content())
        if not text or len(text.split()) > 30 or _link_share(sibling, len(text)) < 0.7:
            break
        run.append(sibling)
        sibling = sibling.getnext()
    return [el, *run] if run else []


def _contains_article(el: Any) -> bool:
    return bool(
        el.tag in ("article", "main")
        or el.find(".//article") is not None
        or el.find(".//main") is not None
        or el.find(".//h1") is not None
        or el.xpath('boolean(.//*[@itemprop="articleBody"])')
    )


def _caption_sized(el: Any) -> bool:
    """Small enough to be a caption: a few sentences, no headings or paragraphs of its own."""
    if len(el.text_content()) > _CAPTION_CHARS:
        return False
    return not any(
        isinstance(node.tag, str) and node.tag in _NOT_IN_CAPTIONS for node in el.iterdescendants()
    )


def _holds_much_text(el: Any, limit: float) -> bool:
    """More than `limit` characters, and not mostly link text (a big footer is still chrome)."""
    text = el.text_content()
    return len(text) > limit and _link_share(el, len(squash(text))) < 0.5


def _holds_prose(el: Any) -> bool:
    """Several real paragraphs: an article body, whatever its class says."""
    count = 0
    for p in el.iter("p"):
        if len(p.text_content()) >= _PROSE_PARAGRAPH:
            count += 1
            if count >= _PROSE_PARAGRAPHS:
                return True
    return False


def _id_from_text(el: Any, id_: str) -> bool:
    """An id spelled from the node's own words ("See_also", "Promotion_controversy") is a
    heading's anchor, and says nothing about what the node is."""
    words = [w for w in _NON_ALNUM.split(id_.lower()) if w]
    if not words:
        return False
    text = _short_text(el, 80)
    return bool(text) and set(words) <= set(_NON_ALNUM.split(text.lower()))


def _word_of_a_line(el: Any) -> bool:
    """An inline element with words of its line around it ("Gov. <span class=author-link>Name
    </span> said") is part of a sentence: its class name says how it looks, not that it is
    chrome."""
    if el.tag not in _INLINE:
        return False
    parent = el.getparent()
    return bool((parent.text or "").strip() or any((c.tail or "").strip() for c in parent))


def _verdict(el: Any, aggressive: bool, base: str, page_url: str) -> str:
    attrib = el.attrib
    if "hidden" in attrib or attrib.get("aria-hidden", "").lower() == "true":
        return "hidden"
    style = attrib.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return "hidden"
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}"
    verdict = name_verdict(names) if len(names) > 1 else ""
    if verdict and _id_from_text(el, attrib.get("id", "")):
        verdict = name_verdict(attrib.get("class", ""))
    if verdict == "hidden":
        return verdict
    if el.tag == "a":
        return ""  # a link's class ("popup", "meta-loc") says how it looks, not what it is
    label = attrib.get("aria-label")
    if label and not verdict:
        verdict = name_verdict(label.lower())
    if verdict == "related" or (verdict != "drop" and _related_box(el)):
        return "related"
    teaser = _teaser(el, base, page_url) if el.tag in _TEASER_TAGS else ""
    if teaser:
        return teaser
    if verdict == "comments":
        return verdict
    if not aggressive:
        return "drop" if el.tag == "nav" else ""
    if DIALOG in attrib and not _contains_article(el):
        return "drop"
    if verdict == "drop" and _word_of_a_line(el):
        return ""
    if verdict:
        return verdict
    role = attrib.get("role", "").lower()
    if role in _DROP_ROLES or el.tag in _STRUCTURAL:
        return "drop"
    return ""


def remove_boilerplate(
    root: Any, base: str, page_url: str, related: LinkList, aggressive: bool = True
) -> None:
    """Drop chrome and hidden nodes under <body>; harvest related boxes into `related` first."""
    body = root.find("body")
    if body is None:
        return
    limit = 0.4 * len(body.text_content())
    posts: list[bool] = []  # whether comment blocks are the page's posts, once asked
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue  # not an element, or removed with a related run
        verdict = _verdict(el, aggressive, base, page_url)
        if verdict == "caption":
            # Captions and photo credits outside <figure>: render them as captions.
            if el.tag not in ("figure", "figcaption", "img") and _caption_sized(el):
                el.tag = "figcaption"
                continue
        elif verdict:
            if verdict == "drop" and aggressive and keep_standfirst(el):
                continue
            if verdict == "comments":
                if not posts:
                    posts.append(_prose_only_in_comments(body))
                if posts[0]:
                    stack.extend(reversed(el))
                    continue
            if _removable(el, verdict, limit):
                if verdict == "related":
                    harvest(el, base, related)
                drop(el)
                continue
        else:
            run = _related_run(el)
            for node in run:
                harvest(node, base, related)
                drop(node)
            if run:
                continue
        stack.extend(reversed(el))


def keep_standfirst(el: Any) -> bool:
    """An article's (or <main>'s) <header> goes, but for its standfirst: it becomes its lines of
    prose, the line it marks as the description and its list of key points (the headline,
    byline and date are Article fields), marked STANDFIRST; False when it has none."""
    if el.tag != "header" or not any(up.tag in ("article", "main") for up in el.iterancestors()):
        return False
    prose = [
        p
        for p in el.iter("p", "div", "h2", "h3", "h4", "h5", "h6", "ul", "ol")
        if (p.tag in ("ul", "ol") and _key_points(p))
        or (
            p.tag not in ("ul", "ol")
            and not any(c.tag in _BLOCKS for c in p)
            and not any(up.tag in ("figure", "figcaption") for up in p.iterancestors())
            and not any(up.tag in ("ul", "ol") and _key_points(up) for up in p.iterancestors())
            and (_described(p) or (p.tag in ("p", "div") and _prose_line(p)))
        )
    ]
    if not prose:
        return False
    for child in list(el):
        el.remove(child)
    el.text = None
    el.tag = "div"
    el.attrib.clear()
    el.set(STANDFIRST, "1")
    for p in prose:
        p.tail = None
        if p.tag not in ("ul", "ol"):
            p.tag = "p"
        el.append(p)
    return True


def _described(el: Any) -> bool:
    """The line the page marks as the article's description (itemprop): its standfirst."""
    return (el.get("itemprop") or "").lower() == "description" and bool(el.text_content().strip())


def _key_points(lst: Any) -> bool:
    """A list of the story's key points: two or more items, each a line of words, no links."""
    items = [li for li in lst if li.tag == "li"]
    return (
        len(items) >= 2
        and len(items) == len(lst)
        and lst.find(".//a") is None
        and all(len(squash(li.text_content())) >= _KEY_POINT for li in items)
    )


def _prose_line(p: Any) -> bool:
    """A line of sentences: long enough, ending like a sentence, hardly any link text."""
    text = squash(p.text_content())
    if len(text) < _STANDFIRST or text[-1] not in '.!?…"“”»«' or _CREDIT.match(text):
        return False
    return _link_share(p, len(text)) < 0.3


def _own_text(el: Any) -> int:
    """Characters of text directly in `el`, not in its child elements."""
    return len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)


def _in_comments(el: Any) -> bool:
    for node in (el, *el.iterancestors()):
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if len(names) > 1 and name_verdict(names) == "comments":
            return True
    return False


def _prose_only_in_comments(body: Any) -> bool:
    """The page's prose is in blocks named like comments, and fewer than three paragraphs of it
    outside them (a teaser, a notice): the page is a thread of posts (a forum, a guestbook),
    and the "comments" are its text."""
    inside = outside = 0
    for el in body.iter():
        if isinstance(el.tag, str) and _own_text(el) >= _PROSE_PARAGRAPH:
            if _in_comments(el):
                inside += 1
            else:
                outside += 1
                if outside >= _PROSE_PARAGRAPHS:
                    return False
    return inside > outside


def _removable(el: Any, verdict: str, limit: float) -> bool:
    """Hidden nodes always go; comments unless they hold the article; the rest unless big."""
    if verdict == "hidden":
        return True
    if verdict == "comments":
        return not _contains_article(el)
    return not (_holds_prose(el) or _holds_much_text(el, limit))


def is_junk_line(text: str) -> bool:
    """A short line of page chrome ("Advertisement", "Share this article", "Read more"), or a
    notice about the page rather than the story ("*Anzeige: enthält Affiliate Links*", "Follow
    us on X", "Download our app")."""
    words = len(text.split())
    if words <= _NOTICE_WORD_LIMIT and _NOTICE_LINE.match(text.strip(" *_")):
        return True
    if words > _JUNK_WORD_LIMIT:
        return False
    return bool(_JUNK_LINE.match(text.strip(" .:!|•·-–—>»«…\u2192")))
