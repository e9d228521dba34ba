"""The life of a model version in the registry: register, submit, approve, retire, and read back.

Statuses and the only legal moves::

    draft ──submit──► submitted ──approve──► approved ──retire──► retired
      └───────────────────┴──────retire──────────────────────────┘

``retired`` is final. Approval needs a different person from the one who submitted (four eyes).
Every move is written to ``model_status_log``; :func:`require_approved` is the gate scoring passes.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from vawg.errors import GovernanceError
from vawg.risk.governance._messages import (
    DUPLICATE_VERSION,
    ILLEGAL_TRANSITION,
    NAMELESS_ACTOR,
    NO_APPROVED_VERSION,
    NO_VERSIONS,
    NOT_APPROVED,
    SAME_PERSON,
    UNKNOWN_VERSION,
)
from vawg.risk.governance._registry import (
    COLUMNS,
    ModelVersion,
    ensure_tables,
    fetch_version,
    first_row,
    row_to_version,
    utc_now,
)

MODEL_NAMES = ("rfsdi", "escalation")
STATUSES = ("draft", "submitted", "approved", "retired")

# Allowed previous statuses for each action (the registry's state machine).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": (("draft",), "submitted"),
    "approve": (("submitted",), "approved"),
    "retire": (("draft", "submitted", "approved"), "retired"),
}


def register_version(
    con: duckdb.DuckDBPyConnection,
    name: str,
    version: str,
    *,
    training_window: tuple[date, date],
    metrics: dict[str, Any],
    metadata: dict[str, Any],
) -> ModelVersion:
    """Add a new version of ``name`` to the registry, as a draft. Versions are never overwritten."""
    ensure_tables(con)
    existing = fetch_version(con, name, version)
    if existing is not None:
        raise GovernanceError(
            DUPLICATE_VERSION.format(name=name, version=version, status=existing.status),
            model=name,
            version=version,
            status=existing.status,
        )
    now = utc_now()
    con.execute(
        "INSERT INTO model_versions (name, version, status, created_at, training_start, training_end, "
        "metrics, metadata) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)",
        [
            name,
            version,
            now,
            training_window[0],
            training_window[1],
            json.dumps(metrics, default=str),
            json.dumps(metadata, default=str),
        ],
    )
    _log_status(con, name, version, None, "draft", "registry", now, "registered")
    return get_version(con, name, version)


def get_version(con: duckdb.DuckDBPyConnection, name: str, version: str | None = None) -> ModelVersion:
    """The registered ``version`` of ``name``; without a version, the most recently registered one."""
    ensure_tables(con)
    if version is not None:
        found = fetch_version(con, name, version)
        if found is None:
            raise GovernanceError(
                UNKNOWN_VERSION.format(name=name, version=version), model=name, version=version
            )
        return found
    row = first_row(
        con,
        f"SELECT {COLUMNS} FROM model_versions WHERE name = ? ORDER BY created_at DESC, version DESC LIMIT 1",
        [name],
    )
    if row is None:
        raise GovernanceError(NO_VERSIONS.format(name=name), model=name)
    return row_to_version(row)


def list_versions(con: duckdb.DuckDBPyConnection, name: str | None = None) -> pd.DataFrame:
    """Every registered version (of ``name``, or of all models), oldest first."""
    ensure_tables(con)
    where, params = ("WHERE name = ?", [name]) if name else ("", [])
    return con.execute(
        "SELECT name, version, status, created_at, training_start, training_end, submitted_by, "
        "approved_by, approved_at, conditions, retired_by, retired_at "
        f"FROM model_versions {where} ORDER BY name, created_at, version",
        params,
    ).df()


def status_history(con: duckdb.DuckDBPyConnection, name: str, version: str | None = None) -> pd.DataFrame:
    """The status changes of ``name`` (one version or all), oldest first."""
    ensure_tables(con)
    where, params = ("AND version = ?", [name, version]) if version else ("", [name])
    return con.execute(
        f"SELECT * FROM model_status_log WHERE name = ? {where} ORDER BY changed_at, version", params
    ).df()


def _log_status(
    con: duckdb.DuckDBPyConnection,
    name: str,
    version: str,
    from_status: str | None,
    to_status: str,
    by: str,
    at: datetime,
    note: str | None,
) -> None:
    con.execute(
        "INSERT INTO model_status_log VALUES (?, ?, ?, ?, ?, ?, ?)",
        [name, version, from_status, to_status, by, at, note],
    )


def _transition(
    con: duckdb.DuckDBPyConnection, name: str, version: str, action: str, by: str
) -> tuple[ModelVersion, datetime]:
    """The version as it stands and the time of the move, once ``action`` is legal for ``by``."""
    if not by or not by.strip():
        raise GovernanceError(NAMELESS_ACTOR.format(action=action), model=name, version=version)
    current = get_version(con, name, version)
    allowed, _ = TRANSITIONS[action]
    if current.status not in allowed:
        raise GovernanceError(
            ILLEGAL_TRANSITION.format(
                action=action, name=name, version=version, status=current.status, allowed=" or ".join(allowed)
            ),
            model=name,
            version=version,
            status=current.status,
            action=action,
        )
    return current, utc_now()


def _move(
    con: duckdb.DuckDBPyConnection,
    current: ModelVersion,
    action: str,
    *,
    by: str,
    at: datetime,
    note: str | None,
    stamps: dict[str, Any],
) -> ModelVersion:
    """Apply a legal ``action``: the new status with its ``stamps`` (who, when, ...), logged."""
    name, version, to_status = current.name, current.version, TRANSITIONS[action][1]
    # The stamp columns are fixed names from this module, never user input.
    assignments = ", ".join(f"{column} = ?" for column in stamps)
    con.execute(
        f"UPDATE model_versions SET status = ?, {assignments} WHERE name = ? AND version = ?",
        [to_status, *stamps.values(), name, version],
    )
    _log_status(con, name, version, current.status, to_status, by, at, note)
    return get_version(con, name, version)


def submit(con: duckdb.DuckDBPyConnection, name: str, version: str, *, by: str) -> ModelVersion:
    """Put a draft forward for approval."""
    current, now = _transition(con, name, version, "submit", by)
    return _move(
        con, current, "submit", by=by, at=now, note=None, stamps={"submitted_by": by, "submitted_at": now}
    )


def approve(
    con: duckdb.DuckDBPyConnection, name: str, version: str, *, by: str, conditions: str | None = None
) -> ModelVersion:
    """Approve a submitted version for operational use; records who, when and any conditions."""
    current, now = _transition(con, name, version, "approve", by)
    if current.submitted_by and current.submitted_by.strip().casefold() == by.strip().casefold():
        raise GovernanceError(
            SAME_PERSON.format(by=by, name=name, version=version), model=name, version=version, by=by
        )
    stamps = {"approved_by": by, "approved_at": now, "conditions": conditions}
    return _move(con, current, "approve", by=by, at=now, note=conditions, stamps=stamps)


def retire(
    con: duckdb.DuckDBPyConnection, name: str, version: str, *, by: str, reason: str | None = None
) -> ModelVersion:
    """Withdraw a version from any use (final)."""
    current, now = _transition(con, name, version, "retire", by)
    return _move(
        con, current, "retire", by=by, at=now, note=reason, stamps={"retired_by": by, "retired_at": now}
    )


def require_approved(con: duckdb.DuckDBPyConnection, name: str, version: str | None = None) -> ModelVersion:
    """The version to score with, or GovernanceError if it is not approved.

    Without ``version`` this is the most recently approved version of ``name``.
    """
    ensure_tables(con)
    if version is not None:
        found = get_version(con, name, version)
        if not found.is_approved:
            raise GovernanceError(
                NOT_APPROVED.format(name=name, version=version, status=found.status),
                model=name,
                version=version,
                status=found.status,
            )
        return found
    row = first_row(
        con,
        f"SELECT {COLUMNS} FROM model_versions WHERE name = ? AND status = 'approved' "
        "ORDER BY approved_at DESC, version DESC LIMIT 1",
        [name],
    )
    if row is None:
        raise GovernanceError(NO_APPROVED_VERSION.format(name=name), model=name)
    return row_to_version(row)


__all__ = [
    "MODEL_NAMES",
    "STATUSES",
    "TRANSITIONS",
    "approve",
    "get_version",
    "list_versions",
    "register_version",
    "require_approved",
    "retire",
    "status_history",
    "submit",
]
