"""Bytes to text for the text formats: UTF-8 (a BOM dropped), UTF-16 when a BOM says so.

Invalid bytes become U+FFFD: a damaged export still gives what can be read.
"""

from __future__ import annotations

import codecs


def decoded(data: bytes) -> str:
    """`data` as text, never raising."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    return data.decode("utf-8-sig", "replace")
