"""The command line: --dump in every format, --offline, local files, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli_runner import run_cli
from support.fixture_site import FixtureSite
from support.paths import FIXTURE_DIR
from support.sample_article import CAPTION, FURNITURE, PARAGRAPHS, RELATED_TITLE, SAMPLE_URL, TITLE
from tuireader.cli.main import main


def in_order(text: str, parts: list[str]) -> bool:
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


@pytest.mark.subprocess
def test_dump_markdown_of_the_sample(site: FixtureSite, cache_dir: Path) -> None:
    result = run_cli("--dump", site.url("/sample.html"), cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"# {TITLE}\n")
    assert "December 5, 2024" in out
    assert CAPTION.replace(".", "\\.") in out or CAPTION in out
    assert in_order(out, PARAGRAPHS)
    body = out.split("## Related")[0]
    assert RELATED_TITLE not in body
    assert "[entered into force](" in body
    for furniture in FURNITURE:
        assert furniture.lower() not in body.lower(), furniture
    related, credits = out.split("## Related")[1].split("## Credits")
    assert RELATED_TITLE in related
    assert "kremlin.ru" in credits and "AFP contributed reporting" in credits


@pytest.mark.subprocess
def test_dump_text_of_the_sample(site: FixtureSite, cache_dir: Path) -> None:
    result = run_cli("--dump", "--format", "text", site.url("/sample.html"), cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == TITLE
    assert in_order(
        out, [TITLE, "December 5, 2024", CAPTION, *PARAGRAPHS, "Related:", RELATED_TITLE]
    )
    assert "](" not in out and "**" not in out
    assert "AFP contributed reporting" in out.split("Credits:")[1]


@pytest.mark.subprocess
def test_dump_json_of_the_sample(site: FixtureSite, cache_dir: Path) -> None:
    result = run_cli("--dump", "--format", "json", site.url("/sample.html"), cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    article = data["article"]
    assert article["title"] == TITLE
    assert article["published"].startswith("2024-12-05")
    assert article["site_name"] == "The Moscow Times"
    assert article["byline"] == "The Moscow Times"
    assert article["lead_image"]["caption"] == CAPTION
    assert "kremlin.ru" in article["lead_image"]["credit"]
    assert in_order(article["text"], PARAGRAPHS)
    assert [link["text"] for link in article["related_links"]] == [RELATED_TITLE]
    assert all(link["kind"] == "related" for link in article["related_links"])
    assert "entered into force" in [link["text"] for link in article["body_links"]]
    assert any("kremlin.ru" in c for c in article["credits"])
    assert "AFP contributed reporting" in article["credits"]
    assert article["word_count"] > 300 and article["reading_minutes"] >= 1
    assert data["page"]["url"] == site.url("/sample.html")
    assert data["page"]["status"] == 200
    assert data["state"] == "fresh"


@pytest.mark.subprocess
def test_dump_offline_reads_the_cache_only(
    site: FixtureSite, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = site.url("/article.html")
    missing = run_cli("--dump", "--offline", url, cache_dir=cache_dir)
    assert missing.returncode == 1
    assert missing.stderr.startswith("tuireader: ") and "not in the cache" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    assert run_cli("--dump", url, cache_dir=cache_dir).returncode == 0
    site.stop()
    offline = run_cli("--dump", "--offline", "--format", "text", url, cache_dir=cache_dir)
    config = cache_dir / "config.toml"
    config.write_text('[cache]\nmax_age = "0s"\n')  # revalidate every time: the fetch is tried
    monkeypatch.setenv("TUIREADER_CONFIG", str(config))
    assert offline.returncode == 0 and "Harbour master Tomas Reyes" in offline.stdout
    fallback = run_cli("--dump", url, cache_dir=cache_dir)
    assert fallback.returncode == 0 and "Harbour master Tomas Reyes" in fallback.stdout
    assert "showing the copy cached" in fallback.stderr


@pytest.mark.subprocess
def test_dump_the_bundled_sample_with_no_network(cache_dir: Path) -> None:
    result = run_cli("--dump", "--offline", SAMPLE_URL, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"# {TITLE}")


def test_dump_a_local_file(capsys: pytest.CaptureFixture[str], cache_dir: Path) -> None:
    path = FIXTURE_DIR / "site" / "second.html"
    assert main(["--dump", "--format", "text", "--cache-dir", str(cache_dir), str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Island Ferry Adds a Winter Timetable\n")
    assert "Passengers with season tickets" in out


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--dump", "ftp://example.org/x"], "unsupported scheme", 2),
        (["--dump"], "needs a URL", 2),
        (["javascript:alert(1)"], "unsupported scheme", 2),
    ],
)
def test_bad_input_is_one_line_and_non_zero(
    args: list[str], message: str, code: int, cache_dir: Path
) -> None:
    result = run_cli(*args, cache_dir=cache_dir)
    assert result.returncode == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.subprocess
def test_http_error_exit(site: FixtureSite, cache_dir: Path) -> None:
    result = run_cli("--dump", site.url("/missing"), cache_dir=cache_dir)
    assert result.returncode == 1
    assert "404" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.subprocess
def test_help_explains(cache_dir: Path) -> None:
    result = run_cli("--help", cache_dir=cache_dir)
    assert result.returncode == 0
    for words in (
        "--offline",
        "--dump",
        "--format",
        "--cache-dir",
        "TUIREADER_CACHE_DIR",
        "library",
    ):
        assert words in result.stdout
