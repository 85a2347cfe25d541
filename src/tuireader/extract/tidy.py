"""The rendered blocks made readable: no chrome lines, repeats, title, byline or date lines.

The title, byline and date are Article fields the UI places itself, so the body must not repeat
them; headings that head nothing go; heading levels shift so the body's top heading is ##.
Image blocks hold no text: every rule here reads the text blocks around them as if they were not
there, and they stay where they stand.
"""

from __future__ import annotations

import re

from tuireader.extract.boilerplate import is_junk_line
from tuireader.extract.bylines import JOB_WORDS
from tuireader.extract.links import RELATED_HEADING
from tuireader.extract.markdown import Block
from tuireader.extract.notices import is_notice
from tuireader.extract.textclean import word_set

_BY_LINE = re.compile(r"^(?:by|von|par|por|door)\s+\S", re.I)
_DATE_WORDS = word_set(
    """jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december mon monday tue tues tuesday wed wednesday
    thu thur thurs thursday fri friday sat saturday sun sunday at am pm a m p et est edt ct cst
    cdt pt pst pdt mt gmt utc bst cet cest msk ist jst aest on updated update published posted
    last modified first ago hour hours minute minutes min mins read h
    januar jänner februar märz mai juni juli oktober dezember publiziert veröffentlicht
    aktualisiert zuletzt am um uhr stand janvier février mars avril juin juillet août
    septembre octobre novembre décembre publié le mis à jour enero febrero marzo abril mayo
    junio julio agosto septiembre setiembre octubre noviembre diciembre publicado actualizado
    de del el"""
)
_LETTERS = re.compile(r"[^\W\d_]+")
_NEARBY = 2
_CLOSING_BLOCKS = 4
_WHOLE_LINK = re.compile(r"^\[[^\]]+\]\(\S+\)$")
_AUTHOR_NOTE = re.compile(r"^[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){1,3}\s(?:is|was)\san?\s")
_CONTACT = re.compile(r"^(?:contact|e-?mail|reach|follow)\b.{0,80}(?:\S@\S|twitter|@\w)", re.I)


_IMAGE_LABEL = re.compile(
    r"^(?:abbildung|abb\.|bild|bilder|foto|fotos|titelbild|titelfoto|beitragsbild|headerbild|"
    r"image|images|photo|photos|picture|figure|fig\.|cr[ée]dits?\s+photos?|photo\s+credits?|"
    r"illustration|grafik)(?:\s*\d+)?\s*:",
    re.I,
)
# A sentence and then "© who": a photo's credit (a "© 2003 Name" notice is the text's own).
_TRAILING_COPYRIGHT = re.compile(r"[.!?“”\"]\s*(?:\|\s*)?©(?!\s*\d)\s*[^!?]{2,60}$")
_CAPTION_WORDS = 40
_SHARE_LABEL = re.compile(
    r"^(?:share(?:\s+this)?(?:\s+\w+)?|teilen(?:\s+sie\s+\w+(?:\s+\w+)?)?(?:\s+mit)?|"
    r"partager|compartir|condividi|udostępnij)\s*:?$",
    re.I,
)


def is_caption_line(text: str) -> bool:
    """A caption standing as a paragraph: "Abbildung 4: ...", "Photo: ...", or a sentence and
    its "© credit"."""
    if len(text.split()) > _CAPTION_WORDS:
        return False
    return bool(_IMAGE_LABEL.match(text) or _TRAILING_COPYRIGHT.search(text))


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def is_date_line(text: str) -> bool:
    """A line made only of a date/time and words like "Updated" or "Published"."""
    if len(text) > 80 or not any(ch.isdigit() for ch in text):
        return False
    return all(word in _DATE_WORDS for word in _LETTERS.findall(text.lower()))


def _is_byline(text: str, byline_key: str) -> bool:
    key = _key(text)
    if byline_key and key in (byline_key, f"by {byline_key}"):
        return True
    if bool(_BY_LINE.match(text)) and len(text.split()) <= 12:
        return True
    return _credit_line(text, byline_key)


def _credit_line(text: str, byline_key: str) -> bool:
    """A short line that holds the byline whole and a date: the page's credit line."""
    return (
        len(byline_key) >= 5
        and len(text.split()) <= 30
        and any(ch.isdigit() for ch in text)
        and f" {byline_key} " in f" {_key(text)} "
    )


def _repeats_nearby(block: Block, key: str, kept: list[Block]) -> bool:
    """The same text just before, from another part of the page (a standfirst repeated as the
    first paragraph). Repeats side by side in one container are the author's and stay."""
    if len(key) < 20:
        return False
    return any(_key(b.text) == key and b.origin is not block.origin for b in kept[-_NEARBY:])


