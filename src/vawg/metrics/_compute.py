"""Compute metrics: Ibis aggregates compiled to SQL, run on DuckDB, assembled into MetricResults.

Metrics that count the same event frame by the same date are batched into ONE aggregate query
(``COUNT(*) FILTER (WHERE …)`` per metric), so ``compute_all`` scans each frame once per date
column. Stock (as-of) metrics aggregate +1/−1 events per month and take a running sum in pandas
over the small monthly result. Everything after the database (grids, intervals, labels) works on
results of a few thousand rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from vawg.config import get_settings
from vawg.errors import MetricError
from vawg.metrics._assemble import Grid, flow_periods, stock_months
from vawg.metrics._frames import Frames
from vawg.metrics._periods import (
    as_ts,
    check_grain,
    period_start_expr,
)
from vawg.metrics._registry import Measure, Metric

Con = duckdb.DuckDBPyConnection


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


# --- building the aggregate queries ------------------------------------------------------------
def _where(t: ir.Table, columns: Sequence[str]) -> ir.BooleanValue | None:
    cond: ir.BooleanValue | None = None
    for name in columns:
        cond = t[name] if cond is None else cond & t[name]
    return cond


def _aggregates(t: ir.Table, measure: Measure, alias: str) -> dict[str, ir.Scalar]:
    cond = _where(t, measure.where)
    kind, _, rest = measure.agg.partition(":")
    if kind == "count":
        return {alias: t.count(where=cond)}
    if kind == "nunique":
        return {alias: t[rest].nunique(where=cond)}
    if kind == "quantile":
        column, q = rest.split(":")
        known = t[column].notnull() if cond is None else cond & t[column].notnull()
        return {alias: t[column].quantile(float(q), where=cond), f"{alias}_n": t.count(where=known)}
    raise MetricError(f"unknown aggregate {measure.agg!r}", agg=measure.agg)


def flow_expr(
    frames: Frames,
    frame: str,
    date_column: str,
    dims: Sequence[str],
    measures: dict[Measure, str],
    grain: str,
    start: date | None,
    end: date | None,
) -> ir.Table:
    """One aggregate over an event frame: a column per measure, grouped by period and ``dims``."""
    t = frames.get(frame)
    when = t[date_column]
    cond = when.notnull()
    if start is not None:
        cond &= when >= start
    if end is not None:
        cond &= when <= end
    t = t.filter(cond)
    keys = {"period_start": period_start_expr(t[date_column], grain, start), **{d: t[d] for d in dims}}
    aggs: dict[str, ir.Scalar] = {}
    for measure, alias in measures.items():
        aggs.update(_aggregates(t, measure, alias))
    if grain == "all":
        aggs["_first_date"] = t[date_column].min()
    return t.group_by(**keys).aggregate(**aggs)


def stock_expr(frames: Frames, frame: str, dims: Sequence[str], measures: dict[Measure, str]) -> ir.Table:
    """Monthly net change of each stock: +1 in the month an interval starts, −1 in the month it ends."""
    t = frames.get(frame)
    t = t.filter(t.start.notnull() & (t.end.isnull() | (t.end > t.start)))

    def side(when: ir.DateValue, sign: int, rows: ir.Table) -> ir.Table:
        deltas = {}
        for measure, alias in measures.items():
            cond = _where(rows, measure.where)
            deltas[alias] = ibis.literal(sign) if cond is None else ibis.ifelse(cond, sign, 0)
        return rows.select(month=when.truncate("M"), **{d: rows[d] for d in dims}, **deltas)

    ended = t.filter(t.end.notnull())
    events = ibis.union(side(t.start, 1, t), side(ended.end, -1, ended), distinct=False)
    return events.group_by(["month", *dims]).aggregate(**{a: events[a].sum() for a in measures.values()})


# --- planning: which queries serve which metrics -----------------------------------------------
@dataclass
class _Job:
    kind: str  # "flow" or "stock"
    frame: str
    date: str
    dims: tuple[str, ...]
    measures: dict[Measure, str] = field(default_factory=dict)
    grid: Grid | None = None

    def alias(self, measure: Measure) -> str:
        if measure not in self.measures:
            self.measures[measure] = f"m{len(self.measures)}"
        return self.measures[measure]


def _dims_for(metric: Metric, by: Sequence[str], strict: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    unknown = [d for d in by if d not in metric.dimensions]
    if unknown and strict:
        raise MetricError(
            f"{metric.id} cannot be broken down by {', '.join(unknown)}; it supports "
            f"{', '.join(metric.dimensions) or 'no dimension'}",
            metric=metric.id,
            by=list(by),
        )
    return tuple(d for d in by if d in metric.dimensions), tuple(unknown)


class _Plan:
    def __init__(self) -> None:
        self.jobs: dict[tuple[str, str, str, tuple[str, ...]], _Job] = {}

    def add(self, kind: str, measure: Measure, dims: tuple[str, ...]) -> tuple[_Job, str]:
        date_column = "month" if kind == "stock" else measure.date
        key = (kind, measure.frame, date_column, dims)
        if key not in self.jobs:
            self.jobs[key] = _Job(kind, measure.frame, date_column, dims)
        job = self.jobs[key]
        return job, job.alias(measure)


def _run_sql(con: Con, expr: ir.Table) -> pd.DataFrame:
    return con.sql(ibis.to_sql(expr, dialect="duckdb")).df()


def _grid(job: _Job, result: pd.DataFrame, grain: str, start: date | None, end: date | None) -> Grid:
    """Lay a query result out densely (see _assemble.Grid); quantiles are missing, not zero."""
    if job.kind == "stock":
        periods = stock_months(result, end)
        return Grid.build(result, "month", list(job.dims), list(job.measures.values()), periods)
    columns = [c for c in result.columns if c not in ("period_start", "_first_date", *job.dims)]
    fill = {job.measures[m]: np.nan for m in job.measures if m.agg.startswith("quantile")}
    periods = flow_periods(result, grain, start, end)
    if grain == "all":
        result = result.assign(period_start=periods[0])  # the one period: start, or the first date seen
    return Grid.build(result, "period_start", list(job.dims), columns, periods, fill)


def _execute(con: Con, frames: Frames, plan: _Plan, grain: str, start: date | None, end: date | None,
             stock_end: date | None, progress: bool) -> None:  # fmt: skip
    from rich.progress import Progress

    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("computing metrics", total=len(plan.jobs))
        for job in plan.jobs.values():
            if job.kind == "stock":
                expr = stock_expr(frames, job.frame, job.dims, job.measures)
            else:
                expr = flow_expr(frames, job.frame, job.date, job.dims, job.measures, grain, start, end)
            result = _run_sql(con, expr)
            date_col = "month" if job.kind == "stock" else "period_start"
            result[date_col] = as_ts(result[date_col]).to_numpy()
            for d in job.dims:
                result[d] = result[d].astype(object).where(result[d].notna(), None).astype(str)
            job.grid = _grid(job, result, grain, start, end if job.kind == "flow" else stock_end)
            bar.advance(task)


def _data_end(con: Con) -> date | None:
    """The last day the store holds data for: meta's extract_date, else the last recorded crime.

    Stocks are valued at month ends up to here and no further (band intervals run into the future).
    """
    rows = con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchall()
    if rows and rows[0][0]:
        return date.fromisoformat(str(rows[0][0])[:10])
    rows = con.execute("SELECT max(recorded_date) FROM crimes").fetchall()
    return rows[0][0] if rows and rows[0][0] else None


# --- the public functions -----------------------------------------------------------------------
def _connection(con: Con | Path | str) -> tuple[Con, bool]:
    if isinstance(con, duckdb.DuckDBPyConnection):
        return con, False
    from vawg.store import connect

    return connect(con, read_only=True), True


def _as_date(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise MetricError(f"{name}: expected a date YYYY-MM-DD; found {value!r}", **{name: value}) from None


def _plan_metric(plan: _Plan, metric: Metric, dims: tuple[str, ...]) -> list[tuple[_Job, str]]:
    if metric.num is None:
        raise MetricError(f"{metric.id} has no numerator measure", metric=metric.id)
    extra = (metric.breakdown,) if metric.breakdown else ()
    kind = "stock" if metric.kind == "stock" else "flow"
    parts = [plan.add(kind, metric.num, (*dims, *extra))]
    if metric.den is not None and metric.kind != "share":
        parts.append(plan.add(kind, metric.den, dims))
    return parts


def run_metrics(
    con: Con,
    metrics: Iterable[Metric],
    *,
    grain: str,
    by: Sequence[str],
    start: date | None,
    end: date | None,
    strict: bool,
    materialize: bool = False,
    progress: bool = False,
) -> dict[str, MetricResult]:
    """Plan, run and assemble ``metrics`` (the engine behind compute and compute_all)."""
    from vawg.metrics import _assemble

    check_grain(grain)
    if start and end and start > end:
        raise MetricError(f"--from {start} is after --to {end}", start=str(start), end=str(end))
    plan = _Plan()
    planned: list[tuple[Metric, tuple[str, ...], tuple[str, ...], list[tuple[_Job, str]]]] = []
    for metric in metrics:
        if grain not in metric.grains:
            if strict:
                raise MetricError(f"{metric.id} has no {grain!r} grain; it has {', '.join(metric.grains)}",
                                  metric=metric.id, grain=grain)  # fmt: skip
            continue
        dims, dropped = _dims_for(metric, by, strict)
        planned.append((metric, dims, dropped, _plan_metric(plan, metric, dims)))
    temp: list[str] = []
    frames = Frames(get_settings().positive_outcomes)
    # A cursor of our own: the caller's connection may hold an unfinished result, and our
    # temporary tables stay private to this run.
    con = con.cursor()
    try:
        if materialize:
            # Crimes with their current outcome feed most frames: build that join once.
            name = f"_vawg_metrics_crimes_{uuid.uuid4().hex[:8]}"
            con.execute(f"CREATE TEMP TABLE {name} AS {ibis.to_sql(frames.get('crimes'), dialect='duckdb')}")
            temp.append(name)
            frames = Frames(get_settings().positive_outcomes, materialized={"crimes": name})
        stock_end = end or (_data_end(con) if any(m.kind == "stock" for m, *_ in planned) else None)
        _execute(con, frames, plan, grain, start, end, stock_end, progress)
    finally:
        for name in temp:
            con.execute(f"DROP TABLE IF EXISTS {name}")
        con.close()
    results: dict[str, MetricResult] = {}
    for metric, dims, dropped, parts in planned:
        (num_job, num_alias), *rest = parts
        assert num_job.grid is not None
        if metric.kind == "stock":
            frame = _assemble.stock(metric, num_job.grid, num_alias, grain, start, stock_end)
        else:
            den_job, den_alias = rest[0] if rest else (None, None)
            frame = _assemble.flow(metric, num_job.grid, num_alias, den_job.grid if den_job else None, den_alias,
                                   grain)  # fmt: skip
        results[metric.id] = MetricResult(metric, frame, grain, dims, start, end, dropped)
    return results


def compute(
    con: Con | Path | str,
    metric_id: str,
    *,
    grain: str = "month",
    by: Sequence[str] = (),
    start: date | str | None = None,
    end: date | str | None = None,
) -> MetricResult:
    """One metric by ``grain`` (month, quarter, fy, all) and the ``by`` dimensions, dates inclusive."""
    from vawg.metrics._catalogue import REGISTRY

    metric = REGISTRY.get(metric_id)
    connection, owned = _connection(con)
    try:
        return run_metrics(connection, [metric], grain=grain, by=tuple(by), start=_as_date(start, "start"),
                           end=_as_date(end, "end"), strict=True)[metric.id]  # fmt: skip
    finally:
        if owned:
            connection.close()


def compute_all(
    con: Con | Path | str,
    *,
    grain: str = "month",
    by: Sequence[str] = (),
    start: date | str | None = None,
    end: date | str | None = None,
    metrics: Iterable[str] | None = None,
    progress: bool = False,
) -> dict[str, MetricResult]:
    """Every metric (or the ids in ``metrics``) in one run, sharing scans.

    A ``by`` dimension a metric does not have is left out for that metric (listed in the result's
    ``dropped_by``); a metric without ``grain`` is skipped.
    """
    from vawg.metrics._catalogue import REGISTRY

    chosen = [REGISTRY.get(i) for i in metrics] if metrics is not None else list(REGISTRY)
    connection, owned = _connection(con)
    try:
        return run_metrics(connection, chosen, grain=grain, by=tuple(by), start=_as_date(start, "start"),
                           end=_as_date(end, "end"), strict=False, materialize=True, progress=progress)  # fmt: skip
    finally:
        if owned:
            connection.close()


def metric_sql(
    metric_id: str, *, grain: str = "month", by: Sequence[str] = (), dialect: str = "duckdb"
) -> list[str]:
    """The SQL statements (one per aggregate query) that compute a metric, in ``dialect``.

    The same Ibis expressions compile for other engines (e.g. ``dialect="pyspark"``).
    """
    from vawg.metrics._catalogue import REGISTRY

    metric = REGISTRY.get(metric_id)
    check_grain(grain)
    dims, _ = _dims_for(metric, by, strict=True)
    plan = _Plan()
    _plan_metric(plan, metric, dims)
    frames = Frames(get_settings().positive_outcomes)
    out = []
    for job in plan.jobs.values():
        if job.kind == "stock":
            expr = stock_expr(frames, job.frame, job.dims, job.measures)
        else:
            expr = flow_expr(frames, job.frame, job.date, job.dims, job.measures, grain, None, None)
        out.append(str(ibis.to_sql(expr, dialect=dialect)).strip())
    return out
