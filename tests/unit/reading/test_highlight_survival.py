"""Highlights survive what happens to an article after they were made, with real parts: a page
served from 127.0.0.1, fetched and extracted by the Reader, kept in a store file, the highlight
made through Reader.highlights with a Quote of body.quotes. Then (a) a newer extractor
re-extracts the stored page into other paragraphs, (b) a refetch brings a changed page that
still holds the passage, (c) a refetch brings a page without it: kept, and listed as gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli_runner import run_in_process
from support.fixture_site import FixtureSite
from tuireader.body import body_texts
from tuireader.body.quotes import Body, Place
from tuireader.cache import Store
from tuireader.extract import page as extract_page
from tuireader.models import Article, Highlight, Page
from tuireader.reading import reader as reader_module
from tuireader.reading.reader import Reader
from tuireader.settings import Settings

ALWAYS_CHECK = Settings(max_age_seconds=0)  # every open refetches
PASSAGE = "the harbour’s old fog bell rang twice before the ferry left"
OTHERS = [
    "The town council met on Tuesday to talk about the ferries and the pier.",
    "Nobody at the meeting agreed on what the new timetable should be.",
    f"Early in the morning {PASSAGE}, as it has done for a century.",
    "The mayor promised a vote on the timetable before the end of spring.",
    "Fishermen said the fog now comes a month earlier than it used to.",
]


def page(paragraphs: list[str], title: str = "Fog Over the Harbour") -> str:
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        '<meta name="author" content="Ines Duarte"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def make_highlight(reader: Reader, url: str, passage: str, note: str) -> Highlight:
    """A highlight of `passage` as the reader makes one: a Place in the body blocks, quoted."""
    reading = reader.open(url)
    texts = body_texts(reading.article)
    block = next(i for i, text in enumerate(texts) if passage in text)
    start = texts[block].index(passage)
    quote = Body(texts).quote(Place(block, start, block, start + len(passage)))
    return reader.highlights.add(url, quote, note=note)


def passage_now(reader: Reader, url: str) -> tuple[int, str] | None:
    """(paragraph, text) of the one highlight of `url` in the article as the reader opens it."""
    reading = reader.open(url)
    [(_, place)] = reader.highlights.placed(url, reading.article)
    if place is None:
        return None
    texts = body_texts(reading.article)
    assert place.first == place.last
    return place.first, texts[place.first][place.start : place.end]


@pytest.fixture
def reader(cache_dir: Path) -> Reader:
    return Reader(Store.in_directory(cache_dir), settings=ALWAYS_CHECK)


def test_a_highlight_survives_a_newer_extractor(
    site: FixtureSite, reader: Reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = site.add("/fog.html", page(OTHERS))
    made = make_highlight(reader, url, PASSAGE, "the bell")
    assert passage_now(reader, url) == (2, PASSAGE)
    site.stop()  # no refetch: the stored page is extracted again

    real = extract_page.article_from_page

    def newer_extractor(fetched: Page) -> Article:
        """Another reading of the same page: a standfirst and a note before the text,
        straight apostrophes, and every paragraph renumbered."""
        article = real(fetched)
        markdown = "A standfirst.\n\nA note from the editors.\n\n" + article.markdown
        from tuireader.body import with_body

        return with_body(
            article._replace(markdown=markdown.replace("’", "'"), extractor_version="99")
        )

    monkeypatch.setattr(extract_page, "article_from_page", newer_extractor)
    monkeypatch.setattr(reader_module, "EXTRACTOR_VERSION", "99")
    offline = Reader(Store.in_directory(reader.store.path.parent))
    assert offline.open(url, offline=True).article.extractor_version == "99"
    assert passage_now(offline, url) == (4, PASSAGE.replace("’", "'"))
    assert offline.highlights.of(url) == [made]  # the highlight itself is as it was made


def test_a_highlight_survives_a_refetch_where_its_passage_stayed(
    site: FixtureSite, reader: Reader
) -> None:
    url = site.add("/fog.html", page(OTHERS))
    make_highlight(reader, url, PASSAGE, "")
    # the page changed: ten paragraphs before it, new ones around it, its own retyped
    leading = [f"Paragraph {n} of a new introduction to the story, added later." for n in range(10)]
    changed = [
        *leading,
        "A new paragraph just before it.",
        OTHERS[2].replace("’", "&#39;").replace(" before", "&nbsp;before"),
        "And a new one after it.",
    ]
    site.add("/fog.html", page(changed))
    where = passage_now(reader, url)
    assert where is not None
    assert where[0] == 11
    assert where[1].replace("\u00a0", " ") == PASSAGE.replace("’", "'")  # as the new copy has it


def test_a_highlight_whose_passage_left_the_page_is_kept_and_listed_as_gone(
    site: FixtureSite, reader: Reader, cache_dir: Path
) -> None:
    url = site.add("/fog.html", page(OTHERS))
    made = make_highlight(reader, url, PASSAGE, "ask the harbour master about the bell")
    site.add("/fog.html", page([OTHERS[0], OTHERS[1], "The bell was taken down last year."]))
    assert passage_now(reader, url) is None
    assert reader.highlights.of(url) == [made]
    reader.close()

    listed = run_in_process("highlights", cache_dir=cache_dir)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("## Fog Over the Harbour\n\n— Ines Duarte, <")
    assert f"> {PASSAGE}\n\n(no longer in the article)\n\nask the harbour master" in listed.stdout
