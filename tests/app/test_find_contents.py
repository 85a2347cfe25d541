"""The find bar and the contents list on their own: the messages they send and what they show."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList, Static

import tuireader.ui.widgets
from tuireader.ui.screens.contents import ContentsScreen
from tuireader.ui.widgets.find_bar import FindBar


class FindApp(App[None]):
    CSS_PATH = Path(tuireader.ui.widgets.__file__).parent / "find_bar.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, object]] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("article"), id="body")
        yield FindBar()

    @on(FindBar.Changed)
    def _changed(self, event: FindBar.Changed) -> None:
        self.seen.append(("changed", event.query))

    @on(FindBar.Step)
    def _step(self, event: FindBar.Step) -> None:
        self.seen.append(("step", event.step))

    @on(FindBar.Closed)
    def _bar_closed(self) -> None:
        self.seen.append(("closed", None))


async def test_find_bar_sends_queries_steps_and_close() -> None:
    app = FindApp()
    async with app.run_test(size=(80, 10)) as pilot:
        bar = app.query_one(FindBar)
        assert not bar.display
        bar.open()
        await pilot.pause()
        assert bar.display and isinstance(app.focused, Input)
        await pilot.press("f", "o", "g")
        await pilot.press("enter", "down", "up")
        bar.show_count(2, 12)
        await pilot.pause()
        assert str(bar.query_one("#find-count", Static).render()) == "3 of 12"
        bar.show_count(0, 0)
        assert str(bar.query_one("#find-count", Static).render()) == "no matches"
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.display
    assert app.seen == [
        ("changed", "f"),
        ("changed", "fo"),
        ("changed", "fog"),
        ("step", 1),
        ("step", 1),
        ("step", -1),
        ("closed", None),
    ]


class ContentsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int | None] = []

    def on_mount(self) -> None:
        headings = [(2, "What changed"), (3, "Opening hours"), (2, "[bold]Next[/bold]")]
        self.push_screen(ContentsScreen(headings, current=1), self.chosen.append)


async def test_contents_lists_headings_indented_and_returns_the_choice() -> None:
    app = ContentsApp()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert prompts == ["What changed", "  Opening hours", "[bold]Next[/bold]"]  # literal text
        assert listing.highlighted == 1
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.chosen == [2]


async def test_contents_closes_with_t() -> None:
    app = ContentsApp()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
    assert app.chosen == [None]
