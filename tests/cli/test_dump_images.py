"""`--dump` and `cache export` of an article with pictures, through the real command line, the page
and its pictures served from 127.0.0.1."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest

from support.cli_runner import run_in_process
from support.fixture_site import FixtureSite

PROSE = " ".join(["The ferry crossed the bay twice a day all through the long summer."] * 4)


def png(width: int, height: int) -> bytes:
    """A small grey PNG, built by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def article_page(site: FixtureSite) -> str:
    for name in ("lead", "ferry", "pier"):
        site.add(f"/img/{name}.png", png(8, 6), 200, **{"Content-Type": "image/png"})
    return f"""<!DOCTYPE html><html><head><title>The Ferry</title>
<meta property="og:image" content="{site.url("/img/lead.png")}"></head><body><article>
<h1>The Ferry</h1>
<figure><img src="/img/lead.png" alt="The ferry at the quay"><figcaption>The ferry at the quay.
Photo: Ann Lee</figcaption></figure>
<p>{PROSE}</p>
<figure><img src="/img/ferry.png" alt="On deck \x1b[31m">
<figcaption>Passengers on deck.</figcaption></figure>
<p>Second. {PROSE}</p>
<p><a href="/img/pier-large.png"><img src="/img/pier.png" alt=""></a></p>
<p>Third. {PROSE} <img src="/img/icon.png" alt="icon"></p>
<p><img src="/img/pixel.gif" width="1" height="1"></p>
</article></body></html>"""


@pytest.fixture
def url(site: FixtureSite) -> str:
    return site.add("/ferry.html", article_page(site))


def dump(url: str, cache_dir: Path, fmt: str) -> str:
    result = run_in_process("--dump", "--format", fmt, url, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    return result.stdout


def test_markdown_keeps_the_pictures(url: str, site: FixtureSite, cache_dir: Path) -> None:
    out = dump(url, cache_dir, "markdown")
    assert (
        f"![The ferry at the quay](<{site.url('/img/lead.png')}>)\n\n"
        "> The ferry at the quay. (Photo: Ann Lee)\n\n"
    ) in out
    assert (
        f"\n\n![On deck \\[31m](<{site.url('/img/ferry.png')}>)\n\n*Passengers on deck.*\n\nSecond."
    ) in out
    assert f"\n\n![](<{site.url('/img/pier.png')}>)\n\nThird." in out
    assert "icon" not in out and "pixel" not in out


def test_text_marks_where_each_picture_stands(url: str, cache_dir: Path) -> None:
    out = dump(url, cache_dir, "text")
    assert (
        "[image: The ferry at the quay]\n\nThe ferry at the quay. (Photo: Ann Lee)\n\n"
        f"{PROSE}\n\n[image: On deck [31m]\n\nSecond. {PROSE}\n\n[image]\n\nThird."
    ) in out
    assert "icon" not in out


def test_json_lists_the_pictures(url: str, site: FixtureSite, cache_dir: Path) -> None:
    data = json.loads(dump(url, cache_dir, "json"))
    images = data["images"]
    assert [(i["url"], i["alt"], i["caption"], i["credit"]) for i in images] == [
        (
            site.url("/img/lead.png"),
            "The ferry at the quay",
            "The ferry at the quay.",
            "Photo: Ann Lee",
        ),
        (site.url("/img/ferry.png"), "On deck [31m", "Passengers on deck.", ""),
        (site.url("/img/pier.png"), "", "", ""),
    ]
    assert all(isinstance(image["cached"], bool) for image in images)
    assert [i["url"] for i in data["article"]["images"]] == [i["url"] for i in images[1:]]


def test_cache_export_html_shows_the_pictures(url: str, site: FixtureSite, cache_dir: Path) -> None:
    dump(url, cache_dir, "markdown")  # into the cache
    result = run_in_process("cache", "export", url, "--format", "html", cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    for name, alt in (("lead", "The ferry at the quay"), ("ferry", "On deck [31m"), ("pier", "")):
        assert f'<img src="{site.url(f"/img/{name}.png")}" alt="{alt}"' in result.stdout
