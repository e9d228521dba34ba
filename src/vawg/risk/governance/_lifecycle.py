"""The life of a model version in the registry: register, submit, approve, retire, and read back.

Statuses and the only legal moves::

    draft ──submit──► submitted ──approve──► approved ──retire──► retired
      └───────────────────┴──────retire──────────────────────────┘

``retired`` is final. Every move is made by an authenticated ``vawg.accounts.User`` with the
governance permissions; approval needs a different user (by id) from the one who submitted (four
eyes) and the evidence ``_evidence.missing_evidence`` checks. Every move is written to the chained
``model_status_log`` and the audit log; :func:`require_approved` is the gate scoring passes.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from vawg.accounts import AccountError, Permission, User, normalise_username
from vawg.errors import GovernanceError
from vawg.risk.governance._audit import record_step
from vawg.risk.governance._chain import chain_rows
from vawg.risk.governance._messages import (
    DUPLICATE_VERSION,
    ILLEGAL_TRANSITION,
    NAMELESS_ACTOR,
    NO_APPROVED_VERSION,
    NO_ARTIFACT,
    NO_EVIDENCE,
    NO_REASON,
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
SHA256 = re.compile(r"[0-9a-fA-F]{64}")

# The permission each move needs (vawg.accounts: the governance role has both).
ACTION_PERMISSION = {
    "submit": Permission.MODELS_REVIEW,
    "approve": Permission.MODELS_APPROVE,
    "retire": Permission.MODELS_APPROVE,
}
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
    artifact_sha256: str,
) -> ModelVersion:
    """Add a new version of ``name`` to the registry, as a draft. Versions are never overwritten.

    ``artifact_sha256`` is the SHA-256 of the file that *is* the version (the fitted model, the RFSDI
    TOML): always required, so no file but that one can ever score under the version.
    """
    ensure_tables(con)
    if not SHA256.fullmatch(str(artifact_sha256 or "")):
        raise GovernanceError(
            NO_ARTIFACT.format(name=name, version=version, found=artifact_sha256), model=name, version=version
        )
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
        "metrics, metadata, artifact_sha256) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?)",
        [
            name,
            version,
            now,
            training_window[0],
            training_window[1],
            json.dumps(metrics, default=str),
            json.dumps(metadata, default=str),
            artifact_sha256.lower(),
        ],
    )
    _log_status(con, name, version, None, "draft", None, now, "registered")
    record_step(con, "registry", "model.register", f"{name}/{version}", "model_status_log")
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
    by: User | None,
    at: datetime,
    note: str | None,
) -> None:
    # Chained: each row carries the hash of the one before (vawg.risk.governance._chain).
    who, who_id = (by.username, by.id) if by is not None else ("registry", None)
    row = (name, version, from_status, to_status, who, who_id, at, note)
    (chained,) = chain_rows(con, "model_status_log", [row])
    con.execute(
        "INSERT INTO model_status_log (seq, name, version, from_status, to_status, changed_by, "
        "changed_by_id, changed_at, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        list(chained),
    )


def _transition(
    con: duckdb.DuckDBPyConnection, name: str, version: str, action: str, by: User
) -> tuple[ModelVersion, datetime]:
    """The version as it stands and the time of the move, once ``action`` is legal for ``by``."""
    if not isinstance(by, User):
        raise GovernanceError(NAMELESS_ACTOR.format(action=action), model=name, version=version)
    by.require(ACTION_PERMISSION[action])
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
    by: User,
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
    record_step(con, by, f"model.{action}", f"{name}/{version}", "model_status_log", {"note": note})
    return get_version(con, name, version)


def _required_reason(action: str, reason: str, name: str, version: str) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise GovernanceError(NO_REASON.format(action=action), model=name, version=version)
    return reason.strip()


def submit(con: duckdb.DuckDBPyConnection, name: str, version: str, *, by: User) -> ModelVersion:
    """Put a draft forward for approval (``by`` needs the models-review permission)."""
    current, now = _transition(con, name, version, "submit", by)
    stamps = {"submitted_by": by.username, "submitted_by_id": by.id, "submitted_at": now}
    return _move(con, current, "submit", by=by, at=now, note=None, stamps=stamps)


def _same_person(current: ModelVersion, by: User) -> bool:
    if current.submitted_by_id is not None:
        return current.submitted_by_id == by.id
    # A version submitted before user ids were recorded: compare the normalised names.
    try:
        return normalise_username(current.submitted_by or "") == by.username
    except AccountError:
        return False


def approve(
    con: duckdb.DuckDBPyConnection,
    name: str,
    version: str,
    *,
    by: User,
    reason: str,
    conditions: str | None = None,
) -> ModelVersion:
    """Approve a submitted version for operational use, on its evidence (``missing_evidence``).

    ``by`` needs the models-approve permission and must not be the user who submitted it (four
    eyes, compared by user id). ``conditions`` default to the ethics committee's recorded ones.
    """
    from vawg.risk.governance._evidence import ethics_decision, missing_evidence

    current, now = _transition(con, name, version, "approve", by)
    why = _required_reason("approve", reason, name, version)
    if _same_person(current, by):
        raise GovernanceError(
            SAME_PERSON.format(by=by.username, name=name, version=version), model=name, version=version
        )
    missing = missing_evidence(con, name, version)
    if missing:
        raise GovernanceError(
            NO_EVIDENCE.format(name=name, version=version, missing="; ".join(missing)),
            model=name,
            version=version,
            missing=missing,
        )
    decision = ethics_decision(con, name, version)
    agreed = conditions if conditions is not None else (decision.conditions if decision else None)
    stamps = {"approved_by": by.username, "approved_by_id": by.id, "approved_at": now, "conditions": agreed}
    return _move(con, current, "approve", by=by, at=now, note=why, stamps=stamps)


def retire(con: duckdb.DuckDBPyConnection, name: str, version: str, *, by: User, reason: str) -> ModelVersion:
    """Withdraw a version from any use (final); ``by`` needs the models-approve permission."""
    current, now = _transition(con, name, version, "retire", by)
    why = _required_reason("retire", reason, name, version)
    stamps = {"retired_by": by.username, "retired_by_id": by.id, "retired_at": now}
    return _move(con, current, "retire", by=by, at=now, note=why, stamps=stamps)


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
