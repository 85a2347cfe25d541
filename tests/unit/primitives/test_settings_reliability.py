"""Issue 16, settings: saving the theme never replaces what the path is, bad values are one line,
a `~user` that names nobody is one line, and a tiny max_size never empties the library.

Every case runs on real files in tmp_path, a real store, a real HTTP server on 127.0.0.1 and,
for the command line, real `tuireader` processes.
"""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
from pathlib import Path

import pytest

from support.cli_runner import command
from support.fixture_site import FixtureSite
from support.pilot import notifications
from tuireader.cache import Store
from tuireader.reading.reader import Reader
from tuireader.settings import GIB, Settings, SettingsFileError, load_settings, save_setting
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.reader import ReaderScreen

SIZE = (120, 40)


def _unknown_user() -> str:
    """`~name` for a name no account on this machine has (the first free of a numbered few)."""
    for n in range(1000):
        name = f"tuireader-no-such-user-{n}"
        try:
            pwd.getpwnam(name)
        except KeyError:
            return f"~{name}"
    raise AssertionError("every candidate user name exists")


NOBODY = _unknown_user()


# Item 6: saving the theme


def test_a_symlinked_settings_file_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "tuireader.toml"
    target.write_text('# mine\n[ui]\ntheme = "nord"\nbody_width = 90\n')
    target.chmod(0o640)
    link = tmp_path / "config" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(target)

    save_setting(link, "ui", "theme", "dracula")

    assert link.is_symlink() and link.resolve() == target
    assert target.read_text() == '# mine\n[ui]\ntheme = "dracula"\nbody_width = 90\n'
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in dotfiles.iterdir()) == ["tuireader.toml"]  # no temporary left
    assert sorted(p.name for p in link.parent.iterdir()) == ["config.toml"]


