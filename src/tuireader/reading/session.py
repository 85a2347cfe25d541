"""The one way into the cache: settings read, store opened, samples seeded, a Reader built.

The command line, the app and the first fetch's child all open the store here; each decides only
how to show the notices (stderr, notifications, nowhere). Lean on purpose: the first fetch runs
this in a forked child before Textual is imported, and opening a cached article imports nothing
that fetches or extracts (the samples, which may need the extractor, are imported only if asked).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from tuireader.cache import Store
from tuireader.reading.reader import Reader
from tuireader.settings import Settings, load_settings


class Session(NamedTuple):
    """An open store, the Reader on it, and what to tell the person (one line each)."""

    store: Store
    reader: Reader
    notices: tuple[str, ...]  # a settings problem, a store moved aside: never fatal

    def close(self) -> None:
        self.reader.close()


def open_session(
    cache_dir: Path,
    *,
    settings: Settings | None = None,
    samples: bool = True,
    keep: Callable[[], frozenset[str]] = frozenset,
) -> Session:
    """Open the store in `cache_dir` with `settings` (read from the settings file if None).

    `samples` imports the bundled sample articles not imported before; `keep` is the Reader's
    (the URLs eviction must spare). StoreError if the store cannot be opened.
    """
    settings = load_settings() if settings is None else settings
    store = Store.in_directory(cache_dir)
    try:
        if samples:
            from tuireader.cache.samples import import_bundled

            import_bundled(store)
        reader = Reader(store, settings=settings, keep=keep)
    except BaseException:
        store.close()
        raise
    notices = tuple(notice for notice in (settings.problem, store.notice) if notice)
    return Session(store, reader, notices)
