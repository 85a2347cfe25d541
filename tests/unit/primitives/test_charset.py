"""tuireader.charset: the one decoder behind fetched pages and bytes given to the extractor."""

from __future__ import annotations

import codecs
import encodings.aliases
import subprocess
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import tuireader.fetch
from support.fixture_site import FixtureSite
from tuireader.charset import decode_text
from tuireader.extract.pipeline import extract_article
from tuireader.fetch import fetch

RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю."
JAPANESE = "日本語のテキストです。こんにちは、世界。吾輩は猫である。"
CHINESE = "深度学习的新电脑已经可以利用记忆。"
FRENCH = "L’été à Noël: déjà vu, «naïve» façade — voilà."


def html_in(text: str, meta: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"
    )


def test_fetch_exports_this_decoder() -> None:
    assert tuireader.fetch.decode_text is decode_text


# -- byte-order marks ------------------------------------------------------------------------------


def test_byte_order_mark_beats_the_header() -> None:
    data = b"\xef\xbb\xbf" + html_in(RUSSIAN).encode()
    assert decode_text(data, "windows-1251") == (html_in(RUSSIAN), "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
@pytest.mark.parametrize("charset", ["", "utf-8", "windows-1251"])
def test_utf16_and_utf32_with_a_byte_order_mark(bom: bytes, codec: str, charset: str) -> None:
    page = html_in(JAPANESE, '<meta charset="utf-8">')
    assert decode_text(bom + page.encode(codec), charset) == (page, codec)


def test_utf16_without_a_mark_is_little_endian_when_the_header_says_utf16() -> None:
    assert decode_text(RUSSIAN.encode("utf-16-le"), "utf-16", html=False) == (RUSSIAN, "utf-16-le")


# -- UTF-8 under a Latin label ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "charset", ["iso-8859-1", "ISO-8859-1", "latin1", "latin-1", "us-ascii", "windows-1252"]
)
def test_utf8_page_labelled_latin1_in_the_header_is_utf8(charset: str) -> None:
    page = html_in(FRENCH)
    assert decode_text(page.encode(), charset) == (page, "utf-8")


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="iso-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        '<meta charset="iso-8859-15">',
        '<meta charset="windows-1250">',
    ],
)
def test_utf8_page_labelled_latin_in_its_meta_is_utf8(meta: str) -> None:
    page = html_in(FRENCH, meta)
    assert decode_text(page.encode()) == (page, "utf-8")


def test_a_latin_header_beats_a_non_latin_meta_on_a_utf8_body() -> None:
    page = html_in(RUSSIAN, '<meta charset="windows-1251">')
    assert decode_text(page.encode(), "iso-8859-1") == (page, "utf-8")


def test_real_latin_text_stays_latin() -> None:
    page = html_in(FRENCH)
    assert decode_text(page.encode("cp1252"), "iso-8859-1") == (page, "cp1252")
    # "Ã©" in windows-1252 is C3 A9, which is also UTF-8 for "é": when that is all the page holds
    # UTF-8 wins. Accepted: literal "Ã©" is mojibake itself, and UTF-8 mislabelled is common.
    assert decode_text("Ã©".encode("cp1252"), "iso-8859-1") == ("é", "utf-8")


def test_ascii_under_a_latin_label_reports_that_label() -> None:
    assert decode_text(b"plain ascii", "iso-8859-1") == ("plain ascii", "cp1252")


# -- non-Latin and multi-byte labels are trusted first ---------------------------------------------


def test_cp1251_page_with_a_header_charset() -> None:
    page = html_in(RUSSIAN)
    assert decode_text(page.encode("cp1251"), "windows-1251") == (page, "cp1251")


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        ("Её", "cp1251", "windows-1251"),  # C5 B8: also UTF-8 for "Ÿ"
        ("ﾃｽ", "cp932", "Shift_JIS"),  # C3 BD: also UTF-8 for "ý"
    ],
)
def test_a_non_latin_label_beats_bytes_that_happen_to_be_utf8(
    text: str, codec: str, label: str
) -> None:
    data = html_in(text).encode(codec)
    data.decode("utf-8")  # the point of the case: valid UTF-8, yet not UTF-8
    assert decode_text(data, label) == (html_in(text), codec)
    meta = f'<meta charset="{label}">'
    assert decode_text(html_in(text, meta).encode(codec)) == (html_in(text, meta), codec)


def test_shift_jis_with_meta_only() -> None:
    page = html_in(JAPANESE, '<meta charset="Shift_JIS">')
    assert decode_text(page.encode("shift_jis")) == (page, "cp932")
    assert decode_text(page.encode("shift_jis"), html=False)[0] != page  # the meta is HTML's


