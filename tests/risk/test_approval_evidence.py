"""The approval gate rests on evidence checked by code (issue 11, items 1 and 3)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.risk.governed import (
    CHAIR,
    EVIDENCE_METRICS,
    SHA,
    WINDOW,
    move,
    record_decision,
    record_pack,
    with_evidence,
)
from vawg.errors import GovernanceError
from vawg.risk import check_use, default_config_path, load_config, register_rfsdi
from vawg.risk import governance as gov


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[gov.ModelRegistry]:
    with gov.ModelRegistry(tmp_path / "store.app.sqlite") as opened:
        yield opened


def _submitted(registry: gov.ModelRegistry, metrics: dict, window: tuple[date, date] = WINDOW) -> None:  # type: ignore[type-arg]
    gov.register_version(
        registry, "escalation", "1", training_window=window, metrics=metrics, metadata={}, artifact_sha256=SHA
    )
    move(registry, "submit", "escalation", "1")


def _refused(registry: gov.ModelRegistry) -> str:
    with pytest.raises(GovernanceError) as err:
        gov.approve(registry, "escalation", "1", by=CHAIR, reason="looks fine")
    assert gov.get_version(registry, "escalation", "1").status == "submitted"
    return str(err.value)


def test_a_version_with_no_evaluation_cannot_be_approved(registry: gov.ModelRegistry) -> None:
    # The case: rfsdi-1.1 registered without an evaluation was approvable.
    register_rfsdi(registry, duckdb.connect(), training_window=WINDOW)
    move(registry, "submit", "rfsdi", "rfsdi-1.1")
    record_pack(registry, "rfsdi", "rfsdi-1.1")
    record_decision(registry, "rfsdi", "rfsdi-1.1")
    with pytest.raises(GovernanceError) as err:
        gov.approve(registry, "rfsdi", "rfsdi-1.1", by=CHAIR, reason="looks fine")
    assert "no stored evaluation" in str(err.value) and "no fairness audit" in str(err.value)


def test_an_evaluation_inside_the_training_window_is_not_evidence(registry: gov.ModelRegistry) -> None:
    inside = {**EVIDENCE_METRICS, "evaluation_period": {"start": "2021-03-31", "end": "2022-03-30"}}
    _submitted(registry, inside)
    with_evidence(registry, "escalation", "1")
    assert "inside the training window" in _refused(registry)


def test_no_ethics_pack_and_no_decision_are_named(registry: gov.ModelRegistry) -> None:
    _submitted(registry, EVIDENCE_METRICS)
    message = _refused(registry)
    assert "no generated ethics pack" in message and "no recorded ethics decision" in message
    record_pack(registry, "escalation", "1")
    record_decision(registry, "escalation", "1", decision="refused")
    assert "decision is 'refused'" in _refused(registry)


@pytest.mark.parametrize("field", ["committee", "reference", "conditions", "dpia_reference", "eia_reference"])
def test_a_decision_needs_every_reference(registry: gov.ModelRegistry, field: str) -> None:
    _submitted(registry, EVIDENCE_METRICS)
    with pytest.raises(GovernanceError, match=field):
        record_decision(registry, "escalation", "1", **{field: "  "})


def test_complete_evidence_approves_with_the_committees_conditions(registry: gov.ModelRegistry) -> None:
    _submitted(registry, EVIDENCE_METRICS)
    with_evidence(registry, "escalation", "1")
    assert gov.missing_evidence(registry, "escalation", "1") == []
    approved = gov.approve(registry, "escalation", "1", by=CHAIR, reason="committee approved")
    assert approved.status == "approved" and approved.conditions == "review in 6 months"
    decision = gov.ethics_decision(registry, "escalation", "1")
    assert decision is not None and (decision.dpia_reference, decision.eia_reference) == (
        "DPIA-117",
        "EIA-042",
    )


def test_a_version_is_always_registered_with_its_files_hash(registry: gov.ModelRegistry) -> None:
    for bad in ("", "abc", None):
        with pytest.raises(GovernanceError, match="SHA-256 of its file"):
            gov.register_version(
                registry,
                "escalation",
                "1",
                training_window=WINDOW,
                metrics={},
                metadata={},
                artifact_sha256=bad,  # type: ignore[arg-type]
            )


def test_a_version_without_a_registered_hash_accepts_no_file(
    registry: gov.ModelRegistry, tmp_path: Path
) -> None:
    # A store from before the hash was required: the version row carries no hash at all.
    with registry.writing() as con:
        con.execute(
            "INSERT INTO model_versions (name, version, status, created_at, metadata) "
            "VALUES ('rfsdi', 'rfsdi-1.1', 'draft', '2023-01-01 00:00:00', '{}')"
        )
    forged = tmp_path / "forged.toml"
    text = default_config_path().read_text(encoding="utf-8")
    forged.write_text(text.replace("weight = ", "weight = 99 #"), encoding="utf-8")
    config = load_config(forged)
    assert config.version == "rfsdi-1.1"
    with pytest.raises(GovernanceError, match="is not the file registered"):
        check_use(registry, config, "evaluation")
