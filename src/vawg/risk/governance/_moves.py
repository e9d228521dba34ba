"""The status moves of a model version: submit, approve, retire — by authenticated users only.

``by`` is a ``vawg.accounts.User`` (never a typed name) with the permission the move needs (the
governance role has them); approval needs a different user from the submitter, compared by user id
(four eyes), a reason, and the evidence ``_evidence.missing_evidence`` checks. Each move is written
to the chained status log and to the audit log.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from vawg.accounts import AccountError, Permission, User, normalise_username
from vawg.errors import GovernanceError
from vawg.risk.governance._audit import record_step
from vawg.risk.governance._evidence import ethics_decision, missing_evidence
from vawg.risk.governance._lifecycle import TRANSITIONS, get_version, log_status
from vawg.risk.governance._messages import (
    ILLEGAL_TRANSITION,
    NAMELESS_ACTOR,
    NO_EVIDENCE,
    NO_REASON,
    SAME_PERSON,
)
from vawg.risk.governance._registry import ModelRegistry, ModelVersion, utc_now

# The permission each move needs (vawg.accounts: the governance role has both).
ACTION_PERMISSION = {
    "submit": Permission.MODELS_REVIEW,
    "approve": Permission.MODELS_APPROVE,
    "retire": Permission.MODELS_APPROVE,
}


def _transition(
    registry: ModelRegistry, name: str, version: str, action: str, by: User
) -> tuple[ModelVersion, datetime]:
    """The version as it stands and the time of the move, once ``action`` is legal for ``by``."""
    if not isinstance(by, User):
        raise GovernanceError(NAMELESS_ACTOR.format(action=action), model=name, version=version)
    by.require(ACTION_PERMISSION[action])
    current = get_version(registry, name, version)
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
    registry: ModelRegistry,
    current: ModelVersion,
    action: str,
    *,
    by: User,
    at: datetime,
    note: str | None,
    stamps: dict[str, Any],
    client: str,
) -> ModelVersion:
    """Apply a legal ``action``: the new status with its ``stamps`` (who, when, ...), logged."""
    name, version, to_status = current.name, current.version, TRANSITIONS[action][1]
    # The stamp columns are fixed names from this module, never user input.
    assignments = ", ".join(f"{column} = ?" for column in stamps)
    with registry.writing() as con:
        # Checked again inside the write lock: of two users acting at once, only the first moves it.
        (status,) = con.execute(
            "SELECT status FROM model_versions WHERE name = ? AND version = ?", [name, version]
        ).fetchone()
        if status != current.status:
            allowed = " or ".join(TRANSITIONS[action][0])
            raise GovernanceError(
                ILLEGAL_TRANSITION.format(
                    action=action, name=name, version=version, status=status, allowed=allowed
                ),
                model=name,
                version=version,
                status=status,
                action=action,
            )
        con.execute(
            f"UPDATE model_versions SET status = ?, {assignments} WHERE name = ? AND version = ?",
            [to_status, *(str(v) if isinstance(v, datetime) else v for v in stamps.values()), name, version],
        )
        log_status(con, name, version, current.status, to_status, by, at, note)
    record_step(
        registry,
        by,
        f"model.{action}",
        f"{name}/{version}",
        "model_status_log",
        {"note": note},
        client=client,
    )
    return get_version(registry, name, version)


def _required_reason(action: str, reason: str, name: str, version: str) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise GovernanceError(NO_REASON.format(action=action), model=name, version=version)
    return reason.strip()


def submit(
    registry: ModelRegistry, name: str, version: str, *, by: User, client: str = "vawg"
) -> ModelVersion:
    """Put a draft forward for approval (``by`` needs the models-review permission).

    ``client`` is where the move came from, for the audit log (the web app gives the address).
    """
    current, now = _transition(registry, name, version, "submit", by)
    stamps = {"submitted_by": by.username, "submitted_by_id": by.id, "submitted_at": now}
    return _move(registry, current, "submit", by=by, at=now, note=None, stamps=stamps, client=client)


def _same_person(current: ModelVersion, by: User) -> bool:
    if current.submitted_by_id is not None:
        return current.submitted_by_id == by.id
    # A version submitted before user ids were recorded: compare the normalised names.
    try:
        return normalise_username(current.submitted_by or "") == by.username
    except AccountError:
        return False


def approve(
    registry: ModelRegistry,
    name: str,
    version: str,
    *,
    by: User,
    reason: str,
    conditions: str | None = None,
    client: str = "vawg",
) -> ModelVersion:
    """Approve a submitted version for operational use, on its evidence (``missing_evidence``).

    ``by`` needs the models-approve permission and must not be the user who submitted it (four
    eyes, compared by user id). ``conditions`` default to the ethics committee's recorded ones.
    """
    current, now = _transition(registry, name, version, "approve", by)
    why = _required_reason("approve", reason, name, version)
    if _same_person(current, by):
        raise GovernanceError(
            SAME_PERSON.format(by=by.username, name=name, version=version), model=name, version=version
        )
    missing = missing_evidence(registry, name, version)
    if missing:
        raise GovernanceError(
            NO_EVIDENCE.format(name=name, version=version, missing="; ".join(missing)),
            model=name,
            version=version,
            missing=missing,
        )
    decision = ethics_decision(registry, name, version)
    agreed = conditions if conditions is not None else (decision.conditions if decision else None)
    stamps = {"approved_by": by.username, "approved_by_id": by.id, "approved_at": now, "conditions": agreed}
    return _move(registry, current, "approve", by=by, at=now, note=why, stamps=stamps, client=client)


def retire(
    registry: ModelRegistry, name: str, version: str, *, by: User, reason: str, client: str = "vawg"
) -> ModelVersion:
    """Withdraw a version from any use (final); ``by`` needs the models-approve permission."""
    current, now = _transition(registry, name, version, "retire", by)
    why = _required_reason("retire", reason, name, version)
    stamps = {"retired_by": by.username, "retired_by_id": by.id, "retired_at": now}
    return _move(registry, current, "retire", by=by, at=now, note=why, stamps=stamps, client=client)


__all__ = ["ACTION_PERMISSION", "approve", "retire", "submit"]
