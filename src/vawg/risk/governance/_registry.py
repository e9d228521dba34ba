"""The model registry: its tables in the app-state file, and reading a version back from them.

``ModelRegistry`` is the one object every governance function takes. It holds a connection to the
app-state SQLite file beside the store (``vawg.appstate``; schema in ``vawg.appstate._governance``)
and the audit log in that same file. The web app opens the DuckDB data store read-only, but it can
write here (WAL: many readers, short serialised writes), so it can approve models and log the
scores it shows (decision D-gov-8). The rules about what may change and who may score live in
``_lifecycle``, ``_moves`` and ``_score_log``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from vawg.appstate import app_state_path, connect_app_state, write_transaction


def _stored(value: Any) -> Any:
    # Times as str(datetime) (the text the chains hash), dates as ISO text: one form on every path.
    if isinstance(value, datetime):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def as_datetime(value: Any) -> datetime | None:
    """A stored time (text) as a naive UTC datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def as_date(value: Any) -> date | None:
    """A stored date (ISO text) as a date."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    return date.fromisoformat(str(value)[:10])


def store_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file of a DuckDB connection's database, or None for an in-memory one."""
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


class ModelRegistry:
    """The model registry, status log, score log, ethics decisions and overrides of one store."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._con: sqlite3.Connection = connect_app_state(self.path)
        # One registry may serve several threads (the web app's workers): one statement at a time.
        self._lock = threading.RLock()
        self._audit: Any = None

    @classmethod
    def for_store(cls, db_path: Path | str | None = None) -> ModelRegistry:
        """The registry of the store at ``db_path`` (its app-state file, ``<store>.app.sqlite``)."""
        return cls(app_state_path(db_path))

    @classmethod
    def for_connection(cls, con: duckdb.DuckDBPyConnection) -> ModelRegistry:
        """The registry beside the store ``con`` is open on (``VAWG_APP_DB`` for an in-memory one)."""
        return cls(app_state_path(store_file(con) or ":memory:"))

    def close(self) -> None:
        with self._lock:
            self._con.close()
            if self._audit is not None:
                self._audit.close()

    def __enter__(self) -> ModelRegistry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading and writing ------------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, [_stored(p) for p in params]).fetchall()

    def first(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        with self._lock:
            cursor = self._con.execute(sql, [_stored(p) for p in params])
            columns = [d[0] for d in cursor.description]
            return pd.DataFrame(cursor.fetchall(), columns=columns)

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE): read-then-append is serialised across processes."""
        with self._lock, write_transaction(self._con) as con:
            yield con

    def insert(self, con: sqlite3.Connection, table: str, values: dict[str, Any]) -> None:
        """INSERT one row (inside :meth:`writing`); column names are this package's, never input."""
        columns = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        con.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", [_stored(v) for v in values.values()]
        )

    def insert_many(
        self, con: sqlite3.Connection, table: str, columns: Sequence[str], rows: list[Any]
    ) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        con.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", [[_stored(v) for v in row] for row in rows]
        )

    @property
    def audit(self) -> Any:
        """The audit log in the same app-state file (opened on first use)."""
        with self._lock:
            if self._audit is None:
                from vawg.audit import AuditLog

                self._audit = AuditLog(self.path)
            return self._audit

    def meta(self, key: str) -> str | None:
        row = self.first("SELECT value FROM app_meta WHERE key = ?", [key])
        return None if row is None else str(row[0])


@dataclass(frozen=True)
class ModelVersion:
    """One registered version of a model, as the registry holds it."""

    name: str
    version: str
    status: str
    created_at: datetime
    training_window: tuple[date, date] | None
    metrics: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    submitted_by: str | None = None
    submitted_at: datetime | None = None
    approved_by: str | None = None
    approved_at: datetime | None = None
    conditions: str | None = None
    retired_by: str | None = None
    retired_at: datetime | None = None
    artifact_sha256: str | None = None
    submitted_by_id: int | None = None
    approved_by_id: int | None = None
    retired_by_id: int | None = None

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"


def utc_now() -> datetime:
    # Stored as naive UTC text: stores of different servers must agree.
    return datetime.now(UTC).replace(tzinfo=None)


COLUMNS = (
    "name, version, status, created_at, training_start, training_end, metrics, metadata, "
    "submitted_by, submitted_at, approved_by, approved_at, conditions, retired_by, retired_at, "
    "artifact_sha256, submitted_by_id, approved_by_id, retired_by_id"
)


def row_to_version(row: Sequence[Any]) -> ModelVersion:
    (name, version, status, created_at, t_start, t_end, metrics, metadata, *rest) = row
    (submitted_by, submitted_at, approved_by, approved_at, conditions, retired_by, retired_at, *ids) = rest
    start, end = as_date(t_start), as_date(t_end)
    return ModelVersion(
        name,
        version,
        status,
        as_datetime(created_at),  # type: ignore[arg-type]
        (start, end) if start is not None and end is not None else None,
        json.loads(metrics) if metrics else {},
        json.loads(metadata) if metadata else {},
        submitted_by,
        as_datetime(submitted_at),
        approved_by,
        as_datetime(approved_at),
        conditions,
        retired_by,
        as_datetime(retired_at),
        *ids,
    )


def fetch_version(registry: ModelRegistry, name: str, version: str) -> ModelVersion | None:
    row = registry.first(
        f"SELECT {COLUMNS} FROM model_versions WHERE name = ? AND version = ?", [name, version]
    )
    return row_to_version(row) if row else None


__all__ = [
    "COLUMNS",
    "ModelRegistry",
    "ModelVersion",
    "as_date",
    "as_datetime",
    "fetch_version",
    "row_to_version",
    "store_file",
    "utc_now",
]
