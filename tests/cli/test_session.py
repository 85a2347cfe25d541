"""One way into the cache (`reading.session.open_session`) and one error path for the command line.

The command line says the notices on stderr, the app shows them as notifications; nothing else
opens the store or seeds the samples, and nothing in `cli/` but `cli/output.py` writes to stderr.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from support.cli_runner import run_in_process
from support.paths import REPO
from support.pty_session import PtySession
from tuireader.paths import store_path
from tuireader.reading.session import open_session

SRC = REPO / "src" / "tuireader"
BAD_SIZE = "settings [cache] max_size (line 2): not a size: 'lots'"


@pytest.fixture
def troubles(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A settings file with a bad value, and a store file that is no database."""
    config = tmp_path / "config.toml"
    config.write_text('[cache]\nmax_size = "lots"\n', encoding="utf-8")
    monkeypatch.setenv("TUIREADER_CONFIG", str(config))
    store_path(cache_dir).write_bytes(b"not a database " * 100)


@pytest.mark.usefixtures("troubles")
def test_open_session_returns_the_notices_in_order(cache_dir: Path) -> None:
    session = open_session(cache_dir, samples=False)
    try:
        problem, moved = session.notices
        assert problem.startswith(BAD_SIZE)
        assert moved.startswith(f"The cache at {store_path(cache_dir)} was moved to ")
        assert session.reader.settings.problem == problem
        assert session.reader.store is session.store and session.store.count() == 0
    finally:
        session.close()


def test_samples_are_seeded_only_when_asked(cache_dir: Path) -> None:
    session = open_session(cache_dir, samples=False)
    try:
        assert session.notices == () and session.store.count() == 0
    finally:
        session.close()
    session = open_session(cache_dir)
    try:
        assert session.store.count() == 1
    finally:
        session.close()


@pytest.mark.usefixtures("troubles")
def test_every_cache_command_says_the_notices_on_stderr(cache_dir: Path) -> None:
    result = run_in_process("cache", "list", cache_dir=cache_dir)
    assert result.returncode == 0
    problem, moved, summary = result.stderr.splitlines()
    assert problem.startswith(f"tuireader: {BAD_SIZE}")
    assert moved.startswith("tuireader: The cache at ") and "was moved to" in moved
    assert re.fullmatch(r"0 articles, \d+\.\d MiB on disk", summary)  # the notices came first


@pytest.mark.subprocess
@pytest.mark.usefixtures("troubles")
def test_the_app_shows_the_notices(cache_dir: Path) -> None:
    session = PtySession(cache_dir=cache_dir)
    try:
        session.wait_for("max_size")
        session.wait_for("moved")  # one word: the notice wraps where the (tmp) path makes it
        session.send(b"q")
        assert session.finish() == 0
    finally:
        session.kill()


@pytest.mark.parametrize(
    "args",
    [["cache", "list", "--sort", "newest"], ["--format", "pdf", "x"], ["cache"], ["--bogus"]],
)
def test_usage_errors_are_one_line(args: list[str], cache_dir: Path) -> None:
    result = run_in_process(*args, cache_dir=cache_dir)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("tuireader: ")
    assert result.stderr.endswith(" --help)\n")


def _calls(path: Path) -> set[str]:
    """The dotted names called or read in `path` (`Store.in_directory`, `sys.stderr`), and
    `print(file=...)` if print is given a file."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            names.add(ast.unparse(node.func))
            if any(k.arg == "file" for k in node.keywords):
                names.add("print(file=...)")
        elif isinstance(node, ast.Attribute):
            names.add(ast.unparse(node))
    return names


def test_only_the_session_opens_the_store_or_seeds_the_samples() -> None:
    openers = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if {"Store.in_directory", "import_bundled"} & _calls(path)
    }
    assert openers == {"reading/session.py"}


def test_only_cli_output_writes_to_stderr() -> None:
    writers = {
        str(path.relative_to(SRC))
        for path in (SRC / "cli").glob("*.py")
        if {"sys.stderr", "print(file=...)"} & _calls(path)
    }
    # prefetch, refresh, fetch, import and the EPUB export: the stream their progress line draws on
    assert writers == {
        "cli/output.py",
        "cli/prefetch.py",
        "cli/refresh.py",
        "cli/fetch.py",
        "cli/list_import.py",
        "cli/epub_export.py",
    }
