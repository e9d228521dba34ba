"""Coverage metrics: a ratio of sums valued at each period's end (kind ``"coverage"``).

Training coverage is the registry's example: for each cell of the metric's dimensions (course ×
tier), the numerator is what ``num`` counts on or before the period's end (distinct staff who have
completed), and the denominator is ``den``'s latest value on or before it (the eligible headcount
counted then). A breakdown coarser than the cells sums both sides over its cells — a ratio of sums —
and is defined only when every cell in it has a denominator by then (else its denominator is 0 and
its value missing: a tier without a headcount would otherwise inflate the total). The interval is
Wilson's, as for every rate of the registry.

A period's end is its last day, but never past the data's end (the extract date) or ``end``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pandas as pd

from vawg.errors import MetricError
from vawg.metrics._intervals import wilson_interval
from vawg.metrics._periods import ALL_START, labels, next_period, period_range
from vawg.metrics._registry import Measure, Metric

if TYPE_CHECKING:  # Ibis and the frames load only when a coverage metric is computed (cold start)
    from vawg.metrics.frames._base import Frames

COLUMNS = ("period_start", "period", "numerator", "denominator", "value", "ci_low", "ci_high")


def _aggregate(metric: Metric, measure: Measure) -> str:
    kind, _, column = measure.agg.partition(":")
    if kind == "count":
        return "count(*)"
    if kind == "nunique" and column:
        return f'count(DISTINCT "{column}")'
    if kind == "latest" and column:
        return f'arg_max("{column}", "{measure.date}")'
    raise MetricError(f"{metric.id}: a coverage metric cannot aggregate {measure.agg!r}", metric=metric.id)


def _side(frames: Frames, metric: Metric, measure: Measure, name: str) -> str:
    """One side's cells at each period end: the frame's rows dated on or before it, aggregated."""
    import ibis

    source = ibis.to_sql(frames.get(measure.frame), dialect="duckdb")
    where = "".join(f' AND x."{w}"' for w in measure.where)
    cells = ", ".join(f'x."{d}"::VARCHAR AS "{d}"' for d in metric.dimensions)
    return (
        f"{name} AS (SELECT e.period_start{', ' + cells if cells else ''}, {_aggregate(metric, measure)} AS {name}"
        f' FROM period_ends e JOIN ({source}) x ON x."{measure.date}" <= e.at_date{where} GROUP BY ALL)'
    )


def coverage_sql(frames: Frames, metric: Metric, dims: tuple[str, ...], ends: str = "period_ends") -> str:
    """The DuckDB SQL of a coverage metric by ``dims``, reading the period ends (``period_start``,
    ``at_date``) from the table or CTE ``ends``."""
    if metric.num is None or metric.den is None:
        raise MetricError(
            f"{metric.id}: a coverage metric needs a numerator and a denominator", metric=metric.id
        )
    keys = ", ".join(["period_start", *(f'"{d}"' for d in metric.dimensions)])
    shown = "".join(f', "{d}"' for d in dims)
    return (
        f"WITH period_ends AS (SELECT period_start, at_date FROM {ends}), "
        f"{_side(frames, metric, metric.num, 'num')}, {_side(frames, metric, metric.den, 'den')}, "
        f"cells AS (SELECT {keys}, coalesce(num.num, 0) AS num, den.den FROM num FULL JOIN den USING ({keys})) "
        f"SELECT period_start{shown}, sum(num) AS numerator, "
        "CASE WHEN bool_and(den IS NOT NULL) THEN sum(den) ELSE 0 END AS denominator "
        "FROM cells GROUP BY ALL"
    )


def _first_date(con: duckdb.DuckDBPyConnection, frames: Frames, metric: Metric) -> date | None:
    import ibis

    firsts = []
    for measure in (metric.num, metric.den):
        assert measure is not None
        source = ibis.to_sql(frames.get(measure.frame), dialect="duckdb")
        rows = con.execute(f'SELECT min("{measure.date}") FROM ({source})').fetchall()
        row = rows[0] if rows else None
        if row and row[0] is not None:
            firsts.append(row[0])
    return min(firsts) if firsts else None


def period_ends(first: date, last: date, grain: str, start: date | None) -> list[tuple[date, date]]:
    """(period start, the day it is valued at) for every period from ``first`` to ``last``."""
    if grain == "all":
        return [(start or first or ALL_START, last)]
    return [
        (p, min(next_period(p, grain) - timedelta(days=1), last)) for p in period_range(first, last, grain)
    ]


def coverage_frame(con: duckdb.DuckDBPyConnection, metric: Metric, dims: tuple[str, ...], grain: str,
                   start: date | None, end: date | None, data_end: date | None) -> pd.DataFrame:  # fmt: skip
    """The metric's result table (the columns every metric has), by ``grain`` and ``dims``."""
    from vawg.config import get_settings
    from vawg.metrics.frames._base import Frames

    frames = Frames(get_settings().positive_outcomes)
    first = start or _first_date(con, frames, metric)
    last = min(d for d in (end, data_end) if d is not None) if (end or data_end) else None
    empty = pd.DataFrame({c: [] for c in (*COLUMNS[:2], *dims, *COLUMNS[2:])})
    if first is None or last is None or first > last:
        return empty
    ends = pd.DataFrame(period_ends(first, last, grain, start), columns=["period_start", "at_date"])
    cur = con.cursor()
    try:
        cur.register("_vawg_period_ends", ends.apply(pd.to_datetime))
        found = cur.sql(coverage_sql(frames, metric, dims, "_vawg_period_ends")).df()
    finally:
        cur.close()
    if found.empty:
        return empty
    found["period_start"] = pd.to_datetime(found["period_start"]).dt.date
    combos = found[list(dims)].drop_duplicates() if dims else pd.DataFrame(index=[0])
    grid = ends[["period_start"]].merge(combos, how="cross")
    grid = grid.merge(found, on=["period_start", *dims], how="left").fillna(
        {"numerator": 0, "denominator": 0}
    )
    grid = grid.sort_values(["period_start", *dims], kind="stable", ignore_index=True)
    num = grid["numerator"].to_numpy(dtype=float)
    den = grid["denominator"].to_numpy(dtype=float)
    low, high = wilson_interval(num, den)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(den > 0, num / den, np.nan)
    out = {
        "period_start": grid["period_start"].to_numpy(dtype=object),
        "period": labels(pd.to_datetime(grid["period_start"]), grain).to_numpy(dtype=object),
        **{d: grid[d].to_numpy(dtype=object) for d in dims},
        "numerator": num.astype(np.int64),
        "denominator": pd.array(den.astype(np.int64), dtype="Int64"),
        "value": value,
        "ci_low": np.asarray(low, dtype=float),
        "ci_high": np.asarray(high, dtype=float),
    }
    return pd.DataFrame(out)
