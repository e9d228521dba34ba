"""The escalation model on a hand-made panel with a known (planted) logistic truth.

The store is not needed here: the panel is simulated with the risk features' columns, so the
split, the models, the evaluation, the selection rule and the truth comparison are tested exactly.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from tests.risk.governed import CHAIR, move, with_evidence
from vawg.errors import GovernanceError, RiskError
from vawg.risk import governance as gov
from vawg.risk.escalation._eval import (
    Evaluation,
    calibration_fit,
    evaluate,
    fast_auc,
    fast_average_precision,
    point_metrics,
    select_model,
)
from vawg.risk.escalation._panel import (
    FEATURES,
    PanelDates,
    assert_no_leakage,
    build_panel,
    horizon_observed,
    plan_dates,
    temporal_split,
)
from vawg.risk.escalation._scoring import score_people
from vawg.risk.escalation._train import save_and_register, train_escalation
from vawg.risk.escalation._truth import compare_with_truth

# Planted per-unit log-odds on the raw features (the hand-made truth).
PLANTED = {
    "intercept": -4.2,
    "stalking_offences_total": 0.45,
    "drug_intel_12m": 0.7,
    "orders_breached": 0.6,
    "da_suspect_3y": 0.35,
    "age": -0.03,
}
TRAIN_DATES = (date(2020, 10, 1), date(2021, 1, 1), date(2021, 4, 1))
TEST_DATE = date(2022, 4, 1)
DATES = PanelDates(TRAIN_DATES, TEST_DATE, 365, date(2020, 4, 1), date(2023, 3, 31))


def simulate_features(n: int, as_of: date, rng: np.random.Generator, start: int = 0) -> pd.DataFrame:
    """A person_features-shaped frame (about 90% with stalking history)."""
    vawg_12m = rng.poisson(1.0, n)
    age = rng.integers(16, 70, n).astype("float64")
    age[rng.random(n) < 0.05] = np.nan
    return pd.DataFrame(
        {
            "person_id": [f"P{start + i:07d}" for i in range(n)],
            "as_of": as_of,
            "age": pd.array(np.where(np.isnan(age), None, age), dtype="Int64"),
            "sex": rng.choice(["M", "F", "U"], n, p=[0.84, 0.13, 0.03]),
            "ethnicity_group": rng.choice(
                ["White", "Asian", "Black", "Mixed", "Other", "Not stated"],
                n,
                p=[0.5, 0.2, 0.1, 0.05, 0.03, 0.12],
            ),
            "days_since_last_vawg": pd.array(rng.integers(1, 1000, n), dtype="Int64"),
            "vawg_offences_12m": vawg_12m,
            "vawg_offences_3y": vawg_12m + rng.poisson(1.5, n),
            "stalking_offences_total": np.where(rng.random(n) < 0.1, 0, 1 + rng.poisson(0.8, n)),
            "distinct_victims_3y": 1 + rng.poisson(0.4, n),
            "da_suspect_3y": rng.poisson(0.8, n),
            "harm_days_3y": rng.gamma(2.0, 30.0, n),
            "orders_breached": rng.poisson(0.3, n),
            "orders_total": rng.poisson(0.5, n),
            "drug_intel_12m": rng.poisson(0.4, n),
            "other_intel_12m": rng.poisson(0.6, n),
            "arrests_12m": rng.poisson(0.6, n),
            "serious_sexual_prior": (rng.random(n) < 0.05).astype("int64"),
        }
    )


def true_probability(frame: pd.DataFrame) -> np.ndarray:
    age = pd.to_numeric(frame["age"]).astype("float64").fillna(40.0).to_numpy()
    logit = PLANTED["intercept"] + PLANTED["age"] * (age - 40)
    for feature in ("stalking_offences_total", "drug_intel_12m", "orders_breached", "da_suspect_3y"):
        logit = logit + PLANTED[feature] * frame[feature].to_numpy(dtype="float64")
    return 1 / (1 + np.exp(-logit))


def simulate_panel(n: int = 2500, seed: int = 7, extra_dates: tuple[date, ...] = ()) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for i, as_of in enumerate((*TRAIN_DATES, *extra_dates, TEST_DATE)):
        f = simulate_features(n, as_of, rng, start=i * n)
        f = f[f["stalking_offences_total"] > 0].reset_index(drop=True)
        f["true_probability"] = true_probability(f)
        f["label"] = (rng.random(len(f)) < f["true_probability"]).astype("int64")
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


def rfsdi_stand_in(frame: pd.DataFrame) -> pd.Series:
    from vawg.risk import rfsdi_from_features

    return rfsdi_from_features(frame)["score"]


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return simulate_panel(extra_dates=(date(2021, 7, 1), date(2021, 10, 1)))


def planted_terms(frame: pd.DataFrame) -> pd.DataFrame:
    """The hand-made truth's terms: the raw features (unknown age counted as 40)."""
    terms = frame[[k for k in PLANTED if k != "intercept"]].astype("float64")
    return terms.assign(age=terms["age"].fillna(40.0) - 40)


