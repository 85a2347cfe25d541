"""Bytes to text the way browsers do it.

Standard library only at import time (bs4 loads on the first call), so a reader of local files
can decode without the network stack.
"""

from __future__ import annotations

import codecs

# Labels Python does not know, and Python codecs browsers replace with a superset.
_LABELS = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "x-gbk": "gb18030",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-roman": "mac-roman",
    "iso-8859-8-i": "iso8859-8",
}
_SUPERSETS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
}


def decode_text(data: bytes, charset: str = "", *, html: bool = True) -> tuple[str, str]:
    """Decode a body to text; return (text, the Python codec name used). Never raises.

    The order browsers use: a byte-order mark wins; then `charset` (from Content-Type), then, for
    HTML, the <meta charset> / http-equiv / <?xml encoding?> declaration, each tried strictly in
    turn; when every declared encoding fails, the first one is used with bad bytes replaced (one
    stray byte costs one U+FFFD, not the whole page). With nothing declared: UTF-8, else
    windows-1252. Web labels map as browsers map them (latin-1 and ascii mean windows-1252,
    Shift_JIS means cp932, gb2312 means gb18030, ...).

    bs4.dammit finds the BOM and the declaration; UnicodeDammit itself is not used, because after
    the declared encodings fail it moves on to windows-1252 and chardet (slow on large pages),
    turning a UTF-8 page with one bad byte into mojibake.
    """
    from bs4.dammit import EncodingDetector  # bs4 is only needed once a body has arrived

    body, bom = EncodingDetector.strip_byte_order_mark(data)
    if bom:
        name = codecs.lookup(bom).name
        return body.decode(name, "replace"), name
    declared = [_codec(charset)]
    if html:
        found = EncodingDetector.find_declared_encoding(data, is_html=True) or ""
        # A declaration readable as ASCII cannot be UTF-16/32: browsers take it as UTF-8.
        declared.append(
            "utf-8" if found.lower().startswith(("utf-16", "utf-32")) else _codec(found)
        )
    candidates = list(dict.fromkeys(name for name in declared if name))
    for name in candidates:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    if candidates:
        return data.decode(candidates[0], "replace"), candidates[0]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "cp1252"


def _codec(label: str) -> str:
    """The Python codec for a web encoding label, or "" when there is none."""
    label = label.strip().strip("\"'").strip().lower()
    if not label:
        return ""
    try:
        name = codecs.lookup(_LABELS.get(label, label)).name
        b"\0".decode(name, "ignore")  # rejects bytes-to-bytes codecs such as base64
    except (LookupError, ValueError):
        return ""
    return _SUPERSETS.get(name, name)
