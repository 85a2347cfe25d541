"""Opening the store's file: WAL, creation and migration, a read-only fallback, a damaged file moved
aside, and what a SQLite failure means in words.

Plain functions of the file's path, so that the store's class keeps only the choice between them
(`StoreCore.__init__`) and none of the file handling.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from tuireader.cache.schema import SCHEMA_VERSION, create_or_migrate

BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's transaction
QUICK_TIMEOUT = 0.1  # seconds the UI thread waits for it (wait=False): then the write fails
BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
CANNOT_WRITE = (
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PERM,
)


class NewerSchema(Exception):
    """The file holds a schema this tuireader does not know."""


def connect(path: Path, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection to the store, created or migrated if need be, waiting up to `timeout`.

    Switching a new file to WAL can fail at once as busy while another process creates it
    (SQLite does not wait where waiting could deadlock): that is tried again until then.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            return _open(path, timeout)
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF not in BUSY or time.monotonic() > deadline:
                raise
        time.sleep(0.01)


def _open(path: Path, timeout: float) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerSchema(version)
        if version == 0:
            db.execute("PRAGMA auto_vacuum=INCREMENTAL")  # only takes before the first table
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA synchronous=NORMAL")
        if version < SCHEMA_VERSION:
            newer = create_or_migrate(db)  # reads the version again, under the write lock
            if newer:
                raise NewerSchema(newer)
        db.execute("SELECT count(*) FROM pages").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def connect_read_only(path: Path) -> sqlite3.Connection:
    """The store as it is on disk, read without creating or changing any file.

    For a disk that is full or read-only: SQLite's WAL index cannot be made there, so the
    file is read as immutable (what another process has not yet checkpointed is not seen).
    """
    uri = f"file:{quote(str(path))}?immutable=1"
    db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise sqlite3.OperationalError(f"it is at schema {version}, not {SCHEMA_VERSION}")
        db.execute("SELECT count(*) FROM pages").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def explain(path: Path, exc: sqlite3.Error) -> str:
    """Why `exc` happened to the store at `path`, in words for the person at the terminal."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in BUSY:
        return f"the cache at {path.parent} is in use by another program"
    if code == sqlite3.SQLITE_FULL or _disk_full(path.parent):
        return f"the disk holding the cache at {path.parent} is full"
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN) and (
        not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))
    ):
        return read_only_text(path)
    if code == sqlite3.SQLITE_INTERRUPT:
        return "interrupted"
    return f"the cache at {path} failed: {' '.join(str(exc).split())}"


def read_only_text(path: Path) -> str:
    return f"the cache at {path.parent} is read-only"


def move_aside(path: Path, why: str) -> str:
    """Rename the store (and its WAL files) to a name no copy holds; the notice says where."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for n in range(1, 10_000):
        name = f"{path.name}.unreadable-{stamp}" + (f"-{n}" if n > 1 else "")
        aside = path.with_name(name)
        if any(os.path.lexists(str(aside) + suffix) for suffix in ("-wal", "-shm")):
            continue
        try:  # a hard link claims the name or fails: never replaces a copy there
            os.link(path, aside, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:  # no hard links here: rename, having looked first
            if os.path.lexists(aside):
                continue
            path.rename(aside)
            break
        path.unlink()
        break
    else:
        raise OSError(errno.EEXIST, "no free name to move the damaged cache to", str(aside))
    for suffix in ("-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            part.rename(Path(str(aside) + suffix))
    return f"The cache at {path} was moved to {aside.name} because {why}; a new one was started."


def _disk_full(directory: Path) -> bool:
    """No space left where the cache lives (SQLite reports some of those as I/O errors)."""
    try:
        return os.statvfs(directory).f_bavail == 0
    except OSError:
        return False
