"""One fetch on the wire: send, follow redirects, then stream the body under the limits."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tuireader.charset import decode_text
from tuireader.clock import now_iso
from tuireader.fetch.content_encoding import CorruptBody, Decoder, decode, decoders_for
from tuireader.fetch.content_types import (
    ACCEPT,
    HTML_TYPES,
    SNIFF_BYTES,
    TEXT_TYPES,
    XML_TYPES,
    parse_content_type,
    unsupported,
    what_is,
)
from tuireader.fetch.errors import (
    BadResponse,
    FetchCancelled,
    FetchError,
    TooLarge,
    host_port,
    show,
)
from tuireader.fetch.feed_types import (
    FEED_ACCEPT,
    RawPage,
    accepts_feed,
    neither_feed_nor_page,
    what_feed_is,
)
from tuireader.fetch.httpx_errors import status_error
from tuireader.fetch.options import FetchOptions, ProgressCallback
from tuireader.fetch.redirects import (
    PERMANENT_REDIRECTS,
    REDIRECT_STATUSES,
    redirect_target,
    too_many_redirects,
)
from tuireader.models import Page, PageInfo


class Transfer:
    """One fetch of a web page: the URL being requested now, the caller's callbacks and the
    limits. `FeedTransfer` changes only what is accepted and how the body is judged."""

    accept = ACCEPT

    def __init__(
        self,
        start: str,
        options: FetchOptions,
        progress: ProgressCallback | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.start = start
        self.url = start  # the hop being requested; error messages name it
        self.options = options
        self.progress = progress
        self.cancelled = cancelled
        # Where every redirect followed was permanent (301, 308): the address has moved there
        # for good, and a subscription should follow it. "" when no redirect, or any other one.
        self.moved_to = ""

    def check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise FetchCancelled(f"cancelled fetching {show(self.url)}", url=self.url)

    def report(self, received: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(received, total)

    def run(
        self, client: httpx.Client, conditional: dict[str, str], etag: str, last_modified: str
    ) -> Page:
        """The page, its bytes decoded to text by the browser's rules (`charset`)."""
        raw = self.receive(client, conditional, etag, last_modified)
        if raw.info.status == 304:
            return Page(info=raw.info, html="")
        content_type = raw.info.content_type
        text, encoding = decode_text(raw.data, raw.charset, html=content_type not in TEXT_TYPES)
        return Page(info=raw.info._replace(encoding=encoding), html=text)

    def receive(
        self, client: httpx.Client, conditional: dict[str, str], etag: str, last_modified: str
    ) -> RawPage:
        """The final response's body as bytes, after every check but the decoding to text."""
        response = self.open(client, conditional)
        try:
            return self.read(response, etag, last_modified)
        finally:
            response.close()

    def accepts(self, mime: str) -> bool:
        """Whether a body declared as `mime` is worth reading (its first bytes are judged too)."""
        return mime in HTML_TYPES | TEXT_TYPES | XML_TYPES

    def refuse(self, url: str, mime: str) -> FetchError:
        return unsupported(url, mime)

    def sniff(self, head: bytes, mime: str, url: str) -> str:
        """The type to read the body as, judged by its first bytes, or UnsupportedContent."""
        return what_is(head, mime, url)

    def open(self, client: httpx.Client, conditional: dict[str, str]) -> httpx.Response:
        """Send the request and follow redirects; return the final response, body unread."""
        chain = [self.url]
        permanent = True
        for _ in range(self.options.max_redirects + 1):
            self.check_cancelled()
            request = client.build_request("GET", self.url, headers=conditional)
            response = client.send(request, stream=True)
            if response.status_code not in REDIRECT_STATUSES:
                self.moved_to = self.url if permanent and len(chain) > 1 else ""
                return response
            permanent = permanent and response.status_code in PERMANENT_REDIRECTS
            location = response.headers.get("location")
            response.close()  # the body of a redirect is never read
            self.url = redirect_target(self.url, location)
            chain.append(self.url)
        raise too_many_redirects(chain, self.options.max_redirects)

    def check_redirect(self, response: httpx.Response) -> None:
        """Response hook: raise BadRedirect for a redirect tuireader must not follow."""
        if response.status_code in REDIRECT_STATUSES:
            redirect_target(self.url, response.headers.get("location"))

    def read(self, response: httpx.Response, etag: str, last_modified: str) -> RawPage:
        status = response.status_code
        final_url = str(response.url)
        if status >= 400:
            raise status_error(response, final_url)
        headers = response.headers
        new_etag = headers.get("etag", "")
        new_modified = headers.get("last-modified", "")
        mime, charset = parse_content_type(headers.get("content-type", ""))
        if status == 304:
            info = self.info(final_url, 304, "", new_etag or etag, new_modified or last_modified)
            return RawPage(info, moved_to=self.moved_to)
        if mime and not self.accepts(mime):
            raise self.refuse(final_url, mime)
        length = _content_length(headers.get("content-length"))
        limit = self.options.max_bytes
        if length is not None and length > limit:
            raise TooLarge(
                f"{show(final_url)} is {_size(length)}, over the {_size(limit)} limit: "
                "open it in a browser",
                url=final_url,
                limit=limit,
                size=length,
            )
        decoders = decoders_for(headers.get("content-encoding", ""), final_url)
        body, content_type = self.read_body(
            response, decoders, length, lambda head: self.sniff(head, mime, final_url)
        )
        info = self.info(final_url, status, content_type, new_etag, new_modified)
        return RawPage(info, body, charset, self.moved_to)

    def read_body(
        self,
        response: httpx.Response,
        decoders: list[Decoder],
        length: int | None,
        check_head: Callable[[bytes], str],
    ) -> tuple[bytes, str]:
        """Read and decode the body, counting decoded bytes against the cap as they come.

        `check_head` gets the first SNIFF_BYTES decoded bytes as soon as they are in (or the
        whole body, when shorter); it returns the content type to read the body as, or raises.
        """
        limit = self.options.max_bytes
        url = str(response.url)
        chunks: list[bytes] = []
        total = 0
        content_type = ""
        self.report(response.num_bytes_downloaded, length)
        try:
            for raw in response.iter_raw():
                for piece in decode(decoders, raw):
                    total += len(piece)
                    if total > limit:
                        raise TooLarge(
                            f"{show(url)} is over the {_size(limit)} limit "
                            "(stopped reading there): open it in a browser",
                            url=url,
                            limit=limit,
                        )
                    chunks.append(piece)
                if not content_type and total >= SNIFF_BYTES:
                    content_type = check_head(b"".join(chunks)[:SNIFF_BYTES])
                self.report(response.num_bytes_downloaded, length)
                self.check_cancelled()
        except CorruptBody as exc:
            raise BadResponse(
                f"{host_port(url)} sent a corrupt {exc} body: try again later",
                url=url,
            ) from None
        body = b"".join(chunks)
        return body, content_type or check_head(body[:SNIFF_BYTES])

    def info(
        self, final_url: str, status: int, content_type: str, etag: str, last_modified: str
    ) -> PageInfo:
        return PageInfo(
            url=self.start,
            final_url=final_url,
            status=status,
            content_type=content_type,
            encoding="",  # decided when the bytes become text
            etag=etag,
            last_modified=last_modified,
            fetched_at=now_iso(),
        )


class FeedTransfer(Transfer):
    """Feed mode: feed documents and web pages, handed on as bytes (`fetch_feed`)."""

    accept = FEED_ACCEPT

    def accepts(self, mime: str) -> bool:
        return accepts_feed(mime)

    def refuse(self, url: str, mime: str) -> FetchError:
        return neither_feed_nor_page(url, mime)

    def sniff(self, head: bytes, mime: str, url: str) -> str:
        return what_feed_is(head, mime, url)


def _content_length(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        length = int(value.split(",")[0].strip())
    except ValueError:
        return None
    return length if length >= 0 else None


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
