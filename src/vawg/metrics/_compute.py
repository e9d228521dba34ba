"""Compute metrics: plan the queries, run them on DuckDB, assemble MetricResults.

Everything after the database (grids, intervals, labels) works on results of a few thousand rows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from vawg.config import get_settings
from vawg.errors import MetricError
from vawg.metrics import _assemble
from vawg.metrics._assemble import Grid, flow_periods, stock_months
from vawg.metrics._history import add_history_columns
from vawg.metrics._periods import as_ts, check_grain
from vawg.metrics._plan import Job, Part, Plan, dims_for, frame_sql, job_sql, plan_metric
from vawg.metrics._registry import Metric
from vawg.metrics._result import MetricResult
from vawg.metrics.frames._rules import CRIME_FRAMES, DERIVED_FRAMES, LINK_FRAMES

Con = duckdb.DuckDBPyConnection


def _grid(job: Job, result: pd.DataFrame, grain: str, start: date | None, end: date | None) -> Grid:
    """Lay a query result out densely (see _assemble.Grid); quantiles are missing, not zero."""
    if job.kind == "stock":
        periods = stock_months(result, end)
        return Grid.build(result, "month", list(job.query_dims), list(job.measures.values()), periods)
    columns = [c for c in result.columns if c not in ("period_start", "_first_date", *job.query_dims)]
    fill = {job.measures[m]: np.nan for m in job.measures if m.agg.startswith("quantile")}
    periods = flow_periods(result, grain, start, end)
    if grain == "all":
        result = result.assign(period_start=periods[0])  # the one period: start, or the first date seen
    return Grid.build(result, "period_start", list(job.query_dims), columns, periods, fill)


def _run_job(con: Con, job: Job, sql: str, grain: str, start: date | None, end: date | None,
             stock_end: date | None) -> None:  # fmt: skip
    result = con.sql(sql).df()
    date_col = "month" if job.kind == "stock" else "period_start"
    result[date_col] = as_ts(result[date_col]).to_numpy()
    for d in job.query_dims:
        result[d] = result[d].astype(object).where(result[d].notna(), None).astype(str)
    job.grid = _grid(job, result, grain, start, end if job.kind == "flow" else stock_end)


def _execute(con: Con, positive_outcomes: tuple[str, ...], materialized: dict[str, str], plan: Plan,
             grain: str, start: date | None, end: date | None, stock_end: date | None, progress: bool,
             workers: int = 1, on_done: Callable[[Job], None] = lambda job: None) -> None:  # fmt: skip
    """Run every job's query and lay its result out; ``on_done(job)`` is called in this thread as
    each job finishes. With ``workers`` > 1 the queries run on that many cursors at once: DuckDB
    releases the GIL while it executes, so one job's Python (its grid, the metrics assembled by
    ``on_done``) overlaps another's SQL instead of leaving a core idle. Only for queries that read
    store tables: a temporary table is private to the cursor that made it."""
    from rich.progress import Progress

    # The queries over the crime–person links (the largest table) first, so the last to finish
    # is a small one and both cores stay busy to the end.
    jobs = sorted(plan.jobs.values(), key=lambda job: (job.frame not in LINK_FRAMES, job.kind != "stock"))
    sqls = [
        (job, job_sql(positive_outcomes, tuple(sorted(materialized.items())),
                      (job.kind, job.frame, job.date, job.query_dims, tuple(job.measures.items()), grain, start, end)))
        for job in jobs
    ]  # fmt: skip
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("computing metrics", total=len(sqls))
        if workers <= 1 or len(sqls) < 2:
            for job, sql in sqls:
                _run_job(con, job, sql, grain, start, end, stock_end)
                on_done(job)
                bar.advance(task)
            return
        from concurrent.futures import ThreadPoolExecutor, as_completed

        cursors = [con.cursor() for _ in range(workers)]
        free = list(cursors)
        lock = threading.Lock()

        def run(job: Job, sql: str) -> Job:
            with lock:
                cursor = free.pop()
            try:
                _run_job(cursor, job, sql, grain, start, end, stock_end)
            finally:
                with lock:
                    free.append(cursor)
            return job

        try:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for future in as_completed([pool.submit(run, job, sql) for job, sql in sqls]):
                    on_done(future.result())
                    bar.advance(task)
        finally:
            for cursor in cursors:
                cursor.close()


def _data_end(con: Con) -> date | None:
    """The last day the store holds data for: meta's extract_date, else the last recorded crime.

    Stocks are valued at month ends up to here and no further (band intervals run into the future).
    """
    from vawg.store import extract_date

    found = extract_date(con)
    if found is not None:
        return found
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
    exclude_warm_up: bool = False,
) -> dict[str, MetricResult]:
    """Plan, run and assemble ``metrics`` (the engine behind compute and compute_all)."""
    check_grain(grain)
    if start and end and start > end:
        raise MetricError(f"--from {start} is after --to {end}", start=str(start), end=str(end))
    plan = Plan()
    planned: list[tuple[Metric, tuple[str, ...], tuple[str, ...], list[Part]]] = []
    # Coverage metrics are valued at period ends by their own small engine (_cumulative).
    coverage: list[tuple[Metric, tuple[str, ...], tuple[str, ...]]] = []
    for metric in metrics:
        if grain not in metric.grains:
            if strict:
                raise MetricError(f"{metric.id} has no {grain!r} grain; it has {', '.join(metric.grains)}",
                                  metric=metric.id, grain=grain)  # fmt: skip
            continue
        dims, dropped = dims_for(metric, by, strict)
        if metric.kind == "coverage":
            coverage.append((metric, dims, dropped))
            continue
        planned.append((metric, dims, dropped, plan_metric(plan, metric, dims)))
    temp: list[str] = []
    positive_outcomes = tuple(get_settings().positive_outcomes)
    # A cursor of our own: the caller's connection may hold an unfinished result, and our
    # temporary tables stay private to this run.
    con = con.cursor()
    try:
        done: dict[str, str] = {}
        shared: list[str] = []
        if any(j.frame in CRIME_FRAMES for j in plan.jobs.values()):
            from vawg.store import derived_current

            if derived_current(con):
                # The store keeps the crime base and the links as tables, built at ingest.
                done = dict(DERIVED_FRAMES)
            else:
                # Each crime's current outcome is an aggregate over every outcome; joined to crimes as
                # a subquery DuckDB plans it four times slower than from a table, so it is built first.
                shared = ["outcome_current"]
                if materialize:
                    # The crime base feeds most frames, and the crime–person links feed four: build
                    # each join once. (Temporary tables belong to this cursor alone, so fixed names
                    # cannot collide, and the compiled SQL can be reused by the next run.)
                    shared.append("crime_base")
                    if sum(job.frame in LINK_FRAMES for job in plan.jobs.values()) >= 2:
                        shared.append("links")
        for frame_name in shared:
            name = f"_vawg_metrics_{frame_name}"
            sql = frame_sql(frame_name, positive_outcomes, tuple(sorted(done.items())))
            con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
            temp.append(name)
            done[frame_name] = name
        stock_end = end or (_data_end(con) if any(m.kind == "stock" for m, *_ in planned) else None)
        history = _history_bounds(con, [m for m, *_ in planned])
        assembled: dict[str, MetricResult] = {}
        waiting: dict[int, list[tuple[Metric, tuple[str, ...], tuple[str, ...], list[Part]]]] = {}
        for entry in planned:
            for job in {id(part.job) for part in entry[3]}:
                waiting.setdefault(job, []).append(entry)

        def on_done(job: Job) -> None:
            """Assemble each metric whose queries have all finished (while others still run)."""
            for metric, dims, dropped, parts in waiting.pop(id(job), []):
                if all(part.job.grid is not None for part in parts) and metric.id not in assembled:
                    frame = _assemble_metric(metric, parts, grain, start, end, stock_end, history,
                                             exclude_warm_up)  # fmt: skip
                    assembled[metric.id] = MetricResult(metric, frame, grain, dims, start, end, dropped)

        _execute(con, positive_outcomes, done, plan, grain, start, end, stock_end, progress,
                 workers=1 if temp else 2, on_done=on_done)  # fmt: skip
        covered = {}
        if coverage:
            from vawg.metrics._cumulative import coverage_frame  # loads Ibis: only when asked for

            data_end = _data_end(con)
            for metric, dims, dropped in coverage:
                frame = coverage_frame(con, metric, dims, grain, start, end, data_end)
                covered[metric.id] = MetricResult(metric, frame, grain, dims, start, end, dropped)
    finally:
        for name in temp:
            con.execute(f"DROP TABLE IF EXISTS {name}")
        con.close()
    return {**{metric.id: assembled[metric.id] for metric, *_ in planned}, **covered}


def _assemble_metric(metric: Metric, parts: list[Part], grain: str, start: date | None, end: date | None,
                     stock_end: date | None, history: tuple[date | None, date | None] | None,
                     exclude_warm_up: bool) -> pd.DataFrame:  # fmt: skip
    """One metric's result frame from its queries' grids."""
    num, *rest = parts
    if metric.kind == "stock":
        frame = _assemble.stock(metric, num.grid, num.alias, grain, start, stock_end)
    else:
        den = rest[0] if rest else None
        frame = _assemble.flow(metric, num.grid, num.alias, den.grid if den else None,
                               den.alias if den else None, grain)  # fmt: skip
    if history is not None:
        frame = add_history_columns(frame, metric, grain, end=end, history_start=history[0],
                                    data_end=history[1], follow_up_days=get_settings().outcome_follow_up_days)  # fmt: skip
        if exclude_warm_up and "full_lookback" in frame:
            frame = frame[frame["full_lookback"]].reset_index(drop=True)
    return frame


def _history_bounds(con: Con, metrics: list[Metric]) -> tuple[date | None, date | None] | None:
    """(first recorded crime, data end) when a metric needs them (look-back or cohort basis)."""
    if not any(m.lookback_days or m.basis in ("cohort", "follow_up") for m in metrics):
        return None
    rows = con.execute("SELECT min(recorded_date) FROM crimes").fetchall()
    first = rows[0][0].replace(day=1) if rows and rows[0][0] else None  # as data_coverage: whole months
    return first, _data_end(con)


def compute(
    con: Con | Path | str,
    metric_id: str,
    *,
    grain: str = "month",
    by: Sequence[str] = (),
    start: date | str | None = None,
    end: date | str | None = None,
    exclude_warm_up: bool = False,
) -> MetricResult:
    """One metric by ``grain`` (month, quarter, fy, all) and the ``by`` dimensions, dates inclusive.

    ``exclude_warm_up`` drops the periods of a look-back metric without full history (docs/metrics.md).
    """
    from vawg.metrics.catalogue._all import REGISTRY

    metric = REGISTRY.get(metric_id)
    connection, owned = _connection(con)
    try:
        return run_metrics(connection, [metric], grain=grain, by=tuple(by), start=_as_date(start, "start"),
                           end=_as_date(end, "end"), strict=True, exclude_warm_up=exclude_warm_up)[metric.id]  # fmt: skip
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
    from vawg.metrics.catalogue._all import REGISTRY

    chosen = [REGISTRY.get(i) for i in metrics] if metrics is not None else list(REGISTRY)
    connection, owned = _connection(con)
    try:
        return run_metrics(connection, chosen, grain=grain, by=tuple(by), start=_as_date(start, "start"),
                           end=_as_date(end, "end"), strict=False, materialize=True, progress=progress)  # fmt: skip
    finally:
        if owned:
            connection.close()


__all__ = ["compute", "compute_all", "run_metrics"]
