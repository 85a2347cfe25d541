"""Versions in the reader: the source panel's line, `D` the comparison, `V` the list of copies,
and the reading position that follows the newest copy. A real store in tmp_path holds the copies
(tests/support/versions.py); pages are fetched from the fixture site on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual.widgets import OptionList, Static

from support.fixture_site import FixtureSite
from support.pilot import app_for, notifications, settle, wait_until
from support.screen_text import screen_lines
from support.versions import (
    NEW,
    OLD,
    URL,
    article_of,
    save_article,
    store_two_copies,
)
from tuireader.body.diff import MAX_WORD_DIFF
from tuireader.body.model import Run
from tuireader.cache import Store
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.reader.comparison import COPY_GONE, NO_EARLIER_COPY
from tuireader.ui.screens.versions import VersionsScreen
from tuireader.ui.widgets.body_pane import BodyPane

HEADING = "Changes from version 1 (fetched November 28, 2026) to the newest"


def _app(cache_dir: Path) -> TuiReaderApp:
    return app_for(cache_dir, URL, offline=True, import_samples=False)


def source_text(app: TuiReaderApp) -> str:
    return str(app.screen.query_one("#source-lines", Static).render())


def _body(app: TuiReaderApp) -> BodyPane:
    return app.screen.query_one(BodyPane)


def _runs(app: TuiReaderApp) -> list[Run]:
    return [run for block in _body(app).document.blocks for run in block.runs]


def _marked(app: TuiReaderApp, mark: str) -> list[str]:
    return [run.text.strip() for run in _runs(app) if run.mark == mark]


def _messages(app: TuiReaderApp) -> list[str]:
    return [str(n.message) for n in notifications(app)]


# The source panel ------------------------------------------------------------------------------


async def test_the_source_panel_says_the_article_changed_since_it_was_read(cache_dir: Path) -> None:
    store_two_copies(cache_dir)
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = source_text(app)
    assert text.startswith(
        "Changed since you read it on November 30, 2026 (4 paragraphs changed). "
        "D shows the changes, V lists the copies.\n"
    )


async def test_never_read_it_says_since_it_was_saved(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    save_article(store, URL, article_of("Ferry timetable", OLD), "2026-11-28T09:30:00+00:00")
    save_article(store, URL, article_of("Ferry timetable", [*OLD[:-1], "Calm weather."]))
    store.close()
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = source_text(app)
    assert "Changed since you saved it on November 28, 2026 (1 paragraph changed)." in text


async def test_the_panel_names_the_keys_the_keymap_gives(cache_dir: Path) -> None:
    settings = cache_dir.parent / "home" / ".config" / "tuireader" / "config.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('[keys]\n"reader.compare" = "ctrl+d,D"\n')
    store_two_copies(cache_dir)
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = source_text(app)
    assert "ctrl+d shows the changes, V lists the copies." in text


async def test_no_earlier_copy_no_line_and_the_keys_say_so(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    save_article(store, URL, article_of("Ferry timetable", NEW))
    store.close()
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert "Changed since" not in source_text(app)
        blocks = list(_body(app).document.blocks)
        await pilot.press("D")
        await settle(pilot)
        assert _messages(app) == [NO_EARLIER_COPY]
        assert _body(app).document.blocks == blocks
        await pilot.press("V")
        await settle(pilot)
        assert _messages(app) == [NO_EARLIER_COPY, NO_EARLIER_COPY]
        assert not isinstance(app.screen, VersionsScreen)


def _painted_styles(body: BodyPane) -> dict[str, Style]:
    """The style each piece of text of the body's layout is painted in, by its text."""
    layout = body.text_layout
    assert layout is not None
    styles: dict[str, Style] = {}
    for index in range(len(layout.lines)):
        for segment in body.paint_line(layout, index, body.size.width):
            if segment.style is not None and segment.text.strip():
                styles[segment.text.strip()] = segment.style
    return styles


# D: the comparison -----------------------------------------------------------------------------


