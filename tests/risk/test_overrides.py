"""Practitioner overrides of scores: recorded with a reason, refused without a score, summarised by group."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.risk.governed import ANALYST, CHAIR, EVIDENCE_METRICS, OFFICER, SHA, WINDOW, move, with_evidence
from vawg.accounts import PermissionDenied
from vawg.errors import GovernanceError
from vawg.risk import governance as gov


@pytest.fixture
def store() -> duckdb.DuckDBPyConnection:
    """The data store's persons: sexes F, M, M, U."""
    c = duckdb.connect(":memory:")
    c.execute("CREATE TABLE persons (person_id VARCHAR, sex VARCHAR, ethnicity VARCHAR)")
    c.execute("INSERT INTO persons VALUES ('P1','F','W1'), ('P2','M','B1'), ('P3','M',NULL), ('P4','U','W1')")
    return c


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[gov.ModelRegistry]:
    """Four people scored operationally (P1..P4) and one only for evaluation (P5)."""
    c = gov.ModelRegistry(tmp_path / "store.app.sqlite")
    gov.register_version(
        c,
        "escalation",
        "1",
        training_window=WINDOW,
        metrics=EVIDENCE_METRICS,
        metadata={},
        artifact_sha256=SHA,
    )
    move(c, "submit", "escalation", "1")
    with_evidence(c, "escalation", "1")
    move(c, "approve", "escalation", "1")
    scores = pd.DataFrame({"person_id": ["P1", "P2", "P3", "P4"], "score": [0.9, 0.7, 0.4, 0.2]})
    gov.log_scores(c, "escalation", "1", purpose="triage", user=CHAIR, scores=scores)
    gov.log_scores(
        c, "escalation", "1", purpose="evaluation", user=ANALYST, scores=scores.assign(person_id="P5")
    )
    return c


def test_overrides_are_counted_by_direction_and_group(
    registry: gov.ModelRegistry, store: duckdb.DuckDBPyConnection
) -> None:
    gov.record_override(
        registry, "escalation", "1", "P2", direction="raise", reason="new threats", by=OFFICER
    )
    gov.record_override(registry, "escalation", "1", "P4", direction="lower", reason="in custody", by=OFFICER)
    summary = gov.override_summary(registry, store, "escalation", "1").set_index(["dimension", "group"])
    # By hand: 4 people scored; P2 (M) raised, P4 (sex U = not stated) lowered.
    assert summary.loc[("All", "All"), ["people", "raised", "lowered"]].tolist() == [4, 1, 1]
    assert summary.loc[("All", "All"), "share_overridden"] == pytest.approx(0.5)
    assert summary.loc[("Sex", "M"), ["people", "raised", "lowered"]].tolist() == [2, 1, 0]
    assert summary.loc[("Sex", "Not stated"), ["people", "raised", "lowered"]].tolist() == [1, 0, 1]
    assert summary.loc[("Ethnicity", "Not stated"), "people"] == 1  # P3's ethnicity is blank
    logged = registry.rows(
        'SELECT person_id, direction, "user", reason FROM score_overrides ORDER BY person_id'
    )
    assert logged == [("P2", "raise", "pc1", "new threats"), ("P4", "lower", "pc1", "in custody")]


def test_an_override_needs_an_operational_score_a_reason_and_person_level_access(
    registry: gov.ModelRegistry,
) -> None:
    with pytest.raises(GovernanceError, match="no operational escalation version 1 score"):
        gov.record_override(registry, "escalation", "1", "P5", direction="raise", reason="r", by=OFFICER)
    with pytest.raises(GovernanceError, match="reason"):
        gov.record_override(registry, "escalation", "1", "P1", direction="raise", reason=" ", by=OFFICER)
    with pytest.raises(GovernanceError, match="raise or lower"):
        gov.record_override(registry, "escalation", "1", "P1", direction="up", reason="r", by=OFFICER)
    with pytest.raises(PermissionDenied):
        gov.record_override(registry, "escalation", "1", "P1", direction="raise", reason="r", by=ANALYST)
