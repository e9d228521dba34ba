"""The model registry's tables in the store, and reading a version back from them.

``model_versions`` (one row per name and version), ``model_status_log`` (every status change) and
``score_log`` (one row per person scored), created on first use with CREATE TABLE IF NOT EXISTS.
The rules about what may change and who may score live in ``_lifecycle``, ``_moves`` and ``_score_log``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from vawg.errors import GovernanceError

REGISTRY_DDL = (
    """CREATE TABLE IF NOT EXISTS model_versions (
  name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  training_start DATE,
  training_end DATE,
  metrics JSON,
  metadata JSON,
  submitted_by VARCHAR,
  submitted_at TIMESTAMP,
  approved_by VARCHAR,
  approved_at TIMESTAMP,
  conditions VARCHAR,
  retired_by VARCHAR,
  retired_at TIMESTAMP,
  artifact_sha256 VARCHAR,
  submitted_by_id INTEGER,
  approved_by_id INTEGER,
  retired_by_id INTEGER,
  PRIMARY KEY (name, version)
)""",
    """CREATE TABLE IF NOT EXISTS model_status_log (
  name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  from_status VARCHAR,
  to_status VARCHAR NOT NULL,
  changed_by VARCHAR NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  note VARCHAR,
  changed_by_id INTEGER,
  seq BIGINT,
  prev_hash VARCHAR,
  hash VARCHAR
)""",
    """CREATE TABLE IF NOT EXISTS score_log (
  logged_at TIMESTAMP NOT NULL,
  model VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  purpose VARCHAR NOT NULL,
  user VARCHAR NOT NULL,
  person_id VARCHAR NOT NULL,
  score DOUBLE,
  level VARCHAR,
  user_id INTEGER,
  seq BIGINT,
  prev_hash VARCHAR,
  hash VARCHAR
)""",
    """CREATE TABLE IF NOT EXISTS model_ethics_decisions (
  name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  decision VARCHAR NOT NULL,
  committee VARCHAR NOT NULL,
  decided_on DATE NOT NULL,
  reference VARCHAR NOT NULL,
  conditions VARCHAR NOT NULL,
  dpia_reference VARCHAR NOT NULL,
  eia_reference VARCHAR NOT NULL,
  recorded_by VARCHAR NOT NULL,
  recorded_by_id INTEGER,
  recorded_at TIMESTAMP NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS model_ethics_packs (
  name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  generated_at TIMESTAMP NOT NULL,
  model_card_sha256 VARCHAR NOT NULL,
  atrs_sha256 VARCHAR NOT NULL
)""",
)

# Columns added after the first release: a store made before them gains them on first use.
ADDED_COLUMNS = (
    ("model_versions", "artifact_sha256", "VARCHAR"),
    ("model_versions", "submitted_by_id", "INTEGER"),
    ("model_versions", "approved_by_id", "INTEGER"),
    ("model_versions", "retired_by_id", "INTEGER"),
    ("model_status_log", "changed_by_id", "INTEGER"),
    ("model_status_log", "seq", "BIGINT"),
    ("model_status_log", "prev_hash", "VARCHAR"),
    ("model_status_log", "hash", "VARCHAR"),
    ("score_log", "user_id", "INTEGER"),
    ("score_log", "seq", "BIGINT"),
    ("score_log", "prev_hash", "VARCHAR"),
    ("score_log", "hash", "VARCHAR"),
)
TABLES = ("model_versions", "model_status_log", "score_log", "model_ethics_decisions", "model_ethics_packs")


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


NO_REGISTRY = (
    "this store has no model registry yet and is open read-only; register a model first with "
    "`vawg model train` or `vawg risk register-rfsdi`."
)


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the governance tables if they are not there yet (idempotent; a no-op when they exist,
    so read-only connections to a store that has them work)."""
    columns = {
        (table, column)
        for table, column in con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN "
            f"({', '.join(repr(t) for t in TABLES)})"
        ).fetchall()
    }
    tables = {table for table, _ in columns}
    missing = [(t, c, kind) for t, c, kind in ADDED_COLUMNS if t in tables and (t, c) not in columns]
    if len(tables) == len(TABLES) and not missing:
        return
    try:
        for statement in REGISTRY_DDL:
            con.execute(statement)
        for table, column, kind in missing:
            con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
    except duckdb.InvalidInputException as exc:
        if "read-only" not in str(exc):
            raise
        raise GovernanceError(NO_REGISTRY) from exc


def utc_now() -> datetime:
    # Stored as naive UTC: DuckDB TIMESTAMP has no zone and stores of different servers must agree.
    return datetime.now(UTC).replace(tzinfo=None)


COLUMNS = (
    "name, version, status, created_at, training_start, training_end, metrics, metadata, "
    "submitted_by, submitted_at, approved_by, approved_at, conditions, retired_by, retired_at, "
    "artifact_sha256, submitted_by_id, approved_by_id, retired_by_id"
)


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> tuple[Any, ...] | None:
    # fetchall, not fetchone: DuckDB 2 refuses further work on a connection with an unfinished result.
    rows = con.execute(sql, params).fetchall()
    return rows[0] if rows else None


def row_to_version(row: tuple[Any, ...]) -> ModelVersion:
    (name, version, status, created_at, t_start, t_end, metrics, metadata, *rest) = row
    window = (t_start, t_end) if t_start is not None and t_end is not None else None
    return ModelVersion(
        name,
        version,
        status,
        created_at,
        window,
        json.loads(metrics) if metrics else {},
        json.loads(metadata) if metadata else {},
        *rest,
    )


def fetch_version(con: duckdb.DuckDBPyConnection, name: str, version: str) -> ModelVersion | None:
    row = first_row(
        con, f"SELECT {COLUMNS} FROM model_versions WHERE name = ? AND version = ?", [name, version]
    )
    return row_to_version(row) if row else None


__all__ = [
    "COLUMNS",
    "NO_REGISTRY",
    "REGISTRY_DDL",
    "TABLES",
    "ModelVersion",
    "ensure_tables",
    "fetch_version",
    "first_row",
    "row_to_version",
    "utc_now",
]
