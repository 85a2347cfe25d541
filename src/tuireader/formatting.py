"""How dates, sizes and bylines read to a person: shared by the app and `--dump`."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tuireader.models import Article, Reading
from tuireader.textsafe import clean_line, clean_text

# A byline kept as the page's credit line ("Written by A. Edited by B") says its roles itself.
_CREDITED = re.compile(r"^(?:[^\W\d_]+\s+)?by\s", re.I)
_TITLE_SEPARATORS = ("|", "-", "–", "—", "·", "::", ":", "/", "»")


def short_title(title: str, site_name: str) -> str:
    """`title` without a trailing or leading " | Site Name": the page says which site it is.

    The extractor keeps titles as the page declares them; the reader does not need the site
    twice, since the source panel and the library name it.
    """
    site = site_name.strip().casefold()
    if not site or title.strip().casefold() == site:
        return title
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(f" {sep} ")
        if found and tail.strip().casefold() == site and head.strip():
            return head.strip()
        head, found, tail = title.partition(f" {sep} ")
        if found and head.strip().casefold() == site and tail.strip():
            return tail.strip()
    return title


def human_date(iso: str) -> str:
    """'2024-12-05T10:00:00+00:00' -> 'December 5, 2024'; text that is not ISO comes back cleaned.

    The text may be a page's own date line, so it is cleaned like any page text.
    """
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return clean_line(iso)
    return f"{moment:%B} {moment.day}, {moment.year}"


def human_time(iso: str, zone: bool = True) -> str:
    """'2026-11-28T04:07:19+00:00' -> '2026-11-28 04:07 UTC' (without " UTC" if not `zone`).

    Times with an offset are shown in UTC; text that is not ISO comes back cleaned, one line.
    """
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return clean_line(iso)
    if moment.tzinfo is None:
        return f"{moment:%Y-%m-%d %H:%M}"
    moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M}" + (" UTC" if zone else "")


def human_size(count: int) -> str:
    """A byte count in binary units, one decimal: '512 B', '3.4 KiB', '1.2 MiB'."""
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KiB"
    return f"{count / 1024 / 1024:.1f} MiB"


def byline_line(article: Article) -> str:
    """'By Jane Doe · December 5, 2024' from whichever of the two the article has."""
    parts = []
    if article.byline:
        credited = _CREDITED.match(article.byline)
        parts.append(article.byline if credited else f"By {article.byline}")
    if article.published:
        parts.append(human_date(article.published))
    return " · ".join(parts)


def caption_line(article: Article) -> str:
    """The lead image's caption and credit as one line."""
    image = article.lead_image
    if image is None:
        return ""
    caption = image.caption or image.alt
    if caption and image.credit:
        return f"{caption} ({image.credit})"
    return caption or image.credit


TEXT_FROM = {
    "json-ld": "the page's JSON-LD articleBody (its HTML holds little text)",
    "next-data": "the page's Next.js data (its HTML holds little text)",
    "nuxt": "the page's Nuxt data (its HTML holds little text)",
    "amp": "the page's AMP version (the page itself holds no article)",
}


def text_origin(article: Article) -> str:
    """Where the body shown came from, when not simply the page's HTML ("" then)."""
    if article.page_kind == "links":
        return "page of links: its headlines and links, by section"
    return TEXT_FROM.get(article.text_from, "")


def reading_time(article: Article) -> str:
    """How long the article is to read; a page of links says how many links it lists."""
    if article.page_kind == "links":
        count = len(article.body_links)
        return f"{count:,} link{'' if count == 1 else 's'}"
    return f"{article.word_count:,} words · {article.reading_minutes} min read"


_SENTENCE_END = re.compile(r"([.!?…][\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-ZÀ-ÖØ-Þ0-9])")


def first_sentence(text: str, limit: int = 240) -> str:
    """The opening sentence of an article's text, for a link preview; cut at `limit` characters."""
    flat = " ".join(text.split())
    match = _SENTENCE_END.search(flat)
    sentence = flat[: match.end(1)] if match else flat
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def quote_block(reading: Reading, paragraph: str) -> str:
    """`paragraph` as a Markdown quote followed by where it is from: title, author, date, URL.

    Cleaned as the screen cleans them: the clipboard is pasted into terminals too.
    """
    article = reading.article
    url = clean_line(reading.page.final_url or reading.url)
    lines = [f"> {line}" if line else ">" for line in clean_text(paragraph).strip().splitlines()]
    source = [clean_line(short_title(article.title, article.site_name)) or url]
    source += [clean_line(article.byline), human_date(article.published)]  # dates come cleaned
    lines.append(">")
    lines.append(f"> — {', '.join(part for part in source if part)}, <{url}>")
    return "\n".join(lines) + "\n"


def image_mark(alt: str) -> str:
    """What plain text shows for a picture: "[image: alt]", or "[image]" with no alt."""
    alt = clean_line(alt)
    return f"[image: {alt}]" if alt else "[image]"
