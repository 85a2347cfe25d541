"""gzip, deflate and brotli, decoded in bounded steps.

No step yields more than about 64 KiB, so the size cap refuses a compression bomb before a
whole network read has been inflated into memory (httpx's own decoders have no such bound).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Protocol

from tuireader.fetch.errors import BadResponse, host_port, show_server

# Exactly the codings decoders_for decodes (httpx would add zstd if installed).
ACCEPT_ENCODING = "gzip, deflate, br"

_OUT_CHUNK = 64 * 1024  # most output a decompressor may produce in one step


class CorruptBody(Exception):
    """A compressed body that does not decompress; the message names the coding."""


class Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...


def decoders_for(content_encoding: str, url: str) -> list[Decoder]:
    """Decoders in the order to apply them (the reverse of the order the codings were applied)."""
    decoders: list[Decoder] = []
    for coding in reversed([c.strip().lower() for c in content_encoding.split(",")]):
        if coding in ("", "identity"):
            continue
        if coding in ("gzip", "x-gzip"):
            decoders.append(_ZlibDecoder("gzip"))
        elif coding == "deflate":
            decoders.append(_ZlibDecoder("deflate"))
        elif coding == "br":
            decoders.append(_BrotliDecoder())
        else:
            raise BadResponse(
                f"{host_port(url)} sent the page compressed as {show_server(coding)!r}, "
                "which tuireader did not ask for and cannot decode: open it in a browser",
                url=url,
            )
    return decoders


def decode(decoders: list[Decoder], raw: bytes) -> Iterator[bytes]:
    """Lazily run `raw` through every decoder; each yields at most about _OUT_CHUNK at a time."""
    pieces: Iterable[bytes] = (raw,)
    for decoder in decoders:
        pieces = _through(decoder, pieces)
    return iter(pieces)


def _through(decoder: Decoder, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from decoder.feed(piece)


class _ZlibDecoder:
    """gzip, or deflate (zlib-wrapped as the standard says, or raw as some servers send it)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.zobj: zlib._Decompress | None = None

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.zobj is None:
            if not data:
                return
            if self.coding == "gzip":
                wbits = zlib.MAX_WBITS | 16
            elif len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0:
                wbits = zlib.MAX_WBITS
            else:
                wbits = -zlib.MAX_WBITS
            self.zobj = zlib.decompressobj(wbits)
        pending = True
        try:
            # Bytes after the end of the stream are ignored, as httpx does.
            while not self.zobj.eof and (data or pending):
                out = self.zobj.decompress(data, _OUT_CHUNK)
                data = self.zobj.unconsumed_tail
                pending = len(out) == _OUT_CHUNK  # zlib may hold more output for this input
                if out:
                    yield out
        except zlib.error:
            raise CorruptBody(self.coding) from None


class _BrotliDecoder:
    coding = "brotli"

    def __init__(self) -> None:
        import brotli

        self.error: type[Exception] = brotli.error
        self.bobj = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            if not hasattr(self.bobj, "can_accept_more_data"):
                # brotli < 1.2 has no output limit: small inputs keep each output modest.
                for start in range(0, len(data), 64):
                    out = self.bobj.process(data[start : start + 64])
                    if out:
                        yield out
                return
            if not data or self.bobj.is_finished():
                return
            out = self.bobj.process(data, output_buffer_limit=_OUT_CHUNK)
            if out:
                yield out
            while not self.bobj.can_accept_more_data():
                out = self.bobj.process(b"", output_buffer_limit=_OUT_CHUNK)
                if not out:
                    break
                yield out
        except self.error:
            raise CorruptBody(self.coding) from None