def _is_author_note(text: str, authors: list[str]) -> bool:
    """A closing note about the author: "Jane Doe is a reporter for ...", "Contact Jane at ..."."""
    words = text.split()
    if len(words) <= 25 and _CONTACT.match(text):
        return True
    if len(words) > 60:
        return False
    lowered = text.lower()
    if any(lowered.startswith(f"{name.lower()} is ") for name in authors):
        return True
    note = _AUTHOR_NOTE.match(text)
    return bool(note) and any(w.strip(".,").lower() in JOB_WORDS for w in words[:12])


def _is_headline(block: Block, prose_started: bool, title_key: str) -> bool:
    """An <h1> before any paragraph is the article's headline, which the title field holds,
    unless fewer than half its words are the title's (then it heads a part of the page)."""
    if block.level != 1 or prose_started:
        return False
    words = _key(block.text).split()
    in_title = set(title_key.split())
    return not title_key or 2 * sum(w in in_title for w in words) >= len(words)


def _links_only(block: Block) -> bool:
    """A list every item of which is a link."""
    items = [line for line in block.markdown.splitlines() if line.strip()]
    return block.kind == "list" and all("](" in line for line in items)


def _without_labels(blocks: list[Block], label: re.Pattern[str]) -> list[Block]:
    """The label of a related or share box ("Read more", "Weitere Themen", "Share this:") goes,
    and with it the list of links it heads. A label as a heading stays when it heads plain text
    (a "See also" section)."""
    kept: list[Block] = []
    skipped: Block | None = None
    for i, block in enumerate(blocks):
        if block is skipped:
            continue
        if block.kind in ("paragraph", "heading") and label.match(block.text.strip()):
            after = next((b for b in blocks[i + 1 :] if b.kind != "image"), None)
            if after is not None and _links_only(after):
                skipped = after
                continue
            if (
                block.kind == "paragraph"
                or after is None
                or after.kind == "heading"
                or "](" in after.markdown
            ):
                continue
        kept.append(block)
    return kept


def tidy(blocks: list[Block], title: str, byline: str, authors: list[str]) -> list[Block]:
    title_key = _key(title)
    byline_key = _key(byline)
    kept: list[Block] = []
    texts: list[Block] = []  # the kept blocks but images: what "nearby" and "first" count
    prose_started = False
    for block in _without_labels(blocks, _SHARE_LABEL):
        if block.kind == "image":
            kept.append(block)
            continue
        key = _key(block.text)
        if block.kind in ("paragraph", "heading"):
            if (
                not key
                or is_junk_line(block.text)
                or is_date_line(block.text)
                or is_notice(block.text)
            ):
                continue
            if key == title_key or (
                block.kind == "heading" and _is_headline(block, prose_started, title_key)
            ):
                continue
            if len(texts) < 4 and _is_byline(block.text, byline_key):
                continue
        if block.kind in ("paragraph", "quote") and _repeats_nearby(block, key, texts):
            continue
        if block.kind == "paragraph" and is_caption_line(block.text):
            markdown = block.markdown if block.italic else f"*{block.markdown}*"
            block = Block("figure", markdown, "", origin=block.origin)
        prose_started = prose_started or block.kind == "paragraph"
        kept.append(block)
        texts.append(block)
    kept = _without_labels(kept, RELATED_HEADING)
    # Headings that head nothing (the next block is a heading as high, or nothing) go, and so
    # do rules at either end or twice in a row. A heading that is wholly a link names what it
    # links to, so it stays before a heading as high.
    result: list[Block] = []
    following: Block | None = None  # the next block but images
    for block in reversed(kept):
        if block.kind == "image":
            result.append(block)
            continue
        if block.kind == "heading" and (
            following is None
            or (
                following.kind == "heading"
                and following.level <= block.level
                and not _WHOLE_LINK.match(block.markdown)
            )
        ):
            continue
        if block.kind == "rule" and (following is None or following.kind == "rule"):
            continue
        result.append(block)
        following = block
    result.reverse()
    closing = sum(b.kind != "image" for b in result) - _CLOSING_BLOCKS
    position = -1  # among the blocks but images
    kept = []
    for block in result:
        position += block.kind != "image"
        closing_paragraph = position >= closing and block.kind == "paragraph"
        if closing_paragraph and _is_author_note(block.text, authors):
            continue
        kept.append(block)
    first_text = next((i for i, b in enumerate(kept) if b.kind not in ("rule", "image")), len(kept))
    return [b for i, b in enumerate(kept) if i >= first_text or b.kind != "rule"]


def assemble(blocks: list[Block]) -> tuple[str, str]:
    """(markdown, text) of the body; headings shifted so the top level is ##."""
    levels = [b.level for b in blocks if b.kind == "heading"]
    shift = 2 - min(levels) if levels else 0
    md_parts: list[str] = []
    text_parts: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            level = max(2, min(6, block.level + shift))
            md_parts.append(f"{'#' * level} {block.markdown}")
        else:
            md_parts.append(block.markdown)
        if block.text:
            text_parts.append(block.text)
    return "\n\n".join(md_parts), "\n\n".join(text_parts)
