"""The score log: one row per person scored, with who scored them, with which version, and why.

An operational score may only be logged against an approved version, so an unapproved score can
never pass for an operational one; evaluation scores name the (not retired) version they evaluate.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from vawg.accounts import Permission, User
from vawg.errors import GovernanceError
from vawg.risk.governance._audit import record_step
from vawg.risk.governance._chain import SCORE_FIELDS, chain_rows
from vawg.risk.governance._lifecycle import get_version, require_approved
from vawg.risk.governance._messages import (
    EVALUATION_NEEDS_VERSION,
    EVALUATION_PURPOSE,
    MISSING_SCORE_COLUMNS,
    MISSING_SCORE_FIELD,
    RETIRED_EVALUATION,
)
from vawg.risk.governance._registry import ModelRegistry, utc_now

# Who may score operationally: governance, and the officers and supervisors who act on the scores
# (a work list shows them). Every operational score is logged against that user (decision D-gov-7).
OPERATIONAL_PERMISSIONS = (
    Permission.MODELS_APPROVE,
    Permission.PERSON_LEVEL_ALL,
    Permission.PERSON_LEVEL_OWN_AREAS,
)


def require_operational(user: User) -> None:
    """PermissionDenied unless ``user`` may use scores operationally."""
    if not any(user.can(p) for p in OPERATIONAL_PERMISSIONS):
        user.require(Permission.MODELS_APPROVE)  # raises, naming the permission


def _levels(scores: pd.DataFrame) -> Any:
    if "level" not in scores.columns:
        return [None] * len(scores)
    levels = scores["level"].astype(object)
    return [None if pd.isna(v) else str(v) for v in levels]


def log_scores(
    registry: ModelRegistry,
    name: str,
    version: str | None,
    *,
    purpose: str,
    user: User,
    scores: pd.DataFrame,
    client: str = "vawg",
) -> int:
    """Record scores (columns person_id, score and optionally level); returns rows logged.

    ``client`` is where the request came from (the web app's client address; "vawg" for the CLI),
    written to the audit entry.

    ``user`` is an authenticated user: operational scoring needs a role that acts on scores
    (:data:`OPERATIONAL_PERMISSIONS`: governance, officers, supervisors) and an approved version
    (GovernanceError otherwise), so an unapproved score cannot be logged as if it were operational; ``purpose="evaluation"`` needs models-review and accepts a named, registered
    version that is not retired (evaluating a draft before approval). Rows are hash-chained and the
    chain's head is recorded in the audit log.
    """
    if not isinstance(user, User):
        raise GovernanceError(MISSING_SCORE_FIELD.format(field="user"), model=name, field="user")
    if not purpose or not str(purpose).strip():
        raise GovernanceError(MISSING_SCORE_FIELD.format(field="purpose"), model=name, field="purpose")
    evaluation = purpose.strip().casefold() == EVALUATION_PURPOSE
    if evaluation:
        user.require(Permission.MODELS_REVIEW)
    else:
        require_operational(user)
    if evaluation:
        if version is None:
            raise GovernanceError(EVALUATION_NEEDS_VERSION.format(name=name), model=name)
        approved = get_version(registry, name, version)
        if approved.status == "retired":
            raise GovernanceError(
                RETIRED_EVALUATION.format(name=name, version=version), model=name, version=version
            )
    else:
        approved = require_approved(registry, name, version)
    missing = [c for c in ("person_id", "score") if c not in scores.columns]
    if missing:
        raise GovernanceError(
            MISSING_SCORE_COLUMNS.format(
                expected="person_id, score (level optional)", found=list(scores.columns)
            ),
            model=name,
            missing=missing,
        )
    if scores.empty:
        return 0
    now = utc_now()
    values = pd.to_numeric(scores["score"], errors="coerce").astype("float64")
    rows = [
        (now, name, approved.version, purpose, user.username, user.id, str(person),
         None if pd.isna(score) else float(score), level)
        for person, score, level in zip(scores["person_id"], values, _levels(scores), strict=True)
    ]  # fmt: skip
    with registry.writing() as con:
        chained = chain_rows(con, "score_log", rows)
        registry.insert_many(con, "score_log", [*SCORE_FIELDS, "prev_hash", "hash"], chained)
    record_step(
        registry,
        user,
        "model.score",
        f"{name}/{approved.version}",
        "score_log",
        {"purpose": purpose},
        len(rows),
        client=client,
    )
    return len(rows)


__all__ = ["OPERATIONAL_PERMISSIONS", "log_scores", "require_operational"]
