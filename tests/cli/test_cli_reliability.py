"""Issue 16, the command line: each case run the way it was found, as a real `tuireader` process
(or through `main` in this process, where the case is only what a cache command prints).

Long URLs (item 8), `cache import` of what is no saved page (12), output that cannot be written
(14), importing over a cached copy (16), hostile Retry-After and header values (18), and the small
inconsistencies of item 19. Servers are on 127.0.0.1, caches and files in tmp_path.
"""

from __future__ import annotations

import os
import random
import socket
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import pytest

from support.cli_runner import command, env_for, run_cli, run_in_process
from support.raw_server import RawServer
from tuireader.cache import Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.fetch.httpx_errors import MAX_RETRY_AFTER, _retry_after
from tuireader.models import Article, Page, PageInfo
from tuireader.settings import CONFIG_ENV

WORDS = "The harbour master kept a careful log of every vessel that came in through the fog. "
MIB = 1024 * 1024


def article_html(title: str = "Harbour Log", paragraphs: int = 3) -> bytes:
    body = f"<p>{WORDS * 6}</p>" * paragraphs
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


class Responses(RawServer):
    """Answers each path with the raw response registered for it; any other path gets `default`."""

    def __init__(self) -> None:
        super().__init__()
        self.routes: dict[str, bytes] = {}
        self.default = response(article_html())

    def respond(self, conn: socket.socket, head: bytes) -> None:
        path = head.split(b" ", 2)[1].decode("latin-1")
        conn.sendall(self.routes.get(path, self.default))


def response(body: bytes, status: bytes = b"200 OK", headers: bytes = b"") -> bytes:
    """A whole HTTP/1.1 response; `headers` are raw header lines, each ending in CRLF."""
    return (
        b"HTTP/1.1 " + status + b"\r\nContent-Type: text/html; charset=utf-8\r\n" + headers
    ) + b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)


@pytest.fixture
def server() -> Iterator[Responses]:
    site = Responses()
    try:
        yield site
    finally:
        site.close()


def one_line(stderr: str) -> str:
    """The single `tuireader: ...` line `stderr` must be, without its prefix."""
    assert stderr.startswith("tuireader: ") and stderr.count("\n") == 1, repr(stderr[:500])
    assert "Traceback" not in stderr
    return stderr.removeprefix("tuireader: ").rstrip("\n")


def save(cache_dir: Path, url: str, title: str, fetched_at: str, words: int = 300) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        store_article(store, url, title, fetched_at, words)


def store_article(store: Store, url: str, title: str, fetched_at: str, words: int = 300) -> None:
    text = " ".join(["word"] * words)
    store.save(
        Page(PageInfo(url, url, 200, "text/html", fetched_at=fetched_at), f"<p>{text}</p>"),
        Article(
            title=title,
            markdown=text,
            text=text,
            word_count=words,
            extractor_version=EXTRACTOR_VERSION,
        ),
    )


# 8: a URL longer than a file name may be ------------------------------------------------------


