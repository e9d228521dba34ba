"""The equality page: relative rates by stage (``vawg.equality``) for a population and a grouping —
the dot-and-interval chart with the table beside it, the findings in words and the not-stated
caveat. Aggregates only; counts under the disclosure threshold are withheld by the library, with
every rate made from them. Each selection is computed once per store version.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from markupsafe import Markup
from starlette.responses import Response

from vawg.equality import POPULATIONS, default_window, findings, missing_caveat, relative_rates
from vawg.errors import VawgError
from vawg.web._context import Context
from vawg.web._guard import one_of
from vawg.web._rri_chart import rri_chart_svg

# --by values offered on the page (the library's words), with their labels.
GROUPINGS: dict[str, str] = {
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "age": "Age band",
    "sex,ethnicity": "Sex × ethnicity",
    "sex,age": "Sex × age band",
}


@dataclass(frozen=True)
class TableRow:
    stage: str
    group: str
    is_reference: bool
    people: str
    base: str
    rate: str
    rr: str
    interval: str
    adjusted: str
    bounds: str


@dataclass(frozen=True)
class PerHeadRow:
    group: str
    is_reference: bool
    people: str
    residents: str
    per_1000: str
    rr: str
    interval: str


@dataclass(frozen=True)
class EqualityView:
    """What the page shows for one selection, or why there is nothing (``problem``)."""

    problem: str | None = None
    title: str = ""
    period: str = ""
    people: int = 0
    reference: str = ""
    threshold: int = 0
    chart: Markup | None = None
    rows: list[TableRow] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # differences whose interval excludes 1
    unclear: list[str] = field(default_factory=list)  # the rest ("no clear difference")
    caveat: list[str] = field(default_factory=list)
    withheld: int = 0
    first_stage: str = ""
    per_head: list[PerHeadRow] = field(default_factory=list)  # the first stage per 1,000 residents
    population_source: str | None = None


def _num(value: Any, digits: int = 2) -> str:
    ok = value is not None and isinstance(value, int | float) and math.isfinite(value)
    return f"{value:.{digits}f}" if ok else ""


def _count(value: Any) -> str:
    return "withheld" if value is None or pd.isna(value) else f"{int(value):,}"


def _row(r: Mapping[Hashable, Any]) -> TableRow:
    rate = _num(r["rate"] * 100 if _num(r["rate"]) else None, 1)
    return TableRow(
        stage=str(r["stage_title"]),
        group=str(r["group"]),
        is_reference=bool(r["is_reference"]),
        people=_count(r["people"]),
        base=_count(r["base"]),
        rate=f"{rate}%" if rate else "",
        rr=_num(r["rr"]),
        interval=f"{_num(r['ci_low'])}–{_num(r['ci_high'])}" if _num(r["ci_low"]) else "",
        adjusted=(
            f"{_num(r['adjusted_rr'])} ({_num(r['adjusted_low'])}–{_num(r['adjusted_high'])})"
            if _num(r["adjusted_low"])
            else ""
        ),
        bounds=f"{_num(r['bound_low'])}–{_num(r['bound_high'])}" if _num(r["bound_low"]) else "",
    )


def _per_head(r: Mapping[Hashable, Any]) -> PerHeadRow:
    return PerHeadRow(
        group=str(r["group"]),
        is_reference=bool(r["is_reference"]),
        people=_count(r["people"]),
        residents=_count(r["population"]),
        per_1000=_num(r["per_1000"]),
        rr=_num(r["population_rr"]),
        interval=f"{_num(r['population_low'])}–{_num(r['population_high'])}"
        if _num(r["population_low"])
        else "",
    )


def _compute(population_id: str, by: str) -> Any:
    def compute(con: Any) -> EqualityView:
        try:
            start, end = default_window(con)
            result = relative_rates(con, population_id, by, start=start, end=end)
        except VawgError as exc:
            return EqualityView(problem=f"No relative rates for this selection: {exc}.")
        records = result.rows.to_dict(orient="records")
        caveat_stage = next(
            (s.stage_id for s in result.population.stages if s.stage_id == "charged"),
            result.population.stages[-1].stage_id,
        )
        description = (
            f"Relative rates of {result.population.people} by stage against {result.reference}, "
            f"{start} to {end}, with 95% intervals; the table beside the chart gives every value."
        )
        sentences = findings(result)
        unclear = [t for t in sentences if t.endswith("no clear difference.")]
        chart = rri_chart_svg(records, reference=result.reference, description=description)
        return EqualityView(
            title=result.population.title,
            period=f"{start:%-d %B %Y} to {end:%-d %B %Y}",
            people=result.people,
            reference=result.reference,
            threshold=result.threshold,
            chart=Markup(chart) if chart else None,  # built from escaped text only
            rows=[_row(r) for r in records],
            sentences=[t for t in sentences if t not in unclear],
            unclear=unclear,
            caveat=missing_caveat(result, caveat_stage),
            withheld=sum(1 for r in records if r["suppressed"]),
            first_stage=result.population.stages[0].title,
            per_head=[
                _per_head(r)
                for r in records
                if r["stage"] == result.population.stages[0].stage_id and not pd.isna(r["population"])
            ],
            population_source=result.population_source,
        )

    return compute


def equality_page(ctx: Context) -> Response:
    """GET /equality: relative rates by stage for the chosen population and grouping."""
    population_id = one_of(ctx.param("population"), POPULATIONS, "population", "da-suspects") or "da-suspects"
    by = one_of(ctx.param("by"), GROUPINGS, "by", "sex") or "sex"
    reader = ctx.web.reader
    with reader.snapshot() as snap:
        view = reader.cached(snap, ("equality", population_id, by), _compute(population_id, by))
    return ctx.render(
        "equality.html",
        view=view,
        population=population_id,
        by=by,
        populations={k: p.title for k, p in POPULATIONS.items()},
        groupings=GROUPINGS,
    )


__all__ = ["GROUPINGS", "EqualityView", "PerHeadRow", "equality_page"]
