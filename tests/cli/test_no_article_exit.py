"""`--dump` where there is no article: why, as one line on stderr, and exit status 3."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli_runner import run_cli
from support.fixture_site import FixtureSite
from support.no_article_site import PAYWALL, serve_pages
from tuireader.cli.main import NO_ARTICLE_EXIT, main

SAYS = {
    "paywall": "The page asks for a subscription (paywall markup found: schema.org",
    "consent": "The page asks for consent before its text",
    "javascript": "The page needs JavaScript: its <noscript> says 'Turn on JavaScript",
    "empty": "The page is empty",
    "refused": "The server refused the request (HTTP 403): often a bot wall.",
    "pdf": "This is a PDF (application/pdf).",
    "image": "This is an image (image/png).",
}


@pytest.mark.parametrize("name", list(SAYS))
def test_no_article_is_exit_status_3_and_says_why(
    name: str, site: FixtureSite, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = serve_pages(site)[name]
    code = main(["--dump", "--cache-dir", str(cache_dir), url])
    out, err = capsys.readouterr()
    assert code == NO_ARTICLE_EXIT == 3
    assert out == ""
    assert err.startswith(f"tuireader: no article at {url}: {SAYS[name]}")
    assert err.endswith("Open it in a browser, or save the page and --dump the file.\n")
    assert err.count("\n") == 1


def test_a_saved_page_with_no_article_is_status_3_too(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "paywall.html"
    saved.write_text(PAYWALL, encoding="utf-8")
    assert main(["--dump", "--cache-dir", str(cache_dir), str(saved)]) == NO_ARTICLE_EXIT
    assert "paywall markup found" in capsys.readouterr().err


def test_an_empty_answer_of_no_type_is_an_empty_page(
    site: FixtureSite, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.add("/blank", b"", Content_Type="")
    assert main(["--dump", "--cache-dir", str(cache_dir), url]) == NO_ARTICLE_EXIT
    assert f"no article at {url}: The page is empty" in capsys.readouterr().err


def test_other_failures_keep_status_1(
    site: FixtureSite, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--dump", "--cache-dir", str(cache_dir), site.url("/missing")]) == 1
    assert "no article" not in capsys.readouterr().err


@pytest.mark.subprocess
def test_the_help_documents_the_exit_statuses(cache_dir: Path) -> None:
    result = run_cli("--help", cache_dir=cache_dir)
    assert result.returncode == 0
    assert "3 no article at this address" in result.stdout
