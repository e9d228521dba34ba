"""Recalibration on a validation period, the operating point from capacity, error rates over the
score range: hand-worked on tiny data (issue 11, items 7 and 8)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from tests.risk.test_escalation import rfsdi_stand_in, simulate_features, true_probability
from vawg.config import get_settings
from vawg.risk.escalation._decision import calibration_at_k
from vawg.risk.escalation._groups import INTERSECTION, escalation_groups
from vawg.risk.escalation._panel import PanelDates
from vawg.risk.escalation._range import error_rates_by_range
from vawg.risk.escalation._recalibration import fit_recalibrator, operating_point, recalibration_study
from vawg.risk.escalation._train import train_escalation


def test_isotonic_recalibration_and_calibration_at_k_by_hand() -> None:
    # Validation: p 0.1 0.2 0.3 0.4 with outcomes 0 1 0 1. Pool-adjacent-violators: 0.2 (1) and
    # 0.3 (0) violate the order and pool to 0.5, so the map is 0.1→0, 0.2→0.5, 0.3→0.5, 0.4→1.
    iso = fit_recalibrator([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], "isotonic")
    before = np.array([0.05, 0.25, 0.35, 0.5])
    after = iso.transform(before)
    # 0.05 below the range clips to 0; 0.25 lies between 0.5 and 0.5; 0.35 halfway from 0.5 to 1;
    # 0.5 above the range clips to 1.
    assert after.tolist() == pytest.approx([0.0, 0.5, 0.75, 1.0])
    y = [0, 0, 1, 1]
    got = calibration_at_k(y, after, [2], rank_by=before).iloc[0]
    # Top 2 by the original score: 0.5 and 0.35, both with the outcome. Before: (0.5 + 0.35) / 2 =
    # 0.425 predicted against 1.0 observed; after: (1 + 0.75) / 2 = 0.875.
    assert got["mean_predicted"] == pytest.approx(0.875)
    assert got["observed"] == 1.0
    assert calibration_at_k(y, before, [2]).iloc[0]["mean_predicted"] == pytest.approx(0.425)


def test_platt_recalibration_by_hand() -> None:
    # Two distinct scores, four people each: 1 of 4 outcomes at p = 0.2, 3 of 4 at p = 0.6. A logistic
    # regression with an intercept and a slope on logit p is saturated here, so (unpenalised) it
    # reproduces the observed rates: 0.2 → 0.25 and 0.6 → 0.75.
    p = [0.2] * 4 + [0.6] * 4
    y = [1, 0, 0, 0, 1, 1, 1, 0]
    platt = fit_recalibrator(y, p, "platt")
    assert platt.transform([0.2, 0.6]).tolist() == pytest.approx([0.25, 0.75], abs=1e-3)


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="platt"):
        fit_recalibrator([0, 1], [0.1, 0.9], "beta")


def test_operating_point_from_capacity_by_hand() -> None:
    p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0]
    y = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0]
    got = operating_point(np.array(y), np.array(p), 5)
    # The 5th highest score is 0.5: act on 5 (TP 3, FP 2), odds 0.5/0.5 = 1: 3/10 − 2/10 = 0.1;
    # act on everyone: 0.4 − 0.6 = −0.2.
    assert got == {"k": 5, "threshold": 0.5, "acted_on": 5, "net_benefit": pytest.approx(0.1),
                   "net_benefit_all": pytest.approx(-0.2)}  # fmt: skip


def test_error_rates_over_the_range_by_hand() -> None:
    # Six people in two groups; scores rank them a1 > b1 > a2 > b2 > a3 > b3; outcomes a1, a3, b2.
    groups = pd.DataFrame({"G": ["a", "b", "a", "b", "a", "b"]})
    p = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    y = np.array([1, 0, 0, 1, 1, 0])
    got = error_rates_by_range(y, p, groups, shares=(0.5,), capacity=2).set_index(["cut", "group"])
    # Top 50% = 3 people (a1, b1, a2). Group a: selected a1, a2; TPR 1/2, FPR 1/1, precision 1/2.
    a = got.loc[("top 50%", "a")]
    assert (a["selected"], a["tpr"], a["fpr"], a["precision"]) == (2, 0.5, 1.0, 0.5)
    # Group b: selected b1 (no outcome); TPR 0/1, FPR 1/2, precision 0/1.
    b = got.loc[("top 50%", "b")]
    assert (b["selected"], b["tpr"], b["fpr"], b["precision"]) == (1, 0.0, 0.5, 0.0)
    # At capacity 2 (a1, b1): group a TPR 1/2 with the Wilson interval of 1 of 2 (0.0945 to 0.9055).
    cap = got.loc[("capacity (top 2)", "a")]
    assert cap["tpr"] == 0.5
    assert (cap["tpr_ci_low"], cap["tpr_ci_high"]) == pytest.approx((0.0945, 0.9055), abs=1e-4)


def test_a_group_without_outcomes_has_an_undefined_tpr_not_zero() -> None:
    groups = pd.DataFrame({"G": ["a", "a", "b", "b"]})
    got = error_rates_by_range([1, 0, 0, 0], [0.9, 0.1, 0.8, 0.2], groups, shares=(0.5,))
    b = got[got["group"] == "b"].iloc[0]
    assert np.isnan(b["tpr"]) and b["fpr"] == 0.5


def test_groups_add_the_intersection_and_area_with_not_stated() -> None:
    panel = pd.DataFrame(
        {"person_id": ["1", "2"], "as_of": [date(2022, 4, 1)] * 2, "age": pd.array([30, None], dtype="Int64"),
         "sex": ["F", None], "ethnicity_group": ["Black", None], "area": ["Coventry", None]}
    )  # fmt: skip
    groups = escalation_groups(duckdb.connect(), panel)
    assert groups[INTERSECTION].tolist() == ["Female × Black", "Not stated × Not stated"]
    assert groups["Area"].tolist() == ["Coventry", "Not stated"]


def _panel(dates: tuple[date, ...], n: int = 1500, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for i, as_of in enumerate(dates):
        f = simulate_features(n, as_of, rng, start=i * n)
        f = f[f["stalking_offences_total"] > 0].reset_index(drop=True)
        f["label"] = (rng.random(len(f)) < true_probability(f)).astype("int64")
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


# Fit on 2019-04 and 2019-07 (their year ends by 2020-07), recalibrate on 2020-07, test on 2021-07.
FIT = (date(2019, 4, 1), date(2019, 7, 1))
VALIDATION = date(2020, 7, 1)
TEST = date(2021, 7, 1)


def test_recalibration_study_on_a_validation_period() -> None:
    panel = _panel((*FIT, VALIDATION, TEST))
    as_of = pd.to_datetime(panel["as_of"])
    train, test = panel[as_of < pd.Timestamp(TEST)], panel[as_of == pd.Timestamp(TEST)].reset_index(drop=True)
    study = recalibration_study(
        train, test, selected="logistic", horizon_days=365, rfsdi_fn=rfsdi_stand_in, seed=3,
        method="isotonic", capacity_k=40, groups=escalation_groups(duckdb.connect(), test), ks=(20,),
    )  # fmt: skip
    assert "skipped" not in study
    assert study["validation"] == str(VALIDATION) and study["fit_rows"] == int(
        (as_of < pd.Timestamp(VALIDATION)).sum()
    )
    # The same people before and after (ranked by the model's score): the same outcomes in each top k.
    for before, after in zip(study["at_k"]["before"], study["at_k"]["isotonic"], strict=True):
        assert (before["k"], before["outcomes"]) == (after["k"], after["outcomes"])
    assert [r["k"] for r in study["at_k"]["platt"]] == [20, 40]
    assert study["operating_point"]["k"] == 40
    top = [r for r in study["by_group"] if r["where"] == "top_k" and r["dimension"] == "Sex"]
    assert sum(r["n"] for r in top) == 40


def test_no_recalibration_without_a_validation_period_says_why() -> None:
    panel = _panel((VALIDATION, TEST), n=400)
    as_of = pd.to_datetime(panel["as_of"])
    study = recalibration_study(
        panel[as_of == pd.Timestamp(VALIDATION)], panel[as_of == pd.Timestamp(TEST)], selected="logistic",
        horizon_days=365, rfsdi_fn=rfsdi_stand_in, seed=3, method="platt", capacity_k=10,
        groups=pd.DataFrame(index=range(0)), ks=(5,),
    )  # fmt: skip
    assert study["skipped"].startswith("no recalibration") and study["fit_rows"] == 0


def test_the_operating_point_comes_from_the_stated_capacity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VAWG_ESCALATION_CAPACITY_PER_MONTH", "20")
    monkeypatch.setenv("VAWG_ESCALATION_REVIEW_MONTHS", "2")
    monkeypatch.setenv("VAWG_ESCALATION_RECALIBRATION", "isotonic")
    get_settings.cache_clear()
    try:
        panel = _panel((*FIT, VALIDATION, TEST), n=1200)
        dates = PanelDates((*FIT, VALIDATION), TEST, 365, date(2018, 4, 1), date(2022, 7, 31))
        run = train_escalation(duckdb.connect(), panel=panel, dates=dates, n_boot=5, rfsdi_fn=rfsdi_stand_in)
    finally:
        get_settings.cache_clear()
    record = run.record()
    assert run.capacity == 40 and record["capacity"] == 40
    assert record["recalibration"]["method"] == "isotonic"
    assert record["recalibration"]["operating_point"]["k"] == 40
    assert record["fairness"][run.selection.model]["capacity"] == 40
    cuts = {r["cut"] for r in record["fairness_range"][run.selection.model]}
    assert "capacity (top 40)" in cuts and "top 5%" in cuts


def test_area_is_read_from_the_store_as_of_the_date(small_force: tuple[Path, Path]) -> None:
    from vawg.risk.escalation._panel import build_panel, plan_dates
    from vawg.risk.features._pointintime import data_window

    con = duckdb.connect(str(small_force[1]), read_only=True)
    dates = plan_dates(*data_window(con))
    panel = build_panel(con, (dates.test,), horizon_days=dates.horizon_days)
    groups = escalation_groups(con, panel)
    # By hand for one person: the area of their latest suspect crime recorded before the as-of date.
    person = str(panel["person_id"].iloc[0])
    (expected,) = con.execute(
        """SELECT c.area FROM crime_persons cp JOIN crimes c USING (crime_id)
           WHERE cp.person_id = ? AND cp.role = 'suspect' AND c.recorded_date < ?
           ORDER BY c.recorded_date DESC, c.crime_id DESC LIMIT 1""",
        [person, dates.test],
    ).fetchone()
    assert groups["Area"].iloc[0] == (expected if expected is not None else "Not stated")
    assert groups["Area"].notna().all()
