"""The store's core: its connections, which one each caller uses, and failures as StoreError.

Every part of the store (articles, positions, listing, space) is a subclass of StoreCore and
reaches SQLite only through it: writes through `_transaction` (one at a time, the UI thread
never held up), reads through `_reader` inside `guarded` (on the UI thread, a connection that
cannot wait for a writer). `guarded` turns any SQLite failure into a one-line StoreError.
"""

from __future__ import annotations

import errno
import functools
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from tuireader.cache import opening
from tuireader.cache.opening import BUSY_TIMEOUT, CANNOT_WRITE, QUICK_TIMEOUT, NewerSchema
from tuireader.cache.schema import write_transaction

CLOSE_WAIT = 2.0  # seconds `close` waits for a worker still using the store


class StoreError(Exception):
    """The store cannot be used; the message says why in one line."""


class SearchInterrupted(StoreError):
    """Store.interrupt_search() stopped a search before it finished."""


_Core = TypeVar("_Core", bound="StoreCore")
_P = ParamSpec("_P")
_R = TypeVar("_R")


def guarded(
    action: str, writes: bool = False, own_connection: bool = False
) -> Callable[[Callable[Concatenate[_Core, _P], _R]], Callable[Concatenate[_Core, _P], _R]]:
    """Make any SQLite failure of the method a StoreError saying what could not be done.

    A method that `writes` fails at once, saying why, on a store opened only for reading. A
    read chooses its connection with `_reading`, unless it has a connection of its own.
    """

    def wrap(method: Callable[Concatenate[_Core, _P], _R]) -> Callable[Concatenate[_Core, _P], _R]:
        @functools.wraps(method)
        def guarded(self: _Core, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            if writes and self.read_only:
                raise StoreError(f"cannot {action}: {self.read_only}")
            try:
                if writes or own_connection:
                    return method(self, *args, **kwargs)
                with self._reading():
                    return method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot {action}: {self.explain(exc)}") from None

        return guarded

    return wrap


class StoreCore:
    """The store file opened (moved aside when damaged, only read when it cannot be written), and
    its connections."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self.notice = ""  # a damaged store moved aside, or one only read: for the UI to show once
        self.read_only = ""  # why the store cannot be written, when it is only read
        self._quick: sqlite3.Connection | None = None  # the UI thread's writes: short waits
        self._quick_lock = threading.Lock()
        self._search_db: sqlite3.Connection | None = None  # searches, which can be interrupted
        self._read_on = threading.local()  # the connection this thread's read goes to
        self._search_lock = threading.Lock()
        try:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._db = opening.connect(path)
            except NewerSchema as exc:
                self.notice = opening.move_aside(
                    path, f"it was written by a newer tuireader (schema {exc})"
                )
                self._db = opening.connect(path)
            except sqlite3.OperationalError as exc:
                # locked, unwritable, out of space: not damage, so nothing is moved
                if exc.sqlite_errorcode & 0xFF not in CANNOT_WRITE or not path.is_file():
                    raise
                self._db = opening.connect_read_only(path)
                self.read_only = self.explain(exc)
                self.notice = f"{self.read_only}: its articles can be read, nothing new is kept."
            except sqlite3.DatabaseError as exc:
                self.notice = opening.move_aside(path, f"it could not be read ({exc})")
                self._db = opening.connect(path)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise StoreError(f"cannot open the cache: {opening.read_only_text(path)}") from None
            raise StoreError(f"cannot open the cache at {path}: {exc}") from None
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the cache at {path}: {self.explain(exc)}") from None

    def explain(self, exc: sqlite3.Error) -> str:
        """Why `exc` happened, in words for the person at the terminal: one line."""
        return opening.explain(self.path, exc)

    def close(self, wait: float = CLOSE_WAIT) -> None:
        """Close the connections, but never under a thread still using one.

        A worker's read or write holds `_lock`, a quick write `_quick_lock`, a search
        `_search_lock` (interrupted first):
        closing a connection while SQLite runs a statement on it crashes the process. When a
        worker still holds one after `wait` seconds (a write waiting on another program), the
        connections are left for the process's end: quitting must not hang.
        """
        if self._search_db is not None:
            self._search_db.interrupt()
        held: list[threading.Lock | threading.RLock] = []
        try:
            for lock in (self._lock, self._quick_lock, self._search_lock):
                if not lock.acquire(timeout=wait):
                    return
                held.append(lock)
            for db in (self._quick, self._search_db, self._db):
                if db is not None:
                    db.close()
        finally:
            for lock in reversed(held):
                lock.release()

    @contextmanager
    def _transaction(self, wait: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction at a time on this connection, whichever thread asks.

        The app writes from its load worker; the UI thread (reading progress) passes
        `wait=False`: it writes on the main connection waiting QUICK_TIMEOUT at most for another
        process, or, while a worker holds that connection, on a connection of its own. Neither
        this lock nor another process's transaction can hold up the screen.
        """
        if wait:
            with self._lock, write_transaction(self._db) as db:
                yield db
        elif self._lock.acquire(blocking=False):
            try:
                self._db.execute(f"PRAGMA busy_timeout = {int(QUICK_TIMEOUT * 1000)}")
                try:
                    with write_transaction(self._db) as db:
                        yield db
                finally:
                    self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            finally:
                self._lock.release()
        else:
            with self._quick_lock, write_transaction(self._quick_connection()) as db:
                yield db

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Choose the connection for a read on the UI (main) thread: one that cannot wait.

        A writer on another thread may hold the main connection while it waits up to
        BUSY_TIMEOUT for another process, and SQLite would hold a read on that connection
        just as long: then the UI reads on its own connection. Other threads may wait.
        """
        if getattr(self._read_on, "db", None) is not None or self.read_only:
            yield  # a read inside a read: already chosen; or no writer to wait for
        elif threading.current_thread() is not threading.main_thread():
            with self._lock:
                yield
        elif self._lock.acquire(blocking=False):  # no write in flight: read there, holding it
            try:
                yield
            finally:
                self._lock.release()
        else:
            self._read_on.db = self._quick_connection()
            try:
                yield
            finally:
                self._read_on.db = None

    @property
    def _reader(self) -> sqlite3.Connection:
        """The connection `_reading` chose for this thread's read (the main one by default)."""
        return getattr(self._read_on, "db", None) or self._db

    def _quick_connection(self) -> sqlite3.Connection:
        if self._quick is None:
            self._quick = opening.connect(self.path, timeout=QUICK_TIMEOUT)
        return self._quick

    def _key_for(self, url: str, db: sqlite3.Connection | None = None) -> str | None:
        """The key of the page `url` names, as asked for or as its final URL; None if not cached."""
        row = (
            (db or self._reader)
            .execute(
                "SELECT url FROM pages WHERE url = ? "
                "UNION ALL SELECT url FROM pages WHERE final_url = ? LIMIT 1",
                (url, url),
            )
            .fetchone()
        )
        return None if row is None else str(row[0])
