"""The board paper's figures come out of the synthetic force through the registry.

The synthetic force (scale 1, seed 42) is calibrated to the paper; these tests check that the
registry's definitions reproduce the figures (the synth's own calibration tests compute them in
plain SQL over the bundle, so the two implementations check each other).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from vawg.metrics import compare_counts, compare_proportions, compute, seasonal_trend, spc
from vawg.store import connect

FY21 = ("2021-04-01", "2022-03-31")
FY22 = ("2022-04-01", "2023-03-31")


@pytest.fixture(scope="module")
def force(default_force: tuple[Path, Path]) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(default_force[1], read_only=True)
    yield con
    con.close()


def by_period(con: duckdb.DuckDBPyConnection, metric_id: str, **kwargs: object) -> dict[str, dict]:
    frame = compute(con, metric_id, **kwargs).frame  # type: ignore[arg-type]
    return {row["period"]: row for row in frame.to_dict(orient="records")}


def test_da_positive_outcome_rate_para_32(force: duckdb.DuckDBPyConnection) -> None:
    fy = by_period(force, "da_positive_outcome_rate", grain="fy", start=FY21[0], end=FY22[1])
    this, last = fy["2022/23"], fy["2021/22"]
    assert this["value"] == pytest.approx(0.044, abs=0.003)
    assert last["value"] == pytest.approx(0.033, abs=0.003)
    assert this["ci_low"] < this["value"] < this["ci_high"]
    change = compare_proportions(
        this["numerator"], this["denominator"], last["numerator"], last["denominator"]
    )
    assert change.significant and change.ci_low > 0


def test_da_outcome_1_share_para_32(force: duckdb.DuckDBPyConnection) -> None:
    fy = by_period(force, "da_outcome_1_share", grain="fy", start=FY22[0], end=FY22[1])
    assert fy["2022/23"]["value"] == pytest.approx(0.76, abs=0.03)


def test_bail_before_and_after_the_change_paras_33_34(force: duckdb.DuckDBPyConnection) -> None:
    bailed = by_period(force, "da_suspects_bailed", start="2021-04-01", end="2023-03-31")
    before = [bailed[p]["numerator"] for p in bailed if "2021-04" <= p <= "2022-09"]
    after = [bailed[p]["numerator"] for p in bailed if "2022-11" <= p <= "2023-03"]
    assert len(before) == 18 and all(130 <= n <= 150 for n in before)
    assert len(after) == 5 and all(380 <= n <= 455 for n in after)
    rui = by_period(force, "da_suspects_rui", start="2022-04-01", end="2023-03-31")
    rui_before = sum(rui[p]["numerator"] for p in ("2022-05", "2022-06", "2022-07")) / 3
    rui_after = sum(rui[p]["numerator"] for p in ("2023-01", "2023-02", "2023-03")) / 3
    assert rui_after < rui_before
    share = by_period(force, "da_bail_share", start="2022-09-01", end="2022-12-31")
    assert share["2022-12"]["value"] > share["2022-09"]["value"]


def test_victim_age_profile_para_54(force: duckdb.DuckDBPyConnection) -> None:
    bands = {r["age_band"]: r for r in compute(force, "victim_age_profile", grain="fy", start=FY22[0],
                                                end=FY22[1]).frame.to_dict(orient="records")}  # fmt: skip
    assert bands["18-24"]["value"] == pytest.approx(0.188, abs=0.005)
    assert bands["18-24"]["value"] + bands["25-34"]["value"] == pytest.approx(0.495, abs=0.005)
    assert sum(r["value"] for r in bands.values()) == pytest.approx(1.0)
    young = compute(force, "victim_age_18_34_share", grain="fy", start=FY22[0], end=FY22[1]).frame.iloc[0]
    assert young["value"] == pytest.approx(bands["18-24"]["value"] + bands["25-34"]["value"])
    assert young["ci_low"] < young["value"] < young["ci_high"]


def test_outstanding_da_suspects_at_a_12_month_low_para_28(force: duckdb.DuckDBPyConnection) -> None:
    months = by_period(force, "da_outstanding_suspects", start=FY22[0], end=FY22[1])
    values = {p: r["numerator"] for p, r in months.items()}
    assert len(values) == 12
    assert min(values, key=values.__getitem__) in ("2023-02", "2023-03")
    assert values["2023-03"] <= 0.85 * values["2022-04"]
    # On an SPC chart (lower is better) the fall is special-cause improvement.
    chart = spc(compute(force, "da_outstanding_suspects", start=FY22[0], end=FY22[1]).series(),
                higher_is_better=False)  # fmt: skip
    assert chart.special_cause and chart.variation == "improvement_low"


def test_stalking_positive_outcome_rate_rising_three_months_para_31(force: duckdb.DuckDBPyConnection) -> None:
    months = by_period(force, "stalking_positive_outcome_rate", start="2022-12-01", end="2023-03-31")
    rates = [months[p]["value"] for p in ("2022-12", "2023-01", "2023-02", "2023-03")]
    assert rates[0] < rates[1] < rates[2] < rates[3]
    recorded = by_period(force, "stalking_recorded_crimes", start="2022-12-01", end="2023-03-31")
    assert all(recorded[p]["numerator"] > 0 for p in months)


def test_da_incidents_stable_with_a_summer_peak_para_32(force: duckdb.DuckDBPyConnection) -> None:
    fy = by_period(force, "da_incidents", grain="fy", start=FY21[0], end=FY22[1])
    this, last = fy["2022/23"]["numerator"], fy["2021/22"]["numerator"]
    assert abs(this / last - 1) <= 0.05
    assert compare_counts(this, last).ci_low < 1.06
    monthly = compute(force, "da_incidents", start="2020-04-01", end=FY22[1]).series()
    for year in (2021, 2022):
        summer = monthly[[p for p in monthly.index if p.year == year and p.month in (6, 7, 8)]].mean()
        winter = monthly[[p for p in monthly.index if (p.year == year and p.month in (11, 12))
                          or (p.year == year + 1 and p.month in (1, 2))]].mean()  # fmt: skip
        assert summer >= 1.08 * winter
    season = seasonal_trend(monthly)
    assert season.peak_month in (6, 7, 8)


def test_easi_completions_para_31(force: duckdb.DuckDBPyConnection) -> None:
    assert compute(force, "easi_completions", grain="all").frame["numerator"].tolist() == [63]


def test_by_area_adds_up_to_the_force(force: duckdb.DuckDBPyConnection) -> None:
    total = by_period(force, "da_recorded_crimes", grain="fy", start=FY22[0], end=FY22[1])["2022/23"][
        "numerator"
    ]
    areas = compute(force, "da_recorded_crimes", grain="fy", by=("area",), start=FY22[0], end=FY22[1]).frame
    assert areas["numerator"].sum() == total and areas["area"].nunique() == 7
