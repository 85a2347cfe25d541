"""A front page opens as its headlines by section, numbered; a number and Enter opens a story."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from support.fixture_site import FixtureSite
from support.pilot import SIZE, app_for, settle
from support.screen_text import screen_lines
from tuireader.ui.widgets.body_pane import BodyPane

STORY = """<!doctype html><html><head><title>Night market moves to the old fish hall</title></head>
<body><article><h1>Night market moves to the old fish hall</h1>
<p>The night market will open in the old fish hall from next month, the harbour board said,
after stallholders asked for a roof over the Thursday evening trade on the quay.</p>
<p>The hall has stood empty since the auction moved inland, and its brick arches will keep the
rain off forty stalls; the board will paint the floor and put in lights before the first night.</p>
</article></body></html>"""


def source_text(app: object) -> str:
    return str(app.screen.query_one("#source-lines", Static).render())  # type: ignore[attr-defined]


async def test_front_page_shows_its_links_and_a_number_opens_a_story(
    site: FixtureSite, cache_dir: Path
) -> None:
    story_url = site.add("/city/night-market-moves", STORY)
    app = app_for(cache_dir, site.url("/front-page.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.article.page_kind == "links"
        body = app.screen.query_one(BodyPane)
        assert body.links[2].url == story_url
        assert body.links[2].text == "Night market moves to the old fish hall"
        text = "\n".join(screen_lines(app))
        assert "Night market moves to the old fish hall [2]" in text
        assert "Business" in text and "Shipyard books three new ferry orders [4]" in text
        assert "Read from: page of links" in source_text(app)
        assert "Length: 8 links" in source_text(app)
        await pilot.press("2", "enter")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.url == story_url
        assert reading.article.page_kind == "article"
        assert "old fish hall from next month" in reading.article.text
        await pilot.press("backspace")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.article.page_kind == "links"
        assert app.screen.query_one(BodyPane).links[2].url == story_url
