"""Tables never cut an identifier at 80 columns (model list prints through print_frame)."""

from __future__ import annotations

import io

import pandas as pd
from rich.console import Console

from vawg.cli import _model_summary


def test_model_list_keeps_long_names_whole_at_80_columns(monkeypatch) -> None:
    console = Console(width=80, record=True, file=io.StringIO())
    monkeypatch.setattr(_model_summary, "console", console)
    name = "stalking_escalation_gradient_boosting_v2"
    frame = pd.DataFrame({"name": [name], "version": ["12"], "status": ["draft"],
                          "data from": ["2020-04-01"], "data to": ["2023-03-31"], "approved_by": ["–"],
                          "approved_at": ["–"]})  # fmt: skip
    _model_summary.print_frame(frame, "Model registry")
    text = console.export_text()
    assert name in text and "…" not in text


def test_model_list_keeps_dates_whole_at_80_columns(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`vawg model list` of an approved version: the data window and the approval date are never
    broken over two lines at 80 columns (they were, "2020-04-0" above "1")."""
    from tests.risk.governed import CHAIR, EVIDENCE_METRICS, SHA, WINDOW, move, with_evidence
    from vawg.cli._app import app
    from vawg.risk import governance as gov
    from vawg.store import connect

    db = tmp_path / "store.duckdb"
    connect(db).close()
    with gov.ModelRegistry.for_store(db) as registry:
        gov.register_version(registry, "escalation", "1.0", training_window=WINDOW, metrics=EVIDENCE_METRICS,
                             metadata={}, artifact_sha256=SHA)  # fmt: skip
        move(registry, "submit", "escalation", "1.0")
        with_evidence(registry, "escalation", "1.0")
        move(registry, "approve", "escalation", "1.0")
    monkeypatch.setattr(_model_summary, "console", Console(width=80, record=True, file=io.StringIO()))
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["model", "list", "--db", str(db)])
    assert result.exit_code == 0, result.output
    text = _model_summary.console.export_text()
    approved = gov.get_version(gov.ModelRegistry.for_store(db), "escalation", "1.0").approved_at
    for day in (WINDOW[0].isoformat(), WINDOW[1].isoformat(), str(approved)[:10]):
        assert day in text, text
    assert CHAIR.username in text


def test_model_list_of_an_empty_registry_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from vawg.cli._app import app
    from vawg.store import connect

    db = tmp_path / "store.duckdb"
    connect(db).close()
    result = CliRunner().invoke(app, ["model", "list", "--db", str(db)])
    assert result.exit_code == 0 and "No model versions registered yet" in result.stdout
    named = CliRunner().invoke(app, ["model", "list", "--db", str(db), "--name", "rfsdi"])
    assert "No model versions of rfsdi registered yet" in named.stdout
