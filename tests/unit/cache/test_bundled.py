"""The sample article ships in the repo's cache/ folder and is in the library on first run."""

from __future__ import annotations

import json
from pathlib import Path

from support.paths import REPO_CACHE
from support.sample_article import SAMPLE_URL, TITLE
from tuireader.cache import Store
from tuireader.cache.samples import import_bundled
from tuireader.paths import bundled_cache_dir


def test_manifest_names_the_sample_and_its_provenance() -> None:
    manifest = json.loads((REPO_CACHE / "manifest.json").read_text(encoding="utf-8"))
    (snapshot,) = manifest["snapshots"]
    assert snapshot["url"] == SAMPLE_URL
    assert (REPO_CACHE / snapshot["file"]).is_file()
    assert (
        "rebuilt" in snapshot["provenance"].lower()
        or "reconstruct" in snapshot["provenance"].lower()
    )
    assert bundled_cache_dir() is not None


def test_first_run_imports_the_sample_once(cache_dir: Path) -> None:
    store = Store.in_directory(cache_dir)
    assert import_bundled(store, REPO_CACHE) == 1
    (entry,) = store.library()
    assert entry.url == SAMPLE_URL
    assert entry.title == TITLE
    assert import_bundled(store, REPO_CACHE) == 0
    page = store.load_page(SAMPLE_URL)
    assert page is not None and "Kim Jong-un" in page.html


def test_a_missing_manifest_imports_nothing(cache_dir: Path, tmp_path: Path) -> None:
    store = Store.in_directory(cache_dir)
    assert import_bundled(store, tmp_path) == 0
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert import_bundled(store, tmp_path) == 0
    assert store.library() == []
