"""Web sessions: an opaque random token in a cookie; the server keeps only its hash, in SQLite.

A session has a user id, its sign-in time (absolute timeout), its last request (idle timeout) and
its CSRF token. The tables live in the app-state SQLite file beside the store (with users and the audit log), so
sessions survive an app restart and a store swap, and a stolen file yields no usable cookie.
Per-session handles map opaque ids in pages to person ids, so no person id appears in a URL.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS web_session (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL,
    csrf_token TEXT NOT NULL,
    created REAL NOT NULL,
    last_seen REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS web_handle (
    token_hash TEXT NOT NULL REFERENCES web_session(token_hash) ON DELETE CASCADE,
    handle TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (token_hash, handle)
);
"""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Session:
    """A live session: whose, its CSRF token, and the hash that keys it."""

    token_hash: str
    user_id: int
    csrf_token: str
    created: float
    last_seen: float


class SessionStore:
    """Sessions with idle and absolute timeouts, in the SQLite file ``path``."""

    def __init__(self, path: Path, *, idle_seconds: float, max_seconds: float) -> None:
        self.path = Path(path)
        self.idle_seconds = idle_seconds
        self.max_seconds = max_seconds
        self._lock = threading.Lock()
        self._con: sqlite3.Connection | None = None
        # last_seen is rewritten at most this often: a write (and fsync) per request would dominate
        # a cached page's time; the idle timeout is then exact to within this many seconds.
        self.touch_seconds = min(30.0, idle_seconds / 10)
        with self._db() as db:
            db.executescript(SCHEMA)

    @classmethod
    def for_store(cls, db_path: Path, *, idle_seconds: float, max_seconds: float) -> SessionStore:
        """Sessions in the store's app-state file (``vawg.appstate``), beside users and the audit log."""
        from vawg.appstate import app_state_path

        return cls(app_state_path(db_path), idle_seconds=idle_seconds, max_seconds=max_seconds)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """One connection for the store's life, used under a lock (requests run in worker threads)."""
        with self._lock:
            if self._con is None:
                self._con = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
                self._con.execute("PRAGMA foreign_keys = ON")
            with self._con:
                yield self._con

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def create(self, user_id: int, now: float | None = None) -> tuple[str, Session]:
        """A new session for ``user_id``: (the cookie token, the session). The token is not stored."""
        now = time.time() if now is None else now
        token = secrets.token_urlsafe(32)
        session = Session(_hash(token), int(user_id), secrets.token_urlsafe(32), now, now)
        with self._db() as db:
            db.execute(
                "INSERT INTO web_session VALUES (?, ?, ?, ?, ?)",
                (session.token_hash, session.user_id, session.csrf_token, now, now),
            )
            db.execute("DELETE FROM web_session WHERE created < ?", (now - self.max_seconds,))
        return token, session

    def current(self, token: str | None, now: float | None = None) -> Session | None:
        """The live session of cookie ``token`` (its last request time updated), else None.

        An idle or too-old session is deleted and gives None.
        """
        if not token or len(token) > 200:
            return None
        now = time.time() if now is None else now
        key = _hash(token)
        with self._db() as db:
            row = db.execute(
                "SELECT user_id, csrf_token, created, last_seen FROM web_session WHERE token_hash = ?", (key,)
            ).fetchone()
            if row is None:
                return None
            user_id, csrf, created, last_seen = row
            if now - last_seen > self.idle_seconds or now - created > self.max_seconds:
                db.execute("DELETE FROM web_session WHERE token_hash = ?", (key,))
                return None
            if now - last_seen >= self.touch_seconds:
                db.execute("UPDATE web_session SET last_seen = ? WHERE token_hash = ?", (now, key))
                last_seen = now
        return Session(key, int(user_id), str(csrf), float(created), float(last_seen))

    def end(self, session: Session) -> None:
        with self._db() as db:
            db.execute("DELETE FROM web_session WHERE token_hash = ?", (session.token_hash,))

    def end_user(self, user_id: int) -> None:
        """End every session of ``user_id`` (e.g. the account was disabled)."""
        with self._db() as db:
            db.execute("DELETE FROM web_session WHERE user_id = ?", (int(user_id),))

    def handle_for(self, session: Session, kind: str, value: str) -> str:
        """An opaque handle, valid in this session only, that stands for ``value`` (e.g. a person id)."""
        with self._db() as db:
            row = db.execute(
                "SELECT handle FROM web_handle WHERE token_hash = ? AND kind = ? AND value = ?",
                (session.token_hash, kind, value),
            ).fetchone()
            if row:
                return str(row[0])
            handle = secrets.token_urlsafe(12)
            db.execute(
                "INSERT INTO web_handle VALUES (?, ?, ?, ?)", (session.token_hash, handle, kind, value)
            )
            return handle

    def resolve(self, session: Session, kind: str, handle: str) -> str | None:
        """The value behind ``handle`` in this session, or None (unknown, another session's, or stale)."""
        with self._db() as db:
            row = db.execute(
                "SELECT value FROM web_handle WHERE token_hash = ? AND kind = ? AND handle = ?",
                (session.token_hash, kind, handle[:64]),
            ).fetchone()
        return None if row is None else str(row[0])


def tokens_match(expected: str, given: str | None) -> bool:
    """Constant-time comparison of CSRF tokens."""
    return bool(given) and secrets.compare_digest(expected.encode(), str(given).encode())


__all__ = ["Session", "SessionStore", "tokens_match"]
