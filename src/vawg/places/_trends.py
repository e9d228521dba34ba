"""Counts and trends: by month, by area, by hour and day of the week, and police.uk by category.

Every published table passes through ``vawg.disclosure``: counts from 1 to 4 are withheld, with
secondary suppression against the published total, and shown as None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from vawg.disclosure import Additivity, suppress_counts
from vawg.places._hotspots import ALPHA
from vawg.places._sources import Points

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NIGHT_HOURS = (21, 22, 23, 0, 1, 2, 3)  # the night-time economy's hours (21:00-03:59)


@dataclass(frozen=True)
class MonthlyTrend:
    """Counts by month (every month of the period, zeros included) and their Mann-Kendall trend."""

    counts: pd.Series  # index: month (date), values: count
    trend: str  # increasing, decreasing, no trend, too few months
    p: float
    slope: float  # Sen's slope, crimes a month per month


def monthly_trend(pts: Points) -> MonthlyTrend:
    """Counts per month over ``pts.start``..``pts.end`` and the Mann-Kendall test of their trend."""
    import pymannkendall as mk

    months = pd.period_range(pd.Timestamp(pts.start), pd.Timestamp(pts.end), freq="M")
    counted = pd.PeriodIndex(pd.to_datetime(pts.frame["month"]), freq="M").value_counts()
    counts = counted.reindex(months, fill_value=0)
    counts.index = [p.start_time.date() for p in counts.index]
    if len(counts) < 8 or counts.nunique() < 2:
        return MonthlyTrend(counts, "too few months" if len(counts) < 8 else "no trend", 1.0, 0.0)
    result = mk.original_test(counts.to_numpy(float))
    trend = "no trend" if result.p >= ALPHA else ("increasing" if result.s > 0 else "decreasing")
    return MonthlyTrend(counts, trend, float(result.p), float(result.slope))


def _suppressed(values: dict[Any, int]) -> set[Any]:
    total = ("__total__",)
    table = {**values, total: sum(values.values())}
    return set(suppress_counts(table, [Additivity(total, tuple(values))]).suppressed)


def area_counts(pts: Points) -> pd.DataFrame:
    """Per area: count over the period, in its earlier and later half, and the change; small counts
    withheld (None)."""
    frame = pts.frame
    months = pd.period_range(pd.Timestamp(pts.start), pd.Timestamp(pts.end), freq="M")
    half = len(months) // 2
    month = pd.PeriodIndex(pd.to_datetime(frame["month"]), freq="M")
    earlier = frame[month < months[half]] if half else frame.iloc[:0]
    later = frame[month > months[len(months) - half - 1]] if half else frame.iloc[:0]
    out = pd.DataFrame({
        "count": frame.groupby("area").size(), "count_earlier": earlier.groupby("area").size(),
        "count_later": later.groupby("area").size(),
    }).fillna(0).astype(int).sort_index()  # fmt: skip
    out["change"] = out["count_later"] - out["count_earlier"]
    hidden = _suppressed(out["count"].to_dict())
    halves = _suppressed(out["count_earlier"].to_dict()) | _suppressed(out["count_later"].to_dict())
    published = out.astype(object)
    published.loc[published.index.isin(hidden), "count"] = None
    published.loc[published.index.isin(halves | hidden), ["count_earlier", "count_later", "change"]] = None
    return published.reset_index(names="area")


def hour_weekday_counts(pts: Points) -> pd.DataFrame | None:
    """Counts by day of the week (rows, Mon..Sun) and hour (columns 0..23); None when no hours."""
    known = pts.frame[pts.frame["hour"].notna() & pts.frame["weekday"].notna()]
    if known.empty:
        return None
    grid = pd.crosstab(known["weekday"].astype(int), known["hour"].astype(int))
    return grid.reindex(index=range(7), columns=range(24), fill_value=0).set_axis(WEEKDAYS, axis=0)


def published_grid(grid: pd.DataFrame, bands: int = 24) -> pd.DataFrame:
    """The day-by-hour grid as it may be published: hours grouped into ``bands`` equal bands (24:
    hours; 6: four-hour bands), counts from 1 to 4 withheld (None) with secondary suppression against
    the grand total."""
    width = 24 // bands
    grouped = grid.T.groupby(np.arange(24) // width).sum().T
    grouped.columns = [
        f"{b * width:02d}-{b * width + width - 1:02d}" if width > 1 else f"{b:02d}" for b in range(bands)
    ]
    values = {(d, h): int(grouped.loc[d, h]) for d in grouped.index for h in grouped.columns}
    hidden = _suppressed(values)
    out = grouped.astype(object)
    for d, h in hidden:
        out.loc[d, h] = None
    return out


def night_time_share(pts: Points) -> tuple[int, int] | None:
    """(crimes on Friday and Saturday nights, 21:00-03:59 , crimes with a known hour); None without hours.

    A night runs past midnight: the small hours of Saturday and Sunday belong to Friday and Saturday night.
    """
    known = pts.frame[pts.frame["hour"].notna() & pts.frame["weekday"].notna()]
    if known.empty:
        return None
    hour, day = known["hour"].astype(int).to_numpy(), known["weekday"].astype(int).to_numpy()
    night = (np.isin(hour, (21, 22, 23)) & np.isin(day, (4, 5))) | (
        np.isin(hour, (0, 1, 2, 3)) & np.isin(day, (5, 6))
    )
    return int(night.sum()), len(known)


def policeuk_category_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """police.uk crimes per month and current category (unmapped old categories under their own
    name, prefixed "unmapped: "), and how many had no location."""
    return con.execute(
        """SELECT month, coalesce(crime_type, 'unmapped: ' || crime_type_original) AS category, count(*) AS crimes,
                  count(*) FILTER (WHERE latitude IS NULL OR longitude IS NULL) AS without_location
           FROM policeuk_crimes GROUP BY ALL ORDER BY month, category"""
    ).df()


__all__ = [
    "NIGHT_HOURS",
    "WEEKDAYS",
    "MonthlyTrend",
    "area_counts",
    "hour_weekday_counts",
    "monthly_trend",
    "night_time_share",
    "policeuk_category_counts",
    "published_grid",
]
