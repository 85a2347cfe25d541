"""The run is sealed off from the developer's machine: settings in tmp, for the app and its
children, and text inputs whose cursor does not blink."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input

from support.cli_runner import env_for
from tuireader.settings import config_path


def test_settings_are_read_from_the_test_s_tmp_path(tmp_path: Path) -> None:
    assert config_path().is_relative_to(tmp_path)


@pytest.mark.subprocess
def test_a_started_process_reads_the_same_settings(cache_dir: Path) -> None:
    probe = "from tuireader.settings import config_path; print(config_path())"
    shown = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env_for(cache_dir),
        check=True,
        timeout=60,
    )
    assert shown.stdout.strip() == str(config_path())


async def test_a_focused_input_shows_a_steady_cursor() -> None:
    class OneInput(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    app = OneInput()
    async with app.run_test() as pilot:
        field = app.query_one(Input)
        field.focus()
        await pilot.pause()
        assert field.has_focus and not field.cursor_blink
