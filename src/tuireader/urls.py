"""URL rules shared by every layer: what a person typed becomes a URL to fetch, or a clear error.

Standard library only, so the cached path and the cache keys never import httpx (the `idna`
package httpx itself uses is loaded only to check an internationalised host name).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from tuireader.textsafe import UNSAFE_CHARACTERS, clean_line

FOLLOWABLE_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 65_536  # what httpx accepts; a longer URL is refused before any request
SHOWN_CHARS = 100  # how much of a refused URL a message quotes
# Query parameters that only tell a site where a click came from: the same article either way.
TRACKING_PREFIXES = ("utm_",)
TRACKING_NAMES = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid"}
    | {"mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id"}
)


class BadURL(ValueError):
    """A URL we will not fetch; the message says why in one line."""


def host_of(url: str) -> str:
    """The host of `url` without a leading "www.", or "" when it has none.

    Shown wherever a site has no name, so it is cleaned like page text: a URL from a page may
    carry bidi or control characters in its host.
    """
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return clean_line(host.removeprefix("www."))


def is_followable(url: str) -> bool:
    """Only http and https links with a host are ever fetched or followed."""
    try:
        parts = urlsplit(url)
        return parts.scheme in FOLLOWABLE_SCHEMES and bool(parts.hostname)
    except ValueError:
        return False


# \s is what str.isspace() says is whitespace.
_SPACE_OR_CONTROL = re.compile(r"[\x00-\x1f\x7f]|\s")
# As browsers read a link: tabs and newlines inside it dropped; spaces, other controls, bidi
# marks and separators percent-encoded, so that the URL works and shows nothing a terminal acts on.
_URL_WHITESPACE = str.maketrans("", "", "\t\n\r")
_UNSAFE_IN_URL = re.compile(f"[ {UNSAFE_CHARACTERS}]")


def _percent_encoded(match: re.Match[str]) -> str:
    return quote(match.group(), safe="", errors="replace")


def as_browsers_read(link: str) -> str:
    """A link from a page or a file, as a browser would request it (see _URL_WHITESPACE)."""
    return _UNSAFE_IN_URL.sub(_percent_encoded, link.strip().translate(_URL_WHITESPACE))


def normalize_url(raw: str) -> str:
    """Turn what a person typed into the URL we fetch and cache under.

    "example.org/a" gains "https://"; the fragment is dropped (it names a place in the page,
    not a different page); the scheme and host are lower-cased. Raises BadURL otherwise.
    """
    text = raw.strip()
    if not text:
        raise BadURL("no URL given")
    if len(text) > MAX_URL_LENGTH:
        raise BadURL(
            f"URL too long ({len(text):,} characters; at most {MAX_URL_LENGTH:,}): {_shown(text)}"
        )
    if _SPACE_OR_CONTROL.search(text):
        raise BadURL(f"not a URL (it contains spaces or control characters): {_shown(text)}")
    if "://" not in text and not text.lower().startswith(
        ("javascript:", "mailto:", "data:", "file:")
    ):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise BadURL(f"not a URL ({exc}): {_shown(text)}") from None
    scheme = parts.scheme.lower()
    if scheme not in FOLLOWABLE_SCHEMES:
        raise BadURL(
            f"unsupported scheme {_shown(scheme + ':')}: only http and https pages can be read"
        )
    host = (parts.hostname or "").lower()
    if not host or ("." not in host and host != "localhost" and ":" not in host):
        raise BadURL(f"not a URL (no host name): {_shown(raw.strip())}")
    if ":" not in host:
        _check_host_name(host)
    netloc = host if ":" not in host else f"[{host}]"
    if parts.username or parts.password:
        raise BadURL("URLs with a user name or password are not read")
    if port is not None:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def strip_tracking(url: str) -> str:
    """`url` without its tracking parameters (utm_*, fbclid, gclid, mc_cid, ...).

    Feeds tag every link with where the click came from; the article is the same, and one
    article should be one cache entry. The other parameters keep their order and spelling.
    """
    head, mark, rest = url.partition("?")
    if not mark:
        return url
    query, hash_mark, fragment = rest.partition("#")
    parts = query.split("&")
    kept = [part for part in parts if not _is_tracking(part)]
    if len(kept) == len(parts):
        return url
    kept = [part for part in kept if part]
    return head + ("?" + "&".join(kept) if kept else "") + hash_mark + fragment


def _is_tracking(parameter: str) -> bool:
    name = unquote(parameter.partition("=")[0]).strip().lower()
    return name.startswith(TRACKING_PREFIXES) or name in TRACKING_NAMES


def _check_host_name(host: str) -> None:
    """Refuse an internationalised host name that IDNA rejects, before anything looks it up.

    Checked the way httpx will use it (encoded if typed in Unicode, decoded if it holds xn--
    labels), so a name that passes here is one the fetch can send. Plain ASCII names cost nothing.
    """
    if host.isascii() and "xn--" not in host:
        return
    import idna

    try:
        if host.isascii():
            idna.decode(host)
        else:
            idna.encode(host)
    except (idna.IDNAError, UnicodeError, ValueError) as exc:
        detail = str(exc)[:SHOWN_CHARS] or type(exc).__name__
        raise BadURL(
            f"invalid host name {_shown(host)} (IDNA: {detail}): check the address"
        ) from None


def _shown(text: str) -> str:
    """`text` quoted for a one-line message, cut to SHOWN_CHARS with an ellipsis."""
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return repr(text)


@lru_cache(maxsize=1 << 16)
def cache_key(url: str) -> str:
    """The URL as the cache stores it, so a link can be matched with its cached page.

    Remembered: numbering, offline marks and previews ask again for every link of the page.
    """
    try:
        return normalize_url(url)
    except BadURL:
        return url