@pytest.mark.subprocess
def test_a_url_over_4095_bytes_is_read_as_a_url(server: Responses, cache_dir: Path) -> None:
    url = server.url("/story?q=" + "a" * 5000)
    result = run_cli("--dump", "--format", "text", url, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("Harbour Log\n") and "harbour master" in result.stdout
    assert server.requests and len(server.requests[0]) > 5000  # it went out whole


@pytest.mark.subprocess
def test_a_long_url_offline_is_one_line(cache_dir: Path) -> None:
    result = run_cli("--dump", "--offline", "http://127.0.0.1:9/" + "a" * 5000, cache_dir=cache_dir)
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert line.endswith("aaa… is not in the cache: read it once while online to keep it")
    assert len(line) < 300  # the URL quoted, not all of it
    shown = run_in_process("cache", "show", "http://127.0.0.1:9/" + "a" * 5000, cache_dir=cache_dir)
    assert shown.returncode == 1
    assert one_line(shown.stderr).endswith("aaa… is not in the cache") and len(shown.stderr) < 300


@pytest.mark.subprocess
def test_a_url_too_long_to_fetch_is_one_short_line(server: Responses, cache_dir: Path) -> None:
    url = server.url("/?" + "a" * 70_000)
    for args in (["--dump"], ["--prefetch"], []):
        result = run_cli(*args, url, cache_dir=cache_dir)
        assert result.returncode == 2, (args, result.stderr[-500:])
        line = one_line(result.stderr)
        assert line.startswith(f"URL too long ({len(url):,} characters; at most 65,536): 'http://")
        assert line.endswith("aaa…'") and len(line) < 200
    assert server.requests == []


# 12: cache import takes saved pages only ------------------------------------------------------


def saved_page(path: Path, title: str = "Saved Story", url: str = "https://a.example/s") -> Path:
    path.write_text(
        f"<html><head><title>{title}</title><link rel=canonical href='{url}'></head>"
        f"<body><article><h1>{title}</h1><p>{WORDS * 8}</p></article></body></html>",
        encoding="utf-8",
    )
    return path


def png_file(path: Path) -> Path:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
    return path


def run_import(*files: Path, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    """`tuireader cache import FILES` in this process."""
    return run_in_process("cache", "import", *map(str, files), cache_dir=cache_dir)


def run_import_apart(*files: Path, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    """`tuireader cache import FILES` as a process: a hang (reading a FIFO or /dev/zero) is a
    timeout that fails the test, not a run that never ends."""
    return subprocess.run(
        command("cache", "import", *map(str, files)),
        capture_output=True,
        text=True,
        env=env_for(cache_dir),
        timeout=30,
    )


def cached_titles(cache_dir: Path) -> list[str]:
    with closing(Store.in_directory(cache_dir)) as store:
        return [entry.title for entry in store.library()]


@pytest.mark.subprocess
def test_import_refuses_what_is_no_regular_file_and_imports_the_rest(
    tmp_path: Path, cache_dir: Path
) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    zero_link = tmp_path / "zero.html"
    zero_link.symlink_to("/dev/zero")
    folder = tmp_path / "folder.html"
    folder.mkdir()
    good = saved_page(tmp_path / "good.html")
    result = run_import_apart(fifo, Path("/dev/zero"), zero_link, folder, good, cache_dir=cache_dir)
    assert result.returncode == 1
    assert result.stdout == "imported Saved Story <https://a.example/s>\n"
    assert result.stderr.splitlines() == [
        f"tuireader: {fifo} is a named pipe, not a regular file: only saved pages can be imported",
        "tuireader: /dev/zero is a character device, not a regular file: "
        "only saved pages can be imported",
        f"tuireader: {zero_link} is a character device, not a regular file: "
        "only saved pages can be imported",
        f"tuireader: {folder} is a directory, not a regular file: only saved pages can be imported",
    ]
    assert cached_titles(cache_dir) == ["Saved Story"]


def test_import_refuses_a_file_over_the_page_cap_before_reading_it(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sparse = tmp_path / "huge.html"
    with sparse.open("wb") as handle:
        handle.truncate(100 * MIB)  # a hole: no byte of it is on disk
    just_over = tmp_path / "over.md"
    just_over.write_bytes(b"# Over\n\n" + b"word " * (2 * MIB // 5))
    config = tmp_path / "config.toml"
    config.write_text('[fetch]\nmax_page_size = "2 MiB"\n', encoding="utf-8")
    at_default = run_import(sparse, cache_dir=cache_dir)
    assert at_default.returncode == 1 and at_default.stdout == ""
    assert one_line(at_default.stderr) == (
        f"{sparse} is 100 MiB, over the 10 MiB limit on a page (max_page_size in the settings)"
    )
    monkeypatch.setenv(CONFIG_ENV, str(config))
    with_setting = run_import(just_over, saved_page(tmp_path / "ok.html"), cache_dir=cache_dir)
    assert with_setting.returncode == 1
    assert with_setting.stderr == (
        f"tuireader: {just_over} is {just_over.stat().st_size:,} bytes, over the 2 MiB limit "
        "on a page (max_page_size in the settings)\n"
    )
    assert cached_titles(cache_dir) == ["Saved Story"]


def test_import_refuses_binary_files(tmp_path: Path, cache_dir: Path) -> None:
    image = png_file(tmp_path / "photo.html")
    noise = tmp_path / "noise.md"
    noise.write_bytes(random.Random(16).randbytes(64 * 1024))
    zeros = tmp_path / "zeros.txt"
    zeros.write_bytes(bytes(4096))
    result = run_import(image, noise, zeros, cache_dir=cache_dir)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"tuireader: {image}: image/png data, not text or HTML",
        f"tuireader: {noise}: binary data (NUL or other control bytes), not text or HTML",
        f"tuireader: {zeros}: binary data (NUL or other control bytes), not text or HTML",
    ]
    assert cached_titles(cache_dir) == []


def test_import_still_takes_text_with_a_few_control_characters(
    tmp_path: Path, cache_dir: Path
) -> None:
    """A hostile page is still a page: its stray NULs and escapes are cleaned, not refused."""
    note = tmp_path / "note.md"
    note.write_text(
        f"# Stray\x00 Bytes\n\n{WORDS * 3}\x1b[31m red\x07 \x00\n\nOriginal url: https://a.example/n\n",
        encoding="utf-8",
    )
    result = run_import(note, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    assert cached_titles(cache_dir) == ["Stray Bytes"]


# 14: output that cannot be written --------------------------------------------------------------


URL = "https://a.example/long"


@pytest.fixture
def cached_article(cache_dir: Path) -> str:
    save(cache_dir, URL, "A Long Story", "2026-01-02T03:04:05+00:00", words=60_000)
    return URL


def run_to(stdout: int | TextIO, *args: str, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(cache_dir),
        timeout=60,
    )


OUTPUT_COMMANDS = [
    ("--dump", "--offline", URL),
    ("cache", "list"),
    ("cache", "export", URL),
    ("cache", "export", URL, "--format", "html"),
    ("cache", "show", URL),
    ("cache", "path"),
    ("tag", URL, "+read"),
    ("export", "--format", "csv"),
]


@pytest.mark.subprocess
@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=" ".join)
def test_a_full_disk_on_stdout_is_one_line(
    args: tuple[str, ...], cached_article: str, cache_dir: Path
) -> None:
    with open("/dev/full", "w") as full:
        result = run_to(full, *args, cache_dir=cache_dir)
    what = "the article" if args[0] == "--dump" else "the output"
    assert result.returncode == 1
    assert one_line(result.stderr) == f"cannot write {what}: no space left on device"


@pytest.mark.subprocess
@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=" ".join)
def test_a_closed_stdout_is_one_line(
    args: tuple[str, ...], cached_article: str, cache_dir: Path
) -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *command(*args)],
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(cache_dir),
        timeout=60,
    )
    assert result.returncode == 1
    assert one_line(result.stderr) == "standard output is closed: nothing to write to"


@pytest.mark.subprocess
@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
def test_prefetch_reads_ahead_with_stderr_closed_or_full(
    stderr: str, server: Responses, cache_dir: Path
) -> None:
    """Its progress has nowhere to go: the pages are read all the same, the summary on stdout."""
    links = "".join(f'<a href="/more{n}.html">More {n}</a> ' for n in range(3))
    page = article_html().replace(b"</article>", f"<p>Read on: {links}</p></article>".encode())
    server.routes["/start.html"] = response(page)
    result = subprocess.run(
        [
            "sh",
            "-c",
            f'exec "$@" {stderr}',
            "sh",
            *command("--prefetch", server.url("/start.html")),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env_for(cache_dir),
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout == "3 links: 3 fetched, 0 already cached, 0 failed\n"
    assert cached_titles(cache_dir).count("Harbour Log") == 4


@pytest.mark.subprocess
def test_a_closed_stdout_changes_nothing(cached_article: str, cache_dir: Path) -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *command("cache", "remove", URL)],
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(cache_dir),
        timeout=60,
    )
    assert result.returncode == 1
    assert cached_titles(cache_dir) == ["A Long Story"]


@pytest.mark.subprocess
@pytest.mark.parametrize("args", OUTPUT_COMMANDS[:4], ids=" ".join)
def test_a_closed_pipe_ends_quietly(
    args: tuple[str, ...], cached_article: str, cache_dir: Path
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run_to(write_end, *args, cache_dir=cache_dir)
    finally:
        os.close(write_end)
    assert result.returncode == 0
    assert result.stderr == ""


@pytest.mark.subprocess
def test_head_takes_one_line_and_nothing_complains(cached_article: str, cache_dir: Path) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        for n in range(2000):  # 2,000 lines: more than a pipe holds, so the writer meets EPIPE
            store_article(store, f"https://a.example/{n}", f"Story {n}", "2026-01-02T03:04:05Z")
    tuireader = " ".join(command())
    script = f"{tuireader} cache list | head -1; {tuireader} --dump --offline {URL} | head -1"
    result = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, env=env_for(cache_dir), timeout=60
    )
    assert result.stdout.count("\n") == 2, result.stdout
    assert result.stdout.splitlines()[1] == "# A Long Story"
    assert result.stderr == ""


# 16: importing over a cached copy ----------------------------------------------------------------


def test_import_replaces_an_older_copy_and_keeps_its_reading_state(
    tmp_path: Path, cache_dir: Path
) -> None:
    save(cache_dir, "https://a.example/s", "Old Title", "2020-05-06T07:08:09+00:00")
    with closing(Store.in_directory(cache_dir)) as store:
        store.mark_read("https://a.example/s", progress=0.5, anchor=2, anchor_text="word word")
    page = saved_page(tmp_path / "new.html", title="New Title")
    result = run_import(page, cache_dir=cache_dir)
    assert result.returncode == 0
    assert result.stdout == "imported New Title <https://a.example/s>\n"
    assert one_line(result.stderr) == (
        "replaced the cached copy of https://a.example/s fetched 2020-05-06 07:08 UTC"
    )
    with closing(Store.in_directory(cache_dir)) as store:
        assert [e.title for e in store.library()] == ["New Title"]
        assert store.position("https://a.example/s") == (0.5, 2, "word word")


def test_import_keeps_a_newer_cached_copy(tmp_path: Path, cache_dir: Path) -> None:
    save(cache_dir, "https://a.example/s", "Newer Title", "2026-05-06T07:08:09+00:00")
    page = saved_page(tmp_path / "old.html", title="Older Title")
    os.utime(page, (0, datetime(2021, 1, 2, 3, 4, tzinfo=UTC).timestamp()))
    result = run_import(page, cache_dir=cache_dir)
    assert result.returncode == 0 and result.stdout == ""
    assert one_line(result.stderr) == (
        "kept the newer cached copy of https://a.example/s (fetched 2026-05-06 07:08 UTC); "
        f"{page} is from 2021-01-02 03:04 UTC"
    )
    assert cached_titles(cache_dir) == ["Newer Title"]


# 18: Retry-After and long header values ---------------------------------------------------------


def status_response(status: bytes, headers: bytes = b"") -> bytes:
    return response(b"<html><body><h1>No</h1></body></html>", status, headers)


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("²".encode(), "try again later"),  # a Unicode digit: not delta-seconds
        ("١٢٠".encode(), "try again later"),  # Arabic-Indic digits
        (b"12.5", "try again later"),
        (b"-5", "try again later"),
        (b"soon", "try again later"),
        (b"120", "try again in 120 s"),
        (b"9" * 5000, "try again in 24,855 days"),
        (b"Fri, 31 Dec 9999 23:59:59 GMT", "try again in 24,855 days"),
        (b"Thu, 01 Jan 1970 00:00:00 GMT", "try again in 0 s"),
    ],
)
def test_retry_after_is_read_as_http_says(
    value: bytes, shown: str, server: Responses, cache_dir: Path
) -> None:
    server.routes["/busy"] = status_response(
        b"429 Too Many Requests", b"Retry-After: " + value + b"\r\n"
    )
    url = server.url("/busy")
    result = run_cli("--dump", url, cache_dir=cache_dir)
    assert result.returncode == 3  # no article at this address: the no-article line says why
    assert one_line(result.stderr) == (
        f"no article at {url}: The server is limiting requests (HTTP 429): often a bot wall; "
        f"{shown}. Open it in a browser, or save the page and --dump the file."
    )


