"""Attribution lines that end an article: "AFP contributed reporting", "Reporting by ...".

They stay in the body, where readers expect them, and are also listed in Article.credits.
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


def is_attribution(text: str) -> bool:
    """True for a short agency or reporting-credit line."""
    line = text.strip(" *_()[].")
    if not 0 < len(line.split()) <= _MAX_WORDS:
        return False
    return bool(_ATTRIBUTION.search(line) or _WITH_AGENCIES.match(line))
