"""Shared fixtures: a real local site, a cache in tmp_path, and a run the developer's own
environment cannot reach (dirs, settings, proxies), with a steady cursor in every text input."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from support.fixture_site import FixtureSite
from tuireader.settings import CONFIG_ENV


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers a core, at most 16. Most tests spend much of their time waiting on a
    server, a started process or the app's timers, so a second worker keeps each core busy."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(16, 2 * (cores or 1))


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user's cache and settings.

    The settings file is named outright (where the config dir would put it): a developer's own
    $TUIREADER_CONFIG never reaches the app, and the processes the tests start inherit this one.
    """
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv(CONFIG_ENV, str(home / ".config" / "tuireader" / "config.toml"))
    monkeypatch.delenv("TUIREADER_CACHE_DIR", raising=False)


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs show their cursor without blinking: what a test or snapshot sees is what it did,
    not where a 0.5 s timer happened to be."""
    blinking_init = Input.__init__

    def steady_init(self: Input, *args: Any, **kwargs: Any) -> None:
        blinking_init(self, *args, **kwargs)
        self.cursor_blink = False

    monkeypatch.setattr(Input, "__init__", steady_init)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment must not stand between the tests and 127.0.0.1."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    path = tmp_path / "cache"
    path.mkdir()
    return path


@pytest.fixture
def site() -> Iterator[FixtureSite]:
    server = FixtureSite()
    try:
        yield server
    finally:
        server.stop()
