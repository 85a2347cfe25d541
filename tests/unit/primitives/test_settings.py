"""Settings: sizes and ages parse, bad files and bad values fall back to defaults with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuireader.settings import (
    GIB,
    Settings,
    load_settings,
    parse_age,
    parse_size,
    save_setting,
)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1 GiB", GIB),
        ("500MB", 500 * 1024**2),
        ("20m", 20 * 1024**2),
        ("1024", 1024),
        ("1.5k", 1536),
    ],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize(
    ("text", "age"), [("90s", 90), ("15m", 900), ("12h", 43200), ("2d", 172800), ("0", 0)]
)
def test_ages(text: str, age: float) -> None:
    assert parse_age(text) == age


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "none.toml")
    assert settings.cache_max_bytes == Settings().cache_max_bytes and settings.problem == ""


def test_values_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[cache]\nmax_size = "2 GiB"\nmax_age = "30m"\n')
    monkeypatch.setenv("TUIREADER_CONFIG", str(path))
    settings = load_settings()
    assert (settings.cache_max_bytes, settings.max_age_seconds) == (2 * GIB, 1800)


def test_fetch_limits_are_read_and_bad_ones_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[fetch]\nmax_page_size = "2 MiB"\nconnect_timeout = "0"\nread_timeout = "90s"\n'
    )
    settings = load_settings(path)
    assert (settings.max_page_bytes, settings.read_timeout) == (2 * 1024**2, 90)
    assert settings.connect_timeout == Settings().connect_timeout
    assert "connect_timeout" in settings.problem and "\n" not in settings.problem


def test_bad_toml_gives_defaults_and_one_message(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[cache\nmax_size = ")
    settings = load_settings(path)
    assert settings.cache_max_bytes == GIB and str(path) in settings.problem
    assert "\n" not in settings.problem


def test_bad_value_keeps_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[cache]\nmax_size = "lots"\nmax_age = "1h"\n')
    settings = load_settings(path)
    assert settings.cache_max_bytes == GIB and settings.max_age_seconds == 3600
    assert "max_size" in settings.problem and "lots" in settings.problem


def test_ui_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[ui]\ntheme = "nord"\nbody_width = 100\nshow_links = false\n'
        '[keys]\n"reader.open_url" = "ctrl+o"\n'
    )
    settings = load_settings(path)
    assert (settings.theme, settings.body_width, settings.show_links) == ("nord", 100, False)
    assert settings.show_source is True and settings.keymap == (("reader.open_url", "ctrl+o"),)
    assert settings.problem == ""


@pytest.mark.parametrize(
    "line", ["body_width = 10", "body_width = true", 'show_links = "yes"', 'theme = ""']
)
def test_bad_ui_values_fall_back(tmp_path: Path, line: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[ui]\n{line}\n")
    settings = load_settings(path)
    assert settings.body_width == 80 and settings.show_links is True and settings.theme
    assert line.split()[0] in settings.problem


def test_save_setting_keeps_comments_and_other_values(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '# mine\n[cache]\nmax_age = "1h"  # short\n\n[ui]\n# my theme\ntheme = "nord"\n'
    )
    save_setting(path, "ui", "theme", "dracula")
    save_setting(path, "ui", "body_width", 96)
    text = path.read_text()
    assert "# mine" in text and 'max_age = "1h"  # short' in text and "# my theme" in text
    settings = load_settings(path)
    assert (settings.theme, settings.body_width, settings.max_age_seconds) == ("dracula", 96, 3600)
    assert text.count("theme =") == 1


def test_save_setting_creates_the_file_and_table(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    save_setting(path, "ui", "theme", 'odd "name"')
    assert load_settings(path).theme == 'odd "name"'
    save_setting(path, "ui", "show_source", False)
    assert load_settings(path).show_source is False


def test_feed_settings_have_defaults_and_are_read(tmp_path: Path) -> None:
    defaults = Settings()
    assert (defaults.feed_fetch_articles, defaults.feed_max_articles) == (True, 20)
    assert defaults.feed_keep_read_seconds == 30 * 86400 and defaults.feed_refresh_seconds == 0
    path = tmp_path / "config.toml"
    path.write_text(
        "[feeds]\nfetch_articles = false\nmax_articles_per_feed = 5\n"
        'keep_read = "2w"\nrefresh_every = "1h"\n'
    )
    settings = load_settings(path)
    assert settings.problem == ""
    assert (settings.feed_fetch_articles, settings.feed_max_articles) == (False, 5)
    assert settings.feed_keep_read_seconds == 14 * 86400
    assert settings.feed_refresh_seconds == 3600


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ('refresh_every = "30s"', "'30s' is too often: it must be \"off\" or at least 5m; using"),
        ('refresh_every = "soon"', "not a duration: 'soon'"),
        ('keep_read = "forever"', "[feeds] keep_read (line 2): not a duration"),
        ("max_articles_per_feed = 5000", "max_articles_per_feed (line 2) = 5000 is not valid"),
        ("max_articles_per_feed = true", "max_articles_per_feed (line 2) = True is not valid"),
        ('fetch_articles = "yes"', "fetch_articles (line 2) = 'yes' is not valid"),
        ("fetch_article = false", "[feeds] fetch_article (line 2) is not a setting"),
    ],
)
def test_bad_feed_settings_fall_back_in_one_line(tmp_path: Path, line: str, named: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[feeds]\n{line}\n")
    settings = load_settings(path)
    assert named in settings.problem and "\n" not in settings.problem
    defaults = Settings()
    assert settings.feed_refresh_seconds == defaults.feed_refresh_seconds
    assert settings.feed_keep_read_seconds == defaults.feed_keep_read_seconds
    assert settings.feed_max_articles == 20 and settings.feed_fetch_articles is True


@pytest.mark.parametrize("text", ["off", "Never", "0"])
def test_refresh_every_can_be_off(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[feeds]\nrefresh_every = "{text}"\n')
    settings = load_settings(path)
    assert settings.feed_refresh_seconds == 0 and settings.problem == ""


def test_archive_when_finished_is_off_by_default_and_read(tmp_path: Path) -> None:
    assert Settings().archive_when_finished is False
    path = tmp_path / "config.toml"
    path.write_text("[reading_list]\narchive_when_finished = true\n")
    settings = load_settings(path)
    assert settings.archive_when_finished is True and settings.problem == ""


@pytest.mark.parametrize(
    ("line", "named"),
    [
        (
            'archive_when_finished = "yes"',
            "[reading_list] archive_when_finished (line 2) = 'yes' is not valid; "
            "using the default False",
        ),
        ("archive_when_done = true", "[reading_list] archive_when_done (line 2) is not a setting"),
    ],
)
def test_bad_reading_list_settings_fall_back_in_one_line(
    tmp_path: Path, line: str, named: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[reading_list]\n{line}\n")
    settings = load_settings(path)
    assert named in settings.problem and "\n" not in settings.problem
    assert settings.archive_when_finished is False
