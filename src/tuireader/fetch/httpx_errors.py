"""Turn an error status or an httpx exception into the FetchError a person can act on."""

from __future__ import annotations

import math
import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from tuireader.fetch.errors import (
    BadRedirect,
    BadResponse,
    ConnectFailed,
    FetchError,
    FetchTimeout,
    HostNotFound,
    HTTPStatusError,
    InvalidURL,
    TooManyRedirects,
    host_port,
    show,
    show_server,
    wait_duration,
)
from tuireader.fetch.options import FetchOptions
from tuireader.urls import host_of

MAX_RETRY_AFTER = 2**31  # seconds (68 years): RFC 9111 caps delta-seconds at this


def status_error(response: httpx.Response, url: str) -> HTTPStatusError:
    """The error for a response with status >= 400 from `url`."""
    status = response.status_code
    host = host_of(url) or show(url)
    retry_after = _retry_after(response.headers.get("retry-after"))
    later = (
        f"try again in {wait_duration(retry_after)}"
        if retry_after is not None
        else "try again later"
    )
    if status in (401, 403, 407):
        message = f"{show(url)} needs a login or is forbidden (HTTP {status}): open it in a browser"
    elif status == 404:
        message = f"{show(url)} was not found (HTTP 404): check the address"
    elif status == 410:
        message = f"{show(url)} is gone (HTTP 410): the page was removed"
    elif status == 429:
        message = f"{host} rate limited us (HTTP 429): {later}"
    elif status >= 500:
        message = f"server error at {host} (HTTP {status}): {later}"
    else:
        reason = show_server(response.reason_phrase) or "client error"
        message = (
            f"{show(url)} could not be fetched (HTTP {status} {reason}): "
            "check the address or open it in a browser"
        )
    return HTTPStatusError(message, url=url, status=status, retry_after=retry_after)


def from_httpx(exc: Exception, url: str, options: FetchOptions) -> FetchError:
    """The FetchError for an httpx exception raised while fetching `url`."""
    host = host_port(url)
    if isinstance(exc, httpx.TimeoutException):
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            phase = "connect" if isinstance(exc, httpx.ConnectTimeout) else "pool"
            seconds = options.connect_timeout
            message = (
                f"timed out after {seconds:g} s connecting to {host} ({phase} timeout): "
                "check your connection or try again later"
            )
        else:
            phase = "write" if isinstance(exc, httpx.WriteTimeout) else "read"
            seconds = options.read_timeout
            message = (
                f"{host} stopped responding (no data for {seconds:g} s, {phase} timeout): "
                "try again later"
            )
        return FetchTimeout(message, url=url, phase=phase, seconds=seconds)
    if isinstance(exc, httpx.ConnectError):
        causes = list(_causes(exc))
        if any(isinstance(c, socket.gaierror) for c in causes):
            name = urlsplit(url).hostname or host
            return HostNotFound(
                f"could not find host {name}: check the address or your connection",
                url=url,
                host=name,
            )
        tls = next((c for c in causes if isinstance(c, ssl.SSLError)), None)
        if isinstance(tls, ssl.SSLCertVerificationError):
            return ConnectFailed(
                f"the certificate of {host} is not valid ({show_server(str(tls.verify_message))}): "
                "open it in a browser to see why",
                url=url,
            )
        if tls is not None:
            reason = str(tls.reason or tls).lower().replace("_", " ")
            return ConnectFailed(
                f"secure connection to {host} failed ({show_server(reason)}): try again later",
                url=url,
            )
        refused = any(isinstance(c, ConnectionRefusedError) for c in causes)
        reason = "connection refused" if refused else _reason(exc)
        return ConnectFailed(
            f"could not connect to {host} ({reason}): check the address or try again later",
            url=url,
        )
    if isinstance(exc, httpx.ProxyError):
        return ConnectFailed(
            f"the proxy refused to connect to {host} ({_reason(exc)}): check your proxy settings",
            url=url,
        )
    if isinstance(exc, httpx.NetworkError):
        return ConnectFailed(
            f"the connection to {host} broke off ({_reason(exc)}): try again later", url=url
        )
    if isinstance(exc, httpx.UnsupportedProtocol):
        return BadRedirect(
            f"{show(url)} is not an http or https URL: open it in a browser", url=url
        )
    if isinstance(exc, httpx.TooManyRedirects):
        return TooManyRedirects(
            f"too many redirects (more than {options.max_redirects}) at {show(url)}: "
            "open it in a browser",
            url=url,
        )
    if isinstance(exc, httpx.InvalidURL):
        return InvalidURL(f"not a URL httpx can fetch ({_reason(exc)}): {show(url)}", url=url)
    if isinstance(exc, httpx.ProtocolError | httpx.DecodingError):
        reason = _reason(exc)
        if reason.startswith("illegal status line"):  # h11's words, with a bytearray repr
            reason = "it does not speak HTTP"
        return BadResponse(f"{host} sent a broken response ({reason}): try again later", url=url)
    return FetchError(f"could not fetch {show(url)} ({_reason(exc)}): try again later", url=url)


def _retry_after(value: str | None) -> int | None:
    """Retry-After in whole seconds from now, as HTTP defines it; None for anything else.

    delta-seconds is 1*DIGIT in ASCII (so no Unicode digit, sign or fraction), else the value
    must be an HTTP-date. Either is capped at MAX_RETRY_AFTER, as caches cap delta-seconds.
    """
    value = (value or "").strip()
    if not value or not value.isascii():
        return None
    if value.isdigit():
        return min(int(value[:11]), MAX_RETRY_AFTER)  # 11 digits are past the cap already
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        seconds = math.ceil((when - datetime.now(UTC)).total_seconds())
    except OverflowError:
        return MAX_RETRY_AFTER
    return min(max(0, seconds), MAX_RETRY_AFTER)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _reason(exc: BaseException) -> str:
    """The innermost readable reason, without "[Errno 111]" noise."""
    for cause in reversed(list(_causes(exc))):
        if isinstance(cause, OSError) and cause.strerror:
            return show_server(cause.strerror.lower())
        if str(cause):
            return show_server(str(cause).rstrip("."))
    return type(exc).__name__
