"""User settings: a TOML file in platformdirs' user config dir ($TUIREADER_CONFIG overrides it).

A missing file means defaults; a bad file or a bad value means defaults plus a one-line `problem`
the app or the command line shows. Settings never stop tuireader from starting.

    [cache]
    max_size = "1 GiB"      # least recently read articles are evicted past this (10 MiB at least)
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
    images = "auto"         # "auto": drawn in the body, full view in Kitty/Sixel terminals;
                            # "blocks": half blocks everywhere; "off": alt text, none fetched
    image_height = 60       # a picture in the body takes at most this % of the pane's height

    [feeds]
    fetch_articles = true        # a refresh fetches each new entry's article into the cache
    max_articles_per_feed = 20   # ... the newest this many of each feed, at most, per refresh
    keep_read = "30d"            # read entries gone from their feed are forgotten after this
    refresh_every = "off"        # the app refreshes on launch when the last one is older ("1h")

    [reading_list]
    archive_when_finished = false  # reading a saved article to its end archives it

    [archive]
    base_url = "https://archive.org"  # the Internet Archive's availability API (W on a card)

    [keys]                  # Textual keymap: binding id = keys, e.g.
    "reader.open_url" = "ctrl+o"
"""

import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from tuireader.paths import PathError, env_path

CONFIG_ENV = "TUIREADER_CONFIG"
MIB = 1024**2
GIB = 1024**3
MAX_FILE_BYTES = MIB  # a settings file is a few lines: anything this big is not one

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?i?b?)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "m": MIB, "g": GIB, "t": 1024**4, "p": 1024**5}
_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_AGE_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
IMAGE_MODES = ("auto", "blocks", "off")
_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")


class Settings(NamedTuple):
    """Immutable, like the models (and for the same reason not a dataclass: start-up)."""

    cache_max_bytes: int = GIB
    max_age_seconds: float = 12 * 3600
    max_page_bytes: int = 10 * MIB
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    theme: str = "textual-dark"
    body_width: int = 80
    show_links: bool = True
    show_source: bool = True
    images: str = "auto"  # "auto" | "blocks" | "off"
    image_height: int = 60  # percent of the body pane's height a picture may take
    feed_fetch_articles: bool = True
    feed_max_articles: int = 20
    feed_keep_read_seconds: float = 30 * 86400
    feed_refresh_seconds: float = 0.0  # 0: off
    archive_when_finished: bool = False
    archive_base_url: str = "https://archive.org"  # where W asks for an archived copy
    keymap: tuple[tuple[str, str], ...] = ()  # (binding id, keys): see App.set_keymap
    path: Path | None = None
    problems: tuple[str, ...] = ()

    @property
    def problem(self) -> str:
        return "; ".join(self.problems)


class Limit(NamedTuple):
    """One size or duration setting: where it lives, how it parses, what it may be."""

    table: str
    key: str
    attribute: str
    parse: Callable[[str], float]
    show: Callable[[float], str]
    low: float
    high: float
    low_allowed: bool = True  # False: `low` itself is refused too (a zero timeout)


class SettingsFileError(OSError):
    """The settings path is not a file settings are read from or written to (a device, a FIFO)."""


def config_path() -> Path:
    """$TUIREADER_CONFIG, else the user config dir's file; PathError for an unknown ~user."""
    env = env_path(CONFIG_ENV)
    if env is not None:
        return env
    from platformdirs import user_config_path

    return user_config_path("tuireader", appauthor=False) / "config.toml"


