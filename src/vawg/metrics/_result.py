"""MetricResult: a metric's values by period, with counts, intervals and change tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from vawg.errors import MetricError
from vawg.metrics._intervals import Comparison, compare_counts, compare_proportions
from vawg.metrics._registry import Metric


def change_test(metric: Metric, n1: int, d1: int | None, n2: int, d2: int | None) -> Comparison | None:
    """The test of the change from ``n2``/``d2`` (baseline) to ``n1``/``d1`` that fits ``metric``.

    Cohort rates and shares: difference of proportions (:func:`compare_proportions`). Closure-basis
    rates (an outcome dated in the period need not be of a crime recorded in it, so the rate is not
    a proportion and can pass 100%) and per-100 ratios: ratio of Poisson rates per unit of
    denominator; counts and stocks: ratio of Poisson counts (:func:`compare_counts`). None when no
    test applies: a denominator of 0, nothing counted in the baseline, or a quantile.
    """
    if metric.kind in ("rate", "share") and d1 and d2 and metric.basis != "closure" and n1 <= d1 and n2 <= d2:
        return compare_proportions(n1, d1, n2, d2)
    if metric.kind in ("rate", "ratio") and d1 and d2 and n2 > 0:
        return compare_counts(n1, n2, float(d1), float(d2))
    if metric.kind in ("count", "stock") and n2 > 0:
        return compare_counts(n1, n2)
    return None


def _count(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


@dataclass
class MetricResult:
    """A metric's values: one row per period (and per ``by`` value), with counts and intervals."""

    metric: Metric
    frame: pd.DataFrame
    grain: str = "month"
    by: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    dropped_by: tuple[str, ...] = field(default_factory=tuple)  # `by` dimensions the metric lacks

    @property
    def dimension_columns(self) -> list[str]:
        extra = [self.metric.breakdown] if self.metric.breakdown else []
        return [*self.by, *extra]

    def series(self, **selection: str) -> pd.Series:
        """``value`` indexed by period_start, for one combination of the dimension columns."""
        frame = self.frame
        for column, wanted in selection.items():
            frame = frame[frame[column] == wanted]
        if len(frame.drop_duplicates("period_start")) != len(frame):
            raise MetricError(
                f"{self.metric.id}: several rows per period; select one of {self.dimension_columns}",
                metric=self.metric.id,
            )
        return pd.Series(frame["value"].to_numpy(), index=pd.Index(frame["period_start"], name="period_start"),
                         name=self.metric.id)  # fmt: skip

    def compare(self, period: str, baseline: str, **selection: str) -> Comparison:
        """Change from ``baseline`` to ``period`` (labels, e.g. "2022/23" vs "2021/22") with its
        interval and significance, by the test :func:`change_test` picks for the metric."""
        frame = self.frame
        for column, wanted in selection.items():
            frame = frame[frame[column] == wanted]
        rows = {r["period"]: r for r in frame.to_dict(orient="records")}
        missing = [p for p in (period, baseline) if p not in rows]
        if missing or len(frame) != len(rows):
            raise MetricError(
                f"{self.metric.id}: cannot compare {period} with {baseline}: "
                + (
                    f"no period {', '.join(missing)}"
                    if missing
                    else f"select one of {self.dimension_columns}"
                ),
                metric=self.metric.id,
            )
        if self.metric.kind == "days":
            raise MetricError(
                f"{self.metric.id}: a quantile of days has no change test here", metric=self.metric.id
            )
        a, b = rows[period], rows[baseline]
        test = change_test(self.metric, int(a["numerator"]), _count(a["denominator"]), int(b["numerator"]),
                           _count(b["denominator"]))  # fmt: skip
        if test is None:
            raise MetricError(
                f"{self.metric.id}: no change test for {period} against {baseline}: nothing counted in "
                f"{baseline}, or a denominator of 0",
                metric=self.metric.id,
            )
        return test

    def to_dict(self) -> dict[str, Any]:
        rows = self.frame.astype({"period_start": str}).replace({np.nan: None}).to_dict(orient="records")
        for row in rows:
            for key, value in row.items():
                if value is pd.NA:
                    row[key] = None
        return {
            "metric": self.metric.id,
            "title": self.metric.title,
            "unit": self.metric.unit,
            "grain": self.grain,
            "by": list(self.by),
            "rows": rows,
        }
