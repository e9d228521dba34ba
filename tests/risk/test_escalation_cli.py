"""`vawg model` commands over a file store: governance moves, listing, refusals, the card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tests.risk.governed import EVIDENCE_METRICS, PASSWORD, SHA, WINDOW, add_accounts
from vawg.cli._app import app
from vawg.config import get_settings
from vawg.risk import governance as gov
from vawg.store import connect

runner = CliRunner()


def _store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.duckdb"
    connect(path).close()
    add_accounts(path)
    monkeypatch.setenv("VAWG_PASSWORD", PASSWORD)
    get_settings.cache_clear()
    return path


def model(*args: str) -> Result:
    return runner.invoke(app, ["model", *args])


DECISION = ("--decision", "approved with conditions", "--committee", "Force Data Ethics Committee",
            "--decided-on", "2023-02-01", "--reference", "FDEC-2023-04", "--conditions", "review in 6 months",
            "--dpia", "DPIA-117", "--eia", "EIA-042")  # fmt: skip


def test_governance_commands_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(_store(tmp_path, monkeypatch))
    metrics = tmp_path / "metrics.json"
    metrics.write_text(json.dumps({"validation": {"auc": 0.61}, **EVIDENCE_METRICS}), encoding="utf-8")
    artifact = tmp_path / "model.joblib"
    artifact.write_bytes(b"fitted model")
    steps = [
        ["register", "rfsdi", "rfsdi-1.0", "--train-start", "2020-04-01", "--train-end", "2021-03-31",
         "--artifact", str(artifact), "--metrics", str(metrics), "--db", db],
        ["submit", "rfsdi", "rfsdi-1.0", "--user", "analyst", "--db", db],
        ["card", "--name", "rfsdi", "--version", "rfsdi-1.0", "--out", str(tmp_path / "pack"), "--no-pdf", "--db", db],
        ["ethics-decision", "rfsdi", "rfsdi-1.0", *DECISION, "--user", "chair", "--db", db],
    ]  # fmt: skip
    for args in steps:
        result = model(*args)
        assert result.exit_code == 0, result.output
    refused = model("approve", "rfsdi", "rfsdi-1.0", "--reason", "fine", "--user", "Analyst", "--db", db)
    assert refused.exit_code == 2
    assert "four eyes" in refused.output
    approved = model(
        "approve", "rfsdi", "rfsdi-1.0", "--reason", "committee approved", "--user", "chair", "--db", db
    )
    assert approved.exit_code == 0, approved.output
    listing = model("list", "--json", "--db", db)
    rows = json.loads(listing.output)
    assert [(r["name"], r["version"], r["status"], r["approved_by"], r["conditions"]) for r in rows] == [
        ("rfsdi", "rfsdi-1.0", "approved", "chair", "review in 6 months")
    ]
    shown = model("evaluate", "--name", "rfsdi", "--json", "--db", db)
    assert json.loads(shown.output)["validation"] == {"auc": 0.61}
    assert (tmp_path / "pack" / "rfsdi-rfsdi-1.0-model-card.md").is_file()


def test_a_typed_name_or_a_wrong_password_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(_store(tmp_path, monkeypatch))
    with gov.ModelRegistry.for_store(db) as registry:
        gov.register_version(
            registry,
            "rfsdi",
            "rfsdi-1.0",
            training_window=WINDOW,
            metrics={},
            metadata={},
            artifact_sha256=SHA,
        )
    # The attack of the issue: --by "alice" then --by "alice\u200b" passed four eyes. No --by any more.
    result = model("submit", "rfsdi", "rfsdi-1.0", "--by", "alice", "--db", db)
    assert result.exit_code == 2 and "No such option" in result.output
    for name in ("alice", "analyst\u200b"):
        result = model("submit", "rfsdi", "rfsdi-1.0", "--user", name, "--db", db)
        assert result.exit_code == 2, result.output
    monkeypatch.setenv("VAWG_PASSWORD", "not the password")
    get_settings.cache_clear()
    result = model("submit", "rfsdi", "rfsdi-1.0", "--user", "analyst", "--db", db)
    assert result.exit_code == 2
    with gov.ModelRegistry.for_store(db) as registry:
        assert gov.get_version(registry, "rfsdi", "rfsdi-1.0").status == "draft"


def test_an_illegal_move_exits_2_with_the_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(_store(tmp_path, monkeypatch))
    result = model("approve", "escalation", "9", "--reason", "r", "--user", "chair", "--db", db)
    assert result.exit_code == 2
    assert gov.UNKNOWN_VERSION.format(name="escalation", version="9")[:40] in " ".join(result.output.split())
