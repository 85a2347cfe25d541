"""Where tuireader keeps its files. One place, so tests and users can point it elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tuireader"
CACHE_DIR_ENV = "TUIREADER_CACHE_DIR"
STORE_FILE = "tuireader.sqlite3"


class PathError(Exception):
    """A path the user gave cannot be used; `exit_code`: 2 for an option, 1 for the environment."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def expand_user(text: str | os.PathLike[str], source: str, exit_code: int = 1) -> Path:
    """`text` with `~` or `~user` expanded; PathError naming `source` when the user is unknown."""
    path = Path(text)
    try:
        return path.expanduser()
    except RuntimeError:  # pathlib's answer to an unknown ~user
        first = path.parts[0] if path.parts else str(text)
        why = "no home directory" if first == "~" else "no such user"
        raise PathError(f"cannot expand {first} in {source}: {why}", exit_code) from None


def env_path(name: str) -> Path | None:
    """The path in environment variable `name` (None when unset or empty), `~` expanded."""
    value = os.environ.get(name)
    return expand_user(value, name) if value else None


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The cache folder: `override` (--cache-dir), else $TUIREADER_CACHE_DIR, else platformdirs'.

    PathError when a `~user` in either names no user.
    """
    if override:
        return expand_user(override, "--cache-dir", exit_code=2)
    env = env_path(CACHE_DIR_ENV)
    if env is not None:
        return env
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def describe_cache_dir() -> str:
    """The default cache folder for help texts, which must print even when it cannot be found."""
    try:
        return str(cache_dir())
    except PathError as exc:
        return f"unknown ({exc})"


def store_path(directory: Path) -> Path:
    return directory / STORE_FILE


def bundled_cache_dir() -> Path | None:
    """The snapshots shipped with tuireader: in the wheel, or the repo's `cache/` in a checkout."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "bundled_cache", package_dir.parents[1] / "cache"):
        if (candidate / "manifest.json").is_file():
            return candidate
    return None