def test_a_meta_found_past_the_first_kilobyte() -> None:
    page = html_in(RUSSIAN, "<!--" + "x" * 1500 + '--><meta charset="windows-1251">')
    assert decode_text(page.encode("cp1251")) == (page, "cp1251")


def test_utf8_page_under_a_stale_multibyte_meta_is_utf8() -> None:
    page = html_in(CHINESE, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    with pytest.raises(UnicodeDecodeError):
        page.encode().decode("gb18030")
    assert decode_text(page.encode()) == (page, "utf-8")


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        (CHINESE, "gb18030", "gb2312"),
        (CHINESE, "gb18030", "GBK"),
        ("繁體中文的測試", "big5hkscs", "big5"),
        ("한국어 텍스트입니다", "cp949", "euc-kr"),
        (JAPANESE, "euc_jp", "EUC-JP"),
        (JAPANESE, "iso2022_jp", "ISO-2022-JP"),
        (RUSSIAN, "koi8-r", "KOI8-R"),
        ("Ελληνικό κείμενο", "cp1253", "windows-1253"),
        ("טקסט בעברית", "cp1255", "windows-1255"),
    ],
)
def test_legacy_encodings_by_header_and_by_meta(text: str, codec: str, label: str) -> None:
    assert decode_text(html_in(text).encode(codec), label) == (html_in(text), codec)
    page = html_in(text, f'<meta charset="{label}">')
    assert decode_text(page.encode(codec)) == (page, codec)


def test_the_header_is_tried_before_the_meta() -> None:
    page = html_in(RUSSIAN, '<meta charset="koi8-r">')
    assert decode_text(page.encode("cp1251"), "windows-1251") == (page, "cp1251")


# -- labels ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("x-sjis", "cp932"),
        ("windows-31j", "cp932"),
        ("ms_kanji", "cp932"),
        ("gb2312", "gb18030"),
        ("x-gbk", "gb18030"),
        ("ks_c_5601-1987", "cp949"),
        ("windows-949", "cp949"),
        ("big5", "big5hkscs"),
        ("koi8", "koi8-r"),
        ("x-cp1251", "cp1251"),
        ("windows-874", "cp874"),
        ("tis-620", "cp874"),
        ("iso-8859-9", "cp1254"),
        ("iso-8859-8-i", "iso8859-8"),
        ("x-mac-cyrillic", "mac-cyrillic"),
        ("unicode-1-1-utf-8", "utf-8"),
        (' "Windows-1251" ', "cp1251"),
    ],
)
def test_web_labels_map_as_browsers_map_them(label: str, codec: str) -> None:
    assert decode_text(b"<p>plain</p>", label) == ("<p>plain</p>", codec)


@pytest.mark.parametrize(
    "label", ["utf-7", "rot13", "base64", "idna", "unicode_escape", "cp500", "utf-32", "bogus"]
)
def test_encodings_browsers_do_not_have_are_ignored(label: str) -> None:
    assert decode_text(b"+ADw-script+AD4- \\x41", label) == ("+ADw-script+AD4- \\x41", "utf-8")
    page = html_in(FRENCH, f'<meta charset="{label}">')
    assert decode_text(page.encode(), label) == (page, "utf-8")


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        ("“smart” quotes".encode("cp1252"), "iso-8859-1", ("“smart” quotes", "cp1252")),
        ("“smart” quotes".encode("cp1252"), "", ("“smart” quotes", "cp1252")),
        ("plain ünïcode".encode(), "no-such-charset", ("plain ünïcode", "utf-8")),
        ("plain ünïcode".encode(), "base64", ("plain ünïcode", "utf-8")),
        (
            b'<meta charset="utf-16"><p>\xc3\xa9</p>',
            "",
            ('<meta charset="utf-16"><p>é</p>', "utf-8"),
        ),
    ],
)
def test_decode_text_follows_browser_label_rules(
    data: bytes, charset: str, expected: tuple[str, str]
) -> None:
    assert decode_text(data, charset) == expected


# -- bad bytes -------------------------------------------------------------------------------------


def test_one_stray_byte_costs_one_character_not_the_page() -> None:
    data = html_in("café déjà vu").encode().replace(b"vu", b"v\xff")
    text, encoding = decode_text(data, "utf-8")
    assert encoding == "utf-8"
    assert "café déjà v\ufffd" in text


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        (html_in(FRENCH).encode() + b"\xff", "utf-8", (html_in(FRENCH) + "\ufffd", "utf-8")),
        (html_in(FRENCH, '<meta charset="utf-8">').encode().replace(b"<p>", b"<p>\xc3"), "", None),
        (
            html_in(JAPANESE).encode("cp932") + b"\x81",
            "shift_jis",
            (html_in(JAPANESE) + "\ufffd", "cp932"),
        ),
        (b"abc\x81def", "", ("abc\ufffddef", "cp1252")),  # 81 is unassigned in windows-1252
        (b"\xff\xfeA\x00B", "", ("A\ufffd", "utf-16-le")),
    ],
    ids=["utf8-header", "utf8-meta", "sjis-truncated", "nothing-declared", "utf16-odd-length"],
)
def test_invalid_bytes_cost_one_replacement_character(
    data: bytes, charset: str, expected: tuple[str, str] | None
) -> None:
    text, codec = decode_text(data, charset)
    assert text.count("\ufffd") == 1
    if expected is not None:
        assert (text, codec) == expected


