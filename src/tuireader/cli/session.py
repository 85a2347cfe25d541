"""The command line's way into the cache: settings read, store opened, samples seeded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tuireader.cli.output import fail

if TYPE_CHECKING:
    from tuireader.cache import Store
    from tuireader.reading.reader import Reader


def open_store(cache_dir: Path) -> tuple[Store, Reader]:
    """The store at `cache_dir` and a Reader on it; problems with either are said on stderr."""
    from tuireader.cache import Store
    from tuireader.cache.samples import import_bundled
    from tuireader.reading.reader import Reader
    from tuireader.settings import load_settings

    settings = load_settings()
    if settings.problem:
        fail(settings.problem)
    store = Store.in_directory(cache_dir)
    if store.notice:
        fail(store.notice)
    import_bundled(store)
    return store, Reader(store, settings=settings)
