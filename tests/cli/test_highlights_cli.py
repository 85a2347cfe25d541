"""`tuireader highlights` and `cache search` on a real store file: Markdown quotes by article,
page text and notes kept as data, filters, and one-line errors with their exit statuses."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from support.cli_runner import run_in_process
from tuireader.body import body_texts, with_body
from tuireader.body.quotes import Body, Place
from tuireader.cache import SavedRow, Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.models import Article, Highlight, Page, PageInfo

A = "https://example.org/fog"
B = "https://example.org/ferries"


def keep(store: Store, url: str, title: str, markdown: str) -> Article:
    article = with_body(
        Article(
            title=title,
            byline="Ines Duarte",
            published="2025-03-01T10:00:00+00:00",
            markdown=markdown,
            text=markdown,
            extractor_version=EXTRACTOR_VERSION,
        )
    )
    store.save(Page(PageInfo(url=url, final_url=url + "?final"), "<p>x</p>"), article)
    return article


def highlight(store: Store, url: str, article: Article, passage: str, note: str = "") -> None:
    texts = body_texts(article)
    block = next(i for i, text in enumerate(texts) if passage in text)
    start = texts[block].index(passage)
    quote = Body(texts).quote(Place(block, start, block, start + len(passage)))
    store.add_highlight(Highlight(0, url, *quote, note=note))


def test_highlights_print_as_markdown_quotes_by_article(cache_dir: Path) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        fog = keep(store, A, "Fog Over the Harbour", "The bell rang twice.\n\nThe ferry left.")
        ferries = keep(store, B, "Ferries", "Timetables changed in spring.")
        highlight(store, A, fog, "The bell rang twice.", note="Ask the keeper.\nAnd the mayor.")
        highlight(store, B, ferries, "Timetables changed")
        highlight(store, A, fog, "The ferry left.")
    done = run_in_process("highlights", cache_dir=cache_dir)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "## Fog Over the Harbour\n"
        "\n"
        f"— Ines Duarte, March 1, 2025, <{A}?final>\n"
        "\n"
        "> The bell rang twice.\n"
        "\n"
        "Ask the keeper.\n"
        "And the mayor.\n"
        "\n"
        "> The ferry left.\n"
        "\n"
        "## Ferries\n"
        "\n"
        f"— Ines Duarte, March 1, 2025, <{B}?final>\n"
        "\n"
        "> Timetables changed\n"
    )


def test_page_text_and_notes_are_data(cache_dir: Path) -> None:
    markdown = r"Some \*stars\* and a \<b\> tag in the text."
    with closing(Store.in_directory(cache_dir)) as store:
        article = keep(store, A, "A *bold* [title](x)", markdown)
        highlight(
            store,
            A,
            article,
            "*stars* and a <b>",
            note="# not a heading\n- not a list\x1b[31m red \x07\n[a](javascript:x) `code`\n"
            "12. not numbered\n3) nor this\n> no quote\n.5 stays",
        )
    done = run_in_process("highlights", cache_dir=cache_dir)
    assert done.returncode == 0
    out = done.stdout
    assert "\x1b" not in out and "\x07" not in out
    assert out.startswith(r"## A \*bold\* \[title\](x)")
    assert r"> \*stars\* and a \<b\>" in out
    assert "\\# not a heading\n\\- not a list\\[31m red\n\\[a\\](javascript:x) \\`code\\`" in out
    assert "\n12\\. not numbered\n3\\) nor this\n\\> no quote\n.5 stays\n" in out


def test_filters_by_tag_and_url(cache_dir: Path) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        fog = keep(store, A, "Fog", "The bell rang.")
        ferries = keep(store, B, "Ferries", "The ferry left.")
        highlight(store, A, fog, "The bell rang.")
        highlight(store, B, ferries, "The ferry left.")
        store.save_urls([SavedRow(B, tags=("sea",)), SavedRow(A, tags=("land",))])
    by_tag = run_in_process("highlights", "--tag", "#Sea", cache_dir=cache_dir)
    assert by_tag.returncode == 0 and by_tag.stdout.startswith("## Ferries")
    assert "Fog" not in by_tag.stdout
    by_url = run_in_process("highlights", "example.org/fog", cache_dir=cache_dir)
    assert by_url.returncode == 0 and by_url.stdout.startswith("## Fog")
    assert "Ferries" not in by_url.stdout
    both = run_in_process("highlights", "--tag", "sea", A, cache_dir=cache_dir)
    assert both.returncode == 1
    assert both.stderr == f"tuireader: no highlights in {A} (tagged 'sea')\n"


def test_errors_are_one_line_with_an_exit_status(cache_dir: Path) -> None:
    def run(*args: str) -> tuple[int, str]:
        done = run_in_process("highlights", *args, cache_dir=cache_dir)
        assert done.stdout == ""
        return done.returncode, done.stderr

    assert run() == (
        1,
        "tuireader: no highlights yet: make some in the reader (s selects a passage)\n",
    )
    with closing(Store.in_directory(cache_dir)) as store:
        keep(store, A, "Fog", "The bell rang.")
        store.save_urls([SavedRow(B, tags=("sea",))])
    assert run("--tag", "land") == (1, "tuireader: no article is tagged 'land'\n")
    assert run("--tag", "sea") == (1, "tuireader: no highlights in the articles tagged 'sea'\n")
    assert run("--tag", " # ") == (2, "tuireader: --tag '#' names no tag\n")
    assert run("https://example.org/unknown") == (
        1,
        "tuireader: https://example.org/unknown is not in the cache or on the reading list\n",
    )
    assert run(A) == (1, f"tuireader: no highlights in {A}\n")
    code, said = run("ftp://example.org/x")
    assert code == 2 and said.startswith("tuireader: unsupported scheme") and said.count("\n") == 1
    code, said = run("--bogus")
    assert code == 2 and said.startswith("tuireader: unrecognized arguments: --bogus")


def test_a_store_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    done = run_in_process("highlights", cache_dir=not_a_dir)
    assert done.returncode in (1, 2)
    assert done.stderr.startswith("tuireader: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_help_explains_the_command(cache_dir: Path) -> None:
    done = run_in_process("highlights", "--help", cache_dir=cache_dir)
    assert done.returncode == 0
    assert "usage: tuireader highlights [-h] [--tag T] [--cache-dir DIR] [URL]" in done.stdout
    assert "(no longer in the article)" in done.stdout
    main_help = run_in_process("--help", cache_dir=cache_dir)
    assert "tuireader highlights [--tag T] [URL]" in main_help.stdout


def test_cache_search_finds_notes_and_highlighted_passages(cache_dir: Path) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        fog = keep(store, A, "Fog Over the Harbour", "The bell rang twice.")
        highlight(store, A, fog, "The bell rang twice.", note="the keeper remembers a foghorn")
    by_note = run_in_process("cache", "search", "foghorn", cache_dir=cache_dir)
    assert by_note.returncode == 0
    assert by_note.stdout == (
        f"note\tFog Over the Harbour\t{A}?final\n    …keeper remembers a foghorn\n"
    )
    by_passage = run_in_process("cache", "search", "bell", cache_dir=cache_dir)
    lines = by_passage.stdout.splitlines()
    assert lines[-2:] == [f"highlight\tFog Over the Harbour\t{A}?final", "    The bell rang twice."]
    assert lines[0].endswith(f"\t{A}\t-\t-")  # the article itself, found as before
    none = run_in_process("cache", "search", "lighthouse", cache_dir=cache_dir)
    assert none.returncode == 1
    assert none.stderr == "tuireader: no cached article, highlight or note matches 'lighthouse'\n"


def test_an_article_gone_from_the_cache_keeps_its_highlights_listed(cache_dir: Path) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        fog = keep(store, A, "Fog | Harbour News", "The bell rang twice.")
        store.save_urls([SavedRow(A, "Fog, as saved")])
        highlight(store, A, fog, "The bell rang twice.", note="mine")
        listed = run_in_process("highlights", cache_dir=cache_dir).stdout
        assert listed.startswith("## Fog \\| Harbour News\n")  # no site name: kept whole
        store.remove(A)
    done = run_in_process("highlights", cache_dir=cache_dir)
    assert done.returncode == 0
    assert done.stdout == (
        "## Fog, as saved\n\n"
        f"— <{A}>\n\n"
        "> The bell rang twice.\n\n"
        "(the article is not in the cache: its passage could not be looked for)\n\n"
        "mine\n"
    )


def test_the_heading_drops_the_site_name_as_the_reader_does(cache_dir: Path) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        article = with_body(
            Article(
                title="Fog | Harbour News",
                site_name="Harbour News",
                markdown="The bell rang.",
                text="The bell rang.",
                extractor_version=EXTRACTOR_VERSION,
            )
        )
        store.save(Page(PageInfo(url=A, final_url=A), "<p>x</p>"), article)
        highlight(store, A, article, "The bell rang.")
    done = run_in_process("highlights", cache_dir=cache_dir)
    assert done.stdout.startswith(f"## Fog\n\n— <{A}>\n\n> The bell rang.\n")


def test_a_passage_across_paragraphs_is_one_quote(cache_dir: Path) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        article = keep(store, A, "Fog", "The bell rang twice.\n\nThe ferry left.")
        texts = body_texts(article)
        quote = Body(texts).quote(Place(0, 9, 1, 9))
        store.add_highlight(Highlight(0, A, *quote))
    done = run_in_process("highlights", cache_dir=cache_dir)
    assert "\n> rang twice.\n>\n> The ferry\n" in done.stdout
    assert "(no longer" not in done.stdout
