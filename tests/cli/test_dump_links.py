"""`--dump` of a front page: the page of links, by section, in every format."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli_runner import run_in_process
from support.fixture_site import FixtureSite


def test_dump_markdown_of_a_front_page(site: FixtureSite, cache_dir: Path) -> None:
    result = run_in_process("--dump", site.url("/front-page.html"), cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("# The Harbour Gazette\n")
    assert "## Top stories\n\n- [Harbour bridge reopens after two years of repairs](" in out
    assert (
        f"- [Shipyard books three new ferry orders]({site.url('/business/shipyard-orders')})" in out
    )
    assert "## Sport\n" in out and "no article found" not in result.stderr


def test_dump_text_of_a_front_page_numbers_the_stories(site: FixtureSite, cache_dir: Path) -> None:
    url = site.url("/front-page.html")
    result = run_in_process("--dump", "--format", "text", url, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Business" in lines
    at = lines.index(
        "4. Shipyard books three new ferry orders — The yard will hire sixty welders by spring."
    )
    assert lines[at + 1] == "   " + site.url("/business/shipyard-orders")


def test_dump_json_of_a_front_page_says_page_of_links(site: FixtureSite, cache_dir: Path) -> None:
    url = site.url("/front-page.html")
    result = run_in_process("--dump", "--format", "json", url, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert article["page_kind"] == "links"
    assert [link["text"] for link in article["body_links"]][:2] == [
        "Harbour bridge reopens after two years of repairs",
        "Night market moves to the old fish hall",
    ]
