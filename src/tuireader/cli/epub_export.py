"""`tuireader export --format epub -o FILE [URL... | --tag T | --unread | --starred]`.

A book is binary: it is written to a file only, never to a terminal or a pipe, whole or not at
all. From the cache alone: nothing is fetched. A progress bar on stderr while it is written,
when stderr is a terminal; then one line saying what the book holds.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tuireader.cache.saved import clean_tag
from tuireader.cli.output import CommandError, to_stderr
from tuireader.cli.session import open_store
from tuireader.cli.status_line import StatusLine
from tuireader.cli.whole_file import write_whole
from tuireader.formatting import human_size
from tuireader.interchange.epub import Written
from tuireader.paths import cache_dir
from tuireader.reading.epub_export import NotCached, Selection, book_title, choose, write_book
from tuireader.textsafe import clean_line, clip_url

BAR_WIDTH = 20
REDRAW = 0.1  # seconds between two drawings of the bar


class BookProgress(StatusLine):
    """A bar counting the articles written, on a terminal only; quiet otherwise."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__(stream)
        self.last = 0.0

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < REDRAW and done < total:
            return
        self.last = now
        filled = BAR_WIDTH * done // max(total, 1)
        self.draw(f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done:,}/{total:,} articles")


def export_epub(args: argparse.Namespace) -> int:
    if not args.output:
        raise CommandError("--format epub writes a binary file: name it with -o FILE", 2)
    tags = tuple(clean_tag(tag) for tag in args.tag)
    if not all(tags):
        raise CommandError("--tag needs a name: an empty tag is no tag", 2)
    selection = Selection(
        urls=tuple(args.urls),
        view="unread" if args.unread else "starred" if args.starred else "",
        tags=tags,
    )
    if selection.urls and (selection.view or selection.tags):
        raise CommandError("give URLs or --tag, --unread, --starred, not both", 2)
    path = Path(args.output)
    session = open_store(cache_dir(args.cache_dir), samples=False)
    progress = BookProgress(sys.stderr)
    try:
        store = session.store
        try:
            chosen = choose(store, selection)
        except NotCached as exc:
            more = f" (and {len(exc.urls) - 1:,} more)" if len(exc.urls) > 1 else ""
            raise CommandError(
                f"{clip_url(exc.urls[0])} is not in the cache{more}: nothing written"
            ) from None
        if not chosen.urls:
            raise CommandError(_nothing(selection, chosen.left_out))
        when = datetime.now(UTC)
        title = book_title(selection, chosen.urls, store, when)
        written = write_whole(
            path,
            lambda stream: write_book(
                store, chosen.urls, stream, title, progress=progress.update, when=when
            ),
        )
    finally:
        progress.clear(stop=True)
        session.close()
    to_stderr(_summary(written, path, chosen.left_out) + "\n")
    return 0


def _nothing(selection: Selection, left_out: int) -> str:
    where = f" in {selection.label}" if selection.view or selection.tags else ""
    said = f"no cached articles{where} to export: nothing written"
    if left_out:
        said += f" ({left_out:,} not cached yet: tuireader fetch caches saved ones)"
    return said


def _summary(written: Written, path: Path, left_out: int) -> str:
    size = path.stat().st_size
    parts = [_count(written.pictures, "picture")]
    if written.highlights:
        parts.append(_count(written.highlights, "highlight"))
    if written.gone:
        parts.append(f"{written.gone:,} no longer in their article")
    line = (
        f"wrote {_count(written.chapters, 'article')} ({', '.join(parts)}) to "
        f"{clean_line(str(path))}, "
        f"{human_size(size)}"
    )
    if left_out:
        line += f"; {left_out:,} not cached yet, left out"
    return line


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
