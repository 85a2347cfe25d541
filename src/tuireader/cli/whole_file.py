"""A file named on the command line written whole or not at all: a temporary file beside it,
renamed over it once written. A failure leaves what was there untouched, and no temporary file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from tuireader.cli.output import CommandError

T = TypeVar("T")


def write_file(path: Path, text: str) -> None:
    """`text` into `path`, whole or not at all; CommandError (one line) when it cannot be."""
    write_whole(path, lambda stream: stream.write(text.encode("utf-8")))


def write_whole(path: Path, write: Callable[[IO[bytes]], T]) -> T:
    """`write` into a temporary file beside `path`, renamed over it once written: `path` is
    whole or untouched. CommandError (one line) when it cannot be; any other failure of
    `write` (Ctrl+C too) removes the temporary file and goes on up."""
    if path.is_dir():
        raise CommandError(f"{path} is a directory: give a file name to write")
    directory = path.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            result = write(stream)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result
