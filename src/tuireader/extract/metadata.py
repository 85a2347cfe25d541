"""Article metadata from the whole page, in order of trust where sources disagree.

JSON-LD (what the publisher declares for machines) beats OpenGraph, which beats other <meta>
tags, which beat <time> elements and visible bylines. Title tags follow Readability.js's order
(Dublin Core before OpenGraph), so reader views agree. Runs on the full tree, before any cleaning.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from tuireader.extract.bylines import clean_byline, clean_name, dedupe_names, join_names
from tuireader.extract.dates import date_in_url, normalize_date
from tuireader.extract.links import absolute_url
from tuireader.extract.textclean import squash, word_set
from tuireader.extract.titles import title_from_document

_ARTICLE_TYPES = word_set(
    """article newsarticle blogposting reportagenewsarticle analysisnewsarticle
    opinionnewsarticle reviewnewsarticle backgroundnewsarticle askpublicnewsarticle
    advertisercontentarticle satiricalarticle scholarlyarticle medicalscholarlyarticle
    techarticle socialmediaposting liveblogposting discussionforumposting report
    posting"""
)
_PAGE_TYPES = word_set("webpage itempage aboutpage collectionpage")

_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "dc:date.issued",
    "dc:date",
    "dcterms:issued",
    "dcterms:created",
    "dcterms:date",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "citation_date",
    "datecreated",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms:modified",
    "last-modified",
    "dc:date.modified",
)
_AUTHOR_KEYS = (
    "article:author",
    "og:article:author",
    "dc:creator",
    "dcterm:creator",
    "dcterms:creator",
    "author",
    "parsely-author",
    "sailthru.author",
    "citation_author",
)
_TITLE_KEYS = (  # Readability.js's order
    "dc:title",
    "dcterm:title",
    "dcterms:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
)
_LISTED_AUTHOR_KEYS = frozenset(("citation_author",))  # one tag per author
_BYLINE_HINT = re.compile(r"byline|author|writer|dateline|contributor", re.I)
_NOT_BYLINE_HINT = re.compile(
    r"bio|about|avatar|image|img|photo|picture|thumb|follow|social|more-|description", re.I
)
# Regions holding other people's names: comment authors, related stories, site footers. The
# words are Readability.js's "unlikely candidates" that can hold a name, with its exemptions.
_ASIDE_HINT = re.compile(r"comment|footer|sidebar|related|remark|replies|disqus", re.I)
_MAIN_HINT = re.compile(r"and|article|body|column|content|main", re.I)
_BY_TEXT = re.compile(r"^(?:by|von|par|por|door)\s+\S", re.I)
_BYLINE_SEARCH = 1500  # elements
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(slots=True)
class Metadata:
    """What the page says about the article, each field from the most trusted source."""

    title: str = ""
    byline: str = ""
    authors: list[str] = field(default_factory=list)
    published: str = ""
    modified: str = ""
    site_name: str = ""
    lang: str = ""
    description: str = ""
    canonical_url: str = ""
    image_url: str = ""
    image_caption: str = ""
    document_title: str = ""
    h1_title: str = ""
    amp_url: str = ""


def _text(value: Any) -> str:
    """A JSON-LD value as text: strings as they are, {"@value"/"name": ...}, first of a list."""
    if isinstance(value, str):
        return squash(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for key in ("@value", "name", "url", "@id"):
            if key in value:
                return _text(value[key])
    if isinstance(value, list):
        for item in value[:5]:
            text = _text(item)
            if text:
                return text
    return ""


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values if v}


def _loads(raw: str) -> Any:
    text = raw.strip()
    for junk in ("<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"):
        text = text.replace(junk, "")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        try:  # trailing commas are the most common hand-written mistake
            return json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except ValueError:
            return None


def _collect(data: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:50]:
            _collect(item, out, depth + 1)
    elif isinstance(data, dict):
        out.append(data)
        for key in ("@graph", "mainEntity", "itemReviewed"):
            if key in data:
                _collect(data[key], out, depth + 1)


def jsonld_nodes(root: Any) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" in (script.get("type") or "").lower() and script.text:
            _collect(_loads(script.text), nodes)
    return nodes


def _person_names(value: Any) -> tuple[list[str], list[str]]:
    """(people, organisations) named by a JSON-LD author value."""
    people: list[str] = []
    orgs: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items[:20]:
        if isinstance(item, str):
            name = clean_name(item)
            if name and not name.lower().startswith(("http", "www.")):
                people.append(name)
        elif isinstance(item, dict):
            name = clean_name(_text(item.get("name", "")))
            if not name:
                continue
            (orgs if "organization" in _types(item) else people).append(name)
    return people, orgs


def _meta_tags(root: Any) -> dict[str, list[str]]:
    """<meta> values by lower-cased key ("dc.title" read as "dc:title"), in page order."""
    tags: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if not content or not content.strip():
            continue
        value = squash(content)
        for attr in ("name", "property", "itemprop", "http-equiv"):
            for key in (meta.get(attr) or "").lower().split():
                if key.startswith(("dc.", "dcterm.", "dcterms.")):
                    key = key.replace(".", ":", 1)
                tags.setdefault(key, []).append(value)
    return tags


def _first(tags: dict[str, list[str]], keys: tuple[str, ...]) -> str:
    """The value of the first key present; of several tags with that key, the last one."""
    for key in keys:
        values = tags.get(key)
        if values:
            return values[-1]
    return ""


def _first_date(tags: dict[str, list[str]], keys: tuple[str, ...]) -> str:
    for key in keys:
        for value in tags.get(key, ()):
            date = normalize_date(value)
            if date:
                return date
    return ""


def _similar(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


def _byline_hint(names: str) -> bool:
    return (
        len(names) > 1 and bool(_BYLINE_HINT.search(names)) and not _NOT_BYLINE_HINT.search(names)
    )


def _in_aside(el: Any) -> bool:
    """Whether an element sits in a comment thread, sidebar, related list or footer."""
    for node in el.iterancestors():
        if node.tag in ("body", "html"):
            return False
        hint = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _ASIDE_HINT.search(hint) and not _MAIN_HINT.search(hint):
            return True
    return False


def _visible_byline(root: Any) -> tuple[str, list[str]]:
    """A byline written on the page: itemprop/rel author, byline-like classes, "By ..." lines."""
    body = root.find("body")
    if body is None:
        return "", []
    # Bylines sit by the headline: look from the first <h1> on, for a bounded stretch.
    h1 = next(body.iter("h1"), None)
    if h1 is not None:
        elements = h1.xpath(f"descendant-or-self::* | following::*[position() <= {_BYLINE_SEARCH}]")
    else:
        elements = islice(body.iter(), _BYLINE_SEARCH)
    for el in elements:
        tag = el.tag
        if not isinstance(tag, str) or tag in ("script", "style", "meta", "link", "img"):
            continue
        itemprop = (el.get("itemprop") or "").lower()
        rel = (el.get("rel") or "").lower()
        hint = f"{el.get('class') or ''} {el.get('id') or ''}"
        found = ""
        if "author" in itemprop.split():
            names = el.xpath('.//*[@itemprop="name"]')
            found = names[0].get("content") or names[0].text_content() if names else ""
            found = found or el.get("content") or el.text_content()
        elif (rel == "author" and tag == "a") or _byline_hint(hint):
            found = " ".join(el.itertext())
        elif tag in ("p", "div", "span", "address") and len(el) <= 3:
            head = (el.text or "").lstrip() or (len(el) and (el[0].text or "").lstrip()) or ""
            if _BY_TEXT.match(head[:12]):
                raw = el.text_content()
                text = squash(raw) if len(raw) < 300 else ""
                if _BY_TEXT.match(text) and len(text.split()) <= 12:
                    found = text
        if found and len(found) < 300 and not _in_aside(el):
            byline, names_found = clean_byline(found)
            if names_found:
                return byline, names_found
    return "", []


def _time_date(root: Any) -> str:
    """The publication date of a <time> element, preferring one marked as published."""
    first = ""
    for el in root.iter("time"):
        value = el.get("datetime") or el.text_content()
        date = normalize_date(value or "")
        if not date:
            continue
        hint = f"{el.get('itemprop') or ''} {el.get('class') or ''} {el.get('pubdate') or ''}"
        if "publish" in hint.lower() or el.get("pubdate") is not None:
            return date
        if "modif" not in hint.lower() and "update" not in hint.lower() and not first:
            first = date
    return first


def _lang(value: str) -> str:
    value = value.strip()
    return value.replace("_", "-") if _LANG.match(value) else ""


def _image(value: Any) -> tuple[str, str]:
    if isinstance(value, list):
        for item in value[:5]:
            url, caption = _image(item)
            if url:
                return url, caption
        return "", ""
    if isinstance(value, dict):
        url = _text(value.get("url") or value.get("contentUrl") or "")
        return url, _text(value.get("caption", ""))
    return _text(value), ""


def _authors(ld: dict[str, Any], tags: dict[str, list[str]], root: Any) -> tuple[str, list[str]]:
    """(byline, authors): JSON-LD people, else author <meta> tags, else the visible byline."""
    people, orgs = _person_names(ld.get("author") or ld.get("creator")) if ld else ([], [])
    authors = dedupe_names(people or orgs)
    if authors:
        return join_names(authors, ", "), authors
    for key in _AUTHOR_KEYS:
        values = [v for v in tags.get(key, ()) if not v.lower().startswith(("http", "www."))]
        if not values:
            continue
        if key in _LISTED_AUTHOR_KEYS and len(values) > 1:
            names = dedupe_names([clean_name(v) for v in values])
            if names:
                return join_names(names, ", "), names
        else:
            byline, names = clean_byline(values[-1])
            if names:
                return byline, names
    return _visible_byline(root)


def _title(meta: Metadata, ld: dict[str, Any], tags: dict[str, list[str]], root: Any) -> str:
    """JSON-LD headline > title <meta> > <title> (Readability's cut) > <h1>.

    A declared title is kept as the publisher wrote it, site name included, as Readability.js
    does; only the <title> element, which is written for browser tabs, gets cut down.
    """
    headline = _text(ld.get("headline", "")) if ld else ""
    name = _text(ld.get("name", "")) if ld else ""
    if headline and name and headline != name and meta.document_title:
        headline = max((headline, name), key=lambda value: _similar(value, meta.document_title))
    raw = headline or name or _first(tags, _TITLE_KEYS)
    if not raw and meta.document_title:
        h1s = [squash(h.text_content()) for h in root.iter("h1")]
        h2s = [squash(h.text_content()) for h in root.iter("h2")]
        raw = title_from_document(meta.document_title, h1s + h2s, h1s)
    return squash(raw) or meta.h1_title


def read_metadata(root: Any, page_url: str, base: str) -> Metadata:
    """Everything the page declares about its article; "" where it declares nothing."""
    meta = Metadata()
    tags = _meta_tags(root)
    nodes = jsonld_nodes(root)
    article = next((n for n in nodes if _types(n) & _ARTICLE_TYPES), None)
    page = next((n for n in nodes if _types(n) & _PAGE_TYPES), None)
    site = next((n for n in nodes if "website" in _types(n)), None)
    ld: dict[str, Any] = article or {}

    title_el = root.find(".//title")
    meta.document_title = squash(title_el.text_content()) if title_el is not None else ""
    h1 = next((squash(h.text_content()) for h in root.iter("h1") if squash(h.text_content())), "")
    meta.h1_title = h1

    publisher = ld.get("publisher") if ld else None
    meta.site_name = (
        _first(tags, ("og:site_name",))
        or (_text(publisher) if isinstance(publisher, (dict, list)) else "")
        or (_text(site.get("name", "")) if site else "")
        or _first(tags, ("application-name", "dc:publisher", "publisher"))
    )
    meta.byline, meta.authors = _authors(ld, tags, root)
    meta.title = _title(meta, ld, tags, root)

    meta.published = (
        normalize_date(_text(ld.get("datePublished", ""))) if ld else ""
    ) or _first_date(tags, _PUBLISHED_KEYS)
    if not meta.published and ld:
        meta.published = normalize_date(_text(ld.get("dateCreated", "")))
    if not meta.published and page:
        meta.published = normalize_date(_text(page.get("datePublished", "")))
    meta.published = meta.published or _time_date(root) or date_in_url(page_url)
    meta.modified = (
        normalize_date(_text(ld.get("dateModified", ""))) if ld else ""
    ) or _first_date(tags, _MODIFIED_KEYS)

    html_lang = root.get("lang") or root.get("xml:lang") or ""
    meta.lang = (
        _lang(html_lang)
        or _lang(_first(tags, ("og:locale", "content-language", "language", "dc:language")))
        or (_lang(_text(ld.get("inLanguage", ""))) if ld else "")
    )
    meta.description = (_text(ld.get("description", "")) if ld else "") or _first(
        tags, ("og:description", "description", "twitter:description", "dc:description")
    )
    meta.canonical_url = _canonical(root, tags, ld, base, page_url)
    meta.amp_url = _link_href(root, "amphtml", base)
    image_url, meta.image_caption = _image(ld.get("image")) if ld else ("", "")
    meta.image_url = absolute_url(image_url, base) or absolute_url(
        _first(
            tags,
            (
                "og:image",
                "og:image:url",
                "og:image:secure_url",
                "twitter:image",
                "twitter:image:src",
            ),
        ),
        base,
    )
    return meta


def _link_href(root: Any, rel: str, base: str) -> str:
    """The first <link rel=`rel`> resolved against `base`; "" unless it is http(s)."""
    for link in root.iter("link"):
        if rel in (link.get("rel") or "").lower().split():
            href = absolute_url(link.get("href") or "", base)
            if href:
                return href
    return ""


def _canonical(
    root: Any, tags: dict[str, list[str]], ld: dict[str, Any], base: str, page_url: str
) -> str:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = absolute_url(link.get("href") or "", base)
            if canonical:
                return canonical
    return (
        absolute_url(_first(tags, ("og:url",)), base)
        or (absolute_url(_text(ld.get("url", "")), base) if ld else "")
        or absolute_url(page_url, "")
    )
