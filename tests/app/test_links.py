"""Numbered links: the sidebar shares the body's numbers, digits then Enter or O, link previews."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Static

from support.fixture_site import FixtureSite
from support.pilot import notifications, settle
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.messages import FollowLink
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.link_number import LinkNumber
from tuireader.ui.widgets.related_sidebar import RelatedSidebar
from tuireader.ui.widgets.source_panel import NOT_CACHED
from tuireader.urls import cache_key

SIZE = (120, 40)


def many_links_page(site: FixtureSite, count: int) -> str:
    """A page whose body links to /p1.html .. /p{count}.html, in that order."""
    items = "".join(
        f'<p>Paragraph {n} of the long list points at <a href="/p{n}.html">page number {n}</a> '
        "and says a few more words so that it reads as article text.</p>"
        for n in range(1, count + 1)
    )
    html = (
        "<!doctype html><html><head><title>Many links</title></head><body><article>"
        f"<h1>Many links</h1>{items}</article></body></html>"
    )
    return site.add("/many.html", html)


def prompts(sidebar: RelatedSidebar) -> list[str]:
    return [str(option.prompt) for option in sidebar.options if option.id is not None]


def option_index(sidebar: RelatedSidebar, url: str) -> int:
    """Where the sidebar lists `url`."""
    for index, option in enumerate(sidebar.options):
        found = sidebar.number_of(option.id) if option.id else None
        if found is not None and found[1].url == url:
            return index
    raise AssertionError(f"{url} is not in the sidebar")


def source_text(app: TuiReaderApp) -> str:
    return str(app.screen.query_one("#source-lines", Static).render())


def notes(app: TuiReaderApp) -> list[str]:
    return [n.message for n in notifications(app)]


class Recorder:
    """The FollowLink messages the app handled (each once, wherever it bubbled)."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, FollowLink) and message.url not in self.urls:
            self.urls.append(message.url)


