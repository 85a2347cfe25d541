"""Reading keys with the pilot: find, contents, copy, position memory and the body width setting."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from support.fixture_site import FixtureSite
from support.pilot import settle
from tuireader.cache import Store
from tuireader.settings import Settings
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.contents import ContentsScreen
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.find_bar import FindBar

SIZE = (120, 40)


async def read_two_pages_then_quit(url: str, cache_dir: Path) -> tuple[int, str]:
    """Read `url` two pages down and quit: the paragraph then at the top, and its text."""
    app = TuiReaderApp(cache_dir, start_url=url, import_samples=False)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        await pilot.press("space", "space")
        await pilot.pause()
        top = body.top_block(), body.current_paragraph()
        await pilot.press("q")
    return top


def count_text(app: TuiReaderApp) -> str:
    return str(app.screen.query_one("#find-count", Static).render())


async def test_find_counts_and_steps_through_matches(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"), import_samples=False)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        await pilot.press("slash", *"fog")
        await pilot.pause()
        assert app.screen.query_one(FindBar).display
        total = int(count_text(app).split(" of ")[1])
        assert count_text(app) == f"1 of {total}" and total >= 5
        await pilot.press("enter")
        assert count_text(app) == f"2 of {total}"
        await pilot.press("escape")  # closes the bar; n and N still step
        await pilot.pause()
        assert not app.screen.query_one(FindBar).display and app.focused is body
        await pilot.press("n")
        current = int(count_text(app).split(" of ")[0])
        await pilot.press("N")
        assert count_text(app) == f"{(current - 2) % total + 1} of {total}"
        for _ in range(total):  # stepping back wraps round to the last match
            await pilot.press("N")
            if count_text(app) == f"{total} of {total}":
                break
        assert count_text(app) == f"{total} of {total}"
        assert body.scroll_y > 0  # the last match is further down


async def test_find_is_case_sensitive_only_with_a_capital(
    site: FixtureSite, cache_dir: Path
) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"), import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"harbour")
        lower = int(count_text(app).split(" of ")[1])
        await pilot.press("ctrl+a", "ctrl+k", *"Harbour")  # clear and retype with a capital
        await pilot.pause()
        capital = int(count_text(app).split(" of ")[1])
        assert lower > capital >= 1
        await pilot.press("ctrl+a", "ctrl+k", *"zzqx")
        await pilot.pause()
        assert count_text(app) == "no matches"


async def test_contents_jumps_to_a_heading(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"), import_samples=False)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        headings = body.headings
        assert headings and headings[0][1] == "Counting the foggy mornings"
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert body.top_block() == headings[0][2]
        assert body.scroll_y > 0


async def test_y_and_big_y_copy_the_url_and_a_quote(site: FixtureSite, cache_dir: Path) -> None:
    url = site.url("/article.html")
    app = TuiReaderApp(cache_dir, start_url=url, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == url
        await pilot.press("Y")
        quote = app.clipboard
        lines = quote.splitlines()
        assert lines[0].startswith("> ") and lines[-1].startswith("> — ")
        assert "Fog Rolls In Earlier Each Year" in lines[-1] and "Jane Doe" in lines[-1]
        assert "October 14, 2025" in lines[-1] and f"<{url}>" in lines[-1]


async def test_position_is_remembered_by_paragraph_across_runs(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = site.url("/article.html")
    paragraph, _ = await read_two_pages_then_quit(url, cache_dir)
    assert paragraph > 0
    assert Store.in_directory(cache_dir).position(url)[1] == paragraph
    # Next time, in a narrower terminal: the same paragraph, though its line differs.
    again = TuiReaderApp(cache_dir, start_url=url, import_samples=False, offline=True)
    async with again.run_test(size=(90, 20)) as pilot:
        await settle(pilot)
        assert again.screen.query_one(BodyPane).top_block() == paragraph


async def test_body_width_comes_from_settings(site: FixtureSite, cache_dir: Path) -> None:
    settings = Settings(body_width=50, path=cache_dir / "config.toml")
    url = site.url("/article.html")
    app = TuiReaderApp(cache_dir, start_url=url, import_samples=False, settings=settings)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        layout = app.screen.query_one(BodyPane).text_layout
        assert layout is not None
        widest = max(sum(len(text) for text, *_ in line.segments) for line in layout.lines)
        assert 40 < widest <= 50


async def test_position_survives_a_re_extraction_that_renumbers_paragraphs(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = site.url("/article.html")
    _, text = await read_two_pages_then_quit(url, cache_dir)
    store = Store.in_directory(cache_dir)
    found = store.load(url)
    assert found is not None
    article = found[1]
    article = article._replace(
        markdown="A new first paragraph.\n\nAnd a second one.\n\n" + article.markdown
    )
    store.replace_article(url, article)  # as a newer extractor might: every index shifts by 2
    store.close()
    again = TuiReaderApp(cache_dir, start_url=url, import_samples=False, offline=True)
    async with again.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        assert again.screen.query_one(BodyPane).current_paragraph() == text
