"""Where tuireader keeps its files. One place, so tests and users can point it elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tuireader"
CACHE_DIR_ENV = "TUIREADER_CACHE_DIR"
STORE_FILE = "tuireader.sqlite3"


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The cache folder: `override` (--cache-dir), else $TUIREADER_CACHE_DIR, else platformdirs'."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def store_path(directory: Path) -> Path:
    return directory / STORE_FILE


def bundled_cache_dir() -> Path | None:
    """The snapshots shipped with tuireader: in the wheel, or the repo's `cache/` in a checkout."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "bundled_cache", package_dir.parents[1] / "cache"):
        if (candidate / "manifest.json").is_file():
            return candidate
    return None