def test_retry_after_values() -> None:
    assert _retry_after("  60 ") == 60
    assert _retry_after("²") is None and _retry_after("") is None and _retry_after(None) is None
    assert _retry_after("9" * 5000) == MAX_RETRY_AFTER == 2**31


@pytest.mark.subprocess
def test_long_header_values_are_cut_in_messages(server: Responses, cache_dir: Path) -> None:
    long = b"x" * 5000
    server.routes["/teapot"] = status_response(b"418 " + long)
    server.routes["/typed"] = response(b"{}", headers=b"X: y\r\n").replace(
        b"text/html; charset=utf-8", b"application/" + long
    )
    server.routes["/away"] = status_response(b"302 Found", b"Location: ftp://" + long + b"\r\n")
    expected = {
        "/teapot": "(HTTP 418 " + "x" * 99 + "…)",
        "/typed": "This is not a web page (application/" + "x" * 87 + "…)",
        "/away": "redirected to ftp://" + "x" * 93 + "…, which",
    }
    for path, part in expected.items():
        result = run_cli("--dump", server.url(path), cache_dir=cache_dir)
        assert result.returncode == (3 if path == "/typed" else 1)  # 3: no article there
        line = one_line(result.stderr)
        assert part in line and len(line) < 450, (path, line[:600])


