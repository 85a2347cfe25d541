"""User settings: a TOML file in platformdirs' user config dir ($TUIREADER_CONFIG overrides it).

A missing file means defaults; a bad file or a bad value means defaults plus a one-line `problem`
the app or the command line shows. Settings never stop tuireader from starting.

    [cache]
    max_size = "1 GiB"      # least recently read articles are evicted past this
    max_age = "12h"         # younger cached articles open with no request; older are revalidated
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

CONFIG_ENV = "TUIREADER_CONFIG"
GIB = 1024**3

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": GIB, "t": 1024**4}
_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_AGE_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


@dataclass(frozen=True, slots=True)
class Settings:
    cache_max_bytes: int = GIB
    max_age_seconds: float = 12 * 3600
    path: Path | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def problem(self) -> str:
        return "; ".join(self.problems)


def config_path() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("tuireader", appauthor=False) / "config.toml"


def parse_size(text: str) -> int:
    """'1 GiB', '500MB', '20m', '1024' -> bytes, in binary units (a cache is not a disk label)."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"not a size: {text!r} (try '1 GiB' or '500 MiB')")
    unit = (match.group(2) or "").lower()[:1]
    return int(float(match.group(1)) * _SIZE_UNITS[unit])


def parse_age(text: str) -> float:
    """'90s', '15m', '12h', '2d', '1w', '3600' -> seconds."""
    match = _AGE.match(text)
    if match is None:
        raise ValueError(f"not a duration: {text!r} (try '12h', '30m' or '2d')")
    return float(match.group(1)) * _AGE_UNITS[match.group(2).lower()]


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_path()
    settings = Settings(path=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return settings
    except OSError as exc:
        return replace(settings, problems=(f"cannot read settings {path}: {exc.strerror}",))
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return replace(settings, problems=(f"settings {path} ignored: {exc}",))
    return _apply(settings, data)


def _apply(settings: Settings, data: dict[str, Any]) -> Settings:
    problems: list[str] = []
    cache = data.get("cache", {})
    if not isinstance(cache, dict):
        return replace(settings, problems=("settings: [cache] must be a table",))
    changes: dict[str, Any] = {}
    for key, attr, parse in (
        ("max_size", "cache_max_bytes", parse_size),
        ("max_age", "max_age_seconds", parse_age),
    ):
        if key in cache:
            try:
                changes[attr] = parse(str(cache[key]))
            except ValueError as exc:
                problems.append(f"settings [cache] {key}: {exc}; using the default")
    return replace(settings, **changes, problems=tuple(problems))
