"""Which redirects tuireader follows: http(s) targets only, each checked before it is requested."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import httpx

from tuireader.fetch.errors import BadRedirect, TooManyRedirects, show, show_server
from tuireader.urls import FOLLOWABLE_SCHEMES, BadURL, normalize_url

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})


def redirect_target(here: str, location: str | None) -> str:
    """Where a redirect from `here` points, if it is a URL tuireader may fetch."""
    if location is None or not location.strip():
        raise BadRedirect(
            f"{show(here)} redirected without saying where (no Location): open it in a browser",
            url=here,
        )
    # Browsers percent-encode stray spaces in a Location; do the same.
    target = urljoin(here, location.strip().replace(" ", "%20"))
    try:
        scheme = urlsplit(target).scheme.lower()
        if scheme not in FOLLOWABLE_SCHEMES:
            raise BadURL(f"only http and https pages can be read, not {scheme or '?'}:")
        target = normalize_url(target)
        httpx.URL(target)  # httpx must accept it too (IDNA host names, ports)
    except (BadURL, ValueError, httpx.InvalidURL) as exc:
        raise BadRedirect(
            f"{show(here)} redirected to {show_server(location)}, which tuireader will not open "
            f"({show_server(str(exc))}): open it in a browser",
            url=here,
            location=location,
        ) from None
    return target


def too_many_redirects(chain: list[str], max_redirects: int) -> TooManyRedirects:
    """The error for a redirect chain (starting URL first) that went past max_redirects."""
    start = chain[0]
    looped = len(set(chain)) < len(chain)
    return TooManyRedirects(
        f"{'redirect loop' if looped else 'too many redirects'} "
        f"(more than {max_redirects} redirects) from {show(start)}: "
        "the site may be broken; open it in a browser",
        url=start,
    )
