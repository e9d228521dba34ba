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
import sqlite3
from datetime import date, datetime
from typing import Any

import pandas as pd

from vawg.accounts import User
from vawg.errors import GovernanceError
from vawg.risk.governance._audit import record_step
from vawg.risk.governance._chain import chain_rows
from vawg.risk.governance._messages import (
    DUPLICATE_VERSION,
    NO_APPROVED_VERSION,
    NO_ARTIFACT,
    NO_VERSIONS,
    NOT_APPROVED,
    UNKNOWN_VERSION,
)
from vawg.risk.governance._registry import (
    COLUMNS,
    ModelRegistry,
    ModelVersion,
    fetch_version,
    row_to_version,
    utc_now,
)

MODEL_NAMES = ("rfsdi", "escalation")
SHA256 = re.compile(r"[0-9a-fA-F]{64}")

STATUSES = ("draft", "submitted", "approved", "retired")

# Allowed previous statuses for each action (the registry's state machine).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": (("draft",), "submitted"),
    "approve": (("submitted",), "approved"),
    "retire": (("draft", "submitted", "approved"), "retired"),
}


def register_version(
    registry: ModelRegistry,
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
    if not SHA256.fullmatch(str(artifact_sha256 or "")):
        raise GovernanceError(
            NO_ARTIFACT.format(name=name, version=version, found=artifact_sha256), model=name, version=version
        )
    now = utc_now()
    with registry.writing() as con:
        existing = fetch_version(registry, name, version)
        if existing is not None:
            raise GovernanceError(
                DUPLICATE_VERSION.format(name=name, version=version, status=existing.status),
                model=name,
                version=version,
                status=existing.status,
            )
        row = {
            "name": name,
            "version": version,
            "status": "draft",
            "created_at": now,
            "training_start": training_window[0],
            "training_end": training_window[1],
            "metrics": json.dumps(metrics, default=str),
            "metadata": json.dumps(metadata, default=str),
            "artifact_sha256": artifact_sha256.lower(),
        }
        registry.insert(con, "model_versions", row)
        log_status(con, name, version, None, "draft", None, now, "registered")
    record_step(registry, "registry", "model.register", f"{name}/{version}", "model_status_log")
    return get_version(registry, name, version)


def get_version(registry: ModelRegistry, name: str, version: str | None = None) -> ModelVersion:
    """The registered ``version`` of ``name``; without a version, the most recently registered one."""
    if version is not None:
        found = fetch_version(registry, name, version)
        if found is None:
            raise GovernanceError(
                UNKNOWN_VERSION.format(name=name, version=version), model=name, version=version
            )
        return found
    row = registry.first(
        f"SELECT {COLUMNS} FROM model_versions WHERE name = ? ORDER BY created_at DESC, version DESC LIMIT 1",
        [name],
    )
    if row is None:
        raise GovernanceError(NO_VERSIONS.format(name=name), model=name)
    return row_to_version(row)


def _typed(frame: pd.DataFrame, times: tuple[str, ...], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    # The registry stores times and dates as text; callers get datetimes and dates back.
    for column in times:
        frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    for column in dates:
        frame[column] = frame[column].map(lambda v: date.fromisoformat(v) if isinstance(v, str) else v)
    return frame


def list_versions(registry: ModelRegistry, name: str | None = None) -> pd.DataFrame:
    """Every registered version (of ``name``, or of all models), oldest first."""
    where, params = ("WHERE name = ?", [name]) if name else ("", [])
    frame = registry.frame(
        "SELECT name, version, status, created_at, training_start, training_end, submitted_by, "
        "approved_by, approved_at, conditions, retired_by, retired_at "
        f"FROM model_versions {where} ORDER BY name, created_at, version",
        params,
    )
    return _typed(frame, ("created_at", "approved_at", "retired_at"), ("training_start", "training_end"))


def status_history(registry: ModelRegistry, name: str, version: str | None = None) -> pd.DataFrame:
    """The status changes of ``name`` (one version or all), oldest first."""
    where, params = ("AND version = ?", [name, version]) if version else ("", [name])
    frame = registry.frame(
        f"SELECT * FROM model_status_log WHERE name = ? {where} ORDER BY changed_at, version", params
    )
    return _typed(frame, ("changed_at",))


def log_status(
    con: sqlite3.Connection,
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
        [str(v) if isinstance(v, datetime) else v for v in chained],
    )


def require_approved(registry: ModelRegistry, name: str, version: str | None = None) -> ModelVersion:
    """The version to score with, or GovernanceError if it is not approved.

    Without ``version`` this is the most recently approved version of ``name``.
    """
    if version is not None:
        found = get_version(registry, name, version)
        if not found.is_approved:
            raise GovernanceError(
                NOT_APPROVED.format(name=name, version=version, status=found.status),
                model=name,
                version=version,
                status=found.status,
            )
        return found
    row = registry.first(
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
    "get_version",
    "list_versions",
    "log_status",
    "register_version",
    "require_approved",
    "status_history",
]
