"""compute and compute_all: one engine, the same numbers; grains, filters and errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from vawg.errors import MetricError
from vawg.metrics import REGISTRY, compute, compute_all
from vawg.metrics._periods import label, period_start_of


def _one_per_shape() -> list[str]:
    """One metric for each way a metric can be computed (kind, frames, dates, aggregate, breakdown)."""
    shapes: dict[tuple, str] = {}
    for m in REGISTRY:
        assert m.num is not None
        den = (m.den.frame, m.den.date) if m.den else None
        shapes.setdefault((m.kind, m.num.frame, m.num.date, m.num.agg.split(":")[0], den, m.breakdown), m.id)
    return list(shapes.values())


@pytest.mark.parametrize("grain", ["month", "fy"])
def test_compute_all_equals_compute(handmade: duckdb.DuckDBPyConnection, grain: str) -> None:
    # compute_all batches queries (sharing them across metrics and breakdowns) and materialises
    # the crime base; it must not change a number. Checked for one metric of every shape.
    everything = compute_all(handmade, grain=grain, by=("area",))
    assert set(everything) == set(REGISTRY.ids())
    shapes = _one_per_shape() if grain == "month" else _one_per_shape()[::3]
    assert len(shapes) >= 8
    for metric_id in shapes:
        batched = everything[metric_id]
        alone = compute(handmade, metric_id, grain=grain, by=batched.by)
        pd.testing.assert_frame_equal(batched.frame, alone.frame, check_exact=False, obj=metric_id)


def test_by_a_dimension_sums_to_the_total(handmade: duckdb.DuckDBPyConnection) -> None:
    total = compute(handmade, "vawg_recorded_crimes").frame.set_index("period")["numerator"]
    by_area = (
        compute(handmade, "vawg_recorded_crimes", by=("area",)).frame.groupby("period")["numerator"].sum()
    )
    pd.testing.assert_series_equal(total, by_area, check_names=False)


def test_dropped_by_for_a_metric_without_the_dimension(handmade: duckdb.DuckDBPyConnection) -> None:
    result = compute_all(handmade, by=("area",), metrics=["orders_issued"])["orders_issued"]
    assert result.dropped_by == ("area",) and "area" not in result.frame.columns


def test_frame_columns_and_types(handmade: duckdb.DuckDBPyConnection) -> None:
    frame = compute(handmade, "da_positive_outcome_rate", by=("area",)).frame
    assert list(frame.columns) == ["period_start", "period", "area", "numerator", "denominator", "value",
                                   "ci_low", "ci_high", "follow_up_days", "mature"]  # fmt: skip
    assert isinstance(frame["period_start"].iloc[0], date)
    assert frame["numerator"].dtype == "int64" and str(frame["denominator"].dtype) == "Int64"
    counts = compute(handmade, "da_incidents").frame
    assert counts["denominator"].isna().all() and counts["ci_low"].isna().all()


def test_rate_interval_contains_the_value(handmade: duckdb.DuckDBPyConnection) -> None:
    frame = compute(handmade, "da_positive_outcome_rate", grain="fy").frame.dropna(subset=["value"])
    assert ((frame["ci_low"] <= frame["value"]) & (frame["value"] <= frame["ci_high"])).all()


def test_series_helper(handmade: duckdb.DuckDBPyConnection) -> None:
    result = compute(handmade, "da_recorded_crimes", start="2022-04-01", end="2022-06-30")
    assert list(result.series()) == [2.0, 1.0, 2.0]
    with pytest.raises(MetricError, match="several rows"):
        compute(handmade, "da_recorded_crimes", by=("area",)).series()
    assert result.to_dict()["rows"][0]["period"] == "2022-04"


def test_errors_name_what_to_do(handmade: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(MetricError, match="cannot be broken down by order_type"):
        compute(handmade, "da_incidents", by=("order_type",))
    with pytest.raises(MetricError, match="unknown grain 'week'"):
        compute(handmade, "da_incidents", grain="week")
    with pytest.raises(MetricError, match="expected a date"):
        compute(handmade, "da_incidents", start="01/04/2022")
    with pytest.raises(MetricError, match="after"):
        compute(handmade, "da_incidents", start="2022-05-01", end="2022-04-01")
    with pytest.raises(MetricError, match="did you mean"):
        compute(handmade, "da_incident")


def test_compute_accepts_a_path(handmade_path: Path) -> None:
    assert compute(handmade_path, "stalking_recorded_crimes", grain="all").frame["numerator"].tolist() == [3]


@pytest.mark.parametrize(
    ("day", "grain", "start", "text"),
    [
        (date(2023, 3, 31), "fy", date(2022, 4, 1), "2022/23"),
        (date(2023, 4, 1), "fy", date(2023, 4, 1), "2023/24"),
        (date(2022, 11, 15), "quarter", date(2022, 10, 1), "2022-Q4"),
        (date(2022, 1, 31), "month", date(2022, 1, 1), "2022-01"),
    ],
)
def test_periods(day: date, grain: str, start: date, text: str) -> None:
    assert period_start_of(day, grain) == start
    assert label(start, grain) == text


def test_compare_two_periods(handmade: duckdb.DuckDBPyConnection) -> None:
    rate = compute(handmade, "da_positive_outcome_rate", grain="fy", start="2021-04-01", end="2023-03-31")
    change = rate.compare("2022/23", "2021/22")
    # 3/5 vs 1/2: +10 pp, far from significant on 7 crimes.
    assert change.estimate == pytest.approx(0.1) and not change.significant
    counts = compute(handmade, "da_recorded_crimes", grain="fy", start="2021-04-01", end="2023-03-31")
    assert counts.compare("2022/23", "2021/22").estimate == pytest.approx(5 / 2)
    with pytest.raises(MetricError, match="no period 2019/20"):
        rate.compare("2022/23", "2019/20")
    with pytest.raises(MetricError, match="no change test"):
        compute(handmade, "da_days_to_outcome_median", grain="fy").compare("2022/23", "2021/22")
