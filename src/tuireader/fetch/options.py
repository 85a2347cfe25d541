"""What a caller of fetch() can set: the limits, and the progress callback's shape."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FetchOptions:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # also the stall limit between chunks
    max_redirects: int = 10
    max_bytes: int = DEFAULT_MAX_BYTES  # cap on the DECODED body (after gzip/brotli)


ProgressCallback = Callable[[int, int | None], None]
"""Called with (bytes received so far on the wire, Content-Length or None)."""
