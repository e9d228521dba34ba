"""Test helpers for governance: users with roles, and the evidence an approval needs."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from vawg.accounts import User
from vawg.risk import governance as gov

ANALYST = User(id=1, username="analyst", roles=frozenset({"governance"}))
CHAIR = User(id=2, username="chair", roles=frozenset({"governance"}))
OFFICER = User(id=3, username="pc1", roles=frozenset({"officer"}))
PEOPLE = {"submit": ANALYST, "approve": CHAIR, "retire": CHAIR}
REASONS = {"approve": "ethics committee approved", "retire": "superseded"}
SHA = hashlib.sha256(b"model file").hexdigest()
WINDOW = (date(2020, 4, 1), date(2021, 3, 31))


def _small_audit() -> dict[str, Any]:
    """A real fairness audit (vawg.equality) of a tiny hand-made scorer: 80 people, two sexes."""
    import numpy as np
    import pandas as pd

    from vawg.equality import fairness_audit, protected_groups

    rng = np.random.default_rng(7)
    score = rng.random(80)
    y = (rng.random(80) < score * 0.6).astype(int)
    people = pd.DataFrame(
        {"sex": ["M", "F"] * 40, "age": [25, 45] * 40, "ethnicity_group": ["White", "Not stated"] * 40}
    )
    return fairness_audit(y, score, protected_groups(people), capacity=10, n_boot=20).to_dict()


# Metrics carrying the evidence the gate reads: an evaluation after WINDOW and a fairness audit.
EVIDENCE_METRICS: dict[str, Any] = {
    "auc": 0.71,
    "evaluation_period": {"start": "2021-04-01", "end": "2022-03-31"},
    "fairness": {"logistic": _small_audit()},
}


def move(registry: gov.ModelRegistry, action: str, name: str, version: str) -> gov.ModelVersion:
    """Make ``action`` as the usual person, with the usual reason."""
    extra = {"reason": REASONS[action]} if action in REASONS else {}
    result: gov.ModelVersion = getattr(gov, action)(registry, name, version, by=PEOPLE[action], **extra)
    return result


def record_decision(registry: gov.ModelRegistry, name: str, version: str, **changes: Any) -> None:
    fields: dict[str, Any] = {
        "decision": "approved with conditions",
        "committee": "Force Data Ethics Committee",
        "decided_on": date(2023, 2, 1),
        "reference": "FDEC-2023-04",
        "conditions": "review in 6 months",
        "dpia_reference": "DPIA-117",
        "eia_reference": "EIA-042",
        **changes,
    }
    gov.record_ethics_decision(registry, name, version, by=CHAIR, **fields)


def record_pack(registry: gov.ModelRegistry, name: str, version: str) -> None:
    from vawg.risk.governance._evidence import record_ethics_pack

    record_ethics_pack(registry, name, version, model_card_sha256=SHA, atrs_sha256=SHA)


def with_evidence(registry: gov.ModelRegistry, name: str, version: str) -> None:
    """The ethics pack noted and the committee's decision recorded (metrics carry the rest)."""
    record_pack(registry, name, version)
    record_decision(registry, name, version)


def approve_rfsdi(registry: gov.ModelRegistry, con: Any, *, submitter: User, approver: User) -> str:
    """Register the shipped RFSDI on the store ``con`` with this module's evidence; ``submitter``
    submits it, the ethics pack and the committee's decision are recorded, ``approver`` approves it.
    Returns the version."""
    from vawg.risk import register_rfsdi

    version = str(register_rfsdi(registry, con, metrics=EVIDENCE_METRICS, training_window=WINDOW).version)
    gov.submit(registry, "rfsdi", version, by=submitter)
    with_evidence(registry, "rfsdi", version)
    gov.approve(registry, "rfsdi", version, by=approver, reason="ethics committee approved")
    return version


PASSWORD = "correct horse battery"


def add_accounts(db: Path) -> dict[str, User]:
    """Real accounts in the store's app state: an admin, two governance users and an officer.

    Every account has the password :data:`PASSWORD` (set VAWG_PASSWORD to it to act as one).
    """
    from vawg.accounts import AccountStore

    with AccountStore.for_store(db) as accounts:
        admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
        return {
            name: accounts.add_user(name, roles=roles, password=PASSWORD, by=admin)
            for name, roles in (
                ("analyst", {"governance"}),
                ("chair", {"governance"}),
                ("pc1", {"officer"}),
            )
        }
