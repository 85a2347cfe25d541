"""Dates as pages write them -> ISO 8601 ("2024-12-05" or the full datetime as given)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_DMY = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4})\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MDY_WORDS = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_DMY_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH + r",?\s+(\d{4})", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/([01]?\d)/([0-3]?\d)(?:/|$)")


def _ymd(year: int, month: int, day: int) -> str:
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return ""


def normalize_date(value: str) -> str:
    """ISO 8601 for a date in any common form, or "" when it is not a date."""
    text = " ".join(value.split())
    if not text:
        return ""
    iso = _ISO.match(text)
    if iso:
        if not _ymd(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))):
            return ""
        return iso.group(0).strip().replace(" ", "T", 1) if iso.group(4) else iso.group(0)[:10]
    compact = _COMPACT.match(text)
    if compact and len(text) >= 8:
        return _ymd(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)))
    if text.isdigit() and len(text) in (10, 13):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        try:
            return datetime.fromtimestamp(seconds, UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return ""
    ymd = _YMD.match(text)
    if ymd:
        return _ymd(int(ymd.group(1)), int(ymd.group(2)), int(ymd.group(3)))
    dmy = _DMY.match(text)
    if dmy:
        first, second, year = int(dmy.group(1)), int(dmy.group(3)), int(dmy.group(4))
        if dmy.group(2) == "/" and first <= 12:  # month first, as written in the US
            return _ymd(year, first, second)
        return _ymd(year, second, first)
    if ":" in text:  # RFC 2822, as in HTTP headers and feeds
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    words = _MDY_WORDS.search(text)
    if words:
        month = _MONTHS.get(words.group(1).lower().rstrip("."), 0)
        return _ymd(int(words.group(3)), month, int(words.group(2)))
    words = _DMY_WORDS.search(text)
    if words:
        month = _MONTHS.get(words.group(2).lower().rstrip("."), 0)
        return _ymd(int(words.group(3)), month, int(words.group(1)))
    return ""


def date_in_url(url: str) -> str:
    """The date in a URL path like /2024/12/05/, the lowest-trust source of a publication date."""
    match = _URL_DATE.search(url)
    if match is None:
        return ""
    return _ymd(int(match.group(1)), int(match.group(2)), int(match.group(3)))
