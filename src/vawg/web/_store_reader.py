"""The app's view of the store: a read-only DuckDB connection per store version, and a result cache.

The store version is the file's identity (inode, size, modification time): an ingest that swaps a
new file in (``vawg.store.replacing_store``) changes it. DuckDB keeps one database instance per path
in a process, so the new file can only be opened once every cursor on the old one is closed: a
version change waits for in-flight requests to finish (milliseconds), closes the old connection and
opens the new file. Results are cached per version, so the cache empties when the data changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from vawg.store import connect

T = TypeVar("T")
Version = tuple[int, int, int]


def store_version(path: Path) -> Version:
    """What identifies one store file: (inode, size, mtime in ns). Changes when a file is swapped in."""
    stat = path.stat()
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class Snapshot:
    """A cursor on one store version (for one request and one thread), and that version."""

    con: duckdb.DuckDBPyConnection
    version: Version


class StoreReader:
    """Read-only cursors on the current store file, and a cache of results by store version."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._version: Version | None = None
        self._readers = 0
        self._cache: dict[tuple[Version, Hashable], Any] = {}
        self._key_locks: dict[tuple[Version, Hashable], threading.Lock] = {}

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """A cursor on the store as it is now; the version it reads stays open until the block ends."""
        with self._cond:
            version = store_version(self.path)
            while version != self._version and self._readers:
                self._cond.wait()  # drain readers of the old file before DuckDB lets go of it
                version = store_version(self.path)
            if version != self._version:
                if self._con is not None:
                    self._con.close()
                self._con, self._version = None, None
                self._cache.clear()
                self._key_locks.clear()
                self._con = connect(self.path, read_only=True)
                self._version = version
            assert self._con is not None
            cursor = self._con.cursor()
            self._readers += 1
        try:
            yield Snapshot(cursor, version)
        finally:
            cursor.close()
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    def cached(self, snap: Snapshot, key: Hashable, compute: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """``compute(cursor)`` once per store version and ``key``; concurrent callers wait for the first."""
        full = (snap.version, key)
        with self._cond:
            if full in self._cache:
                return self._cache[full]
            lock = self._key_locks.setdefault(full, threading.Lock())
        with lock:
            with self._cond:
                if full in self._cache:
                    return self._cache[full]
            value = compute(snap.con)
            with self._cond:
                if self._version == snap.version:
                    self._cache[full] = value
            return value

    def close(self) -> None:
        with self._cond:
            if self._con is not None:
                self._con.close()
            self._con, self._version = None, None
            self._cache.clear()


__all__ = ["Snapshot", "StoreReader", "store_version"]