def parse_size(text: str) -> int:
    """'1 GiB', '500MB', '20m', '1024' -> bytes, in binary units (a cache is not a disk label)."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"not a size: {_shown(text)} (try '1 GiB' or '500 MiB')")
    unit = (match.group(2) or "").lower()[:1]
    value = float(match.group(1)) * _SIZE_UNITS[unit]
    if not math.isfinite(value):
        raise ValueError(f"{_shown(text)} is too large")
    return int(value)


def parse_age(text: str) -> float:
    """'90s', '15m', '12h', '2d', '1w', '3600' -> seconds."""
    match = _AGE.match(text)
    if match is None:
        raise ValueError(f"not a duration: {_shown(text)} (try '12h', '30m' or '2d')")
    value = float(match.group(1)) * _AGE_UNITS[match.group(2).lower()]
    if not math.isfinite(value):
        raise ValueError(f"{_shown(text)} is too long")
    return value


MIN_REFRESH_EVERY = 300.0  # seconds: checking every feed more often is no use to anyone


def parse_every(text: str) -> float:
    """How often to refresh: "off" (0) or a duration of five minutes at least."""
    if text.strip().lower() in ("off", "never"):
        return 0.0
    seconds = parse_age(text)
    if 0 < seconds < MIN_REFRESH_EVERY:
        raise ValueError(f'{_shown(text)} is too often: it must be "off" or at least 5m')
    return seconds


def format_every(seconds: float) -> str:
    return format_age(seconds) if seconds else "off"


def format_size(size: float) -> str:
    """Bytes in the largest binary unit that holds them whole: 10485760 -> '10 MiB'."""
    for name, unit in (("PiB", 1024**5), ("TiB", 1024**4), ("GiB", GIB), ("MiB", MIB)):
        if size >= unit and size % unit == 0:
            return f"{int(size // unit)} {name}"
    if size % 1024 == 0 and size:
        return f"{int(size // 1024)} KiB"
    return "1 byte" if size == 1 else f"{int(size)} bytes"


def format_age(seconds: float) -> str:
    """Seconds in the largest unit that holds them whole: 43200 -> '12h'."""
    for name in ("w", "d", "h", "m"):
        unit = _AGE_UNITS[name]
        if seconds >= unit and seconds % unit == 0:
            return f"{int(seconds // unit)}{name}"
    return f"{seconds:g}s"


LIMITS = (
    Limit("cache", "max_size", "cache_max_bytes", parse_size, format_size, 10 * MIB, 1024**5),
    Limit("cache", "max_age", "max_age_seconds", parse_age, format_age, 0, 3650 * 86400),
    Limit("fetch", "max_page_size", "max_page_bytes", parse_size, format_size, 1024, GIB),
    Limit("fetch", "connect_timeout", "connect_timeout", parse_age, format_age, 0, 86400, False),
    Limit("fetch", "read_timeout", "read_timeout", parse_age, format_age, 0, 86400, False),
    Limit("feeds", "keep_read", "feed_keep_read_seconds", parse_age, format_age, 0, 3650 * 86400),
    Limit(
        "feeds", "refresh_every", "feed_refresh_seconds", parse_every, format_every, 0, 366 * 86400
    ),
)


def _web_address(value: str) -> bool:
    """An http(s) address with a host and nothing a request line could be split by."""
    host = re.fullmatch(r"https?://([^/\s?#]+)(/[^\s?#]*)?", value.strip())
    return host is not None


class Check(NamedTuple):
    """One plain setting: where it lives, its TOML type, and what values it may take."""

    table: str
    key: str
    attribute: str
    kind: type
    valid: Callable[[Any], bool]


CHECKS = (
    Check("ui", "theme", "theme", str, lambda v: bool(v.strip())),
    Check("ui", "body_width", "body_width", int, lambda v: 40 <= v <= 200),
    Check("ui", "show_links", "show_links", bool, lambda v: True),
    Check("ui", "show_source", "show_source", bool, lambda v: True),
    Check("ui", "images", "images", str, lambda v: v in IMAGE_MODES),
    Check("ui", "image_height", "image_height", int, lambda v: 10 <= v <= 100),
    Check("feeds", "fetch_articles", "feed_fetch_articles", bool, lambda v: True),
    Check("feeds", "max_articles_per_feed", "feed_max_articles", int, lambda v: 0 <= v <= 1000),
    Check("reading_list", "archive_when_finished", "archive_when_finished", bool, lambda v: True),
    Check("archive", "base_url", "archive_base_url", str, _web_address),
)
KNOWN_KEYS = {
    "cache": {limit.key for limit in LIMITS if limit.table == "cache"},
    "fetch": {limit.key for limit in LIMITS if limit.table == "fetch"},
    "ui": {check.key for check in CHECKS if check.table == "ui"},
    "feeds": {limit.key for limit in LIMITS if limit.table == "feeds"}
    | {check.key for check in CHECKS if check.table == "feeds"},
    "reading_list": {check.key for check in CHECKS if check.table == "reading_list"},
    "archive": {check.key for check in CHECKS if check.table == "archive"},
    "keys": None,  # binding ids: tuireader.keymap checks them
}


def load_settings(path: Path | None = None) -> Settings:
    if path is None:
        try:
            path = config_path()
        except PathError as exc:
            return Settings(problems=(f"settings ignored: {exc}",))
    settings = Settings(path=path)
    try:
        raw = _read_settings_file(path)
    except FileNotFoundError:
        return settings
    except SettingsFileError as exc:
        return settings._replace(problems=(f"settings {path} ignored: {exc}",))
    except OSError as exc:
        return settings._replace(problems=(f"cannot read settings {path}: {exc.strerror}",))
    import tomllib

    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except RecursionError:
        return settings._replace(problems=(f"settings {path} ignored: nested too deeply",))
    except ValueError as exc:  # TOMLDecodeError, UnicodeDecodeError, an integer too long
        return settings._replace(problems=(f"settings {path} ignored: {_clip(str(exc), 200)}",))
    return _apply(settings, data, text.splitlines())


def _read_settings_file(path: Path) -> bytes:
    """The file's bytes; /dev/null reads as empty. Never blocks on a FIFO, never reads a device.

    SettingsFileError (an OSError) for what is not a regular file or far too big to be settings.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISCHR(info.st_mode) and info.st_rdev == os.stat(os.devnull).st_rdev:
            return b""
        raise SettingsFileError("it is not a regular file")
    fd = _open_regular(path)
    try:
        if os.fstat(fd).st_size > MAX_FILE_BYTES:
            raise SettingsFileError(f"it is over {format_size(MAX_FILE_BYTES)}")
        with os.fdopen(os.dup(fd), "rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)


def _open_regular(path: Path) -> int:
    """A read-only descriptor on `path`, checked to be a regular file once open (no blocking on
    a FIFO swapped in meanwhile); SettingsFileError if it is not."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise SettingsFileError(f"{path} is not a regular file")
    return fd


def _apply(settings: Settings, data: dict[str, Any], lines: list[str]) -> Settings:
    problems: list[str] = []
    changes: dict[str, Any] = {}

    def where(table: str, key: str) -> str:
        number = _line_of(lines, table, key)
        shown = _name(key, quoted=table == "keys")
        place = f"[{table}] {shown}" if table else shown
        return f"settings {place}" + (f" (line {number})" if number else "")

    for name, value in data.items():
        if name in KNOWN_KEYS:
            continue
        if isinstance(value, dict):
            number = _line_of(lines, name, None)
            at = f" (line {number})" if number else ""
            problems.append(f"settings: [{_name(name)}]{at} is not a settings table; ignored")
        else:
            problems.append(f"{where('', name)} is in no table; ignored")
    for table, known in KNOWN_KEYS.items():
        for key in _table(data, table, problems):
            if known is not None and key not in known:
                problems.append(
                    f"{where(table, key)} is not a setting; ignored "
                    f"(known: {', '.join(sorted(known))})"
                )
    for limit in LIMITS:
        _read_limit(limit, _table(data, limit.table, []), where, problems, changes)
    for check in CHECKS:
        values = _table(data, check.table, [])
        if check.key not in values:
            continue
        value = values[check.key]
        if (
            isinstance(value, check.kind)
            and not (check.kind is int and isinstance(value, bool))
            and check.valid(value)
        ):
            changes[check.attribute] = value
        else:
            default = getattr(settings, check.attribute)
            problems.append(
                f"{where(check.table, check.key)} = {_shown(value)} is not valid; "
                f"using the default {default!r}"
            )
    from tuireader.keymap import check_keymap

    keymap, refused = check_keymap(
        {str(k): v for k, v in _table(data, "keys", []).items()}, lambda key: where("keys", key)
    )
    problems += refused
    if keymap:
        changes["keymap"] = tuple(keymap.items())
    return settings._replace(**changes, problems=tuple(problems))


def _read_limit(
    limit: Limit,
    table: dict[str, Any],
    where: Callable[[str, str], str],
    problems: list[str],
    changes: dict[str, Any],
) -> None:
    """Parse one size or duration into `changes`, or say in one line why the default stays."""
    if limit.key not in table:
        return
    default = limit.show(getattr(Settings(), limit.attribute))
    place = f"{where(limit.table, limit.key)} = {_shown(table[limit.key])}"
    try:
        value = limit.parse(str(table[limit.key]))
    except ValueError as exc:
        problems.append(f"{where(limit.table, limit.key)}: {exc}; using the default {default}")
        return
    if value < limit.low or (value == limit.low and not limit.low_allowed):
        floor = "more than" if not limit.low_allowed else "at least"
        shown_low = limit.show(limit.low) if limit.low else "0"
        problems.append(
            f"{place} is too small: it must be {floor} {shown_low}; using the default {default}"
        )
    elif value > limit.high:
        problems.append(
            f"{place} is too large: it can be at most {limit.show(limit.high)}; "
            f"using the default {default}"
        )
    else:
        changes[limit.attribute] = value


def _table(data: dict[str, Any], name: str, problems: list[str]) -> dict[str, Any]:
    table = data.get(name, {})
    if isinstance(table, dict):
        return table
    problems.append(f"settings: [{name}] must be a table; using the defaults")
    return {}


def _line_of(lines: list[str], table: str, key: str | None) -> int | None:
    """The 1-based line where `key` is set in `[table]` (or the table starts): for messages."""
    assignment = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=") if key else None
    current = ""
    for number, line in enumerate(lines, 1):
        match = _HEADER.match(line)
        if match:
            current = match.group(1).strip()
            if key is None and current == table:
                return number
        elif assignment is not None and current == table and assignment.match(line):
            return number
    return None


def _shown(value: object) -> str:
    """A value for a one-line message: its repr, shortened (a 400-digit size stays readable)."""
    return _clip(repr(value), 40)


def _name(key: str, *, quoted: bool = False) -> str:
    """A table or key name for a message: as written when plain, else its shortened repr."""
    if re.fullmatch(r"[A-Za-z0-9_.-]{1,60}", key):
        return f'"{key}"' if quoted else key
    return _shown(key)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def save_setting(path: Path, table: str, key: str, value: str | int | bool) -> None:
    """Write one `key = value` into `[table]` of the settings file, keeping everything else.

    Comments and the order of the file survive: only the line for `key` is replaced, or added
    under its table (created at the end when missing). A symlinked file is written where it
    points; something else than a regular file (a device, a FIFO) raises SettingsFileError. The
    new text goes to a fresh temporary file beside the target, renamed over it with the old
    file's mode: a crash never leaves half a settings file, and nothing planted at a predictable
    name is written through.
    """
    target = Path(os.path.realpath(path))
    text, mode = _current_text(target)
    lines = text.splitlines()
    literal = _toml_literal(value)
    assignment = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    current, insert_at = "", -1
    for n, line in enumerate(lines):
        match = _HEADER.match(line)
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
    _replace_file(target, "\n".join(lines) + "\n", mode)


def _current_text(target: Path) -> tuple[str, os.stat_result | None]:
    """The settings text now and its file's stat ("" and None when there is no file yet)."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return "", None
    if not stat.S_ISREG(info.st_mode):  # checked before opening: a device is never opened
        raise SettingsFileError(f"{target} is not a regular file")
    fd = _open_regular(target)
    try:
        with os.fdopen(os.dup(fd), "rb") as file:
            raw = file.read()
    finally:
        os.close(fd)
    try:
        return raw.decode("utf-8"), info
    except UnicodeDecodeError:
        raise SettingsFileError(f"{target} is not UTF-8 text") from None


def _replace_file(target: Path, text: str, old: os.stat_result | None) -> None:
    import tempfile
    from contextlib import suppress

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if old is not None:
            os.chmod(temporary, stat.S_IMODE(old.st_mode))
            if hasattr(os, "chown") and old.st_uid != os.geteuid():
                with suppress(PermissionError):  # root saving a user's file leaves it theirs
                    os.chown(temporary, old.st_uid, old.st_gid)
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _toml_literal(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
