"""`tuireader cache ...`: every subcommand, plus imports and errors.

Each runs through the real `main` (in this process where a process would add nothing); as a
started process where the test is about one: a terminal, a closed pipe, what gets imported.
"""

from __future__ import annotations

import json
import math
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from support.cli_runner import command, env_for, run_cli, run_in_process
from support.fixture_site import FIXTURES, FixtureSite
from support.paths import FIXTURE_DIR, REPO_CACHE
from support.sample_article import CAPTION, PARAGRAPHS, RELATED_TITLE, SAMPLE_URL, TITLE
from tuireader.cache import Store
from tuireader.cli.cache import main
from tuireader.extract.pipeline import extract_article
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.formatting import human_size
from tuireader.models import Article, Image, Link, Page, PageInfo
from tuireader.paths import store_path

SEED = FIXTURE_DIR / "seed-article.md"
SAMPLE_FILE = "themoscowtimes-2024-12-05-russia-north-korea-defense-pact.html"
ARTICLE_HTML = FIXTURES / "article.html"
GAZETTE_URL = "https://gazette.example.org/2025/10/14/fog-harbour"
# fetched, site, title, URL, then the reading list's state and tags ("-" when none)
LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d\t[^\t]+\t[^\t]+\thttps?://\S+\t[^\t]+\t[^\t]+$")
SIZE = r"(?:\d+ B|\d+\.\d [KM]iB)"  # formatting.human_size
SUMMARY = re.compile(rf"^(\d+) articles?, \d+\.\d MiB on disk(?: \({SIZE} per article\))?$")