def _truth(panel: pd.DataFrame) -> pd.DataFrame:
    return panel.loc[
        pd.to_datetime(panel["as_of"]) == pd.Timestamp(TEST_DATE), ["person_id", "true_probability"]
    ]


@pytest.fixture(scope="module")
def run(panel: pd.DataFrame):  # type: ignore[no-untyped-def]
    return train_escalation(
        duckdb.connect(),
        panel=panel,
        dates=DATES,
        n_boot=60,
        planted=PLANTED,
        truth=_truth(panel),
        terms_fn=planted_terms,
        rfsdi_fn=rfsdi_stand_in,
    )


# --- dates and split -------------------------------------------------------------------------


@pytest.mark.parametrize("horizon", [90, 180, 365])
def test_planned_dates_keep_every_training_horizon_before_the_test_date(horizon: int) -> None:
    dates = plan_dates(date(2020, 4, 1), date(2023, 3, 31), horizon_days=horizon)
    assert horizon_observed(dates.test, horizon, date(2023, 3, 31))
    later = dates.test + timedelta(days=92)
    assert not horizon_observed(later, horizon, date(2023, 3, 31))  # the test date is the latest one
    assert all(d + timedelta(days=horizon) <= dates.test for d in dates.train)
    assert dates.train[0] >= date(2020, 10, 1)  # six months of history behind the first as-of date


def test_default_twelve_month_plan_on_the_synthetic_period() -> None:
    dates = plan_dates(date(2020, 4, 1), date(2023, 3, 31))
    assert dates.test == date(2022, 4, 1)
    assert dates.train == TRAIN_DATES


def test_no_test_date_when_the_horizon_is_longer_than_the_data() -> None:
    with pytest.raises(RiskError, match="label horizon"):
        plan_dates(date(2022, 4, 1), date(2023, 3, 31), horizon_days=730)


def test_split_drops_rows_whose_horizon_reaches_the_test_date(panel: pd.DataFrame) -> None:
    train, test = temporal_split(panel, TEST_DATE, 365)
    assert set(test["as_of"]) == {TEST_DATE}
    assert set(train["as_of"]) == set(TRAIN_DATES)  # 2021-07-01 and 2021-10-01 would leak
    ends = pd.to_datetime(train["as_of"]) + pd.Timedelta(days=365)
    assert (ends <= pd.Timestamp(TEST_DATE)).all()


def test_leakage_is_detected() -> None:
    train = pd.DataFrame({"as_of": [date(2021, 7, 1)]})
    test = pd.DataFrame({"as_of": [TEST_DATE]})
    with pytest.raises(RiskError, match="label leakage"):
        assert_no_leakage(train, test, 365)


def test_split_needs_both_classes(panel: pd.DataFrame) -> None:
    negative = panel.assign(label=0)
    with pytest.raises(RiskError, match="training set has"):
        temporal_split(negative, TEST_DATE, 365)


def test_build_panel_keeps_stalking_history_and_fills_missing_labels() -> None:
    rng = np.random.default_rng(3)
    features = {d: simulate_features(50, d, rng, start=i * 50) for i, d in enumerate(TRAIN_DATES)}

    def features_fn(con: object, as_of: date) -> pd.DataFrame:
        return features[as_of]

    def label_fn(con: object, as_of: date, horizon_days: int) -> pd.DataFrame:
        ids = features[as_of]["person_id"].iloc[:5]  # only five people have a label row
        return pd.DataFrame({"person_id": ids, "label": [1, 0, 1, 0, 1]})

    panel = build_panel(duckdb.connect(), TRAIN_DATES, features_fn=features_fn, label_fn=label_fn)
    expected = sum(int((f["stalking_offences_total"] > 0).sum()) for f in features.values())
    assert len(panel) == expected
    assert (panel["stalking_offences_total"] > 0).all()
    assert set(panel["label"]) <= {0, 1}
    assert panel["label"].sum() <= 9


# --- metrics ---------------------------------------------------------------------------------


def test_fast_metrics_equal_sklearn_with_ties() -> None:
    rng = np.random.default_rng(11)
    y = (rng.random(400) < 0.2).astype(int)
    p = np.round(rng.random(400), 1)  # heavy ties
    assert fast_auc(y, p) == pytest.approx(roc_auc_score(y, p), abs=1e-12)
    assert fast_average_precision(y, p) == pytest.approx(average_precision_score(y, p), abs=1e-12)
    metrics = point_metrics(y, p, rng.random(400))
    assert metrics["brier"] == pytest.approx(brier_score_loss(y, p))


