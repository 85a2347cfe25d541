"""Nothing a page sends writes outside the cache: titles and URLs never become file paths.

The store keys articles by URL as SQLite values only; import reads the files it is given and
export writes to stdout. Pages titled like paths ("../", "/", NUL, very long) are fetched,
imported and exported, and every file under tmp_path is compared before and after.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.cli_runner import run_cli, run_in_process
from support.fixture_site import FixtureSite
from support.hostile_page import PAYLOAD, serve_hostile

pytestmark = pytest.mark.subprocess

TRAVERSAL = "../../../../../tmp/tuireader-escape/..\\..\\/etc/passwd\x00/" + "a" * 4000


def files_under(root: Path) -> dict[Path, int]:
    """Every file under `root` (hidden ones included) with its modification time."""
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            found[path] = path.stat().st_mtime_ns
    return found


def traversal_page(base: str) -> str:
    return (
        f"<!doctype html><html><head><title>{TRAVERSAL}</title>"
        f'<meta property="og:title" content="/etc/{TRAVERSAL}">'
        f'<meta property="og:site_name" content="../{TRAVERSAL}">'
        f'<link rel="canonical" href="{base}/../../{TRAVERSAL}%00.html"></head>'
        f"<body><article><h1>/{TRAVERSAL}</h1>"
        + f"<p>A paragraph {PAYLOAD} with enough words to read as article prose.</p>" * 3
        + "</article></body></html>"
    )


@pytest.mark.slow
def test_fetch_import_and_export_write_only_the_cache(
    site: FixtureSite, tmp_path: Path, cache_dir: Path
) -> None:
    raw_url, refs_url = serve_hostile(site)
    page_url = site.add("/traversal.html", traversal_page(site.base))
    work = tmp_path / "work"
    work.mkdir()
    saved_html = tmp_path / "saved" / "page.html"
    saved_md = tmp_path / "saved" / "notes.md"
    saved_html.parent.mkdir()
    saved_html.write_text(traversal_page("https://example.org"), encoding="utf-8")
    saved_md.write_text(
        f"# ../../{TRAVERSAL}\n\nSome text {PAYLOAD}\n\n"
        f"Original url: https://example.org/../../etc/passwd/{'a' * 3000}\n",
        encoding="utf-8",
    )
    before = files_under(tmp_path)

    for url in (raw_url, refs_url, page_url):
        assert run_cli("--dump", url, cache_dir=cache_dir, cwd=work).returncode == 0
    imported = run_in_process(
        "cache", "import", str(saved_html), str(saved_md), cache_dir=cache_dir, cwd=work
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.count("imported") == 2
    urls = [
        line.split("\t")[3]  # fetched, site, title, URL, state, tags
        for line in run_in_process("cache", "list", cache_dir=cache_dir).stdout.splitlines()
    ]
    assert page_url in urls and len(urls) >= 5
    for url in urls:
        for fmt in ("markdown", "text", "json", "html"):
            exported = run_in_process(
                "cache", "export", url, "--format", fmt, cache_dir=cache_dir, cwd=work
            )
            assert exported.returncode == 0 and exported.stdout, (url, fmt, exported.stderr)

    after = files_under(tmp_path)
    changed = {path for path, mtime in after.items() if before.get(path) != mtime}
    assert changed, "the cache was written"
    outside = sorted(str(path) for path in changed if cache_dir not in path.parents)
    assert not outside
    assert {path.name.split(".sqlite3")[0] for path in changed} == {"tuireader"}
    assert not list(work.iterdir())
    assert not Path("/tmp/tuireader-escape").exists()
