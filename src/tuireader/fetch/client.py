"""fetch(), fetch_feed() and fetch_image(): the request tuireader sends, and the promise that
only FetchError leaves them.

The only module that builds an httpx.Client; the package imports it on first use of fetch().
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Callable
from typing import TypeVar

import httpx

from tuireader import __version__
from tuireader.fetch.content_encoding import ACCEPT_ENCODING
from tuireader.fetch.content_types import ACCEPT
from tuireader.fetch.errors import FetchError, InvalidURL, show, show_server
from tuireader.fetch.feed_types import RawPage
from tuireader.fetch.httpx_errors import from_httpx
from tuireader.fetch.images import ImageTransfer
from tuireader.fetch.options import FetchOptions, ProgressCallback
from tuireader.fetch.transfer import FeedTransfer, Transfer
from tuireader.models import Page
from tuireader.urls import BadURL, normalize_url

ACCEPT_LANGUAGE = "en"

_DEFAULT_OPTIONS = FetchOptions()


def user_agent() -> str:
    """The User-Agent sent with every request: who we are and where to read about us."""
    return (
        f"tuireader/{__version__} (terminal article reader; "
        f"+https://github.com/tuireader/tuireader) python-httpx/{httpx.__version__}"
    )


def fetch(
    url: str,
    *,
    options: FetchOptions = _DEFAULT_OPTIONS,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    etag: str = "",
    last_modified: str = "",
) -> Page:
    """Fetch `url` and return the page decoded to text, or raise a FetchError.

    `etag` / `last_modified` (from an earlier fetch) are sent as If-None-Match /
    If-Modified-Since. When the server answers 304 Not Modified the Page has info.status 304 and
    html "": keep the cached copy. Its etag and last_modified are the server's new values, or the
    ones sent when it gave none; its content_type and encoding are "".

    For text/plain the Page's html holds the plain text and info.content_type says "text/plain".
    `cancelled` is polled before each request and between chunks, so a blocked read can still take
    up to read_timeout to notice it.
    """
    transfer = _transfer(Transfer, url, options, progress, cancelled)
    return _perform(transfer, etag, last_modified, transfer.run)


def fetch_feed(
    url: str,
    *,
    options: FetchOptions = _DEFAULT_OPTIONS,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    etag: str = "",
    last_modified: str = "",
) -> RawPage:
    """Fetch a feed (or the web page that declares it) as bytes, for the feed parser.

    Every rule of `fetch` holds (redirects checked, the size cap, timeouts, conditional GET, only
    FetchError raised), but a feed type or an HTML page is accepted, judged by its first bytes
    when its Content-Type is vague, and the body is not decoded to text: the feed names its own
    encoding. An HTML answer (`RawPage.is_html`) is a page that may declare feeds.
    """
    transfer = _transfer(FeedTransfer, url, options, progress, cancelled)
    return _perform(transfer, etag, last_modified, transfer.receive)


def fetch_image(
    url: str,
    *,
    options: FetchOptions = _DEFAULT_OPTIONS,
    cancelled: Callable[[], bool] | None = None,
) -> RawPage:
    """Fetch an image of an article as bytes, for `pictures.probe` to judge.

    Every rule of `fetch` holds (redirects checked, `options.max_bytes` as the cap, timeouts,
    only FetchError raised); any Content-Type is read, but a body that starts as a web page or a
    PDF is refused as not an image. `info.content_type` is what the first bytes show, else the
    declared type.
    """
    transfer = _transfer(ImageTransfer, url, options, None, cancelled)
    return _perform(transfer, "", "", transfer.receive)


_T = TypeVar("_T", bound=Transfer)
_R = TypeVar("_R")


def _transfer(
    kind: type[_T],
    url: str,
    options: FetchOptions,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
) -> _T:
    try:
        start = normalize_url(url)
    except BadURL as exc:
        raise InvalidURL(str(exc), url=url) from None
    return kind(start, options, progress, cancelled)


def _perform(
    transfer: Transfer,
    etag: str,
    last_modified: str,
    run: Callable[[httpx.Client, dict[str, str], str, str], _R],
) -> _R:
    """Run `transfer` on a fresh client; whatever goes wrong leaves as one FetchError."""
    options = transfer.options
    conditional = {}
    if _header_safe(etag):
        conditional["If-None-Match"] = etag.strip()
    if _header_safe(last_modified):
        conditional["If-Modified-Since"] = last_modified.strip()
    transfer.check_cancelled()
    try:
        with _client(options, transfer.check_redirect, transfer.accept) as client:
            return run(client, conditional, etag.strip(), last_modified.strip())
    except FetchError:
        raise
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
        raise from_httpx(exc, transfer.url, options) from exc
    except (OSError, ValueError) as exc:  # last resort: nothing but FetchError leaves fetch()
        reason = show_server(str(exc) or type(exc).__name__)
        raise FetchError(
            f"could not fetch {show(transfer.url)} ({reason}): try again later",
            url=transfer.url,
        ) from exc


def _client(
    options: FetchOptions, on_response: Callable[[httpx.Response], None], accept: str = ACCEPT
) -> httpx.Client:
    timeout = httpx.Timeout(
        connect=options.connect_timeout,
        read=options.read_timeout,
        write=options.read_timeout,
        pool=options.connect_timeout,
    )
    headers = {
        "User-Agent": user_agent(),
        "Accept": accept,
        "Accept-Encoding": ACCEPT_ENCODING,
        "Accept-Language": ACCEPT_LANGUAGE,
    }
    # Redirects are followed by Transfer.open, not by httpx: httpx reads every redirect body in
    # full with no cap, and checks a hop's scheme only after trying to send it. Even unfollowed,
    # httpx parses a redirect's Location (and may raise on it) right after the response hooks run,
    # so the hook judges the Location first.
    return httpx.Client(
        timeout=timeout,
        headers=headers,
        follow_redirects=False,
        event_hooks={"response": [on_response]},
        transport=_TLSOnDemand(),
    )


class _TLSOnDemand(httpx.BaseTransport):
    """httpx's transport, with the CA bundle loaded only once an https URL is requested.

    Loading it takes ~50 ms, a third of reading a page from a server nearby, and plain http needs
    none. Plain http goes through a transport whose context trusts no certificate at all, so a
    TLS connection through it could never succeed unverified. (Proxies from the environment are
    mounted by httpx.Client itself, with its own verifying context.)
    """

    def __init__(self) -> None:
        self._plain: httpx.HTTPTransport | None = None
        self._tls: httpx.HTTPTransport | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme == "https":
            if self._tls is None:
                self._tls = httpx.HTTPTransport(verify=_tls_context())
            return self._tls.handle_request(request)
        if self._plain is None:
            self._plain = httpx.HTTPTransport(verify=_trusting_nothing())
        return self._plain.handle_request(request)

    def close(self) -> None:
        for transport in (self._plain, self._tls):
            if transport is not None:
                transport.close()


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default verifying context, built once: loading the CA bundle takes ~50 ms."""
    return httpx.create_ssl_context()


def _trusting_nothing() -> ssl.SSLContext:
    """A context that verifies certificates and hosts against an empty trust store."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and check_hostname


def _header_safe(value: str) -> bool:
    """Worth sending as a header: non-empty printable ASCII (no CR/LF smuggling)."""
    value = value.strip()
    return bool(value) and value.isascii() and value.isprintable()
