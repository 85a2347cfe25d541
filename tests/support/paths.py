"""Where the tests' data lives, whichever folder a test module sits in."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parents[1]
REPO = TESTS.parent
FIXTURE_DIR = TESTS / "fixtures"  # pages for the extractor (extract/), the fixture site (site/)
REPO_CACHE = REPO / "cache"  # the sample article the repo ships
