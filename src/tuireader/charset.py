"""Page bytes to text: the one decoder behind fetched pages and bytes given to the extractor.

`decode_text` never raises and says which codec it used. Its order, and why:

1. A byte-order mark wins over every label (UTF-8, UTF-16; UTF-32 too, which files can be in).
2. A body that is valid UTF-8 and not pure ASCII is UTF-8 when the label that would otherwise
   win names windows-1252 or another Latin single-byte encoding, or when nothing is declared.
   Servers and templates call UTF-8 pages latin-1 all the time, while Latin text is practically
   never valid UTF-8: its accented letters are lone high bytes among ASCII, and UTF-8 needs a
   lead byte C2-F4 followed at once by continuation bytes 80-BF.
   Not so for Cyrillic, Greek, Hebrew, Arabic, Thai or CJK encodings: their text is runs of high
   bytes, and short runs pass as UTF-8 ("Её" in windows-1251 is C5 B8, "Ÿ" in UTF-8; half-width
   "ﾃｽ" in Shift_JIS is C3 BD, "ý"). Those labels are trusted first.
3. The Content-Type charset, then the page's own declaration (<meta charset>, http-equiv,
   <?xml encoding?>), each tried strictly.
4. When each of them fails, a valid UTF-8 body is UTF-8: a page re-saved as UTF-8 under a stale
   gb2312 <meta> is common, and UTF-8 CJK text almost never decodes strictly as GBK or Shift_JIS.
   Otherwise the first label is used with bad bytes replaced: one stray byte costs one U+FFFD,
   not the page. With nothing declared, windows-1252 is what is left.

Labels mean what they mean to browsers (WHATWG Encoding Standard): latin1 and ascii are
windows-1252, Shift_JIS is cp932, gb2312 and gbk are gb18030, euc-kr is cp949, big5 is
big5hkscs, and a declaration naming UTF-16 means UTF-8, since it was just read as ASCII.
Encodings browsers do not have (UTF-7, UTF-32, EBCDIC, Python's idna or rot13...) are ignored.

The declaration is found by bs4's EncodingDetector (the first 2 KB, or 5% of a long page). bs4
loads lxml and soupsieve, so it is imported on the first call that needs it: importing this module
costs the standard library only, and so does decoding with html=False, or a page whose
Content-Type charset decodes it (most pages: the declaration could not change the outcome then).
"""

from __future__ import annotations

import codecs


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The Python codecs of the encodings browsers have; a label naming any other is ignored.
_WEB_CODECS = _names(
    """utf-8 utf-16-le utf-16-be cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258
    cp874 cp866 iso8859-2 iso8859-3 iso8859-4 iso8859-5 iso8859-6 iso8859-7 iso8859-8 iso8859-10
    iso8859-13 iso8859-14 iso8859-15 iso8859-16 koi8-r koi8-u mac-roman mac-cyrillic gb18030
    big5hkscs euc_jp iso2022_jp cp932 cp949"""
)
# Python codecs browsers replace with a superset (or, for bare UTF-16, with little-endian).
_SUPERSETS = {
    "utf-16": "utf-16-le",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}

# WHATWG labels that codecs.lookup does not know, by Python codec.
_LABELS = {
    label: name
    for name, labels in {
        "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8",
        "utf-16-le": "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff",
        "utf-16-be": "unicodefffe",
        "cp1252": "iso88591 x-cp1252",
        "cp1250": "x-cp1250",
        "cp1251": "x-cp1251",
        "cp1253": "x-cp1253",
        "cp1254": "iso88599 x-cp1254",
        "cp1255": "x-cp1255",
        "cp1256": "x-cp1256",
        "cp1257": "x-cp1257",
        "cp1258": "x-cp1258",
        "cp874": "dos-874 iso885911 windows-874",
        "iso8859-2": "iso88592",
        "iso8859-3": "iso88593",
        "iso8859-4": "iso88594",
        "iso8859-5": "iso88595",
        "iso8859-6": "csiso88596e csiso88596i iso-8859-6-e iso-8859-6-i iso88596",
        "iso8859-7": "iso88597 sun_eu_greek",
        "iso8859-8": "csiso88598e csiso88598i iso-8859-8-e iso-8859-8-i iso88598 logical visual",
        "iso8859-10": "iso885910",
        "iso8859-13": "iso885913",
        "iso8859-14": "iso885914",
        "iso8859-15": "csisolatin9 iso885915",
        "koi8-r": "koi koi8",
        "koi8-u": "koi8-ru",
        "mac-roman": "csmacintosh mac x-mac-roman",
        "mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian",
        "gb18030": "csgb2312 gb_2312 gb_2312-80 x-gbk",
        "big5hkscs": "cn-big5 x-x-big5",
        "euc_jp": "cseucpkdfmtjapanese x-euc-jp",
        "cp932": "windows-31j x-sjis",
        "cp949": "cseuckr csksc56011987 iso-ir-149 ks_c_5601-1989 ksc_5601 windows-949",
    }.items()
    for label in labels.split()
}

# Single-byte Latin encodings: text in them is essentially never valid UTF-8 (rule 2).
_LATIN = _names(
    """cp1252 cp1250 cp1254 cp1257 iso8859-2 iso8859-3 iso8859-4 iso8859-10 iso8859-13
    iso8859-14 iso8859-15 iso8859-16 mac-roman"""
)


def decode_text(data: bytes, charset: str = "", *, html: bool = True) -> tuple[str, str]:
    """`data` as text and the Python codec used, by the rules above. Never raises.

    `charset` is the Content-Type parameter; with `html` the page's own declaration counts too.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, "replace"), name
    header = _codec(charset)
    tried: list[str] = []
    if header:  # the page's declaration only counts if the header's label fails: seek it then
        tried = ["utf-8", header] if header in _LATIN and not data.isascii() else [header]
        if decoded := _first_decoding(data, tried):
            return decoded
    declared = [n for n in (header, _declared(data, html)) if n]
    if not declared or (declared[0] in _LATIN and not data.isascii()):
        candidates = ["utf-8", *declared]
    else:
        candidates = [*declared, "utf-8"]
    if decoded := _first_decoding(data, [n for n in candidates if n not in tried]):
        return decoded
    name = declared[0] if declared else "cp1252"
    return data.decode(name, "replace"), name


def _first_decoding(data: bytes, names: list[str]) -> tuple[str, str] | None:
    """`data` decoded strictly by the first of `names` that can, with that name; else None."""
    for name in dict.fromkeys(names):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    return None


def _declared(data: bytes, html: bool) -> str:
    """The codec the page's <meta> or <?xml?> declaration names, or ""."""
    if not html:
        return ""
    from bs4.dammit import EncodingDetector  # loads lxml: only once a page is to be decoded

    name = _codec(EncodingDetector.find_declared_encoding(data, is_html=True) or "")
    return "utf-8" if name.startswith("utf-16") else name


def _codec(label: str) -> str:
    """The Python codec browsers use for an encoding label, or "" when it is not one of theirs."""
    label = label.strip().strip("\"'").strip().lower()
    if not label or len(label) > 40:
        return ""
    name = _LABELS.get(label)
    if name is None:
        try:
            name = codecs.lookup(label).name
        except (LookupError, ValueError):
            return ""
    name = _SUPERSETS.get(name, name)
    return name if name in _WEB_CODECS else ""
