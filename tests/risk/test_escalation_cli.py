"""`vawg model` commands over a file store: governance moves, listing, refusals, the card."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vawg.cli._app import app
from vawg.risk import governance as gov
from vawg.store import connect

runner = CliRunner()


def _store(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    connect(path).close()
    return path


def test_governance_commands_round_trip(tmp_path: Path) -> None:
    db = str(_store(tmp_path))
    metrics = tmp_path / "metrics.json"
    metrics.write_text(json.dumps({"validation": {"auc": 0.61}}), encoding="utf-8")
    steps = [
        ["register", "rfsdi", "rfsdi-1.0", "--train-start", "2020-04-01", "--train-end", "2023-03-31",
         "--metrics", str(metrics), "--db", db],
        ["submit", "rfsdi", "rfsdi-1.0", "--by", "analyst", "--db", db],
    ]  # fmt: skip
    for args in steps:
        result = runner.invoke(app, ["model", *args])
        assert result.exit_code == 0, result.output
    refused = runner.invoke(app, ["model", "approve", "rfsdi", "rfsdi-1.0", "--by", "Analyst", "--db", db])
    assert refused.exit_code == 2
    assert "four eyes" in refused.output
    approved = runner.invoke(
        app,
        [
            "model",
            "approve",
            "rfsdi",
            "rfsdi-1.0",
            "--by",
            "board chair",
            "--conditions",
            "review",
            "--db",
            db,
        ],
    )
    assert approved.exit_code == 0, approved.output
    listing = runner.invoke(app, ["model", "list", "--json", "--db", db])
    rows = json.loads(listing.output)
    assert [(r["name"], r["version"], r["status"], r["approved_by"]) for r in rows] == [
        ("rfsdi", "rfsdi-1.0", "approved", "board chair")
    ]
    shown = runner.invoke(app, ["model", "evaluate", "--name", "rfsdi", "--json", "--db", db])
    assert json.loads(shown.output)["validation"] == {"auc": 0.61}
    card = runner.invoke(
        app, ["model", "card", "--name", "rfsdi", "--version", "rfsdi-1.0", "--out", str(tmp_path / "pack"),
              "--no-pdf", "--db", db],
    )  # fmt: skip
    assert card.exit_code == 0, card.output
    assert (tmp_path / "pack" / "rfsdi-rfsdi-1.0-model-card.md").is_file()


def test_an_illegal_move_exits_2_with_the_message(tmp_path: Path) -> None:
    db = str(_store(tmp_path))
    result = runner.invoke(app, ["model", "approve", "escalation", "9", "--by", "board", "--db", db])
    assert result.exit_code == 2
    assert gov.UNKNOWN_VERSION.format(name="escalation", version="9")[:40] in " ".join(result.output.split())
