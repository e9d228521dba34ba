"""Planning: which aggregate queries serve which metrics, and the Ibis expressions of those queries.

Metrics that count the same event frame by the same date are batched into ONE aggregate query
(``COUNT(*) FILTER (WHERE …)`` per measure), so ``compute_all`` scans each frame once per date
column. Stock (as-of) metrics aggregate +1/−1 events per month; the running sum is taken over the
small monthly result. Queries are compiled to SQL once (``job_sql``) and kept on disk
(``_sql_cache``): planning imports no Ibis, and Ibis loads only when a query must be compiled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from vawg.config import get_settings
from vawg.errors import MetricError
from vawg.metrics._periods import check_grain, period_start_expr
from vawg.metrics._registry import Measure, Metric
from vawg.metrics._sql_cache import cached_sql

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from vawg.metrics._assemble import Grid
    from vawg.metrics.frames._base import Frames


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
    t = frames.with_dimensions(frame, frames.get(frame), dims)
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
    import ibis

    t = frames.get(frame)
    keep = t.start.notnull() & (t.end.isnull() | (t.end > t.start))
    conds = [_where(t, m.where) for m in measures]
    if all(c is not None for c in conds):  # only rows some stock counts (e.g. skip band rows for a total)
        keep &= ibis.or_(*conds)
    t = t.filter(keep)

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
class Job:
    kind: str  # "flow" or "stock"
    frame: str
    date: str
    dims: tuple[str, ...]
    measures: dict[Measure, str] = field(default_factory=dict)
    extra: set[str] = field(default_factory=set)  # breakdown columns also grouped by
    grid: Grid | None = None
    views: dict[tuple[str, ...], Grid] = field(default_factory=dict)

    @property
    def query_dims(self) -> tuple[str, ...]:
        return (*self.dims, *sorted(self.extra))

    def alias(self, measure: Measure) -> str:
        if measure not in self.measures:
            self.measures[measure] = f"m{len(self.measures)}"
        return self.measures[measure]

    def view(self, keep: tuple[str, ...]) -> Grid:
        """The result summed over the breakdown columns a metric does not use."""
        assert self.grid is not None
        if keep not in self.views:
            self.views[keep] = self.grid.collapse(list(keep))
        return self.views[keep]


def dims_for(metric: Metric, by: Sequence[str], strict: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    unknown = [d for d in by if d not in metric.dimensions]
    if unknown and strict:
        raise MetricError(
            f"{metric.id} cannot be broken down by {', '.join(unknown)}; it supports "
            f"{', '.join(metric.dimensions) or 'no dimension'}",
            metric=metric.id,
            by=list(by),
        )
    return tuple(d for d in by if d in metric.dimensions), tuple(unknown)


class Plan:
    """Groups measures into queries: one per (kind, frame, date column, dimensions).

    Counts are additive, so metrics with different breakdowns (victims by age band, by sex) share
    one query grouped by all of them and each sums out the ones it does not use. Distinct counts
    and quantiles are not additive: they get a query of their own breakdown.
    """

    def __init__(self) -> None:
        self.jobs: dict[tuple[object, ...], Job] = {}

    def add(self, kind: str, measure: Measure, dims: tuple[str, ...], breakdown: str | None = None) -> Part:
        date_column = "month" if kind == "stock" else measure.date
        additive = measure.agg == "count"
        key = (kind, measure.frame, date_column, dims, "additive" if additive else breakdown)
        if key not in self.jobs:
            self.jobs[key] = Job(kind, measure.frame, date_column, dims)
        job = self.jobs[key]
        if breakdown:
            job.extra.add(breakdown)
        return Part(job, job.alias(measure), (*dims, *((breakdown,) if breakdown else ())))


@dataclass
class Part:
    job: Job
    alias: str
    keep: tuple[str, ...]

    @property
    def grid(self) -> Grid:
        return self.job.view(self.keep)


@lru_cache(maxsize=1024)
def job_sql(
    positive_outcomes: tuple[str, ...], materialized: tuple[tuple[str, str], ...], spec: tuple
) -> str:
    """The DuckDB SQL of one query, compiled once per process and kept on disk between processes
    (building and compiling the Ibis expression costs far more than running it on a small store)."""

    def compile_sql() -> str:
        import ibis

        from vawg.metrics.frames._base import Frames

        kind, frame, date_column, dims, measures, grain, start, end = spec
        frames = Frames(positive_outcomes, dict(materialized))
        expr = job_expr(frames, kind, frame, date_column, dims, dict(measures), grain, start, end)
        return str(ibis.to_sql(expr, dialect="duckdb"))

    return cached_sql(("job", positive_outcomes, materialized, spec), compile_sql)


@lru_cache(maxsize=64)
def frame_sql(
    name: str, positive_outcomes: tuple[str, ...], materialized: tuple[tuple[str, str], ...]
) -> str:
    """The DuckDB SQL of the event frame ``name`` (to materialise it), cached as ``job_sql``."""

    def compile_sql() -> str:
        import ibis

        from vawg.metrics.frames._base import Frames

        return str(ibis.to_sql(Frames(positive_outcomes, dict(materialized)).get(name), dialect="duckdb"))

    return cached_sql(("frame", name, positive_outcomes, materialized), compile_sql)


def derived_table_sql(sources: dict[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """(table, SELECT) of each table the store derives at ingest (``frames.DERIVED_FRAMES``: the
    crime base, then the links, which read it), compiled from the same frames the metrics use, so
    the tables and the metrics share one definition. ``sources`` maps a base table to the table to
    read instead (a delta's touched rows). Kept in the SQL cache like a metric's query, so a nightly
    `vawg ingest` in a new process does not import Ibis (about a second) to rebuild them."""
    from vawg.metrics.frames._rules import DERIVED_FRAMES

    substituted = tuple(sorted((sources or {}).items()))
    out: list[tuple[str, str]] = []
    built: dict[str, str] = {}
    for frame, table in DERIVED_FRAMES.items():

        def compile_sql(frame: str = frame, built: dict[str, str] = built) -> str:
            import ibis

            from vawg.metrics.frames._base import Frames

            frames = Frames((), materialized=built, sources=dict(substituted) or None)
            return str(ibis.to_sql(frames.get(frame), dialect="duckdb"))

        request = ("derived", frame, tuple(sorted(built.items())), substituted)
        out.append((table, cached_sql(request, compile_sql)))
        built = {**built, frame: table}
    return tuple(out)


def job_expr(frames: Frames, kind: str, frame: str, date_column: str, dims: Sequence[str],
             measures: dict[Measure, str], grain: str, start: date | None, end: date | None) -> ir.Table:  # fmt: skip
    """The aggregate query of one job: a stock's monthly events, else a flow's periods."""
    if kind == "stock":
        return stock_expr(frames, frame, dims, measures)
    return flow_expr(frames, frame, date_column, dims, measures, grain, start, end)


def plan_metric(plan: Plan, metric: Metric, dims: tuple[str, ...]) -> list[Part]:
    if metric.num is None:
        raise MetricError(f"{metric.id} has no numerator measure", metric=metric.id)
    kind = "stock" if metric.kind == "stock" else "flow"
    parts = [plan.add(kind, metric.num, dims, metric.breakdown)]
    if metric.den is not None and metric.kind != "share":
        parts.append(plan.add(kind, metric.den, dims))
    return parts


def metric_sql(
    metric_id: str, *, grain: str = "month", by: Sequence[str] = (), dialect: str = "duckdb"
) -> list[str]:
    """The SQL statements (one per aggregate query) that compute a metric, in ``dialect``.

    The same Ibis expressions compile for other engines (e.g. ``dialect="pyspark"``).
    """
    import ibis

    from vawg.metrics.catalogue._all import REGISTRY
    from vawg.metrics.frames._base import Frames

    metric = REGISTRY.get(metric_id)
    check_grain(grain)
    dims, _ = dims_for(metric, by, strict=True)
    if metric.kind == "coverage":
        # Valued at period ends, read from a table period_ends(period_start, at_date).
        from vawg.metrics._cumulative import coverage_sql

        return [coverage_sql(Frames(get_settings().positive_outcomes), metric, dims, "period_ends")]
    plan = Plan()
    plan_metric(plan, metric, dims)
    frames = Frames(get_settings().positive_outcomes)
    return [
        str(ibis.to_sql(job_expr(frames, job.kind, job.frame, job.date, job.query_dims, job.measures, grain,
                                 None, None), dialect=dialect)).strip()
        for job in plan.jobs.values()
    ]  # fmt: skip
