"""`vawg model evaluate` shows recalibration, the operating point and error rates at capacity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.risk.governed import EVIDENCE_METRICS
from tests.risk.test_escalation_cli import _store, model
from vawg.cli._app import app

AT_K = {
    "k": 150,
    "mean_predicted": 0.62,
    "observed": 0.33,
    "observed_low": 0.26,
    "observed_high": 0.41,
    "outcomes": 50,
}
STUDY = {
    "validation": "2021-04-01", "method": "platt", "methods": ["platt", "isotonic"], "scorer": "logistic",
    "fit_rows": 100, "fit_positives": 9, "val_rows": 50, "val_positives": 4,
    "at_k": {"before": [AT_K], "platt": [{**AT_K, "mean_predicted": 0.35}], "isotonic": [{**AT_K, "mean_predicted": 0.31}]},
    "overall": {m: {"brier": 0.01, "mean_predicted": 0.013, "calibration_intercept": 0.0, "calibration_slope": 1.0}
                for m in ("before", "platt", "isotonic")},
    "by_group": [],
    "operating_point": {"k": 150, "threshold": 0.1234, "acted_on": 150, "net_benefit": 0.0042, "net_benefit_all": -0.1},
}  # fmt: skip
RANGE_ROW = {"cut": "capacity (top 150)", "k": 150, "dimension": "Sex", "positives": 40, "selected": 100,
             "tpr": 0.5, "tpr_ci_low": 0.35, "tpr_ci_high": 0.65, "fpr": 0.01, "fpr_ci_low": 0.005,
             "fpr_ci_high": 0.02, "precision": 0.2, "precision_ci_low": 0.13, "precision_ci_high": 0.29}  # fmt: skip


def test_model_evaluate_prints_the_calibration_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(_store(tmp_path, monkeypatch))
    record = {
        **EVIDENCE_METRICS,
        "selection": {"model": "logistic", "reason": "r", "rule": "r"},
        "recalibration": STUDY,
        "fairness_range": {"logistic": [{**RANGE_ROW, "group": "Male", "n": 8000},
                                        {**RANGE_ROW, "group": "Female", "n": 2000}]},
    }  # fmt: skip
    metrics = tmp_path / "metrics.json"
    metrics.write_text(json.dumps(record), encoding="utf-8")
    artifact = tmp_path / "model.joblib"
    artifact.write_bytes(b"fitted model")
    registered = model(
        "register", "escalation", "7", "--train-start", "2020-04-01", "--train-end", "2021-03-31",
        "--artifact", str(artifact), "--metrics", str(metrics), "--db", db,
    )  # fmt: skip
    assert registered.exit_code == 0, registered.output
    result = CliRunner().invoke(
        app,
        ["model", "evaluate", "--name", "escalation", "--version", "7", "--db", db],
    )
    assert result.exit_code == 0, result.output
    # Words, not layout: at 80 columns rich wraps titles and cells over lines.
    out = " ".join(result.output.split())
    assert "before and after recalibration on 2021-04-01" in out and "used: platt" in out
    assert "0.620" in out and "0.350" in out and "0.310" in out  # before, Platt, isotonic in the top 150
    assert "Operating point from team capacity" in out and "0.1234" in out and "0.0042" in out
    assert "Error rates by group at capacity (top 150) (95% CI)" in out and "TPR" in out and "(0.350–" in out
