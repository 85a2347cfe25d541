"""Credits known by their wording: attribution lines and the credit that ends a caption.

Attribution lines end an article ("AFP contributed reporting", "Reporting by ..."); they stay in
the body, where readers expect them, and are also listed in Article.credits. A caption's credit
is split from it by shape (a few words after a finished sentence) or by wording ("Photo: X",
"(c) X", "Name/Agency", "... Images"). Plain text only: the Markdown import uses these rules
without the HTML parser.
"""

from __future__ import annotations

import re

_ATTRIBUTION = re.compile(
    r"\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report(?:ing)?|story|article)\b"
    r"|\bcontributed\s+reporting\b"
    r"|^(?:additional\s+)?reporting\s+(?:by|from)\b"
    r"|\b(?:editing|writing)\s+by\b"
    r"|^(?:compiled|produced|written)\s+by\b"
    r"|^(?:sources?|via)\s*:\s*\S"
    r"|\bwire\s+services\b"
    r"|\bnews\s+agencies\b",
    re.I,
)
# "With AP", "With AFP and Reuters": names, so capitals matter here.
_WITH_AGENCIES = re.compile(
    r"^[Ww]ith\s+[A-Z][\w.&-]*(?:(?:\s*,\s*|\s+and\s+|\s+)[A-Z][\w.&-]*){0,3}$"
)
_MAX_WORDS = 40
_LABELLED = re.compile(
    r"^\W*(?:photo(?:graph)?s?|image|picture|pic|illustration|credits?|foto|bild|video|"
    r"graphic|map|chart|source|courtesy)\b|©|\(c\)|copyright|\bphoto\b",
    re.I,
)
_SENTENCE_END = ".!?)”\"'»"
_LABEL_WORDS = r"(?:photo(?:graph)?s?|image|picture|pic|illustration|credits?|foto|bild|video)"
_TRAILING_CREDITS = (
    re.compile(
        r"\s*[(\[]\s*(" + _LABEL_WORDS + r"\b[^()\[\]]{1,80}|©[^()\[\]]{1,80})[)\]]\s*$", re.I
    ),
    re.compile(
        r"(?<=[.!?”\"'])\s+(" + _LABEL_WORDS + r"\s*(?:by|credit)?\s*[:/|]\s*\S.{0,80})$", re.I
    ),
    re.compile(r"(?<=[.!?”\"'])\s+((?:©|\(c\)|copyright\b)\s*\S.{0,80})$", re.I),
    re.compile(
        r"(?<=[.!?”\"'])\s+((?:[A-Z][\w.'&-]*\s){0,3}[A-Z][\w.'&-]*\s?/\s?[A-Z][\w.'& -]{1,40})$"
    ),
    re.compile(
        r"(?<=[.!?”\"'])\s+((?:[A-Z][\w.'&-]*\s){0,3}(?:Images|Photos?|Pictures|Press|Wire))$"
    ),
    re.compile(r"(?<=[.!?”\"'])\s+((?:[\w-]+\.)+[a-z]{2,6}/?)$"),
    re.compile(r"(?<=[.!?”\"'])\s*\(([A-Z][\w.&'/-]*(?:\s[A-Z][\w.&'/-]*){0,3})\)$"),
)


def is_attribution(text: str) -> bool:
    """True for a short agency or reporting-credit line."""
    line = text.strip(" *_()[].")
    if not 0 < len(line.split()) <= _MAX_WORDS:
        return False
    return bool(_ATTRIBUTION.search(line) or _WITH_AGENCIES.match(line))


def credit_label(credit: str) -> str:
    """The credit as the credits list shows it: "Photo: X" unless it already says what it is."""
    return credit if _LABELLED.search(credit) else f"Photo: {credit}"


def is_trailing_credit(before: str, last: str) -> bool:
    """Whether `last`, a caption's last element after the text `before`, is its credit.

    A credit by shape: a few words after a finished sentence.
    """
    return bool(before) and before[-1] in _SENTENCE_END and 0 < len(last.split()) <= 6


def split_credit(caption: str) -> tuple[str, str]:
    """(caption, credit) of a caption whose credit is known by its wording; credit "" if none."""
    for pattern in _TRAILING_CREDITS:
        match = pattern.search(caption)
        if match:
            return caption[: match.start()].strip(), match.group(1).strip()
    return caption, ""