def test_precision_and_recall_at_capacity_by_hand() -> None:
    y = np.array([1, 0, 1, 0, 0, 1])
    p = np.array([0.9, 0.8, 0.7, 0.2, 0.1, 0.05])
    m = point_metrics(y, p, np.zeros(6), capacities=(2, 3))
    assert m["precision_at_2"] == 0.5 and m["recall_at_2"] == pytest.approx(1 / 3)
    assert m["precision_at_3"] == pytest.approx(2 / 3) and m["recall_at_3"] == pytest.approx(2 / 3)


def test_calibration_slope_and_intercept() -> None:
    rng = np.random.default_rng(5)
    p = rng.uniform(0.01, 0.5, 20000)
    y = (rng.random(20000) < p).astype(int)
    good = calibration_fit(y, p)
    assert good.slope == pytest.approx(1, abs=0.1) and good.intercept == pytest.approx(0, abs=0.1)
    assert good.slope_ci[0] < good.slope < good.slope_ci[1]
    assert good.slope_ci[1] - good.slope_ci[0] < 0.2
    logit = np.log(p / (1 - p))
    extreme = 1 / (1 + np.exp(-(2 * logit + 2)))  # too extreme: slope well below 1
    assert calibration_fit(y, extreme).slope < 0.7


def test_bootstrap_is_reproducible_and_intervals_bracket_estimates() -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=1500)
    y = (rng.random(1500) < 1 / (1 + np.exp(-(-2 + x)))).astype(int)
    preds = {"rfsdi": 1 / (1 + np.exp(-(-2 + 0.3 * x))), "logistic": 1 / (1 + np.exp(-(-2 + x)))}
    preds["gbm"] = preds["logistic"]
    a = evaluate(y, preds, n_boot=60, seed=9)
    b = evaluate(y, preds, n_boot=60, seed=9)
    pd.testing.assert_frame_equal(a.metrics, b.metrics)
    ok = a.metrics.dropna()
    assert ((ok["ci_low"] <= ok["estimate"] + 1e-9) & (ok["estimate"] <= ok["ci_high"] + 1e-9)).all()
    same = a.difference("gbm", "logistic")
    assert same["difference"] == 0 and same["ci_low"] == 0 == same["ci_high"]


def _evaluation(diffs: dict[tuple[str, str], tuple[float, float, float]]) -> Evaluation:
    rows = [
        {"model_a": a, "model_b": b, "metric": "auc", "difference": d, "ci_low": lo, "ci_high": hi}
        for (a, b), (d, lo, hi) in diffs.items()
    ]
    return Evaluation(metrics=pd.DataFrame(), differences=pd.DataFrame(rows))


@pytest.mark.parametrize(
    ("gbm_rfsdi", "lr_rfsdi", "gbm_lr", "expected"),
    [
        ((0.08, 0.05, 0.11), (0.03, 0.01, 0.05), (0.05, 0.02, 0.08), "gbm"),
        ((0.06, 0.03, 0.09), (0.05, 0.02, 0.08), (0.01, -0.01, 0.03), "logistic"),
        ((0.02, 0.01, 0.04), (0.06, 0.03, 0.09), (-0.04, -0.06, -0.02), "logistic"),
        ((0.04, 0.01, 0.06), (0.01, -0.01, 0.03), (0.03, -0.01, 0.06), "gbm"),
        ((0.01, -0.01, 0.03), (0.0, -0.02, 0.02), (0.01, -0.01, 0.03), "rfsdi"),
    ],
)
def test_selection_rule(
    gbm_rfsdi: tuple[float, float, float],
    lr_rfsdi: tuple[float, float, float],
    gbm_lr: tuple[float, float, float],
    expected: str,
) -> None:
    ev = _evaluation(
        {("gbm", "rfsdi"): gbm_rfsdi, ("logistic", "rfsdi"): lr_rfsdi, ("gbm", "logistic"): gbm_lr}
    )
    chosen = select_model(ev)
    assert chosen.model == expected
    if expected == "logistic" and gbm_lr[1] <= 0 <= gbm_lr[2]:
        assert "simpler to explain" in chosen.reason


# --- the whole run on the hand-made panel ---------------------------------------------------------


def test_models_find_the_planted_signal(run) -> None:  # type: ignore[no-untyped-def]
    ev = run.evaluation
    assert ev.estimate("logistic", "auc") > 0.65
    assert ev.difference("logistic", "rfsdi")["ci_low"] > 0  # RFSDI ignores orders and drugs-weighting
    assert run.selection.model in {"logistic", "gbm"}
    assert run.selection.reason  # the rule's outcome in words


