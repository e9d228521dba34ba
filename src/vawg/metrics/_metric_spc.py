"""A metric's SPC chart as the board sees it: declared phases, its target, optionally season-adjusted.

One place joins the pieces the CLI (`vawg metrics spc`) and the board report both need: the
monthly series, the change points declared for the metric, the target in force in its last month,
the same month a year before and, for a seasonal series, the chart of the seasonally adjusted
values (STL), so a summer peak is not read as a special cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from vawg.metrics._force_files import ChangePoint, Target, load_change_points, load_targets, target_on
from vawg.metrics._registry import Metric
from vawg.metrics._seasonal import PERIOD, SeasonalTrend, same_month_last_year, seasonal_trend
from vawg.metrics._spc import SpcResult, spc


@dataclass
class MetricSpc:
    """The chart of ``metric``: ``spc`` of the values (or of the adjusted values when ``seasonal``)."""

    metric: Metric
    series: pd.Series
    spc: SpcResult
    change_points: tuple[ChangePoint, ...]
    target: Target | None
    year_on_year: pd.DataFrame  # same_month_last_year(series)
    seasonal: SeasonalTrend | None = None  # set when the chart is of seasonally adjusted values

    @property
    def adjusted(self) -> bool:
        return self.seasonal is not None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "metric_id": self.metric.id,
            "seasonally_adjusted": self.adjusted,
            "change_points": [{"date": str(p.date), "reason": p.reason} for p in self.change_points],
            "target": None if self.target is None else
            {"value": self.target.value, "direction": self.target.direction, "from_date": str(self.target.from_date)},
            **self.spc.to_dict(),
        }  # fmt: skip
        yoy = self.year_on_year
        out["same_month_last_year"] = [
            {"period_start": str(i), **{k: (None if pd.isna(v) else float(v)) for k, v in row.items()}}
            for i, row in zip(yoy.index, yoy.to_dict(orient="records"), strict=True)
        ]
        return out


def metric_spc(
    metric: Metric,
    series: pd.Series,
    *,
    seasonally_adjusted: bool = False,
    change_points: tuple[ChangePoint, ...] | None = None,
    targets: tuple[Target, ...] | None = None,
) -> MetricSpc:
    """The SPC chart of a metric's monthly ``series`` (index: month starts) with its phases and target.

    ``seasonally_adjusted`` charts the STL-adjusted values (observed − seasonal, the seasonal effect
    of each calendar month held fixed across years; needs 24 months).
    Change points and targets default to the force's files (``load_change_points``/``load_targets``).
    """
    values = series.astype(float).dropna()
    points = tuple(p for p in (load_change_points() if change_points is None else change_points)
                   if p.metric_id == metric.id)  # fmt: skip
    last = pd.Timestamp(values.index[-1]).date() if len(values) else date.min
    target = target_on(metric.id, last, load_targets() if targets is None else targets)
    decomposition = seasonal_trend(values, period=PERIOD, periodic=True) if seasonally_adjusted else None
    charted = decomposition.frame["adjusted"] if decomposition is not None else values
    result = spc(charted, metric.higher_is_better, phases=[p.date for p in points],
                 target=target.value if target else None,
                 target_higher_is_better=target.higher_is_better if target else None)  # fmt: skip
    return MetricSpc(metric, values, result, points, target, same_month_last_year(values), decomposition)


__all__ = ["MetricSpc", "metric_spc"]