def run_cache(*args: str, cache_dir: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_in_process("cache", *args, cache_dir=cache_dir, stdin=stdin)


def run_in_terminal(*args: str, cache_dir: Path, typed: bytes = b"") -> tuple[int, str]:
    """Run `tuireader cache ARGS` with a pseudo-terminal as stdin, stdout and stderr."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        command("cache", *args), stdin=slave, stdout=slave, stderr=slave, env=env_for(cache_dir)
    )
    os.close(slave)
    if typed:
        os.write(master, typed)
    output = b""
    while select.select([master], [], [], 60)[0]:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return process.wait(timeout=60), output.decode("utf-8", "replace")


def save(
    cache_dir: Path,
    url: str,
    title: str,
    text: str = "Some words of the article.",
    *,
    site: str = "",
    fetched_at: str = "2026-01-02T03:04:05+00:00",
) -> None:
    store = Store.in_directory(cache_dir)
    try:
        page = Page(PageInfo(url, url, fetched_at=fetched_at), f"<html><p>{text}</p></html>")
        article = Article(
            title=title,
            site_name=site,
            markdown=text,
            text=text,
            word_count=len(text.split()),
            extractor_version=EXTRACTOR_VERSION,
        )
        store.save(page, article)
    finally:
        store.close()


def load(cache_dir: Path, url: str) -> tuple[PageInfo, Article]:
    store = Store.in_directory(cache_dir)
    try:
        found = store.load(url)
    finally:
        store.close()
    assert found is not None, f"{url} is not cached"
    return found


def cached_urls(cache_dir: Path) -> list[str]:
    store = Store.in_directory(cache_dir)
    try:
        return [entry.url for entry in store.library()]
    finally:
        store.close()


def in_order(text: str, parts: list[str]) -> bool:
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


# list -----------------------------------------------------------------------------------------


@pytest.mark.subprocess
def test_list_prints_fetched_pages_one_line_each(site: FixtureSite, cache_dir: Path) -> None:
    first, second = site.url("/article.html"), site.url("/second.html")
    for url in (first, second):
        dumped = subprocess.run(
            command("--dump", url), capture_output=True, env=env_for(cache_dir), timeout=60
        )
        assert dumped.returncode == 0, dumped.stderr
    result = run_cache("list", cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    rows = {line.split("\t")[3]: line.split("\t") for line in lines}
    assert set(rows) == {first, second, SAMPLE_URL}  # --dump also imports the shipped sample
    assert rows[first][1:3] == [
        "The Eastwick Gazette",
        "Fog Rolls In Earlier Each Year, Harbour Town Says",
    ]
    summary = SUMMARY.match(result.stderr.strip())
    assert summary is not None, result.stderr
    assert summary.group(1) == "3"


@pytest.mark.parametrize(
    ("sort", "titles"),
    [
        ("fetched", ["Gamma", "alpha", "Beta"]),
        ("title", ["alpha", "Beta", "Gamma"]),
        ("site", ["Beta", "Gamma", "alpha"]),
    ],
)
def test_list_sorts(
    sort: str, titles: list[str], cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save(cache_dir, "https://a.example/1", "alpha", site="zeta", fetched_at="2026-01-02T00:00:00")
    save(cache_dir, "https://b.example/2", "Beta", site="Able", fetched_at="2026-01-01T00:00:00")
    save(cache_dir, "https://c.example/3", "Gamma", site="mid", fetched_at="2026-01-03T00:00:00")
    assert main(["list", "--sort", sort, "--cache-dir", str(cache_dir)]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[2] for line in out.splitlines()] == titles
    assert err.startswith("3 articles, ")


def test_list_of_an_empty_cache(cache_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--cache-dir", str(cache_dir), "list"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert SUMMARY.match(err.strip()) and err.startswith("0 articles, ")


# search ---------------------------------------------------------------------------------------


def test_search_prints_matches_with_a_plain_snippet_when_piped(cache_dir: Path) -> None:
    save(cache_dir, "https://a.example/fog", "Harbour news", "The lighthouse keeper saw fog.")
    save(cache_dir, "https://b.example/ferry", "Ferry news", "The ferry runs in winter.")
    result = run_cache("search", "lighthouse", cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert LINE.match(lines[0]) and lines[0].endswith("\thttps://a.example/fog\t-\t-")
    assert lines[1] == "    The lighthouse keeper saw fog."


@pytest.mark.subprocess
def test_search_highlights_matches_in_bold_on_a_terminal(cache_dir: Path) -> None:
    save(cache_dir, "https://a.example/fog", "Harbour news", "The lighthouse keeper saw fog.")
    code, output = run_in_terminal("search", "lighthouse", cache_dir=cache_dir)
    assert code == 0, output
    assert "The \x1b[1mlighthouse\x1b[22m keeper saw fog." in output


def test_search_with_no_match_says_so(cache_dir: Path) -> None:
    save(cache_dir, "https://a.example/fog", "Harbour news", "The lighthouse keeper saw fog.")
    result = run_cache("search", "volcano", cache_dir=cache_dir)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "tuireader: no cached article, highlight or note matches 'volcano'\n"


# show -----------------------------------------------------------------------------------------


@pytest.mark.subprocess
def test_show_prints_where_the_article_came_from(site: FixtureSite, cache_dir: Path) -> None:
    url = site.url("/article.html")
    assert run_cli("--dump", url, cache_dir=cache_dir).returncode == 0
    result = run_cache("show", url, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    fields = dict(line.split(":", 1) for line in result.stdout.splitlines())
    fields = {key: value.strip() for key, value in fields.items()}
    assert fields["title"] == "Fog Rolls In Earlier Each Year, Harbour Town Says"
    assert fields["url"] == url and fields["final url"] == url
    assert fields["site"] == "The Eastwick Gazette"
    assert fields["published"].startswith("2025-10-14")
    assert fields["status"] == "200"
    assert fields["content type"].startswith("text/html")
    assert fields["extractor"] == EXTRACTOR_VERSION
    assert re.fullmatch(r"[\d,]+ \(\d+ min read\)", fields["words"])
    assert re.fullmatch(rf"{SIZE} in the cache", fields["size"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", fields["fetched"])


def test_show_finds_a_url_typed_without_https(
    cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save(cache_dir, "https://a.example/story", "A story")
    assert main(["show", "a.example/story", "--cache-dir", str(cache_dir)]) == 0
    assert "title:         A story\n" in capsys.readouterr().out


# remove, clear, path --------------------------------------------------------------------------


def test_remove_forgets_the_article(cache_dir: Path) -> None:
    save(cache_dir, "https://a.example/1", "One")
    save(cache_dir, "https://a.example/2", "Two")
    result = run_cache("remove", "https://a.example/1", cache_dir=cache_dir)
    assert (result.returncode, result.stdout) == (0, "removed https://a.example/1\n")
    assert cached_urls(cache_dir) == ["https://a.example/2"]
    again = run_cache("remove", "https://a.example/1", cache_dir=cache_dir)
    assert again.returncode == 1
    assert again.stderr == "tuireader: https://a.example/1 is not in the cache\n"


def test_clear_needs_yes_when_stdin_is_not_a_terminal(cache_dir: Path) -> None:
    save(cache_dir, "https://a.example/1", "One")
    refused = run_cache("clear", cache_dir=cache_dir, stdin="y\n")
    assert refused.returncode == 2
    assert refused.stderr.startswith("tuireader: ") and "--yes" in refused.stderr
    assert cached_urls(cache_dir) == ["https://a.example/1"]
    cleared = run_cache("clear", "--yes", cache_dir=cache_dir)
    assert (cleared.returncode, cleared.stdout) == (0, "removed 1 article\n")
    assert cached_urls(cache_dir) == []


@pytest.mark.subprocess
@pytest.mark.parametrize(("typed", "code", "left"), [(b"n\n", 1, 2), (b"y\n", 0, 0)])
def test_clear_asks_on_a_terminal(typed: bytes, code: int, left: int, cache_dir: Path) -> None:
    save(cache_dir, "https://a.example/1", "One")
    save(cache_dir, "https://a.example/2", "Two")
    returncode, output = run_in_terminal("clear", cache_dir=cache_dir, typed=typed)
    assert returncode == code, output
    assert "Remove all 2 cached articles from " in output
    assert len(cached_urls(cache_dir)) == left


def test_path_prints_the_store_file_without_creating_it(cache_dir: Path) -> None:
    result = run_cache("path", cache_dir=cache_dir)
    assert (result.returncode, result.stdout) == (0, f"{store_path(cache_dir)}\n")
    assert not store_path(cache_dir).exists()


# import ---------------------------------------------------------------------------------------


def test_import_the_seed_markdown_article(tmp_path: Path, cache_dir: Path) -> None:
    result = run_cache("import", str(SEED), cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"imported {TITLE} <{SAMPLE_URL}>\n"
    info, article = load(cache_dir, SAMPLE_URL)
    assert (info.url, info.final_url, info.status) == (SAMPLE_URL, SAMPLE_URL, 200)
    assert info.content_type == "text/markdown"
    assert article.title == TITLE
    assert article.published == "2024-12-05"
    assert article.canonical_url == SAMPLE_URL
    assert article.site_name == "themoscowtimes.com"
    assert in_order(article.text, PARAGRAPHS)
    assert in_order(article.markdown, PARAGRAPHS)
    for gone in (
        TITLE,
        "December 05, 2024",
        RELATED_TITLE,
        "Related article",
        "Original url",
        "kremlin.ru",
    ):
        assert gone not in article.markdown, gone
        assert gone not in article.text, gone
    assert "entered into force Wednesday" in article.markdown  # the "#" link, unwrapped
    assert "](#)" not in article.markdown
    assert article.text.endswith("they say.\n\nAFP contributed reporting")  # stays, as in HTML
    assert article.lead_image == Image(caption=CAPTION, credit="kremlin.ru")  # its picture lost
    assert article.body_links == ()
    assert article.related_links == ()  # its link went to "#": dropped, not lifted
    assert article.credits == ("Photo: kremlin.ru", "AFP contributed reporting")
    assert article.word_count == len(article.text.split()) > 300
    assert article.reading_minutes == math.ceil(article.word_count / 230)


def seed_linked_as_the_sample() -> str:
    """The seed with its "#" links pointing where the shipped HTML sample's point: the search."""
    return re.sub(
        r"\[([^\]]+)\]\(#\)",
        lambda m: f"[{m[1]}](/search?query={quote_plus(m[1])})",
        SEED.read_text(encoding="utf-8"),
    )


@pytest.mark.parametrize("linked", [True, False], ids=["sample-links", "hash-links"])
def test_an_imported_seed_reads_as_the_html_sample_extracts(
    linked: bool, tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One finisher: related box, credits, text and counts as the HTML path gives them."""
    html = (REPO_CACHE / SAMPLE_FILE).read_text(encoding="utf-8")
    seed = tmp_path / "seed.md"
    if linked:
        seed.write_text(seed_linked_as_the_sample(), encoding="utf-8")
    else:  # the saved text as it is, and the sample with the same "#" targets
        shutil.copy(SEED, seed)
        html = re.sub(r'href="https://www\.themoscowtimes\.com/search[^"]*"', 'href="#"', html)
    assert main(["import", str(seed), "--cache-dir", str(cache_dir)]) == 0
    capsys.readouterr()
    _, imported = load(cache_dir, SAMPLE_URL)
    extracted = extract_article(html, SAMPLE_URL)
    assert imported.related_links == extracted.related_links
    assert bool(imported.related_links) == linked
    assert imported.body_links == extracted.body_links
    assert (
        imported.credits == extracted.credits == ("Photo: kremlin.ru", "AFP contributed reporting")
    )
    assert imported.text == extracted.text
    assert imported.word_count == extracted.word_count == len(extracted.text.split())
    assert imported.reading_minutes == extracted.reading_minutes == 2
    assert imported.lead_image is not None and extracted.lead_image is not None
    assert imported.lead_image.caption == extracted.lead_image.caption == CAPTION


@pytest.mark.subprocess
def test_an_imported_article_reads_offline(cache_dir: Path) -> None:
    assert run_cache("import", str(SEED), cache_dir=cache_dir).returncode == 0
    env = env_for(cache_dir)
    dumped = subprocess.run(
        command("--dump", "--offline", SAMPLE_URL), capture_output=True, text=True, env=env
    )
    assert dumped.returncode == 0, dumped.stderr
    assert dumped.stdout.startswith(f"# {TITLE}\n\n*December 5, 2024*\n")
    assert dumped.stdout.startswith(
        f"# {TITLE}\n\n*December 5, 2024*\n\n> {CAPTION} (kremlin.ru)\n"
    )
    assert in_order(dumped.stdout, [*PARAGRAPHS, "AFP contributed reporting", "## Credits"])
    assert "## Credits\n\n- Photo: kremlin.ru\n- AFP contributed reporting\n" in dumped.stdout
    as_json = subprocess.run(
        command("--dump", "--offline", "--format", "json", SAMPLE_URL),
        capture_output=True,
        text=True,
        env=env,
    )
    assert json.loads(as_json.stdout)["page"]["content_type"] == "text/markdown"  # not the sample


def test_import_markdown_lifts_an_http_related_link(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "note.markdown"
    note.write_text(
        "# A *Small* Story\n\n2025-03-04\n\nIt has a [relative link](/more) and **bold** words.\n\n"
        "**Related article:** [The Bigger Story](https://news.example.org/big)\n\n"
        "Last paragraph.\n\n*Reporting by Reuters*\n\nOriginal url: <https://news.example.org/small>\n"
    )
    assert main(["import", str(note), "--cache-dir", str(cache_dir)]) == 0
    assert capsys.readouterr().out == "imported A Small Story <https://news.example.org/small>\n"
    _, article = load(cache_dir, "https://news.example.org/small")
    assert article.published == "2025-03-04"
    assert article.related_links == (
        Link("https://news.example.org/big", "The Bigger Story", "related"),
    )
    assert article.body_links == (Link("https://news.example.org/more", "relative link", "body"),)
    assert article.credits == ("Reporting by Reuters",)
    assert article.text == (  # the agency line stays in the body, as extraction keeps it
        "It has a relative link and bold words.\n\nLast paragraph.\n\nReporting by Reuters"
    )


def test_import_a_saved_page_under_its_canonical_url(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "fog.html"
    shutil.copy(ARTICLE_HTML, saved)
    assert main(["import", str(saved), "--cache-dir", str(cache_dir)]) == 0
    title = "Fog Rolls In Earlier Each Year, Harbour Town Says"
    assert capsys.readouterr().out == f"imported {title} <{GAZETTE_URL}>\n"
    info, article = load(cache_dir, GAZETTE_URL)
    assert (info.content_type, info.status) == ("text/html", 200)
    assert article.title == title and article.extractor_version == EXTRACTOR_VERSION


def test_import_a_page_without_a_url_needs_url(tmp_path: Path, cache_dir: Path) -> None:
    saved = tmp_path / "ferry.htm"
    shutil.copy(FIXTURES / "second.html", saved)
    failed = run_cache("import", str(saved), cache_dir=cache_dir)
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.startswith("tuireader: ") and "--url" in failed.stderr
    given = run_cache(
        "import", str(saved), "--url", "https://ferry.example/winter", cache_dir=cache_dir
    )
    assert given.returncode == 0, given.stderr
    assert (
        given.stdout
        == "imported Island Ferry Adds a Winter Timetable <https://ferry.example/winter>\n"
    )


def test_import_reports_each_failure_and_keeps_going(tmp_path: Path, cache_dir: Path) -> None:
    unknown = tmp_path / "notes.pdf"
    unknown.write_text("x")
    result = run_cache(
        "import", str(tmp_path / "missing.md"), str(unknown), str(SEED), cache_dir=cache_dir
    )
    assert result.returncode == 1
    assert result.stdout == f"imported {TITLE} <{SAMPLE_URL}>\n"
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and all(line.startswith("tuireader: ") for line in errors)
    assert "cannot read" in errors[0] and "missing.md" in errors[0]
    assert "notes.pdf" in errors[1]
    assert "Traceback" not in result.stderr


def test_import_url_is_for_a_single_file(cache_dir: Path) -> None:
    result = run_cache(
        "import", str(SEED), str(SEED), "--url", "https://a.example/", cache_dir=cache_dir
    )
    assert result.returncode == 2
    assert result.stderr.startswith("tuireader: --url")
    assert cached_urls(cache_dir) == []


# export ---------------------------------------------------------------------------------------


def test_export_markdown_and_json(cache_dir: Path) -> None:
    assert run_cache("import", str(SEED), cache_dir=cache_dir).returncode == 0
    markdown = run_cache("export", SAMPLE_URL, "--format", "markdown", cache_dir=cache_dir)
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith(f"# {TITLE}\n")
    assert in_order(markdown.stdout, PARAGRAPHS)
    as_json = run_cache("export", SAMPLE_URL, "--format", "json", cache_dir=cache_dir)
    data = json.loads(as_json.stdout)
    assert data["state"] == "cached"
    assert data["article"]["credits"] == ["Photo: kremlin.ru", "AFP contributed reporting"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["export", "https://a.example/none"],
            1,
            "tuireader: https://a.example/none is not in the cache",
        ),
        (
            ["show", "https://a.example/none"],
            1,
            "tuireader: https://a.example/none is not in the cache",
        ),
        (["export", "https://a.example/1", "--format", "pdf"], 2, "invalid choice: 'pdf'"),
        (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
        ([], 2, "required: COMMAND"),
    ],
)
def test_errors_are_one_line_with_an_exit_status(
    args: list[str], code: int, message: str, cache_dir: Path
) -> None:
    save(cache_dir, "https://a.example/1", "One")
    result = run_cache(*args, cache_dir=cache_dir)
    assert result.returncode == code
    assert message in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_an_unreadable_cache_is_one_line(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result = run_cache("list", cache_dir=blocked)
    assert result.returncode == 1
    assert result.stderr.startswith("tuireader: cannot open the cache at ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.subprocess
def test_a_closed_pipe_is_not_an_error(cache_dir: Path) -> None:
    for n in range(3):
        save(cache_dir, f"https://a.example/{n}", f"Article {n}")
    read_end, write_end = os.pipe()
    os.close(read_end)
    result = subprocess.run(
        command("cache", "list"), stdout=write_end, stderr=subprocess.PIPE, env=env_for(cache_dir)
    )
    os.close(write_end)
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr


# page text is data ----------------------------------------------------------------------------


def test_control_characters_in_a_title_never_reach_stdout(cache_dir: Path) -> None:
    hostile = "Evil\x1b]0;pwned\x07 \x1b[31mred\x9b2J\u202eTitle\r\n\tend"
    save(
        cache_dir,
        "https://a.example/x",
        hostile,
        "hostile \x1b[31mwords\x07 here",
        site="Bad\x1b[5mSite",
    )
    for args in (
        ["list"],
        ["search", "hostile"],
        ["show", "https://a.example/x"],
        ["export", "https://a.example/x"],
        ["export", "https://a.example/x", "--format", "text"],
        ["export", "https://a.example/x", "--format", "json"],
        ["remove", "https://a.example/x"],
    ):
        result = run_cache(*args, cache_dir=cache_dir)
        assert result.returncode == 0, (args, result.stderr)
        for unsafe in ("\x1b", "\x07", "\x9b", "\u202e", "\r"):
            assert unsafe not in result.stdout, (args, unsafe)
            assert unsafe not in result.stderr, (args, unsafe)
        if args == ["list"]:
            assert result.stdout.split("\t")[1:3] == [
                "Bad [5mSite",
                "Evil ]0;pwned [31mred 2J Title end",
            ]


def test_imported_markdown_is_cleaned(tmp_path: Path, cache_dir: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(
        "# Ti\x1b[2Jtle\n\nBody \x07text\u202e here.\n\nOriginal url: <https://a.example/n>\n"
    )
    assert run_cache("import", str(note), cache_dir=cache_dir).returncode == 0
    _, article = load(cache_dir, "https://a.example/n")
    assert article.title == "Ti[2Jtle"
    assert article.markdown == article.text == "Body text here."


# wiring ---------------------------------------------------------------------------------------


def test_the_main_command_hands_cache_over(
    cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tuireader.cli.main import main as tuireader_main

    assert tuireader_main(["cache", "path", "--cache-dir", str(cache_dir)]) == 0
    assert capsys.readouterr().out == f"{store_path(cache_dir)}\n"
    assert tuireader_main(["cache", "--help"]) == 0
    assert "import" in capsys.readouterr().out


def test_main_help_mentions_the_cache_command(cache_dir: Path) -> None:
    result = run_in_process("--help", cache_dir=cache_dir)
    assert result.returncode == 0
    assert "tuireader cache list|search|show|remove|clear|path|import|export" in result.stdout
    assert "manage the cache (tuireader cache --help)" in result.stdout


def test_subcommands_explain_themselves(cache_dir: Path) -> None:
    result = run_cache("--help", cache_dir=cache_dir)
    assert result.returncode == 0
    for name in ("list", "search", "show", "remove", "clear", "path", "import", "export"):
        assert re.search(rf"^\s+{name}\s+\w+", result.stdout, re.M), name


PROBE = """
import sys
from pathlib import Path
from tuireader.cache import Store
from tuireader.cli.cache import main
assert main(["import", sys.argv[1], "--cache-dir", sys.argv[2]]) == 0
print(" ".join(sorted(sys.modules)))
"""


@pytest.mark.subprocess
def test_cache_command_and_markdown_import_stay_light(cache_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(SEED), str(cache_dir)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    modules = result.stdout.splitlines()[-1].split()
    assert "tuireader.cache.ingest" in modules
    # The extractor's finisher gives an imported article the extracted one's rules: lxml comes
    # with it, but neither the network nor the charset sniffer does.
    heavy = [m for m in modules if m.split(".")[0] in ("httpx", "bs4")]
    assert heavy == [] and "tuireader.extract.finish" in modules


def test_sizes_are_written_in_binary_units_by_one_rule() -> None:
    assert [human_size(n) for n in (512, 3482, 5 * 1024 * 1024 + 300_000)] == [
        "512 B",
        "3.4 KiB",
        "5.3 MiB",
    ]