def test_learned_signs_agree_with_the_planted_ones(run) -> None:  # type: ignore[no-untyped-def]
    coef = run.truth.coefficients.set_index("feature")
    assert run.truth.sign_agreement == 1.0
    for feature in ("stalking_offences_total", "drug_intel_12m", "orders_breached"):
        assert coef.loc[feature, "refit"] == pytest.approx(PLANTED[feature], rel=0.35)
    assert coef["planted_in_ci"].mean() >= 0.8
    planted = {k for k in PLANTED if k != "intercept"}
    assert set(run.importance["feature"].head(2)) <= planted  # the GBM's two most important are planted
    assert run.truth.importance_rank_correlation > 0.4


def test_probability_agreement_with_truth(run, panel: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    assert run.truth.probability["n"] == len(_truth(panel))
    assert run.truth.probability["pearson_logistic"] > 0.8


def test_compare_with_truth_flags_a_wrong_sign(run) -> None:  # type: ignore[no-untyped-def]
    flipped = run.coefficients.assign(coef_per_sd=-run.coefficients["coef_per_sd"])
    test = run.predictions.merge(simulate_panel().head(0), how="left") if False else None
    assert test is None
    result = compare_with_truth(
        flipped,
        run.importance,
        pd.DataFrame(),
        pd.DataFrame({f: [0.0, 1.0] for f in FEATURES}),
        {},
        planted=PLANTED,
        truth=None,
        features=FEATURES,
    )
    assert result.sign_agreement == 0.0


def test_record_is_json_and_registered_as_draft(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    registry = gov.ModelRegistry(tmp_path / "store.app.sqlite")
    version = save_and_register(registry, run, tmp_path / "models")
    assert version.status == "draft" and version.version == "1"
    assert version.training_window == (DATES.data_start, max(TRAIN_DATES) + timedelta(days=364))
    assert json.loads(json.dumps(version.metrics))["selection"]["model"] == run.selection.model
    assert (tmp_path / "models" / "escalation-1.joblib").is_file()
    assert version.metrics["fairness"][run.selection.model]["by_group"]
    assert save_and_register(registry, run, tmp_path / "models").version == "2"


def test_operational_scoring_is_refused_until_approved_and_then_logged(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    registry, con = gov.ModelRegistry(tmp_path / "store.app.sqlite"), duckdb.connect()
    save_and_register(registry, run, tmp_path / "models")
    rng = np.random.default_rng(1)
    people = simulate_features(300, TEST_DATE, rng)

    def features_fn(c: object, as_of: date) -> pd.DataFrame:
        return people

    with pytest.raises(GovernanceError) as err:
        score_people(
            registry, con, TEST_DATE, user=CHAIR, purpose="safeguarding triage", features_fn=features_fn
        )
    assert str(err.value) == gov.NO_APPROVED_VERSION.format(name="escalation")
    move(registry, "submit", "escalation", "1")
    with_evidence(registry, "escalation", "1")
    move(registry, "approve", "escalation", "1")
    scores = score_people(
        registry,
        con,
        TEST_DATE,
        user=CHAIR,
        purpose="safeguarding triage",
        features_fn=features_fn,
        rfsdi_fn=rfsdi_stand_in,
    )
    cohort = int((people["stalking_offences_total"] > 0).sum())
    assert len(scores) == cohort
    logged = registry.rows('SELECT count(*), min("user"), min(version) FROM score_log')
    assert logged == [(cohort, "chair", "1")]
    assert set(scores["level"]) <= {"high", "medium", "low"}
    assert scores["main_factors"].map(lambda s: isinstance(s, str) and len(s) > 0).all()  # every score


def test_a_changed_model_file_is_refused(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    registry = gov.ModelRegistry(tmp_path / "store.app.sqlite")
    version = save_and_register(registry, run, tmp_path / "models")
    move(registry, "submit", "escalation", version.version)
    with_evidence(registry, "escalation", version.version)
    move(registry, "approve", "escalation", version.version)
    with open(version.metadata["artifact"], "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(RiskError, match="checksum"):
        score_people(
            registry,
            duckdb.connect(),
            TEST_DATE,
            user=CHAIR,
            purpose="triage",
            features_fn=lambda c, d: simulate_features(10, d, np.random.default_rng(0)),
        )


def test_top_k_with_ties_equals_a_full_sort() -> None:
    from vawg.risk.escalation._metrics import _ranked_top

    rng = np.random.default_rng(12)
    p = np.round(rng.random(3000), 1)  # ten distinct values: ties everywhere
    tiebreak = rng.random(3000)
    full = np.lexsort((tiebreak, -p))
    for k in (1, 50, 200, 3000, 5000):
        assert list(_ranked_top(p, k, tiebreak)) == list(full[:k])
