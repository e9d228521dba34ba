"""Model status changes and the score log are hash-chained; tampering shows (issue 11, item 4)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.risk.governed import ANALYST, CHAIR, EVIDENCE_METRICS, SHA, WINDOW, move, with_evidence
from vawg.cli import app
from vawg.risk import governance as gov
from vawg.store import connect

SCORES = pd.DataFrame(
    {"person_id": ["P1", "P2", "P3"], "score": [0.1, 0.5, 0.9], "level": ["low", "medium", "high"]}
)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store file and its app state (registry and audit log) with one approved and one submitted
    version, and scores."""
    path = tmp_path / "store.duckdb"
    connect(path).close()
    con = gov.ModelRegistry.for_store(path)
    for version in ("1", "2"):
        gov.register_version(
            con, "escalation", version, training_window=WINDOW, metrics=EVIDENCE_METRICS, metadata={},
            artifact_sha256=SHA,
        )  # fmt: skip
        move(con, "submit", "escalation", version)
    with_evidence(con, "escalation", "1")
    move(con, "approve", "escalation", "1")
    gov.log_scores(con, "escalation", "1", purpose="triage", user=CHAIR, scores=SCORES)
    gov.log_scores(con, "escalation", "2", purpose="evaluation", user=ANALYST, scores=SCORES)
    con.close()
    return path


def _problems(path: Path) -> list[str]:
    with gov.ModelRegistry.for_store(path) as registry:
        return gov.verify_chains(registry)


def _tamper(path: Path, sql: str) -> None:
    """Change the registry's tables directly, as someone with the app-state file could."""
    con = sqlite3.connect(path.with_suffix(".app.sqlite"))
    con.execute(sql)
    con.commit()
    con.close()


def test_an_untouched_registry_verifies(store: Path) -> None:
    assert _problems(store) == []


def test_a_direct_status_update_is_detected(store: Path) -> None:
    _tamper(store, "UPDATE model_versions SET status = 'approved' WHERE version = '2'")
    problems = _problems(store)
    assert any("escalation version 2 is approved but its status log ends at submitted" in p for p in problems)


def test_a_forged_status_log_row_is_detected(store: Path) -> None:
    _tamper(store, "UPDATE model_status_log SET changed_by = 'someone' WHERE to_status = 'approved'")
    assert any("does not match its hash (edited)" in p for p in _problems(store))


@pytest.mark.parametrize("where", ["seq = 2", "seq = (SELECT max(seq) FROM score_log)"])
def test_a_deleted_score_is_detected(store: Path, where: str) -> None:
    _tamper(store, f"DELETE FROM score_log WHERE {where}")
    assert any(p.startswith("score_log:") for p in _problems(store))


def test_an_edited_score_is_detected(store: Path) -> None:
    _tamper(store, "UPDATE score_log SET score = 0.0 WHERE person_id = 'P3' AND purpose = 'triage'")
    assert any("score_log: row 3 does not match its hash" in p for p in _problems(store))


def test_vawg_audit_verify_reports_the_store_tampering(store: Path) -> None:
    runner = CliRunner()
    intact = runner.invoke(app, ["audit", "verify", "--db", str(store)])
    assert intact.exit_code == 0, intact.output
    _tamper(store, "UPDATE model_versions SET status = 'approved' WHERE version = '2'")
    broken = runner.invoke(app, ["audit", "verify", "--db", str(store)])
    assert broken.exit_code == 5
    assert "status was changed directly" in broken.output
