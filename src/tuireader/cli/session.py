"""The command line's way into the cache: `reading.session`, with its notices said on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tuireader.cli.output import say

if TYPE_CHECKING:
    from tuireader.reading.session import Session


def open_store(cache_dir: Path, *, samples: bool = True) -> Session:
    """The store at `cache_dir` and a Reader on it; each notice is one line on stderr.

    StoreError if the store cannot be opened.
    """
    from tuireader.reading.session import open_session

    session = open_session(cache_dir, samples=samples)
    for notice in session.notices:
        say(notice)
    return session
