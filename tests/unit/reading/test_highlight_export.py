"""Highlights out of the store and back: --dump and `cache export` JSON list them (found or
gone), the wallabag-json export writes Wallabag's own annotations with ranges that point into
the HTML it carries, and importing that file keeps them, once."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import lxml.html

from support.cli_runner import run_in_process
from tuireader.body import body_texts, with_body
from tuireader.body.quotes import Body, Place
from tuireader.cache import SavedRow, Store
from tuireader.extractor_version import EXTRACTOR_VERSION
from tuireader.interchange.read import read_import
from tuireader.interchange.write import write_export
from tuireader.models import Article, Highlight, Page, PageInfo
from tuireader.reading.list_files import exported_items, store_import

URL = "https://example.org/fog"
MARKDOWN = (
    "The harbour council met on Tuesday.\n\n"
    "## The bell\n\n"
    "The old *fog bell* rang twice before the ferry left.\n\n"
    "- one item\n- the second item, with [a link](https://example.org/l)\n\n"
    "> A quoted line."
)


def keep_article(store: Store) -> Article:
    article = with_body(
        Article(
            title="Fog",
            markdown=MARKDOWN,
            text=MARKDOWN,
            word_count=400,  # an article, as --dump judges it
            extractor_version=EXTRACTOR_VERSION,
        )
    )
    store.save(Page(PageInfo(url=URL, final_url=URL), "<p>x</p>"), article)
    return article


def highlight(store: Store, article: Article, passage: str, note: str = "") -> Highlight:
    texts = body_texts(article)
    block = next(i for i, text in enumerate(texts) if passage in text)
    start = texts[block].index(passage)
    quote = Body(texts).quote(Place(block, start, block, start + len(passage)))
    return store.add_highlight(Highlight(0, URL, *quote, note=note))


def test_dump_and_cache_export_json_list_highlights_found_or_gone(cache_dir: Path) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        article = keep_article(store)
        made = highlight(store, article, "fog bell rang twice", note="the keeper")
        gone = store.add_highlight(
            Highlight(0, URL, "words that were never here", "before ", " after")
        )
    for args in (("--dump", "--offline", "--format", "json", URL), ("cache", "export", URL)):
        done = run_in_process(*args, *(("--format", "json") if args[0] == "cache" else ()),
                              cache_dir=cache_dir)  # fmt: skip
        assert done.returncode == 0, done.stderr
        listed = json.loads(done.stdout)["highlights"]
        assert listed == [
            {
                "exact": "fog bell rang twice",
                "prefix": made.prefix,
                "suffix": made.suffix,
                "note": "the keeper",
                "created_at": made.created_at,
                "updated_at": made.updated_at,
                "found": True,
            },
            {
                "exact": "words that were never here",
                "prefix": "before ",
                "suffix": " after",
                "note": "",
                "created_at": gone.created_at,
                "updated_at": gone.updated_at,
                "found": False,
            },
        ]
    markdown = run_in_process("--dump", "--offline", URL, cache_dir=cache_dir)
    assert "the keeper" not in markdown.stdout


def test_wallabag_export_writes_annotations_that_point_into_its_html(cache_dir: Path) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        article = keep_article(store)
        store.save_urls([SavedRow(URL, "Fog")])
        highlight(store, article, "fog bell rang twice", note="the keeper")
        highlight(store, article, "second item, with a link")
        highlight(store, article, "quoted line")
        highlight(store, article, "The bell")
        store.add_highlight(Highlight(0, URL, "gone words", created_at="2024-01-01T00:00:00+00:00"))
        exported = write_export(exported_items(store, content=True), "wallabag-json")
    [entry] = json.loads(exported)
    notes = entry["annotations"]
    assert [note["quote"] for note in notes] == [
        "fog bell rang twice",
        "second item, with a link",
        "quoted line",
        "The bell",
        "gone words",
    ]
    assert set(notes[0]) == {
        "annotator_schema_version",
        "text",
        "quote",
        "created_at",
        "updated_at",
        "ranges",
    }
    assert notes[0]["text"] == "the keeper"
    assert notes[4]["ranges"] == [] and notes[4]["created_at"] == "2024-01-01T00:00:00+00:00"
    root = lxml.html.fragment_fromstring(entry["content"], create_parent="div")
    starts = [note["ranges"][0]["start"] for note in notes[:4]]
    assert starts == ["/p[2]", "/ul[1]/li[2]", "/blockquote[1]/p[1]", "/h2[1]"]
    for note in notes[:4]:
        [where] = note["ranges"]
        assert where["start"] == where["end"]
        [element] = root.xpath("." + where["start"])
        text = element.text_content()
        assert text[where["startOffset"] : where["endOffset"]] == note["quote"]


def test_an_exported_file_imported_again_keeps_its_highlights_once(
    cache_dir: Path, tmp_path: Path
) -> None:
    with closing(Store.in_directory(cache_dir)) as store:
        article = keep_article(store)
        store.save_urls([SavedRow(URL, "Fog")])
        made = highlight(store, article, "fog bell rang twice", note="the keeper")
        exported = write_export(exported_items(store, content=True), "wallabag-json")
    result = read_import(exported.encode())
    [item] = result.items
    [carried] = item.highlights
    assert (carried.quote, carried.note, carried.created, carried.updated) == (
        made.exact,
        made.note,
        made.created_at,
        made.updated_at,
    )
    other = tmp_path / "other"
    other.mkdir()
    with closing(Store.in_directory(other)) as fresh:
        store_import(fresh, result)
        store_import(fresh, result)  # twice: nothing more
        [kept] = fresh.highlights(URL)
        assert (kept.exact, kept.note, kept.created_at, kept.updated_at) == (
            made.exact,
            made.note,
            made.created_at,
            made.updated_at,
        )
        again = write_export(exported_items(fresh, content=True), "wallabag-json")
    [entry] = json.loads(again)
    [note] = entry["annotations"]
    assert (note["quote"], note["text"]) == ("fog bell rang twice", "the keeper")
    assert note["ranges"] and note["ranges"][0]["start"] == "/p[2]"  # found by its words alone
