"""The score log: one row per person scored, with who scored them, with which version, and why.

An operational score may only be logged against an approved version, so an unapproved score can
never pass for an operational one; evaluation scores name the (not retired) version they evaluate.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from vawg.errors import GovernanceError
from vawg.risk.governance._lifecycle import get_version, require_approved
from vawg.risk.governance._messages import (
    EVALUATION_NEEDS_VERSION,
    EVALUATION_PURPOSE,
    MISSING_SCORE_COLUMNS,
    MISSING_SCORE_FIELD,
    RETIRED_EVALUATION,
)
from vawg.risk.governance._registry import utc_now


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


__all__ = ["log_scores"]
