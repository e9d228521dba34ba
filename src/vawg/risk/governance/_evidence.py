"""The evidence an approval rests on, checked by code: no evidence, no approval.

A version may be approved only when the registry holds, for that exact version:

1. an evaluation on data *after* its training window (``metrics["evaluation_period"]``, whose start
   is after ``training_end``);
2. a fairness audit (``metrics["fairness"]``: at least one audit with rows by group);
3. a generated ethics pack (``model_ethics_packs``, written by ``build_ethics_pack``);
4. a recorded ethics decision (``model_ethics_decisions``): the committee, the date, its reference,
   its conditions, and the DPIA and equality impact assessment references, all non-empty, with the
   decision "approved" or "approved with conditions".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from vawg.accounts import Permission, User
from vawg.errors import GovernanceError
from vawg.risk.governance._audit import record_step
from vawg.risk.governance._messages import UNKNOWN_VERSION
from vawg.risk.governance._registry import (
    ModelRegistry,
    ModelVersion,
    as_date,
    as_datetime,
    fetch_version,
    utc_now,
)


def _version(registry: ModelRegistry, name: str, version: str) -> ModelVersion:
    found = fetch_version(registry, name, version)
    if found is None:
        raise GovernanceError(UNKNOWN_VERSION.format(name=name, version=version), model=name, version=version)
    return found


DECISIONS = ("approved", "approved with conditions", "refused", "deferred")
APPROVING_DECISIONS = ("approved", "approved with conditions")
DECISION_FIELDS = ("committee", "reference", "conditions", "dpia_reference", "eia_reference")
EMPTY_DECISION_FIELD = (
    "the ethics decision on {name} version {version} needs a non-empty {field} ('none' is an answer; "
    "an empty field is not)."
)
UNKNOWN_DECISION = "decision must be one of {decisions}; found {found!r}"


@dataclass(frozen=True)
class EthicsDecision:
    """The ethics committee's decision on one version, as recorded."""

    name: str
    version: str
    decision: str
    committee: str
    decided_on: date
    reference: str
    conditions: str
    dpia_reference: str
    eia_reference: str
    recorded_by: str
    recorded_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in self.__dict__.items()}


def record_ethics_decision(
    registry: ModelRegistry,
    name: str,
    version: str,
    *,
    decision: str,
    committee: str,
    decided_on: date,
    reference: str,
    conditions: str,
    dpia_reference: str,
    eia_reference: str,
    by: User,
) -> EthicsDecision:
    """Record the ethics committee's decision on ``name`` ``version`` (the latest one counts)."""
    by.require(Permission.MODELS_REVIEW)
    if decision not in DECISIONS:
        raise GovernanceError(UNKNOWN_DECISION.format(decisions=", ".join(DECISIONS), found=decision))
    values = {
        "committee": committee,
        "reference": reference,
        "conditions": conditions,
        "dpia_reference": dpia_reference,
        "eia_reference": eia_reference,
    }
    for field_name, value in values.items():
        if not value or not str(value).strip():
            raise GovernanceError(
                EMPTY_DECISION_FIELD.format(name=name, version=version, field=field_name), field=field_name
            )
    _version(registry, name, version)
    row = {
        "name": name, "version": version, "decision": decision, "committee": committee.strip(),
        "decided_on": decided_on, "reference": reference.strip(), "conditions": conditions.strip(),
        "dpia_reference": dpia_reference.strip(), "eia_reference": eia_reference.strip(),
        "recorded_by": by.username, "recorded_by_id": by.id, "recorded_at": utc_now(),
    }  # fmt: skip
    with registry.writing() as con:
        registry.insert(con, "model_ethics_decisions", row)
    record_step(
        registry,
        by,
        "model.ethics",
        f"{name}/{version}",
        None,
        {"decision": decision, "reference": reference},
    )
    found = ethics_decision(registry, name, version)
    assert found is not None
    return found


def ethics_decision(registry: ModelRegistry, name: str, version: str) -> EthicsDecision | None:
    """The latest recorded ethics decision on the version, if any."""
    row = registry.first(
        "SELECT name, version, decision, committee, decided_on, reference, conditions, dpia_reference, "
        "eia_reference, recorded_by, recorded_at FROM model_ethics_decisions "
        "WHERE name = ? AND version = ? ORDER BY recorded_at DESC, rowid DESC LIMIT 1",
        [name, version],
    )
    if row is None:
        return None
    values = list(row)
    values[4], values[10] = as_date(values[4]), as_datetime(values[10])
    return EthicsDecision(*values)


def record_ethics_pack(
    registry: ModelRegistry, name: str, version: str, *, model_card_sha256: str, atrs_sha256: str
) -> None:
    """Note that the ethics pack of the version was generated (its files' SHA-256)."""
    row = {
        "name": name, "version": version, "generated_at": utc_now(), "model_card_sha256": model_card_sha256,
        "atrs_sha256": atrs_sha256,
    }  # fmt: skip
    with registry.writing() as con:
        registry.insert(con, "model_ethics_packs", row)


def _evaluation_gap(version: ModelVersion) -> str | None:
    period = version.metrics.get("evaluation_period") or {}
    start = period.get("start") if isinstance(period, dict) else None
    if not start:
        return "no stored evaluation (metrics.evaluation_period is missing)"
    if version.training_window is None:
        return "no training window is registered, so the evaluation cannot be shown to come after it"
    if date.fromisoformat(str(start)[:10]) <= version.training_window[1]:
        return (
            f"the stored evaluation starts {start}, inside the training window (which ends "
            f"{version.training_window[1]}): it must be on data after the training window"
        )
    return None


def _has_fairness_audit(version: ModelVersion) -> bool:
    audits = version.metrics.get("fairness") or {}
    return isinstance(audits, dict) and any(
        isinstance(a, dict) and a.get("by_group") for a in audits.values()
    )


def missing_evidence(registry: ModelRegistry, name: str, version: str) -> list[str]:
    """What the version lacks for approval; an empty list when the evidence is complete."""
    found = _version(registry, name, version)
    missing = []
    gap = _evaluation_gap(found)
    if gap:
        missing.append(gap)
    if not _has_fairness_audit(found):
        missing.append("no fairness audit (metrics.fairness)")
    (packs,) = registry.rows(
        "SELECT count(*) FROM model_ethics_packs WHERE name = ? AND version = ?", [name, version]
    )[0]
    if not packs:
        missing.append(f"no generated ethics pack (`vawg model card --name {name} --version {version}`)")
    decision = ethics_decision(registry, name, version)
    if decision is None:
        missing.append(f"no recorded ethics decision (`vawg model ethics-decision {name} {version} ...`)")
    elif decision.decision not in APPROVING_DECISIONS:
        missing.append(f"the ethics committee's decision is {decision.decision!r} ({decision.reference})")
    return missing


__all__ = [
    "APPROVING_DECISIONS",
    "DECISIONS",
    "EthicsDecision",
    "ethics_decision",
    "missing_evidence",
    "record_ethics_decision",
    "record_ethics_pack",
]
