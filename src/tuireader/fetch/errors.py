"""The FetchError family, and the helpers that keep every message to one readable line.

Standard library only: callers catch these without loading the network stack.
"""

from __future__ import annotations

from urllib.parse import urlsplit


class FetchError(Exception):
    """One line a person can read: what failed and what to try. str(e) is that line.

    `url` is the URL being fetched when it failed (a redirect hop, for errors after a redirect).
    """

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        return self.message


class InvalidURL(FetchError):
    """The URL given to fetch() is not one tuireader will fetch (wraps urls.BadURL)."""


class HostNotFound(FetchError):
    """The host name could not be resolved."""

    def __init__(self, message: str, *, url: str = "", host: str = "") -> None:
        super().__init__(message, url=url)
        self.host = host


class ConnectFailed(FetchError):
    """The connection was refused, unreachable, broke off, or its TLS handshake failed."""


class FetchTimeout(FetchError):
    """No answer in time. `phase` is "connect", "read", "write" or "pool"; `seconds` the limit."""

    def __init__(self, message: str, *, url: str = "", phase: str = "", seconds: float = 0.0):
        super().__init__(message, url=url)
        self.phase = phase
        self.seconds = seconds


class TooManyRedirects(FetchError):
    """More than max_redirects redirects (redirect loops end here too)."""


class BadRedirect(FetchError):
    """A redirect to a scheme other than http(s), or with a missing or unusable Location."""

    def __init__(self, message: str, *, url: str = "", location: str = "") -> None:
        super().__init__(message, url=url)
        self.location = location


class HTTPStatusError(FetchError):
    """The server answered with status >= 400. `retry_after` is in seconds, when it said."""

    def __init__(
        self, message: str, *, url: str = "", status: int = 0, retry_after: int | None = None
    ) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.retry_after = retry_after


class TooLarge(FetchError):
    """The decoded body is over max_bytes. `size` is the announced Content-Length, if any."""

    def __init__(
        self, message: str, *, url: str = "", limit: int = 0, size: int | None = None
    ) -> None:
        super().__init__(message, url=url)
        self.limit = limit
        self.size = size


class UnsupportedContent(FetchError):
    """Not a web page tuireader can read. `content_type` is what it is ("" when unknown)."""

    def __init__(self, message: str, *, url: str = "", content_type: str = "") -> None:
        super().__init__(message, url=url)
        self.content_type = content_type


class BadResponse(FetchError):
    """The server broke HTTP: no answer, a cut-off body, corrupt compression, bad headers."""


class FetchCancelled(FetchError):
    """cancelled() returned True."""


SERVER_TEXT = 100  # how much of a header value or other server text a message quotes


def show(text: str, limit: int = 160) -> str:
    """Server- or user-supplied text made safe for a one-line message, cut to `limit`."""
    text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show_server(text: str) -> str:
    """A header value or other text the server sent, made safe and short for a message."""
    return show(text, SERVER_TEXT)


def wait_duration(seconds: int) -> str:
    """'120 s', '15 min', '5 h', '3 days': how long a server asked us to wait."""
    if seconds < 600:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 2 * 86400:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / 86400):,} days"


def host_port(url: str) -> str:
    """The host (and port, when given) a message names, or the URL itself when it has none."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        return f"{host}:{parts.port}" if parts.port else host or show(url)
    except ValueError:
        return show(url)
