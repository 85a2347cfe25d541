"""Every bad input we know of, each tried the two ways a person meets it.

`tuireader --dump URL` (a real process): a bad input exits non-zero with one line on stderr
that names the problem, never a traceback; a page that reads despite being odd exits 0 with its
text. The app (the pilot): the same input leaves a one-line message in the status bar and the
body says what happened; it never crashes and never shows an empty screen.

The server is tests/hostile_site.py on 127.0.0.1; the settings cap pages at 8 MiB and wait
1 s, so timeouts are quick. The count of cases is the inventory asked for in issue 6.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

from support.cli_runner import command
from support.hostile_site import HostileSite
from support.pilot import notifications
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.layout.document import CARD_HEADING
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus

Outcome = Literal["error", "reads", "no-article"]
NO_ARTICLE_EXIT = 3
SETTINGS = '[fetch]\nmax_page_size = "8 MiB"\nconnect_timeout = "1s"\nread_timeout = "1s"\n'
RUSSIAN, JAPANESE = "Привет, это статья о гавани", "日本語の記事です"


@dataclass(frozen=True)
class Bad:
    """One bad input: `target` is a path on the hostile site, or a whole URL; `words` what the
    message (errors) or the text (pages that read) must contain."""

    name: str
    target: str
    outcome: Outcome
    words: tuple[str, ...]
    code: int = 1  # the exit status of --dump: 2 for a malformed command-line argument


def err(name: str, target: str, *words: str) -> Bad:
    return Bad(name, target, "error", words)


def bad_url(name: str, target: str, *words: str) -> Bad:
    return Bad(name, target, "error", words, code=2)


def reads(name: str, target: str, *words: str) -> Bad:
    return Bad(name, target, "reads", words)


def empty(name: str, target: str, *words: str) -> Bad:
    """No article at the address: `words` say why, on --dump's stderr and on the app's card."""
    return Bad(name, target, "no-article", words, code=NO_ARTICLE_EXIT)


HARBOUR = "harbour master kept a careful log"
CASES = [
    # Not a URL, or not one tuireader opens.
    bad_url("no host", "http://", "not a URL", "no host"),
    bad_url("bad IPv6 host", "http://[::1", "not a URL"),
    bad_url("spaces in host", "https://exa mple.org/", "not a URL", "spaces"),
    bad_url("ftp scheme", "ftp://127.0.0.1/x", "unsupported scheme 'ftp:'", "only http and https"),
    bad_url("file scheme", "file:///etc/passwd", "unsupported scheme 'file:'"),
    bad_url("javascript scheme", "javascript:alert(1)", "unsupported scheme 'javascript:'"),
    bad_url("data scheme", "data:text/html,<p>hi</p>", "unsupported scheme 'data:'"),
    bad_url("invalid IDNA host", "http://xn--a.example/", "invalid host name 'xn--a.example'"),
    bad_url("empty IDNA label", "http://ex\u00e4mple..com/", "invalid host name"),
    # The network.
    err("refused connection", "{refused}", "could not connect", "connection refused"),
    err("connect timeout", "{blackhole}", "timed out after 1 s connecting", "connect timeout"),
    err("no answer at all", "/silent", "stopped responding", "read timeout"),
    err("stalls mid-body", "/stall", "stopped responding", "read timeout"),
    err("not HTTP", "/garbage", "broken response", "does not speak HTTP"),
    err("hangs up", "/hangup", "broken response", "disconnected"),
    err("body cut short", "/cut-short", "broken response", "expected 5000"),
    err("corrupt gzip", "/corrupt-gzip", "corrupt gzip"),
    err("unknown content coding", "/unknown-coding", "compressed as 'x-squash'"),
    # Redirects.
    reads("301-302-307-308 chain", "/chain", HARBOUR),
    err("redirect loop", "/loop", "redirect loop"),
    err("redirect to ftp", "/redirect-to/ftp", "redirected to ftp:", "only http and https"),
    err("redirect to file", "/redirect-to/file", "redirected to file:"),
    err("redirect to javascript", "/redirect-to/javascript", "redirected to javascript:"),
    err("redirect to data", "/redirect-to/data", "redirected to data:"),
    err("redirect without Location", "/no-location", "without saying where"),
    # HTTP errors.
    empty("401", "/status/401", "asks for a login", "HTTP 401"),
    empty("403", "/status/403", "refused the request", "HTTP 403", "bot wall"),
    err("404", "/status/404", "not found", "HTTP 404"),
    err("410", "/status/410", "gone", "HTTP 410"),
    empty("429 with Retry-After", "/status/429", "limiting requests", "HTTP 429", "in 120 s"),
    err("500", "/status/500", "server error", "HTTP 500"),
    err("503", "/status/503", "server error", "HTTP 503"),
    # Size.
    err("over the cap, announced", "/big-announced", "over the 8 MB limit"),
    err("over the cap, chunked", "/big-chunked", "over the 8 MB limit"),
    err("gzip bomb", "/gzip-bomb", "over the 8 MB limit"),
    err("brotli bomb", "/brotli-bomb", "over the 8 MB limit"),
    # Content types.
    empty("PDF", "/type/pdf", "This is a PDF (application/pdf)."),
    empty("image", "/type/png", "This is an image (image/png)."),
    empty("JSON", "/type/json", "This is not a web page (application/json)."),
    reads("plain text", "/type/plain", HARBOUR),
    reads("no Content-Type, HTML", "/no-type/html", HARBOUR),
    empty("no Content-Type, binary", "/no-type/binary", "no content type"),
    empty("Content-Type that lies", "/lying-type", "This is a PDF (application/pdf)."),
    # Charsets.
    reads("Windows-1251", "/charset/cp1251", RUSSIAN),
    reads("Shift-JIS declared in meta", "/charset/shift-jis", JAPANESE),
    reads("header and meta disagree", "/charset/conflict", RUSSIAN),
    reads("BOM against the header", "/charset/bom", RUSSIAN),
    reads("invalid byte sequences", "/charset/invalid", "Привет, это статья о"),
    reads("no charset declared", "/charset/undeclared", RUSSIAN),
    # No article.
    empty("empty body", "/empty", "The page is empty"),
    empty("login wall", "/login", "No article found on this page", "sign in"),
    empty("JavaScript shell", "/js-shell", "needs JavaScript", "You need to enable JavaScript"),
    # Malformed HTML.
    reads("unclosed tags", "/malformed/unclosed", HARBOUR, "never closed"),
    reads("10,000-deep nesting", "/malformed/deep", HARBOUR),
    reads("5 MiB attribute", "/malformed/huge-attribute", HARBOUR),
    reads("5 MiB single line", "/malformed/long-line", "word word word"),
]
IDS = [case.name for case in CASES]


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileSite]:
    site = HostileSite()
    try:
        yield site
    finally:
        site.close()


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    monkeypatch.setenv("TUIREADER_CONFIG", str(path))
    return path


def url_of(case: Bad, site: HostileSite) -> str:
    if case.target == "{refused}":
        return "http://127.0.0.1:9/"  # the discard port: nothing listens on loopback
    if case.target == "{blackhole}":
        return site.blackhole_url()
    return site.url(case.target) if case.target.startswith("/") else case.target


def assert_one_clear_line(message: str, case: Bad) -> None:
    assert message.count("\n") == 0 and message.strip(), repr(message)
    assert "Traceback" not in message
    for words in case.words:
        assert words.lower() in message.lower(), (words, message)


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_dump(case: Bad, hostile: HostileSite, tmp_path: Path, settings_file: Path) -> None:
    result = subprocess.run(
        command("--dump", "--format", "text", url_of(case, hostile)),
        capture_output=True,
        text=True,
        env={**os.environ, "TUIREADER_CACHE_DIR": str(tmp_path / "cache")},
        timeout=60,
    )
    if case.outcome == "reads":
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        for words in case.words:
            assert words in result.stdout
        return
    assert result.returncode == case.code and result.stdout == "", result
    assert result.stderr.startswith("tuireader: ") and result.stderr.endswith("\n")
    if case.outcome == "no-article":  # why, and what to do instead
        assert "no article at " in result.stderr and "Open it in a browser" in result.stderr
    assert_one_clear_line(result.stderr.rstrip("\n"), case)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=IDS)
async def test_app(case: Bad, hostile: HostileSite, tmp_path: Path, settings_file: Path) -> None:
    app = TuiReaderApp(tmp_path / "cache", start_url=url_of(case, hostile))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        assert app.is_running
        status = app.screen.query_one(FetchStatus).text
        body = app.screen.query_one(BodyPane).document.plain_text()
        notes = [str(n.message) for n in notifications(app)]
        if case.outcome == "reads":
            assert "Could not" not in status and not any("Could not" in n for n in notes)
            for words in case.words:
                assert words in body
        elif case.outcome == "no-article":  # the card says why, and offers the remedies' keys
            assert body.split("\n\n")[1] == CARD_HEADING, body
            assert "open the page in your browser" in body
            assert any(n.title == "No article" for n in notifications(app))
            for words in case.words:
                assert words.lower() in body.lower(), (words, body)
        else:
            assert status.startswith("Could not read: "), status
            assert_one_clear_line(status, case)
            assert body.startswith("Could not read the page.")


HOST_NOT_FOUND = pytest.mark.skipif(
    shutil.which("unshare") is None or os.geteuid() != 0,
    reason="needs root and `unshare -n`: a lookup in an empty network namespace fails at once",
)
APP_IN_NAMESPACE = """
import asyncio, sys
from pathlib import Path
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.widgets.fetch_status import FetchStatus

async def main():
    app = TuiReaderApp(Path(sys.argv[1]), start_url="http://no-such-host.invalid/")
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(app.screen.query_one(FetchStatus).text)

asyncio.run(main())
"""


@pytest.mark.subprocess
@HOST_NOT_FOUND
@pytest.mark.parametrize("way", ["dump", "app"])
def test_host_not_found(way: str, tmp_path: Path) -> None:
    """Run inside `unshare -n`: the name lookup never leaves the machine."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["TUIREADER_CACHE_DIR"] = str(tmp_path / "cache")
    args = (
        command("--dump", "http://no-such-host.invalid/")
        if way == "dump"
        else [sys.executable, "-c", APP_IN_NAMESPACE, str(tmp_path / "cache")]
    )
    result = subprocess.run(
        ["unshare", "-n", *args], capture_output=True, text=True, env=env, timeout=60
    )
    case = err("host not found", "", "could not find host no-such-host.invalid")
    if way == "dump":
        assert result.returncode == 1 and result.stdout == ""
        assert_one_clear_line(result.stderr.rstrip("\n"), case)
    else:
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Could not read: ")
        assert_one_clear_line(result.stdout.rstrip("\n"), case)
