"""The approval gate rests on evidence checked by code (issue 11, items 1 and 3)."""

from __future__ import annotations

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
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")


def _submitted(con: duckdb.DuckDBPyConnection, metrics: dict, window: tuple[date, date] = WINDOW) -> None:  # type: ignore[type-arg]
    gov.register_version(
        con, "escalation", "1", training_window=window, metrics=metrics, metadata={}, artifact_sha256=SHA
    )
    move(con, "submit", "escalation", "1")


def _refused(con: duckdb.DuckDBPyConnection) -> str:
    with pytest.raises(GovernanceError) as err:
        gov.approve(con, "escalation", "1", by=CHAIR, reason="looks fine")
    assert gov.get_version(con, "escalation", "1").status == "submitted"
    return str(err.value)


def test_a_version_with_no_evaluation_cannot_be_approved(con: duckdb.DuckDBPyConnection) -> None:
    # The case: rfsdi-1.0 registered without an evaluation was approvable (the shipped
    # version is now rfsdi-1.1).
    register_rfsdi(con, training_window=WINDOW)
    move(con, "submit", "rfsdi", "rfsdi-1.1")
    record_pack(con, "rfsdi", "rfsdi-1.1")
    record_decision(con, "rfsdi", "rfsdi-1.1")
    with pytest.raises(GovernanceError) as err:
        gov.approve(con, "rfsdi", "rfsdi-1.1", by=CHAIR, reason="looks fine")
    assert "no stored evaluation" in str(err.value) and "no fairness audit" in str(err.value)


def test_an_evaluation_inside_the_training_window_is_not_evidence(con: duckdb.DuckDBPyConnection) -> None:
    inside = {**EVIDENCE_METRICS, "evaluation_period": {"start": "2021-03-31", "end": "2022-03-30"}}
    _submitted(con, inside)
    with_evidence(con, "escalation", "1")
    assert "inside the training window" in _refused(con)


def test_no_ethics_pack_and_no_decision_are_named(con: duckdb.DuckDBPyConnection) -> None:
    _submitted(con, EVIDENCE_METRICS)
    message = _refused(con)
    assert "no generated ethics pack" in message and "no recorded ethics decision" in message
    record_pack(con, "escalation", "1")
    record_decision(con, "escalation", "1", decision="refused")
    assert "decision is 'refused'" in _refused(con)


@pytest.mark.parametrize("field", ["committee", "reference", "conditions", "dpia_reference", "eia_reference"])
def test_a_decision_needs_every_reference(con: duckdb.DuckDBPyConnection, field: str) -> None:
    _submitted(con, EVIDENCE_METRICS)
    with pytest.raises(GovernanceError, match=field):
        record_decision(con, "escalation", "1", **{field: "  "})


def test_complete_evidence_approves_with_the_committees_conditions(con: duckdb.DuckDBPyConnection) -> None:
    _submitted(con, EVIDENCE_METRICS)
    with_evidence(con, "escalation", "1")
    assert gov.missing_evidence(con, "escalation", "1") == []
    approved = gov.approve(con, "escalation", "1", by=CHAIR, reason="committee approved")
    assert approved.status == "approved" and approved.conditions == "review in 6 months"
    decision = gov.ethics_decision(con, "escalation", "1")
    assert decision is not None and (decision.dpia_reference, decision.eia_reference) == (
        "DPIA-117",
        "EIA-042",
    )


def test_a_version_is_always_registered_with_its_files_hash(con: duckdb.DuckDBPyConnection) -> None:
    for bad in ("", "abc", None):
        with pytest.raises(GovernanceError, match="SHA-256 of its file"):
            gov.register_version(
                con,
                "escalation",
                "1",
                training_window=WINDOW,
                metrics={},
                metadata={},
                artifact_sha256=bad,  # type: ignore[arg-type]
            )


def test_a_version_without_a_registered_hash_accepts_no_file(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # A store from before the hash was required: the version row carries no hash at all.
    gov.ensure_tables(con)
    con.execute(
        "INSERT INTO model_versions (name, version, status, created_at, metadata) "
        "VALUES ('rfsdi', 'rfsdi-1.1', 'draft', now()::TIMESTAMP, '{}')"
    )
    forged = tmp_path / "forged.toml"
    text = default_config_path().read_text(encoding="utf-8")
    forged.write_text(text.replace("weight = ", "weight = 99 #"), encoding="utf-8")
    config = load_config(forged)
    assert config.version == "rfsdi-1.1"
    with pytest.raises(GovernanceError, match="is not the file registered"):
        check_use(con, config, "evaluation")