async def test_d_shows_the_words_removed_and_added_then_the_article_again(cache_dir: Path) -> None:
    store_two_copies(cache_dir)
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = _body(app)
        article = body.document
        await pilot.press("D")
        await settle(pilot)
        texts = [block.text for block in body.document.blocks]
        assert HEADING in texts
        assert _marked(app, "removed") == [
            "Monday.",
            "terminal",
            "The council will review the timetable in spring.",
        ]
        assert _marked(app, "added") == [
            "Tuesday.",
            "[bold]terminal[/]",
            "A second ferry will join the route in March.",
        ]
        assert "Fog delayed the crossing by an hour." in texts  # unchanged, unmarked
        keys = {key for line in body.text_layout.lines for _, key, _ in line.segments}  # type: ignore[union-attr]
        assert {"added", "removed"} <= keys
        styles = _painted_styles(body)
        removed, added = styles["Monday."], styles["Tuesday."]
        assert removed.strike and removed.bgcolor is not None  # the theme's $error-muted
        assert added.underline and added.bgcolor is not None  # $success-muted
        assert added.bgcolor != removed.bgcolor != styles["Fog delayed the crossing by an hour."]
        await pilot.press("D")
        await settle(pilot)
        assert body.document is not article
        assert [b.text for b in body.document.blocks] == [b.text for b in article.blocks]
        assert not _marked(app, "added")


async def test_page_text_shows_literally_in_the_comparison(cache_dir: Path) -> None:
    store_two_copies(cache_dir)
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        layout = _body(app).text_layout
        assert layout is not None
        segments = [(text, key) for line in layout.lines for text, key, _ in line.segments]
    assert "Passengers waited in the terminal [bold]terminal[/] and read the" in shown
    assert ("terminal", "removed") in segments and ("[bold]terminal[/]", "added") in segments
    assert "on Monday. Tuesday." in shown
    assert HEADING in shown


async def test_escape_returns_to_the_article_at_its_place(cache_dir: Path) -> None:
    paragraphs = [f"Paragraph {n} of the harbour story, with words enough." for n in range(80)]
    store = Store.in_directory(cache_dir)
    save_article(store, URL, article_of("Long story", paragraphs[:-1]), "2026-11-28T09:30:00+00:00")
    old = store.load(URL)
    assert old is not None
    save_article(store, URL, article_of("Long story", paragraphs))
    store.close()
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = _body(app)
        body.scroll_to_block(40)
        await settle(pilot)
        top = body.current_paragraph()
        assert top.startswith("Paragraph ")
        await pilot.press("D")
        await settle(pilot)
        assert _marked(app, "added") == [paragraphs[-1]]
        body.scroll_to_block(60)  # reading the comparison moves no reading position
        app.reader_screen.remember_position()
        await pilot.press("escape")
        await settle(pilot)
        assert body.current_paragraph() == top
        assert not _marked(app, "added")
        app.reader_screen.remember_position()
        await settle(pilot)
    store = Store.in_directory(cache_dir)
    try:
        assert store.position(URL)[2] == top
    finally:
        store.close()


async def test_a_change_too_long_for_words_shows_old_then_new(cache_dir: Path) -> None:
    long_old = " ".join(f"old{n}" for n in range(MAX_WORD_DIFF + 100))
    long_new = " ".join(f"new{n}" for n in range(MAX_WORD_DIFF + 100))
    store = Store.in_directory(cache_dir)
    save_article(store, URL, article_of("Long", ["Same start.", long_old, "Same end."]))
    old = store.load(URL)
    assert old is not None
    save_article(store, URL, article_of("Long", ["Same start.", long_new, "Same end."]))
    store.close()
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        runs = [(run.mark, run.text) for run in _runs(app) if run.mark]
    assert runs == [("removed", long_old), ("added", long_new)]


# V: the list of copies -------------------------------------------------------------------------


async def test_v_lists_the_copies_and_opens_an_earlier_one_offline(cache_dir: Path) -> None:
    store_two_copies(cache_dir)
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, VersionsScreen)
        options = screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert lines == [
            "▶ 2  fetched 2026-12-01 08:00  current          "
            f"{len(' '.join(NEW).split())} words  4 paragraphs changed",
            f"  1  fetched 2026-11-28 09:30  read 2026-11-30  {len(' '.join(OLD).split())} words",
        ]
        await pilot.press("down", "enter")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.version == 1
        assert reading.article.text == "\n\n".join(OLD)
        assert source_text(app).startswith(
            "An earlier copy: version 1 of 2, fetched November 28, 2026. "
            "D shows what changed since, V lists the copies.\n"
        )
        await pilot.press("D")  # the earlier copy against the newest
        await settle(pilot)
        assert HEADING in [block.text for block in _body(app).document.blocks]
        assert _marked(app, "added")[0] == "Tuesday."
        await pilot.press("backspace")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.version == 0
        assert reading.article.text == "\n\n".join(NEW)


