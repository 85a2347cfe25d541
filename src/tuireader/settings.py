"""User settings: a TOML file in platformdirs' user config dir ($TUIREADER_CONFIG overrides it).

A missing file means defaults; a bad file or a bad value means defaults plus a one-line `problem`
the app or the command line shows. Settings never stop tuireader from starting.

    [cache]
    max_size = "1 GiB"      # least recently read articles are evicted past this
    max_age = "12h"         # younger cached articles open with no request; older are revalidated

    [fetch]
    max_page_size = "10 MiB"  # a page over this (decoded, after gzip or brotli) is refused
    connect_timeout = "10s"   # giving up on a server that does not accept the connection
    read_timeout = "20s"      # ... or that stops sending, before or in the middle of a page

    [ui]
    theme = "textual-dark"  # any Textual theme; changing it in the app writes it here
    body_width = 80         # the article's widest line, in columns (40 to 200)
    show_links = true       # the related-links sidebar starts open
    show_source = true      # the source panel starts open

    [keys]                  # Textual keymap: binding id = keys, e.g.
    "reader.open_url" = "ctrl+o"
"""

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

CONFIG_ENV = "TUIREADER_CONFIG"
GIB = 1024**3

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": GIB, "t": 1024**4}
_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_AGE_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


class Settings(NamedTuple):
    """Immutable, like the models (and for the same reason not a dataclass: start-up)."""

    cache_max_bytes: int = GIB
    max_age_seconds: float = 12 * 3600
    max_page_bytes: int = 10 * 1024**2
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    theme: str = "textual-dark"
    body_width: int = 80
    show_links: bool = True
    show_source: bool = True
    keymap: tuple[tuple[str, str], ...] = ()  # (binding id, keys): see App.set_keymap
    path: Path | None = None
    problems: tuple[str, ...] = ()

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
        return settings._replace(problems=(f"cannot read settings {path}: {exc.strerror}",))
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return settings._replace(problems=(f"settings {path} ignored: {exc}",))
    return _apply(settings, data)


def _apply(settings: Settings, data: dict[str, Any]) -> Settings:
    problems: list[str] = []
    changes: dict[str, Any] = {}
    _read_sizes_and_ages(
        data,
        "cache",
        (("max_size", "cache_max_bytes", parse_size), ("max_age", "max_age_seconds", parse_age)),
        problems,
        changes,
    )
    _read_sizes_and_ages(
        data,
        "fetch",
        (
            ("max_page_size", "max_page_bytes", parse_size),
            ("connect_timeout", "connect_timeout", parse_age),
            ("read_timeout", "read_timeout", parse_age),
        ),
        problems,
        changes,
        positive=True,
    )
    ui = _table(data, "ui", problems)
    checks: tuple[tuple[str, type, Any], ...] = (
        ("theme", str, lambda v: bool(v.strip())),
        ("body_width", int, lambda v: 40 <= v <= 200),
        ("show_links", bool, lambda v: True),
        ("show_source", bool, lambda v: True),
    )
    for key, kind, valid in checks:
        if key not in ui:
            continue
        value = ui[key]
        if (
            isinstance(value, kind)
            and not (kind is int and isinstance(value, bool))
            and valid(value)
        ):
            changes[key] = value
        else:
            problems.append(f"settings [ui] {key} = {value!r} is not valid; using the default")
    keys = _table(data, "keys", problems)
    keymap = {str(k): v for k, v in keys.items() if isinstance(v, str) and v.strip()}
    if len(keymap) != len(keys):
        problems.append('settings [keys]: every value must be a key string like "ctrl+o"')
    if keymap:
        changes["keymap"] = tuple(keymap.items())
    return settings._replace(**changes, problems=tuple(problems))


def _read_sizes_and_ages(
    data: dict[str, Any],
    name: str,
    fields: tuple[tuple[str, str, Callable[[str], float]], ...],
    problems: list[str],
    changes: dict[str, Any],
    *,
    positive: bool = False,
) -> None:
    """Parse each (key, attribute, parser) of table `name` into `changes`; name each bad value.

    `positive`: 0 is not allowed either (a zero timeout or page cap would refuse everything).
    """
    table = _table(data, name, problems)
    for key, attr, parse in fields:
        if key not in table:
            continue
        try:
            value = parse(str(table[key]))
        except ValueError as exc:
            problems.append(f"settings [{name}] {key}: {exc}; using the default")
            continue
        if positive and value <= 0:
            problems.append(f"settings [{name}] {key} must be more than 0; using the default")
        else:
            changes[attr] = value


def _table(data: dict[str, Any], name: str, problems: list[str]) -> dict[str, Any]:
    table = data.get(name, {})
    if isinstance(table, dict):
        return table
    problems.append(f"settings: [{name}] must be a table; using the defaults")
    return {}


def save_setting(path: Path, table: str, key: str, value: str | int | bool) -> None:
    """Write one `key = value` into `[table]` of the settings file, keeping everything else.

    Comments and the order of the file survive: only the line for `key` is replaced, or added
    under its table (created at the end when missing). Written to a temporary file first and
    renamed over the old one, so a crash never leaves half a settings file.
    """
    literal = _toml_literal(value)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
    assignment = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    current, insert_at = "", -1
    for n, line in enumerate(lines):
        match = header.match(line)
        if match:
            current = match.group(1).strip()
            if current == table:
                insert_at = n + 1
            continue
        if current == table and assignment.match(line):
            lines[n] = f"{key} = {literal}"
            break
    else:
        if insert_at >= 0:
            lines.insert(insert_at, f"{key} = {literal}")
        else:
            lines += ([""] if lines else []) + [f"[{table}]", f"{key} = {literal}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _toml_literal(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
