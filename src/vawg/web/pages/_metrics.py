"""The dashboard (indicator tiles) and the metric page (SPC chart, table, definition, drill-down)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.responses import Response

from vawg.metrics import REGISTRY, Metric, compute, compute_all
from vawg.reports import format_value, point_key
from vawg.web._charts import chart_alt, chart_svg, spc_of
from vawg.web._context import Context
from vawg.web._facts import StoreFacts, store_facts
from vawg.web._guard import not_found, one_of
from vawg.web._selection import GRAIN_LABELS, PAGE_GRAINS, Selection, select
from vawg.web._store_reader import Snapshot
from vawg.web._tiles import DASHBOARD_METRICS, build_tiles

DRILL_DIMENSIONS = ("area", "vawg_category")


def selection_of(ctx: Context, facts: StoreFacts) -> Selection:
    """The grain and filters of the query string, each checked against the values the store holds."""
    return Selection(
        grain=one_of(ctx.param("grain"), PAGE_GRAINS, "grain", "month") or "month",
        area=one_of(ctx.param("area"), facts.areas, "area"),
        category=one_of(ctx.param("category"), facts.categories, "category"),
        da=one_of(ctx.param("da"), facts.da_values, "da"),
    )


def _facts(ctx: Context, snap: Snapshot) -> StoreFacts:
    return ctx.web.reader.cached(snap, "facts", store_facts)


def dashboard(ctx: Context) -> Response:
    """GET /: the paper's indicators as tiles, filtered by area, period and category."""
    reader = ctx.web.reader
    with reader.snapshot() as snap:
        facts = _facts(ctx, snap)
        sel = selection_of(ctx, facts)

        def tiles(con: Any) -> Any:
            def at(grain: str) -> Any:
                return compute_all(
                    con, grain=grain, by=sel.by(), metrics=DASHBOARD_METRICS, end=facts.last_day
                )

            results = at(sel.grain)
            monthly = results if sel.grain == "month" else at("month")
            return build_tiles(results, monthly, sel, facts.last_day)

        built = reader.cached(snap, ("tiles", sel), tiles)
    return ctx.render("dashboard.html", facts=facts, sel=sel, tiles=built, grains=GRAIN_LABELS)


def _metric(metric_id: str) -> Metric:
    if metric_id not in REGISTRY:
        raise not_found("There is no metric with that id.")
    return REGISTRY.get(metric_id)


def _by(metric: Metric, dims: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(d for d in dims if d in metric.dimensions)


def metric_rows(ctx: Context, snap: Snapshot, metric: Metric, sel: Selection, grain: str) -> Any:
    """The selected rows of ``metric`` at ``grain`` (cached per store version)."""
    facts = _facts(ctx, snap)
    by = _by(metric, sel.by())

    def rows(con: Any) -> Any:
        return select(compute(con, metric.id, grain=grain, by=by, end=facts.last_day), sel, facts.last_day)

    return ctx.web.reader.cached(snap, ("rows", metric.id, grain, sel), rows)


def _drill(ctx: Context, snap: Snapshot, metric: Metric, sel: Selection, dim: str) -> list[dict[str, Any]]:
    """The latest complete period broken down by ``dim`` under the other filters."""
    facts = _facts(ctx, snap)
    others = replace(sel, area=None) if dim == "area" else replace(sel, category=None)
    by = _by(metric, (dim, *others.by()))

    def rows(con: Any) -> Any:
        result = compute(con, metric.id, grain=sel.grain, by=by, end=facts.last_day)
        chosen = select(result, others, facts.last_day).rows.dropna(subset=["value"])
        if chosen.empty:
            return []
        latest = chosen[chosen["period_start"] == chosen["period_start"].max()]
        return [
            {"value": str(r[dim]), "period": r["period"], "shown": format_value(float(r["value"]), metric.unit),
             "numerator": int(r["numerator"])}
            for _, r in latest.sort_values(dim).iterrows()
        ]  # fmt: skip

    return ctx.web.reader.cached(snap, ("drill", metric.id, dim, sel), rows)


def metric_page(ctx: Context) -> Response:
    """GET /metrics/{metric_id}: SPC chart with its table, definition, drill-down, downloads."""
    metric = _metric(ctx.request.path_params["metric_id"])
    with ctx.web.reader.snapshot() as snap:
        facts = _facts(ctx, snap)
        sel = selection_of(ctx, facts)
        chosen = metric_rows(ctx, snap, metric, sel, sel.grain)
        monthly = metric_rows(ctx, snap, metric, sel, "month")
        chart = ctx.web.reader.cached(
            snap, ("spc", metric.id, sel), lambda _con: spc_of(metric, monthly.rows)
        )
        drills = {
            dim: _drill(ctx, snap, metric, sel, dim) for dim in DRILL_DIMENSIONS if dim in metric.dimensions
        }
    table = [
        {"period": r["period"], "numerator": int(r["numerator"]),
         "denominator": "" if r.get("denominator") is None or r["denominator"] != r["denominator"] else f"{int(r['denominator']):,}",
         "value": format_value(float(r["value"]), metric.unit) if r["value"] == r["value"] else "n/a",
         "interval": (f"{format_value(r['ci_low'], metric.unit)} to {format_value(r['ci_high'], metric.unit)}"
                      if "ci_low" in r and r["ci_low"] == r["ci_low"] else "")}
        for r in chosen.rows.to_dict(orient="records")
    ]  # fmt: skip
    return ctx.render(
        "metric.html", metric=metric, facts=facts, sel=sel, grains=GRAIN_LABELS, table=table,
        ignored=chosen.ignored, chart_alt=chart_alt(metric, chart) if chart else None, drills=drills,
        point_key=point_key(),
    )  # fmt: skip


def metric_chart(ctx: Context) -> Response:
    """GET /metrics/{metric_id}/chart.svg: the XmR chart of the selected monthly series."""
    metric = _metric(ctx.request.path_params["metric_id"])
    with ctx.web.reader.snapshot() as snap:
        sel = selection_of(ctx, _facts(ctx, snap))
        monthly = metric_rows(ctx, snap, metric, sel, "month")
        svg = ctx.web.reader.cached(
            snap, ("svg", metric.id, sel), lambda _con: chart_svg(metric, monthly.rows)
        )
    if svg is None:
        raise not_found("Too few months for an SPC chart.")
    # An image: its own styles are inline (matplotlib's), and it can run nothing.
    headers = {
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
        "cache-control": "private, max-age=60",
    }
    return Response(svg, media_type="image/svg+xml", headers=headers)


__all__ = ["dashboard", "metric_chart", "metric_page", "metric_rows", "selection_of"]
