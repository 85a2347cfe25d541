"""URL rules shared by every layer: what a person typed becomes a URL to fetch, or a clear error.

Standard library only, so the cached path and the cache keys never import httpx.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from tuireader.textsafe import clean_line

FOLLOWABLE_SCHEMES = ("http", "https")


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


def normalize_url(raw: str) -> str:
    """Turn what a person typed into the URL we fetch and cache under.

    "example.org/a" gains "https://"; the fragment is dropped (it names a place in the page,
    not a different page); the scheme and host are lower-cased. Raises BadURL otherwise.
    """
    text = raw.strip()
    if not text:
        raise BadURL("no URL given")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch.isspace() for ch in text):
        raise BadURL(f"not a URL (it contains spaces or control characters): {text!r}")
    if "://" not in text and not text.lower().startswith(
        ("javascript:", "mailto:", "data:", "file:")
    ):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise BadURL(f"not a URL ({exc}): {text!r}") from None
    scheme = parts.scheme.lower()
    if scheme not in FOLLOWABLE_SCHEMES:
        raise BadURL(f"unsupported scheme {scheme + ':'!r}: only http and https pages can be read")
    host = (parts.hostname or "").lower()
    if not host or ("." not in host and host != "localhost" and ":" not in host):
        raise BadURL(f"not a URL (no host name): {raw.strip()!r}")
    netloc = host if ":" not in host else f"[{host}]"
    if parts.username or parts.password:
        raise BadURL("URLs with a user name or password are not read")
    if port is not None:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
