"""Model governance: a registry of model versions, their status, and a log of operational scores.

A risk tool may only score people for operational use once a named person has approved the exact
version that scores them (the approval records who and when, and any conditions). Every operational
score is written to ``score_log`` so an audit can say who scored whom, with which version, and why.

Statuses and the only legal moves::

    draft ──submit──► submitted ──approve──► approved ──retire──► retired
      └───────────────────┴──────retire──────────────────────────┘

``retired`` is final: a retired version is never scored again (register a new version instead).
Approval needs a different person from the one who submitted (four eyes): the board member who
approves must not be the analyst who put the model forward.

The tables live in the force's store and are created on first use (``CREATE TABLE IF NOT EXISTS``):
``model_versions`` (one row per name and version), ``model_status_log`` (every status change) and
``score_log`` (one row per person scored operationally).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from vawg.errors import GovernanceError
from vawg.risk._governance_messages import (
    DUPLICATE_VERSION,
    EVALUATION_NEEDS_VERSION,
    EVALUATION_PURPOSE,
    ILLEGAL_TRANSITION,
    MISSING_SCORE_COLUMNS,
    MISSING_SCORE_FIELD,
    NAMELESS_ACTOR,
    NO_APPROVED_VERSION,
    NO_VERSIONS,
    NOT_APPROVED,
    RETIRED_EVALUATION,
    SAME_PERSON,
    UNKNOWN_VERSION,
)
from vawg.risk._model_registry import (
    COLUMNS,
    NO_REGISTRY,
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
    con: duckdb.DuckDBPyConnection, name: str, version: str, action: str, by: str, note: str | None
) -> tuple[ModelVersion, datetime]:
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


def submit(con: duckdb.DuckDBPyConnection, name: str, version: str, *, by: str) -> ModelVersion:
    """Put a draft forward for approval."""
    current, now = _transition(con, name, version, "submit", by, None)
    con.execute(
        "UPDATE model_versions SET status = 'submitted', submitted_by = ?, submitted_at = ? "
        "WHERE name = ? AND version = ?",
        [by, now, name, version],
    )
    _log_status(con, name, version, current.status, "submitted", by, now, None)
    return get_version(con, name, version)


def approve(
    con: duckdb.DuckDBPyConnection, name: str, version: str, *, by: str, conditions: str | None = None
) -> ModelVersion:
    """Approve a submitted version for operational use; records who, when and any conditions."""
    current, now = _transition(con, name, version, "approve", by, conditions)
    if current.submitted_by and current.submitted_by.strip().casefold() == by.strip().casefold():
        raise GovernanceError(
            SAME_PERSON.format(by=by, name=name, version=version), model=name, version=version, by=by
        )
    con.execute(
        "UPDATE model_versions SET status = 'approved', approved_by = ?, approved_at = ?, conditions = ? "
        "WHERE name = ? AND version = ?",
        [by, now, conditions, name, version],
    )
    _log_status(con, name, version, current.status, "approved", by, now, conditions)
    return get_version(con, name, version)


def retire(
    con: duckdb.DuckDBPyConnection, name: str, version: str, *, by: str, reason: str | None = None
) -> ModelVersion:
    """Withdraw a version from any use (final)."""
    current, now = _transition(con, name, version, "retire", by, reason)
    con.execute(
        "UPDATE model_versions SET status = 'retired', retired_by = ?, retired_at = ? "
        "WHERE name = ? AND version = ?",
        [by, now, name, version],
    )
    _log_status(con, name, version, current.status, "retired", by, now, reason)
    return get_version(con, name, version)


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


def _levels(scores: pd.DataFrame) -> Any:
    if "level" not in scores.columns:
        return [None] * len(scores)
    levels = scores["level"].astype(object)
    return [None if pd.isna(v) else str(v) for v in levels]


def log_scores(
    con: duckdb.DuckDBPyConnection,
    name: str,
    version: str | None,
    *,
    purpose: str,
    user: str,
    scores: pd.DataFrame,
) -> int:
    """Record scores (columns person_id, score and optionally level); returns rows logged.

    For any purpose but ``"evaluation"`` the version must be approved (GovernanceError otherwise), so
    an unapproved score cannot be logged as if it were operational. ``purpose="evaluation"`` accepts
    a named, registered version that is not retired (evaluating a draft before approval).
    """
    for field_name, value in (("purpose", purpose), ("user", user)):
        if not value or not str(value).strip():
            raise GovernanceError(MISSING_SCORE_FIELD.format(field=field_name), model=name, field=field_name)
    if purpose.strip().casefold() == EVALUATION_PURPOSE:
        if version is None:
            raise GovernanceError(EVALUATION_NEEDS_VERSION.format(name=name), model=name)
        approved = get_version(con, name, version)
        if approved.status == "retired":
            raise GovernanceError(
                RETIRED_EVALUATION.format(name=name, version=version), model=name, version=version
            )
    else:
        approved = require_approved(con, name, version)
    missing = [c for c in ("person_id", "score") if c not in scores.columns]
    if missing:
        raise GovernanceError(
            MISSING_SCORE_COLUMNS.format(
                expected="person_id, score (level optional)", found=list(scores.columns)
            ),
            model=name,
            missing=missing,
        )
    frame = pd.DataFrame(
        {
            "logged_at": utc_now(),
            "model": name,
            "version": approved.version,
            "purpose": purpose,
            "user": user,
            "person_id": scores["person_id"].astype(str).to_numpy(),
            "score": pd.to_numeric(scores["score"], errors="coerce").astype("float64").to_numpy(),
            "level": _levels(scores),
        }
    )
    if frame.empty:
        return 0
    con.register("_score_log_rows", frame)
    try:
        con.execute(
            "INSERT INTO score_log SELECT logged_at, model, version, purpose, user, person_id, score, level "
            "FROM _score_log_rows"
        )
    finally:
        con.unregister("_score_log_rows")
    return len(frame)


__all__ = [
    "DUPLICATE_VERSION",
    "EVALUATION_NEEDS_VERSION",
    "EVALUATION_PURPOSE",
    "ILLEGAL_TRANSITION",
    "MISSING_SCORE_COLUMNS",
    "MISSING_SCORE_FIELD",
    "MODEL_NAMES",
    "NAMELESS_ACTOR",
    "NOT_APPROVED",
    "NO_APPROVED_VERSION",
    "NO_REGISTRY",
    "NO_VERSIONS",
    "RETIRED_EVALUATION",
    "SAME_PERSON",
    "STATUSES",
    "TRANSITIONS",
    "UNKNOWN_VERSION",
    "ModelVersion",
    "approve",
    "ensure_tables",
    "get_version",
    "list_versions",
    "log_scores",
    "register_version",
    "require_approved",
    "retire",
    "status_history",
    "submit",
]
