"""The command palette, the history list, themes that persist and key overrides from settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette

from support.fixture_site import FixtureSite
from support.pilot import notifications, settle, wait_until
from tuireader.settings import Settings, load_settings
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.help import HelpScreen
from tuireader.ui.screens.history import HistoryScreen
from tuireader.ui.screens.reader import ReaderScreen

SIZE = (120, 40)


def titles(app: TuiReaderApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


def top_hit(results: CommandList) -> str:
    """The text of the highlighted hit in the palette, "" while there is none."""
    if results.highlighted is None:
        return ""
    return str(results.get_option_at_index(results.highlighted).prompt)


async def test_palette_offers_the_reader_s_commands(cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # leave the library for the reader
        assert isinstance(app.screen, ReaderScreen)
        offered = titles(app)
        for title in (
            "reader: Open URL",
            "reader: Refresh",
            "reader: History",
            "library: Search",
            "view: Toggle sources",
            "view: Find",
        ):
            assert title in offered, title
        toggle = next(c for c in app.get_system_commands(app.screen) if c.title.endswith("sources"))
        await toggle.callback()
        await pilot.pause()
        assert app.screen.has_class("-hide-source")  # the palette runs the same action as i
        assert "Theme" in offered and "Quit" in offered  # Textual's own stay beside ours


async def test_palette_runs_a_command(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"), import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"reader: history")
        results = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: top_hit(results).startswith("reader: History"), "the hit")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history list")
        assert isinstance(app.screen, HistoryScreen)


async def test_history_list_goes_back_to_an_entry(site: FixtureSite, cache_dir: Path) -> None:
    app = TuiReaderApp(cache_dir, start_url=site.url("/article.html"), import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for page in ("/second.html", "/third.html"):
            app.reader_screen.load(site.url(page))
            await settle(pilot)
        app.reader_screen.action_history()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("home", "enter")
        await settle(pilot)
        reading = app.reader_screen.reading
        assert reading is not None and reading.url == site.url("/article.html")
        assert len(app.reader_screen.history) == 3  # the later entries are kept
        await pilot.press("l")
        await settle(pilot)
        later = app.reader_screen.reading
        assert later is not None and later.url == site.url("/second.html")


async def test_theme_comes_from_settings_and_a_change_is_saved(
    tmp_path: Path, cache_dir: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# keep me\n[ui]\ntheme = "nord"\n')
    app = TuiReaderApp(cache_dir, import_samples=False, settings=load_settings(path))
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "nord"
        app.theme = "dracula"
        await pilot.pause()
    assert load_settings(path).theme == "dracula"
    assert path.read_text().startswith("# keep me\n")


async def test_an_unknown_theme_is_reported_not_fatal(tmp_path: Path, cache_dir: Path) -> None:
    settings = Settings(theme="no-such-theme", path=tmp_path / "config.toml")
    app = TuiReaderApp(cache_dir, import_samples=False, settings=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.theme != "no-such-theme"
        assert any("no-such-theme" in n.message for n in notifications(app))


@pytest.mark.parametrize(("keymap", "key"), [((("app.help", "f1"),), "f1")])
async def test_key_overrides_from_settings(
    tmp_path: Path, cache_dir: Path, keymap: tuple[tuple[str, str], ...], key: str
) -> None:
    settings = Settings(keymap=keymap, path=tmp_path / "config.toml")
    app = TuiReaderApp(cache_dir, import_samples=False, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "question_mark")  # the old key no longer opens help
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
