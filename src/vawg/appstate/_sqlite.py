"""The app-state SQLite file: where it lives, how it is opened, its schema."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vawg.appstate._governance import GOVERNANCE_SCHEMA
from vawg.config import get_settings
from vawg.errors import StoreError

# 2: the model registry's tables (vawg.appstate._governance). A version-1 file is migrated on open.
APP_SCHEMA_VERSION = 2

# Each statement is idempotent, so opening an existing file (or two processes creating it at once)
# is safe; all of them run in one transaction.
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '',
        areas TEXT NOT NULL DEFAULT '',
        disabled INTEGER NOT NULL DEFAULT 0,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        password_changed_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id INTEGER,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL,
        row_count INTEGER,
        client TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    """CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor_id)""",
    *GOVERNANCE_SCHEMA,
    # A new file starts at the current version; a version-1 file has just gained the version-2
    # tables above, so it is version 2 now. Any other version is refused below.
    """INSERT OR IGNORE INTO app_meta (key, value) VALUES ('schema_version', '2')""",
    """UPDATE app_meta SET value = '2' WHERE key = 'schema_version' AND value = '1'""",
)


# The schema runs (in a write transaction) only when the file was made by other statements: the
# web app opens the file on every request that writes, and eight clients queued on the write
# lock for statements that change nothing.
SCHEMA_DIGEST = hashlib.sha256("\n".join(_SCHEMA).encode()).hexdigest()[:16]


def _schema_stamp(con: sqlite3.Connection) -> tuple[str | None, str | None]:
    """(schema digest, schema version) the file records; Nones for a new file."""
    try:
        row = con.execute(
            "SELECT (SELECT value FROM app_meta WHERE key = 'schema_digest'), "
            "(SELECT value FROM app_meta WHERE key = 'schema_version')"
        ).fetchone()
    except sqlite3.OperationalError:  # a new file: no app_meta yet
        return None, None
    return row[0], row[1]


def app_state_path(db_path: Path | str | None = None) -> Path:
    """Where the app state of the store at ``db_path`` lives.

    ``VAWG_APP_DB`` wins; otherwise ``<store>.app.sqlite`` beside the store, so users and the audit
    log follow the store they guard and survive a refresh of the data store file.
    """
    settings = get_settings()
    if settings.app_db is not None:
        return settings.app_db
    db = Path(db_path if db_path is not None else settings.db)
    if str(db) == ":memory:":
        raise StoreError("an in-memory store has no app state; set VAWG_APP_DB to a file")
    return db.with_name(db.name + ".app.sqlite") if db.suffix != ".duckdb" else db.with_suffix(".app.sqlite")


def connect_app_state(path: Path | str) -> sqlite3.Connection:
    """Open (creating on first use) the app-state file: WAL, foreign keys, a 10 s busy wait."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = sqlite3.connect(target, timeout=10.0, isolation_level=None, check_same_thread=False)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        if _schema_stamp(con) != (SCHEMA_DIGEST, str(APP_SCHEMA_VERSION)):
            with write_transaction(con):
                for statement in _SCHEMA:
                    con.execute(statement)
                con.execute("INSERT OR REPLACE INTO app_meta (key, value) VALUES ('schema_digest', ?)",
                            [SCHEMA_DIGEST])  # fmt: skip
        version = con.execute("SELECT value FROM app_meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{target}: cannot open the app state ({exc})", path=str(target)) from exc
    if version is None or int(version[0]) != APP_SCHEMA_VERSION:
        con.close()
        raise StoreError(
            f"{target}: app state schema version {version[0] if version else 'unknown'}; this vawg "
            f"expects {APP_SCHEMA_VERSION}",
            path=str(target),
        )
    return con


# One writer at a time within the process, before SQLite's own lock. Each web request opens its own
# connections; when two threads raced for the file's write lock, the loser slept in SQLite's busy
# handler (1, 2, 5, 10 … 100 ms), which made the 95th percentile of a page that writes twice (the
# score log, the audit log) 3× its median. Other processes still wait on SQLite's lock.
_PROCESS_WRITER = threading.RLock()


@contextmanager
def write_transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT: the write lock is taken first, so read-then-write is serialised
    across processes (the audit chain reads the last hash, then appends)."""
    with _PROCESS_WRITER:
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
