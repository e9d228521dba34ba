"""Predictive validity of RFSDI: the pieces by hand, then the synthetic force."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score
from statsmodels.stats.proportion import proportion_confint

from tests.risk.storebuilder import StoreBuilder
from vawg.errors import RiskError
from vawg.risk import default_as_of_dates, evaluate_rfsdi, load_config
from vawg.risk.rfsdi._validity import _calibration, _precision_at_k, scored_outcomes

AS_OF = date(2022, 1, 1)


def _scored(ranks: list[int], reoffended: list[int], harm: list[float], levels: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"as_of": AS_OF, "rank": ranks, "reoffended": reoffended, "harm_next": harm, "level": levels}
    )


def test_precision_at_k_by_hand() -> None:
    frame = _scored([3, 1, 2, 4, 5], [0, 1, 1, 0, 1], [0.0, 10.0, 30.0, 0.0, 60.0], ["standard"] * 5)
    table = _precision_at_k(frame, [1, 2, 3, 10]).set_index("k")
    assert table.loc[1, "precision"] == 1.0 and table.loc[2, "precision"] == 1.0
    assert table.loc[3, "precision"] == pytest.approx(2 / 3)
    assert table.loc[10, "flagged"] == 5 and table.loc[10, "precision"] == pytest.approx(3 / 5)
    assert table.loc[2, "harm_share"] == pytest.approx(40 / 100)
    assert table.loc[1, "lift"] == pytest.approx(1 / (3 / 5))


def test_calibration_uses_wilson_intervals_and_checks_order() -> None:
    levels = ["standard"] * 4 + ["medium"] * 3 + ["high"] * 2
    frame = _scored(list(range(1, 10)), [0, 0, 0, 1, 0, 1, 1, 1, 1], [0.0] * 9, levels)
    table, monotone = _calibration(frame)
    assert table["level"].tolist() == ["standard", "medium", "high"]
    assert table["rate"].tolist() == pytest.approx([0.25, 2 / 3, 1.0])
    low, high = proportion_confint(2, 3, method="wilson")
    assert table.loc[1, ["ci_low", "ci_high"]].tolist() == pytest.approx([low, high])
    assert monotone
    flipped = frame.assign(
        level=frame["level"].map({"standard": "high", "high": "standard", "medium": "medium"})
    )
    assert not _calibration(flipped)[1]


def test_outcomes_follow_the_score_date() -> None:
    b = StoreBuilder.open()
    for p in ("A", "B", "V"):
        b.person(p)
    b.crime(date(2021, 6, 1), offence="8Q", suspects=("A",), victims=("V",))
    b.crime(date(2021, 6, 1), offence="8Q", suspects=("B",), victims=("V",))
    b.crime(date(2022, 3, 1), offence="8N", da=True, suspects=("A",), victims=("V",))  # A re-offends
    b.crime(date(2023, 3, 1), offence="8N", da=True, suspects=("B",), victims=("V",))  # B: after a year
    frame = scored_outcomes(b.con, [AS_OF], load_config(), 365)
    got = frame.set_index("person_id")[["reoffended", "harm_next"]]
    harm = b.con.execute("SELECT harm_days FROM ref_offence WHERE offence_code = '8N'").fetchall()[0][0]
    assert got.loc["A"].tolist() == [1, harm] and got.loc["B"].tolist() == [0, 0.0]
    with pytest.raises(RiskError, match="too short"):
        default_as_of_dates(b.con)


def test_validity_on_the_small_force(small_force: tuple[Path, Path]) -> None:
    con = duckdb.connect(str(small_force[1]), read_only=True)
    try:
        dates = default_as_of_dates(con)
        report = evaluate_rfsdi(con, n_boot=500)
    finally:
        con.close()
    # Quarterly dates, each with a year of data before it and a full year after it.
    assert report.as_of_dates == tuple(dates) and len(dates) >= 4
    assert all((b - a).days in range(89, 93) for a, b in pairwise(dates))
    assert report.auc.low > 0.55 and report.auc.low < report.auc.estimate < report.auc.high
    assert report.calibration_monotone
    at50 = report.precision_at_k[report.precision_at_k["k"] == 50]
    assert (at50["precision"] > at50["base_rate"]).all()
    assert report.spearman_harm > 0 and report.spearman_p < 0.001
    assert report.by_date["auc"].between(0.5, 1).all()
    assert report.to_dict()["auc"]["estimate"] == report.auc.estimate


def test_auc_on_the_default_force_is_clearly_above_chance(default_force: tuple[Path, Path]) -> None:
    con = duckdb.connect(str(default_force[1]), read_only=True)
    try:
        report = evaluate_rfsdi(con, [date(2022, 1, 1)], n_boot=500)
    finally:
        con.close()
    assert report.n_persons > 20_000
    assert 0.6 < report.auc.low < report.auc.estimate < report.auc.high < 0.9
    assert report.auc.high - report.auc.low < 0.04
    rows = report.by_date
    assert np.isclose(rows["n"].sum(), report.n_rows)
    assert report.rfgv_comparison.loc[0, "n"] > 1000
    assert report.rfgv_comparison.loc[0, "auc_rfgv"] > 0.55


def test_pooled_auc_is_scikit_learns(small_force: tuple[Path, Path]) -> None:
    con = duckdb.connect(str(small_force[1]), read_only=True)
    try:
        frame = scored_outcomes(con, [AS_OF], load_config(), 365)
        report = evaluate_rfsdi(con, [AS_OF], n_boot=500)
    finally:
        con.close()
    assert report.auc.estimate == roc_auc_score(frame["reoffended"], frame["score"])
