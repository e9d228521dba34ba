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
        interval and significance: rates by :func:`compare_proportions`, counts and ratios by
        :func:`compare_counts` (ratios per unit of their denominator)."""
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
        a, b = rows[period], rows[baseline]
        if self.metric.kind in ("rate", "share"):
            return compare_proportions(a["numerator"], a["denominator"], b["numerator"], b["denominator"])
        if self.metric.kind == "ratio":
            return compare_counts(a["numerator"], b["numerator"], a["denominator"], b["denominator"])
        if self.metric.kind == "days":
            raise MetricError(
                f"{self.metric.id}: a quantile of days has no change test here", metric=self.metric.id
            )
        return compare_counts(a["numerator"], b["numerator"])

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