# -- the extractor decodes bytes as fetch does ----------------------------------------------------

PAGES = [
    html_in(FRENCH).encode(),
    html_in(FRENCH, '<meta charset="iso-8859-1">').encode(),
    html_in(FRENCH, '<meta charset="iso-8859-1">').encode("cp1252"),
    html_in(RUSSIAN, '<meta charset="windows-1251">').encode("cp1251"),
    html_in("Её", '<meta charset="windows-1251">').encode("cp1251"),
    html_in(JAPANESE, '<meta charset="Shift_JIS">').encode("cp932"),
    html_in(CHINESE, '<meta charset="gb2312">').encode(),
    codecs.BOM_UTF16_LE + html_in(JAPANESE).encode("utf-16-le"),
]


@pytest.mark.parametrize("data", PAGES)
def test_extract_article_reads_bytes_as_decode_text_does(data: bytes) -> None:
    text, _ = decode_text(data)
    assert extract_article(data).text == extract_article(text).text != ""


def test_fetch_and_extract_agree_on_a_mislabelled_page(site: FixtureSite) -> None:
    data = html_in(FRENCH, '<meta charset="utf-8">').encode()
    url = site.add("/p", data, Content_Type="text/html; charset=iso-8859-1")
    page = fetch(url)
    assert (page.html, page.info.encoding) == (data.decode(), "utf-8")
    assert extract_article(page.html).text == extract_article(data).text == FRENCH


# -- never raises ----------------------------------------------------------------------------------

PYTHON_LABELS = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
LABELS = st.sampled_from(
    [*sorted(PYTHON_LABELS), "", "utf-16", "x-sjis", "ucs-2", "x-user-defined", "bogus"]
) | st.text(max_size=50)
BOM_OF = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=300),
    st.sampled_from(["", "utf-8", "windows-1251", "shift_jis", "utf-16", "bogus", "base64"]),
    st.booleans(),
)
def test_decode_text_never_raises(data: bytes, charset: str, html: bool) -> None:
    text, encoding = decode_text(data, charset, html=html)
    assert isinstance(text, str) and encoding


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=400), LABELS, LABELS, st.booleans())
def test_never_raises_and_the_codec_is_what_decoded(
    body: bytes, charset: str, meta_label: str, html: bool
) -> None:
    data = f'<meta charset="{meta_label}">'.encode("utf-8", "replace") + body
    for page in (body, data):
        text, codec = decode_text(page, charset, html=html)
        assert text == page.removeprefix(BOM_OF.get(codec, b"")).decode(codec, "replace")


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["", "iso-8859-1", "latin1", "ascii", "windows-1252"]))
def test_any_utf8_text_under_a_latin_label_decodes_back(text: str, charset: str) -> None:
    assert decode_text(text.encode(), charset, html=False)[0] == text.removeprefix("\ufeff")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЕЁЯ .,«»—", min_size=1))
def test_any_cyrillic_text_under_its_label_decodes_back(text: str) -> None:
    data = text.encode("cp1251")
    assume(not data.startswith(tuple(BOM_OF.values())))  # "юя" is FE FF, and a mark wins
    assert decode_text(data, "windows-1251", html=False) == (text, "cp1251")


# -- imports ---------------------------------------------------------------------------------------


@pytest.mark.subprocess
def test_importing_and_plain_text_decoding_load_no_parser_or_network() -> None:
    probe = (
        "import sys; from tuireader.charset import decode_text; "
        "decode_text('плохо'.encode('cp1251'), 'windows-1251', html=False); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('bs4', 'lxml', 'httpx')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.subprocess
def test_a_page_its_header_charset_decodes_never_loads_the_declaration_finder() -> None:
    """The <meta> could not change the outcome, so bs4 (~60 ms to import) stays unloaded."""
    probe = (
        "import sys; from tuireader.charset import decode_text\n"
        "page = '<meta charset=windows-1251><p>Привет</p>'.encode()\n"
        "utf8 = decode_text(page, 'utf-8')\n"
        "before = 'bs4' in sys.modules\n"
        "cp1251 = decode_text('<meta charset=windows-1251><p>Привет</p>'.encode('cp1251'))\n"
        "print(utf8[1], before, cp1251[1], 'bs4' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["utf-8", "False", "cp1251", "True"]