async def test_an_earlier_copy_keeps_no_reading_position(cache_dir: Path) -> None:
    paragraphs = [f"Paragraph {n} of the harbour story, with words enough." for n in range(80)]
    store = Store.in_directory(cache_dir)
    save_article(store, URL, article_of("Long story", paragraphs[1:]), "2026-11-28T09:30:00+00:00")
    old = store.load(URL)
    assert old is not None
    save_article(store, URL, article_of("Long story", paragraphs))
    store.close()
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = _body(app)
        body.scroll_to_block(10)
        await settle(pilot)
        app.reader_screen.remember_position()
        await settle(pilot)
        kept = body.current_paragraph()
        await pilot.press("V")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.reader_screen.reading.version == 1  # type: ignore[union-attr]
        assert body.current_paragraph() == kept  # it opens at the paragraph that was read
        body.scroll_to_block(50)
        await settle(pilot)
        app.reader_screen.remember_position()
        await settle(pilot)
    store = Store.in_directory(cache_dir)
    try:
        assert store.position(URL)[2] == kept[:80]
    finally:
        store.close()


# The reading position follows the newest copy ---------------------------------------------------


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>Harbour story</title></head><body><article>"
        f"<h1>Harbour story</h1>{body}</article></body></html>"
    )


async def test_a_refetch_of_a_changed_page_stays_at_the_paragraph_read(
    site: FixtureSite, cache_dir: Path
) -> None:
    paragraphs = [
        f"Paragraph {n}: the harbour master counted the boats that came in from the bay "
        f"before the storm, and wrote down each one of them in the ledger."
        for n in range(60)
    ]
    url = site.add("/story.html", _page(paragraphs))
    app = app_for(cache_dir, url, import_samples=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = _body(app)
        body.scroll_to_block(30)
        await settle(pilot)
        read = body.current_paragraph()
        assert read.startswith("Paragraph ")
        inserted = [
            f"New paragraph {n} about the storm, added later by the editors." for n in range(12)
        ]
        site.add("/story.html", _page(inserted + paragraphs))
        await pilot.press("r")
        await wait_until(pilot, lambda: "New paragraph 0" in body.plain_text(), "the refetch")
        await settle(pilot)
        assert body.current_paragraph() == read
        app.reader_screen.remember_position()
        await settle(pilot)
    again = app_for(cache_dir, url, offline=True, import_samples=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert _body(again).current_paragraph() == read


async def test_the_palette_compares_and_lists_the_copies(cache_dir: Path) -> None:
    store_two_copies(cache_dir)
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        await commands["reader: Compare copies"].callback()
        await settle(pilot)
        assert HEADING in [block.text for block in _body(app).document.blocks]
        await commands["reader: Versions"].callback()
        await settle(pilot)
        assert isinstance(app.screen, VersionsScreen)


async def test_from_an_earlier_copy_v_opens_the_newest_again(cache_dir: Path) -> None:
    store_two_copies(cache_dir)
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.reader_screen.reading.version == 1  # type: ignore[union-attr]
        await pilot.press("V")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, VersionsScreen)
        prompts = [str(o.prompt) for o in screen.query_one(OptionList).options]
        assert [p[:4] for p in prompts] == ["  2 ", "▶ 1 "]  # the copy shown is marked
        await pilot.press("up", "enter")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.version == 0
        assert reading.article.text == "\n\n".join(NEW)
        assert len(app.reader_screen.history) == 3


async def test_a_copy_gone_from_the_cache_is_said_in_one_line(cache_dir: Path) -> None:
    store_two_copies(cache_dir)
    app = _app(cache_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        blocks = [b.text for b in _body(app).document.blocks]
        store = Store.in_directory(cache_dir)  # another program evicts the copy meanwhile
        try:
            with store._transaction() as db:
                db.execute("DELETE FROM versions")
        finally:
            store.close()
        await pilot.press("D")
        await settle(pilot)
        assert _messages(app) == [COPY_GONE.format(number=1)]
        assert [b.text for b in _body(app).document.blocks] == blocks
