"""The sample articles shipped in the repo's `cache/` folder, imported into the user's cache once.

So that `tuireader` on a fresh machine with no network already has something to read. Each snapshot
is imported at most once (remembered in the store), so an article the user removes stays removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tuireader.cache import Store, StoreError
from tuireader.models import Page, PageInfo
from tuireader.paths import bundled_cache_dir


def _manifest(directory: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        snapshots = data["snapshots"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [s for s in snapshots if isinstance(s, dict) and "file" in s and "url" in s]


def import_bundled(store: Store, directory: Path | None = None) -> int:
    """Import the shipped snapshots not imported before; returns how many were added.

    A cache that cannot be written (a full disk) gets them on a later start.
    """
    directory = directory or bundled_cache_dir()
    if directory is None:
        return 0
    added = 0
    try:
        for snapshot in _manifest(directory):
            added += _import_one(store, directory, snapshot)
    except StoreError:
        pass
    return added


def _import_one(store: Store, directory: Path, snapshot: dict[str, Any]) -> int:
    """1 if `snapshot` was added to the store now, else 0."""
    marker = f"bundled:{snapshot['file']}"
    if store.get_meta(marker) is not None:
        return 0
    added = 0
    if not store.contains(snapshot["url"]):
        try:
            html = (directory / snapshot["file"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return 0
        from tuireader.extract.page import article_from_page

        page = Page(PageInfo.from_dict(snapshot), html)
        store.save(page, article_from_page(page))
        added = 1
    store.set_meta(marker, snapshot.get("fetched_at", ""))
    return added