async def test_sidebar_numbers_match_the_body(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        sidebar = app.screen.query_one(RelatedSidebar)
        body_numbers = {cache_key(link.url): n for n, link in body.links.items()}
        assert body_numbers, "the fixture article has links in its body"
        numbered = sidebar.numbered
        assert len(numbered) == len(sidebar.links)  # every sidebar link has its own number
        for number, link in numbered.items():
            expected = body_numbers.get(cache_key(link.url))
            if expected is not None:
                assert number == expected, link.url
            else:
                assert number > max(body.links), link.url
        texts = prompts(sidebar)
        assert all(text.startswith("[") for text in texts)
        by_url = {link.url: n for n, link in numbered.items()}
        for text, link in zip(texts, sidebar.links, strict=True):
            assert text.startswith(f"[{by_url[link.url]}] ")
        # Every body link is listed in the sidebar, and the canonical URL closes the list.
        assert set(body_numbers.values()) <= set(numbered)
        assert sidebar.links[-1].url == "https://gazette.example.org/2025/10/14/fog-harbour"
        assert sidebar.links[-1].kind == "source"


async def test_digit_then_enter_follows_the_body_link(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    followed = Recorder()
    async with app.run_test(size=SIZE, message_hook=followed) as pilot:
        await settle(pilot)
        first = app.screen.query_one(BodyPane).links[1]
        await pilot.press("1")
        line = app.screen.query_one(LinkNumber)
        assert line.display and str(line.render()).startswith(f"Link 1: {first.text}")
        await pilot.press("enter")
        await settle(pilot)
        assert followed.urls == [first.url]
        reading = app.reader_screen.reading
        assert reading is not None and reading.url == first.url
        assert not line.display


async def test_digits_in_the_sidebar_beat_its_enter(site: FixtureSite, cache_dir: Path) -> None:
    """With digits typed, Enter follows their link, not the one under the sidebar's cursor."""
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    followed = Recorder()
    async with app.run_test(size=SIZE, message_hook=followed) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(RelatedSidebar)
        await pilot.press("tab")
        assert app.focused is sidebar
        highlighted = sidebar.highlighted_link
        assert highlighted is not None
        other, link = next((n, k) for n, k in sidebar.numbered.items() if n != highlighted[0])
        assert link.url != highlighted[1].url
        await pilot.press(*str(other), "enter")
        await settle(pilot)
        assert followed.urls == [link.url]


async def test_two_digit_number(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=many_links_page(site, 12))
    followed = Recorder()
    async with app.run_test(size=SIZE, message_hook=followed) as pilot:
        await settle(pilot)
        assert len(app.screen.query_one(BodyPane).links) == 12
        await pilot.press("1", "2")
        assert str(app.screen.query_one(LinkNumber).render()).startswith("Link 12: page number 12")
        await pilot.press("enter")
        await settle(pilot)
        assert followed.urls == [site.url("/p12.html")]


async def test_backspace_takes_a_digit_back(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=many_links_page(site, 12))
    followed = Recorder()
    async with app.run_test(size=SIZE, notifications=True, message_hook=followed) as pilot:
        await settle(pilot)
        await pilot.press("1", "2", "backspace", "enter")
        await settle(pilot)
        assert followed.urls == [site.url("/p1.html")]
        assert "Nothing to go back to." not in notes(app)  # Backspace took a digit back


async def test_capital_o_opens_the_link_in_the_browser(
    site: FixtureSite, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = TuiReaderApp(cache_dir, start_url=many_links_page(site, 12))
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    followed = Recorder()
    async with app.run_test(size=SIZE, message_hook=followed) as pilot:
        await settle(pilot)
        await pilot.press("1", "1", "O")
        await settle(pilot)
        assert opened == [site.url("/p11.html")]
        assert followed.urls == []
        assert not app.screen.query_one(LinkNumber).display


async def test_escape_cancels(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    followed = Recorder()
    async with app.run_test(size=SIZE, message_hook=followed) as pilot:
        await settle(pilot)
        await pilot.press("2")
        assert app.screen.query_one(LinkNumber).display
        await pilot.press("escape")
        assert not app.screen.query_one(LinkNumber).display
        await pilot.press("enter")  # no number any more: Enter in the body does nothing
        await settle(pilot)
        assert followed.urls == []


async def test_another_key_cancels_and_does_its_own_thing(
    site: FixtureSite, cache_dir: Path
) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = app.screen.query_one(BodyPane)
        await pilot.press("2", "j")
        await pilot.wait_for_scheduled_animations()
        assert not app.screen.query_one(LinkNumber).display
        assert body.scroll_y == 1


async def test_unknown_number_notifies(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    followed = Recorder()
    async with app.run_test(size=SIZE, notifications=True, message_hook=followed) as pilot:
        await settle(pilot)
        await pilot.press("9", "9")
        assert "no such link" in str(app.screen.query_one(LinkNumber).render())
        await pilot.press("enter")
        await settle(pilot)
        assert followed.urls == []
        assert any(note.startswith("No link 99 on this page") for note in notes(app))


async def test_digits_typed_in_the_find_bar_stay_text(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "2", "0")
        await pilot.pause()
        assert not app.screen.query(LinkNumber) or not app.screen.query_one(LinkNumber).display


async def test_preview_from_the_cache_then_the_article_again(
    site: FixtureSite, cache_dir: Path
) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    second, third = site.url("/second.html"), site.url("/third.html")
    app.reader.open(second)  # cached before the reader starts
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(RelatedSidebar)
        before = source_text(app)
        assert before.startswith("Cache:")
        await pilot.press("tab")
        assert app.focused is sidebar
        numbered = {link.url: n for n, link in sidebar.numbered.items()}

        sidebar.highlighted = option_index(sidebar, second)
        await settle(pilot)  # the preview is read from the cache in a worker
        text = source_text(app)
        assert text.startswith("Link")
        assert f"Number: {numbered[second]}" in text
        assert f"URL: {second}" in text
        assert "Title: Island Ferry Adds a Winter Timetable" in text
        assert (
            "Opens with: Island Link will run two extra crossings a day from December, "
            "the operator said on Monday, after a season of fog delays." in text
        )
        assert "The Eastwick Gazette" in text
        sidebar.highlighted = option_index(sidebar, third)
        await settle(pilot)
        text = source_text(app)
        assert f"URL: {third}" in text and NOT_CACHED in text
        assert "Island Ferry" not in text
        await pilot.press("tab")  # to the source panel: the sidebar has lost the focus
        await pilot.pause()
        assert source_text(app) == before


async def test_an_open_preview_follows_read_ahead(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    third = site.url("/third.html")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(RelatedSidebar)
        await pilot.press("tab")
        sidebar.highlighted = option_index(sidebar, third)
        await settle(pilot)  # the preview is read from the cache in a worker
        assert NOT_CACHED in source_text(app)
        await pilot.press("p")  # read ahead while the sidebar keeps the focus
        await settle(pilot)
        assert app.focused is sidebar
        text = source_text(app)
        assert NOT_CACHED not in text and "Council Minutes: The Breakwater Sensor" in text


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_the_link_number_line_keeps_its_keys_whole(
    site: FixtureSite, cache_dir: Path, width: int
) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"))
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await pilot.pause()
        line = app.screen.query_one(LinkNumber)
        shown = str(line.render())
        assert shown.startswith("Link 1: ")
        assert shown.endswith("O browser, Esc" if width < 80 else "Esc cancels")
        assert len(shown) <= line.content_region.width