def test_a_fifo_is_refused_and_stays_a_fifo(tmp_path: Path) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    fifo = folder / "config.toml"
    os.mkfifo(fifo)
    with pytest.raises(SettingsFileError, match="not a regular file"):
        save_setting(fifo, "ui", "theme", "dracula")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in folder.iterdir()) == ["config.toml"]
    # reading it as settings does not block either: defaults and one line
    settings = load_settings(fifo)
    assert settings.theme == "textual-dark" and "not a regular file" in settings.problem


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_like_dev_null_is_refused_and_stays_a_device(tmp_path: Path) -> None:
    """TUIREADER_CONFIG=/dev/null as root: a node with /dev/null's numbers, so the real one is
    never at stake if this regresses."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.stat(os.devnull).st_rdev)
    assert load_settings(null).problem == ""  # /dev/null as settings: the defaults, quietly
    with pytest.raises(SettingsFileError, match="not a regular file"):
        save_setting(null, "ui", "theme", "dracula")
    info = os.lstat(null)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.stat(os.devnull).st_rdev
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_planted_tmp_symlink_is_not_written_through(tmp_path: Path) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    config = folder / "config.toml"
    config.write_text('[ui]\ntheme = "nord"\n')
    victim = folder / "victim"
    victim.write_text("precious\n")
    planted = folder / "config.toml.tmp"
    planted.symlink_to(victim)

    save_setting(config, "ui", "theme", "dracula")

    assert victim.read_text() == "precious\n"
    assert planted.is_symlink() and planted.resolve() == victim
    assert load_settings(config).theme == "dracula"
    assert sorted(p.name for p in folder.iterdir()) == ["config.toml", "config.toml.tmp", "victim"]


async def test_the_app_keeps_a_theme_it_cannot_save_and_says_so(
    tmp_path: Path, cache_dir: Path
) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    app = TuiReaderApp(cache_dir, import_samples=False, settings=load_settings(fifo))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.theme = "dracula"
        await pilot.pause()
        assert app.theme == "dracula"
        said = [n.message for n in notifications(app) if "for this run only" in n.message]
        assert said == [
            f"Theme dracula is kept for this run only: not saved ({fifo} is not a regular file)"
        ]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# Item 7: values that crashed


def test_toml_nested_5000_deep_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    settings = load_settings(path)
    assert settings.problem == f"settings {path} ignored: nested too deeply"
    assert settings.cache_max_bytes == GIB


@pytest.mark.parametrize("value", ['"' + "9" * 400 + '"', "9" * 400, '"' + "9" * 400 + ' GiB"'])
def test_a_400_digit_size_is_one_line_naming_the_key_and_default(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[cache]\nmax_size = {value}\n")
    settings = load_settings(path)
    assert settings.cache_max_bytes == GIB
    assert settings.problem.startswith("settings [cache] max_size (line 2)")
    assert settings.problem.endswith("using the default 1 GiB")
    assert len(settings.problem) < 200 and "\n" not in settings.problem


def test_a_timeout_of_200000_days_is_refused_and_pages_still_load(
    tmp_path: Path, cache_dir: Path, site: FixtureSite
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[fetch]\nread_timeout = "200000d"\nconnect_timeout = "5s"\n')
    settings = load_settings(path)
    assert settings.problem == (
        "settings [fetch] read_timeout (line 2) = '200000d' is too large: it can be at most 1d; "
        "using the default 20s"
    )
    assert (settings.read_timeout, settings.connect_timeout) == (20.0, 5.0)
    store = Store.in_directory(cache_dir)
    try:
        reading = Reader(store, settings=settings).open(site.url("/article.html"))
    finally:
        store.close()
    assert reading.article.found


def test_unknown_tables_and_keys_are_named_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'max_size = "2 GiB"\n[cache]\nmaxsize = "2 GiB"\n[ui]\nthem = "nord"\n[colours]\na = 1\n'
    )
    assert load_settings(path).problems == (
        "settings max_size (line 1) is in no table; ignored",
        "settings: [colours] (line 6) is not a settings table; ignored",
        "settings [cache] maxsize (line 3) is not a setting; ignored (known: max_age, max_size)",
        "settings [ui] them (line 5) is not a setting; ignored "
        "(known: body_width, image_height, images, show_links, show_source, theme)",
    )


def test_unknown_binding_ids_and_bad_key_lists_are_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[keys]\n"reader.opn_url" = "ctrl+o"\n"app.help" = ""\nreader.find = "f"\n'
        '"app.theme" = "f5"\n'
    )
    settings = load_settings(path)
    assert settings.problems == (
        'settings [keys] "reader.opn_url" (line 2) is not a binding id '
        "(did you mean reader.open_url?); ignored",
        'settings [keys] "app.help" (line 3) = \'\' is not a key list like "ctrl+o,f2"; ignored',
        'settings [keys] "reader.find" (line 4): quote the binding id, like "reader.find" = "f2"',
    )
    assert settings.keymap == (("app.theme", "f5"),)


@pytest.mark.parametrize(
    ("line", "refused"),
    [('"reader.open_url" = "q"', "reader.open_url"), ('"app.quit" = "j"', "app.quit")],
)
async def test_a_keymap_that_leaves_no_quit_key_is_refused_and_q_still_quits(
    tmp_path: Path, cache_dir: Path, line: str, refused: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[keys]\n"app.help" = "f1"\n{line}\n')
    settings = load_settings(path)
    assert settings.keymap == (("app.help", "f1"),)
    assert settings.problem.startswith(f'settings [keys] "{refused}" (line 3) = ')
    assert "refused: it would leave app.quit no key of its own" in settings.problem
    app = TuiReaderApp(cache_dir, import_samples=False, settings=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert any(refused in n.message for n in notifications(app))
        await pilot.press("escape")  # the library opens at start: back to the reader
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0  # q quit


# Item 10: ~user that names nobody


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("TUIREADER_")}
    return subprocess.run(
        command(*args), capture_output=True, text=True, env={**environ, **env}, timeout=60
    )


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("args", "env", "code", "source"),
    [
        (("--cache-dir", f"{NOBODY}/cache", "--dump", "http://127.0.0.1:9/"), {}, 2, "--cache-dir"),
        (
            ("--dump", "http://127.0.0.1:9/"),
            {"TUIREADER_CACHE_DIR": NOBODY},
            1,
            "TUIREADER_CACHE_DIR",
        ),
        (
            ("--dump", "http://127.0.0.1:9/"),
            {"TUIREADER_CONFIG": f"{NOBODY}/c.toml"},
            1,
            "TUIREADER_CONFIG",
        ),
        (("cache", "--cache-dir", f"{NOBODY}/c", "list"), {}, 2, "--cache-dir"),
        (("cache", "list"), {"TUIREADER_CACHE_DIR": NOBODY}, 1, "TUIREADER_CACHE_DIR"),
    ],
)
def test_an_unknown_user_is_one_line_and_an_exit_code(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], code: int, source: str
) -> None:
    result = _run(*args, **env, HOME=str(tmp_path))
    assert result.returncode == code
    assert result.stderr == f"tuireader: cannot expand {NOBODY} in {source}: no such user\n"


@pytest.mark.subprocess
@pytest.mark.parametrize("name", ["TUIREADER_CACHE_DIR", "TUIREADER_CONFIG"])
def test_version_and_help_need_no_paths(name: str) -> None:
    version = _run("--version", **{name: NOBODY})
    assert (version.returncode, version.stderr) == (0, "")
    assert version.stdout.startswith("tuireader ")
    helped = _run("--help", **{name: NOBODY})
    assert helped.returncode == 0 and "Traceback" not in helped.stderr
    assert "examples:" in helped.stdout


# Item 13: max_size = "0"


def test_max_size_zero_is_refused_and_a_fetch_keeps_the_library(
    tmp_path: Path, cache_dir: Path, site: FixtureSite
) -> None:
    store = Store.in_directory(cache_dir)
    try:
        reader = Reader(store)
        for page in ("/article.html", "/second.html", "/third.html"):
            reader.open(site.url(page))
        assert store.count() == 3
        path = tmp_path / "config.toml"
        path.write_text('[cache]\nmax_size = "0"\n')
        settings = load_settings(path)
        assert settings.problem == (
            "settings [cache] max_size (line 2) = '0' is too small: it must be at least 10 MiB; "
            "using the default 1 GiB"
        )
        reading = Reader(store, settings=settings).open(site.url("/harbour-log.html"))
        assert store.count() == 4 and (reading.notice, reading.evicted) == ("", 0)
    finally:
        store.close()


def test_eviction_is_never_silent(cache_dir: Path, site: FixtureSite) -> None:
    """A cap that leaves room for one article only (below the floor, so set directly)."""
    store = Store.in_directory(cache_dir)
    try:
        Reader(store).open(site.url("/article.html"))
        Reader(store).open(site.url("/second.html"))
        tight = Reader(store, settings=Settings(cache_max_bytes=1))
        reading = tight.open(site.url("/third.html"))
        assert store.count() == 1 and reading.evicted == 2
        assert reading.notice == (
            "the cache is kept under 1 byte ([cache] max_size): "
            "evicted every other article (2) but the ones open"
        )
    finally:
        store.close()


async def test_the_app_says_how_many_articles_were_evicted(
    tmp_path: Path, cache_dir: Path, site: FixtureSite
) -> None:
    store = Store.in_directory(cache_dir)
    Reader(store).open(site.url("/second.html"))
    store.close()
    settings = Settings(cache_max_bytes=1, path=tmp_path / "config.toml")
    app = TuiReaderApp(
        cache_dir, start_url=site.url("/article.html"), import_samples=False, settings=settings
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [n.message for n in notifications(app) if "evicted" in n.message]
        assert said == [
            "The cache is kept under 1 byte ([cache] max_size): "
            "evicted every other article (1) but the ones open"
        ]


def test_reading_ahead_says_how_many_articles_were_evicted(
    cache_dir: Path, site: FixtureSite
) -> None:
    from tuireader.reading.prefetch import Prefetcher

    store = Store.in_directory(cache_dir)
    try:
        Reader(store).open(site.url("/article.html"))
        tight = Reader(store, settings=Settings(cache_max_bytes=1))
        pages = [site.url(page) for page in ("/second.html", "/third.html", "/harbour-log.html")]
        summary = Prefetcher(tight, concurrency=1).run(pages)
        assert store.count() == 1 and summary.evicted == 3
        assert summary.line() == (
            "3 links: 3 fetched, 0 already cached, 0 failed; "
            "3 older articles evicted to keep the cache under max_size"
        )
    finally:
        store.close()
