"""The fairness audit: groups never dropped, intervals, small-group warnings, fairlearn agreement."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, selection_rate
from sklearn.metrics import roc_auc_score

import vawg.equality as eq
from vawg.equality import NOT_STATED, fairness_audit, implied_fpr, operating_flags, protected_groups, rank_auc


def _people(n: int = 2500, seed: int = 4) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "sex": rng.choice(["M", "F", "U"], n, p=[0.8, 0.18, 0.02]),
            "age": pd.array(rng.choice([15, 22, 30, 41, 50, 61, 70, None], n), dtype="Int64"),
            "ethnicity_group": rng.choice(
                ["White", "Asian", "Black", "Mixed", "Other", "Not stated", None], n
            ),
        }
    )
    x = rng.normal(size=n) + 0.9 * (frame["sex"] == "M").to_numpy()
    p = 1 / (1 + np.exp(-(-3.2 + x)))
    y = (rng.random(n) < p).astype(int)
    return frame, y, p


@pytest.fixture(scope="module")
def audit() -> eq.FairnessAudit:
    frame, y, p = _people()
    return fairness_audit(y, p, protected_groups(frame), capacity=150, n_boot=60, outcome="the outcome")


def test_groups_follow_the_shared_labels() -> None:
    frame = pd.DataFrame(
        {"sex": ["F", "M", "U", "X", None], "age": pd.array([17, 18, 65, None, -3], dtype="Int64"),
         "ethnicity_group": ["White", None, "Not stated", "Asian", "Mars"]}
    )  # fmt: skip
    groups = protected_groups(frame)
    assert list(groups["Sex"]) == ["Female", "Male", NOT_STATED, "Other (X)", NOT_STATED]
    assert list(groups["Age band"]) == ["0-17", "18-24", "65+", NOT_STATED, NOT_STATED]
    assert list(groups["Ethnicity"]) == ["White", NOT_STATED, NOT_STATED, "Asian", NOT_STATED]


def test_not_stated_is_kept_in_every_dimension(audit: eq.FairnessAudit) -> None:
    for dimension in ("Sex", "Age band", "Ethnicity"):
        groups = audit.by_group.loc[audit.by_group["dimension"] == dimension, "group"].tolist()
        assert NOT_STATED in groups
        assert groups[-1] == NOT_STATED  # shown last, never dropped
    assert audit.by_group.groupby("dimension")["n"].sum().eq(2500).all()


def test_small_groups_are_flagged_with_a_warning(audit: eq.FairnessAudit) -> None:
    small = audit.by_group[audit.by_group["small_group"]]
    assert not small.empty
    assert ((small["n"] < eq.MIN_GROUP_N) | (small["positives"] < eq.MIN_GROUP_POSITIVES)).all()
    large = audit.by_group[~audit.by_group["small_group"]]
    assert ((large["n"] >= eq.MIN_GROUP_N) & (large["positives"] >= eq.MIN_GROUP_POSITIVES)).all()
    row = small.iloc[0]
    expected = eq.SMALL_GROUP_WARNING.format(
        dimension=row["dimension"], group=row["group"], n=row["n"], positives=row["positives"],
        min_n=eq.MIN_GROUP_N, min_pos=eq.MIN_GROUP_POSITIVES,
    )  # fmt: skip
    assert expected in audit.warnings
    assert len(audit.warnings) == len(small)


def test_by_group_values_equal_fairlearn_and_counts(audit: eq.FairnessAudit) -> None:
    frame, y, p = _people()
    flags, _ = operating_flags(p, capacity=150)
    assert flags.sum() == 150
    mf = MetricFrame(
        metrics=selection_rate, y_true=y, y_pred=flags, sensitive_features=protected_groups(frame)["Sex"]
    )
    sex = audit.by_group[audit.by_group["dimension"] == "Sex"].set_index("group")
    for group, value in mf.by_group.items():
        assert sex.loc[group, "selection_rate"] == pytest.approx(value)
        assert sex.loc[group, "selected"] / sex.loc[group, "n"] == pytest.approx(value)
    summary = audit.summary.set_index(["dimension", "metric"])
    assert summary.loc[("Sex", "selection_rate"), "difference"] == pytest.approx(mf.difference())
    assert summary.loc[("Sex", "selection_rate"), "ratio"] == pytest.approx(mf.ratio())


def test_intervals_bracket_estimates(audit: eq.FairnessAudit) -> None:
    bg = audit.by_group
    for metric in ("base_rate", "selection_rate", "tpr", "fpr", "precision", "auc", "brier"):
        ok = bg[[metric, f"{metric}_ci_low", f"{metric}_ci_high"]].dropna()
        assert not ok.empty
        assert (ok[f"{metric}_ci_low"] <= ok[metric] + 1e-9).all(), metric
        assert (ok[metric] <= ok[f"{metric}_ci_high"] + 1e-9).all(), metric


def test_undefined_rates_are_missing_not_zero() -> None:
    y = np.array([0, 0, 0, 1, 1, 0])
    p = np.array([0.9, 0.1, 0.2, 0.8, 0.7, 0.3])
    groups = pd.DataFrame({"Sex": ["Female", "Female", "Female", "Male", "Male", "Male"]})
    result = fairness_audit(y, p, groups, capacity=2, n_boot=5, min_n=1, min_positives=0)
    female = result.by_group.set_index("group").loc["Female"]
    assert np.isnan(female["tpr"]) and np.isnan(female["auc"])  # no positives among the women
    assert female["fpr"] == pytest.approx(1 / 3)


def test_calibration_within_groups(audit: eq.FairnessAudit) -> None:
    cal = audit.calibration
    assert set(cal["dimension"]) == {"Sex", "Age band", "Ethnicity"}
    per_group = cal.groupby(["dimension", "group"])["n"].sum()
    by_group = audit.by_group.set_index(["dimension", "group"])["n"]
    pd.testing.assert_series_equal(per_group.sort_index(), by_group.sort_index(), check_names=False)
    assert cal["observed"].between(0, 1).all()


def test_tradeoff_statement_uses_the_actual_base_rates(audit: eq.FairnessAudit) -> None:
    sex = audit.by_group[(audit.by_group["dimension"] == "Sex") & ~audit.by_group["small_group"]]
    for rate in sex["base_rate"]:
        shown = f"{100 * rate:.2f}%" if rate < 0.1 else f"{100 * rate:.1f}%"  # rare outcomes: 2 decimals
        assert shown in audit.tradeoff
    assert "Chouldechova" in audit.tradeoff and "Kleinberg" in audit.tradeoff
    assert "safeguarding and diversion, not enforcement" in audit.tradeoff


def test_implied_fpr_is_chouldechovas_identity() -> None:
    # A group with base rate p, PPV and TPR: FP = TP (1-PPV)/PPV, FPR = FP / negatives.
    p, ppv, tpr, n = 0.2, 0.4, 0.5, 1000
    tp = tpr * p * n
    fp = tp * (1 - ppv) / ppv
    assert implied_fpr(p, ppv, tpr) == pytest.approx(fp / ((1 - p) * n))
    assert implied_fpr(0.3, ppv, tpr) > implied_fpr(0.1, ppv, tpr)


def test_rank_auc_equals_sklearn() -> None:
    rng = np.random.default_rng(8)
    y = (rng.random(300) < 0.3).astype(int)
    p = np.round(rng.random(300), 2)
    assert rank_auc(y, p) == pytest.approx(roc_auc_score(y, p), abs=1e-12)
    assert np.isnan(rank_auc(np.zeros(5, dtype=int), p[:5]))


def test_audit_is_json_ready(audit: eq.FairnessAudit) -> None:
    record = json.loads(json.dumps(audit.to_dict()))
    assert record["capacity"] == 150
    assert {r["group"] for r in record["by_group"]} >= {NOT_STATED}
