"""The card the body shows where there is no article, and the keys that offer what to do instead.

Every page is served by a real server on 127.0.0.1 (support.no_article_site), the app is driven
with the pilot, and what the card says is read back from the body pane's document.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.fixture_site import FixtureSite
from support.no_article_site import ARCHIVED_WORDS, PAGE_ONLY, serve_archive, serve_pages
from support.pilot import SIZE, app_for, footer_keys, notifications, settle, wait_until
from support.screen_text import screen_lines
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.dialogs.open_file import OpenFileDialog
from tuireader.ui.layout.document import CARD_HEADING, PAGE_TEXT_HEADING
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.fetch_status import FetchStatus

CARD_KEYS = ["Page text", "Archived copy", "Open file"]
SAYS = {
    "paywall": "The page asks for a subscription (paywall markup found: schema.org "
    "isAccessibleForFree is false).",
    "consent": "The page asks for consent before its text (a consent platform's overlay "
    "('qc-cmp2-container')).",
    "javascript": "The page needs JavaScript: its <noscript> says 'Turn on JavaScript to read "
    "the harbour news.'",
    "empty": "The page is empty: the server sent no text.",
    "refused": "The server refused the request (HTTP 403): often a bot wall.",
    "pdf": "This is a PDF (application/pdf).",
    "image": "This is an image (image/png).",
}


def body_text(app: TuiReaderApp) -> str:
    return app.screen.query_one(BodyPane).document.plain_text()


def settings(site: FixtureSite) -> None:
    """The archive is the local site (the conftest points TUIREADER_CONFIG at this file)."""
    path = Path(os.environ["TUIREADER_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[archive]\nbase_url = "{site.base}"\n', encoding="utf-8")


@pytest.mark.parametrize("name", list(SAYS))
async def test_the_card_says_which_case_and_offers_its_keys(
    name: str, site: FixtureSite, cache_dir: Path
) -> None:
    url = serve_pages(site)[name]
    app = app_for(cache_dir, url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        blocks = body_text(app).split("\n\n")
        assert blocks[1:3] == [CARD_HEADING, SAYS[name]], blocks
        assert "B  open the page in your browser" in blocks
        assert "W  fetch an archived copy (the Internet Archive)" in blocks
        assert all(key in footer_keys(app) for key in CARD_KEYS)
        assert not app.screen.query_one(FetchStatus).text.startswith("Could not")
        notes = [(n.title, str(n.message)) for n in notifications(app)]
        assert ("No article", SAYS[name]) in notes


async def test_an_article_offers_no_card_keys(site: FixtureSite, cache_dir: Path) -> None:
    app = app_for(cache_dir, site.url("/article.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = body_text(app)
        assert CARD_HEADING not in before
        assert not any(key in footer_keys(app) for key in CARD_KEYS)
        await pilot.press("v")
        await settle(pilot)
        assert body_text(app) == before


async def test_v_shows_the_pages_text_and_hides_it_again(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = serve_pages(site)["paywall"]
    app = app_for(cache_dir, url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        card = body_text(app)
        assert PAGE_ONLY not in card
        await pilot.press("v")
        await settle(pilot)
        shown = body_text(app)
        remedies = card.split("from a file instead")[0]
        assert shown.startswith(remedies)  # the card stays above the page's text
        assert PAGE_TEXT_HEADING in shown and PAGE_ONLY in shown
        await pilot.press("v")
        await settle(pilot)
        assert body_text(app) == card


async def test_b_opens_the_page_in_the_browser(
    site: FixtureSite, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = serve_pages(site)["refused"]
    app = app_for(cache_dir, url)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("B")
        assert opened == [url]


async def test_w_reads_the_archived_copy(site: FixtureSite, cache_dir: Path) -> None:
    settings(site)
    url = serve_pages(site)["refused"]
    serve_archive(site, url)
    app = app_for(cache_dir, url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("W")
        await settle(pilot)
        assert ARCHIVED_WORDS in body_text(app)
        assert CARD_HEADING not in body_text(app)
        source = "\n".join(screen_lines(app))
        assert "Cache: archived copy of 2024-01-05" in source  # the source panel says so
        await pilot.press("backspace")  # the card is one step back
        await settle(pilot)
        assert CARD_HEADING in body_text(app)


async def test_w_says_when_there_is_no_copy(site: FixtureSite, cache_dir: Path) -> None:
    settings(site)
    url = serve_pages(site)["javascript"]
    serve_archive(site, url, {"archived_snapshots": {}})
    app = app_for(cache_dir, url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        card = body_text(app)
        await pilot.press("W")
        await settle(pilot)
        status = app.screen.query_one(FetchStatus).text
        assert status == "The Internet Archive has no copy of this page."
        assert body_text(app) == card  # the card stays


async def test_f_reads_a_saved_copy_instead(
    site: FixtureSite, cache_dir: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "saved page.html"
    saved.write_text(
        "<html><head><title>Saved harbour</title></head><body><article><p>"
        + "The saved copy of the harbour story, kept from a browser. " * 8
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    url = serve_pages(site)["consent"]
    app = app_for(cache_dir, url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, OpenFileDialog), "the prompt")
        await pilot.press(*"/no/such/file.html", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OpenFileDialog)  # explained, not closed
        error = str(app.screen.query_one("#open-file-error").render())
        assert error == "No such file: /no/such/file.html"
        field = app.screen.query_one("#open-file-input")
        field.value = str(saved)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert "The saved copy of the harbour story" in body_text(app)
        assert "local file" in "\n".join(screen_lines(app))


async def test_the_help_lists_the_cards_keys(site: FixtureSite, cache_dir: Path) -> None:
    app = app_for(cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        from tuireader.ui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(screen_lines(app))
        for key in CARD_KEYS:
            assert key in shown, key


async def test_the_source_panel_of_a_refused_page(site: FixtureSite, cache_dir: Path) -> None:
    from tuireader.ui.widgets.source_panel import source_fields

    url = serve_pages(site)["refused"]
    app = app_for(cache_dir, url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None
        fields = dict(source_fields(reading))
        assert fields["HTTP"] == "403"
        assert fields["Cache"] == "nothing to read: the page was not fetched"
        assert "Cache: nothing to read" in "\n".join(screen_lines(app))