# 19: small inconsistencies ------------------------------------------------------------------


BAD_URLS = [
    (
        "javascript:alert(1)",
        "unsupported scheme 'javascript:': only http and https pages can be read",
    ),
    ("http://", "not a URL (no host name): 'http://'"),
    ("http://xn--a.example/", "invalid host name 'xn--a.example' (IDNA: "),
    ("http://ex\u00e4mple..com/", "invalid host name 'exämple..com' (IDNA: Empty Label)"),
]
NO_LOOKUP = """
import socket, sys
def refuse(*args, **kwargs):
    print("LOOKUP", args[:1], file=sys.stderr)
    raise OSError("no lookups in this test")
socket.getaddrinfo = refuse
from tuireader.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.subprocess
@pytest.mark.parametrize(("url", "message"), BAD_URLS)
@pytest.mark.parametrize("mode", [["--dump"], [], ["--prefetch"]], ids=["dump", "app", "prefetch"])
def test_a_bad_url_is_exit_2_everywhere_with_no_lookup(
    url: str, message: str, mode: list[str], cache_dir: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_LOOKUP, *mode, url],
        capture_output=True,
        text=True,
        env=env_for(cache_dir),
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert one_line(result.stderr).startswith(message)
    assert result.stdout == ""


@pytest.mark.parametrize("subcommand", ["show", "export", "remove"])
@pytest.mark.parametrize("given", ["", "  "])
def test_cache_commands_need_a_url(subcommand: str, given: str, cache_dir: Path) -> None:
    save(cache_dir, "https://a.example/1", "One", "2026-01-02T03:04:05+00:00")
    result = run_in_process("cache", subcommand, given, cache_dir=cache_dir)
    assert result.returncode == 2 and result.stdout == ""
    assert one_line(result.stderr) == f"cache {subcommand} needs a URL"
    assert cached_titles(cache_dir) == ["One"]
