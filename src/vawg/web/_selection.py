"""What a page asks of a metric: grain and filters (area, VAWG category, DA), and the rows they select.

``compute`` has no filter argument: a filter is a breakdown (``by``) followed by picking the
wanted value, so every number on a page is a row of a registry result. A metric without a filtered
dimension (e.g. custody has no VAWG category) keeps its force-wide rows and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from vawg.metrics import Metric, MetricResult

# filter name in a query string -> the metric dimension it selects on
FILTER_DIMENSIONS: dict[str, str] = {"area": "area", "category": "vawg_category", "da": "da"}
PAGE_GRAINS: tuple[str, ...] = ("month", "quarter", "fy")
GRAIN_MONTHS = {"month": 1, "quarter": 3, "fy": 12}
GRAIN_LABELS = {"month": "Month", "quarter": "Quarter", "fy": "Financial year"}


@dataclass(frozen=True)
class Selection:
    """Grain and filter values (None: all)."""

    grain: str = "month"
    area: str | None = None
    category: str | None = None
    da: str | None = None

    def filters(self) -> dict[str, str]:
        """Dimension -> wanted value, for the filters that are set."""
        values = {"area": self.area, "category": self.category, "da": self.da}
        return {FILTER_DIMENSIONS[k]: v for k, v in values.items() if v}

    def by(self) -> tuple[str, ...]:
        return tuple(self.filters())

    def query(self, **changes: str | None) -> dict[str, str]:
        """The selection as query parameters (unset filters left out), with ``changes`` applied."""
        values = {"grain": self.grain, "area": self.area, "category": self.category, "da": self.da}
        values.update(changes)
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class Selected:
    """The rows of a result a selection picks: one per complete period, oldest first."""

    rows: pd.DataFrame
    ignored: tuple[str, ...]  # filters the metric has no dimension for (force-wide values shown)


def period_end(start: pd.Timestamp, grain: str) -> date:
    return (start + pd.DateOffset(months=GRAIN_MONTHS[grain]) - pd.Timedelta(days=1)).date()


def select(result: MetricResult, selection: Selection, last_day: date | None) -> Selected:
    """Rows of ``result`` matching the selection's filters, complete periods only (ending by ``last_day``)."""
    frame = result.frame
    ignored = []
    for dim, wanted in selection.filters().items():
        if dim in frame.columns:
            frame = frame[frame[dim] == wanted]
        else:
            ignored.append(dim)
    frame = frame.sort_values("period_start")
    if last_day is not None and result.grain in GRAIN_MONTHS and not frame.empty:
        starts = pd.to_datetime(frame["period_start"])
        ends = [period_end(s, result.grain) for s in starts]
        frame = frame[[e <= last_day for e in ends]]
    return Selected(frame.reset_index(drop=True), tuple(ignored))


def year_before(rows: pd.DataFrame, row: pd.Series) -> pd.Series | None:
    """The row for the same period a year before ``row``, if there is one."""
    wanted = pd.Timestamp(row["period_start"]) - pd.DateOffset(years=1)
    hit = rows[pd.to_datetime(rows["period_start"]) == wanted]
    return None if hit.empty else hit.iloc[0]


def dimension_values(metric: Metric, result: MetricResult, dim: str) -> list[str]:
    """The values of ``dim`` in a result broken down by it (empty if the metric lacks it)."""
    if dim not in metric.dimensions or dim not in result.frame.columns:
        return []
    return sorted(str(v) for v in result.frame[dim].dropna().unique())


__all__ = [
    "FILTER_DIMENSIONS",
    "GRAIN_LABELS",
    "PAGE_GRAINS",
    "Selected",
    "Selection",
    "dimension_values",
    "period_end",
    "select",
    "year_before",
]
