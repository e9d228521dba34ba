"""Relative rates by stage (the relative rate index of the Ministry of Justice's tables and the
Lammy Review): for one population and one grouping, every group's rate at every stage beside a
reference group's, with intervals, a test, the cumulative rate from the first stage, the rate
adjusted for offence type and bounds for the people whose group was not stated.

Counts are suppressed through ``vawg.disclosure`` (primary suppression: no totals are published in
this table, so nothing hidden can be recovered by subtraction) and a suppressed cell hides every
rate computed from it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb
import pandas as pd

from vawg.config import get_settings
from vawg.disclosure import suppress_counts
from vawg.equality._groups import NOT_STATED, age_band, ethnicity_group, group_order, sex_group
from vawg.equality._population import ResidentPopulation, load_population, population_ratio
from vawg.equality._populations import Population, person_stage_sql, population
from vawg.equality._rate_stats import CellPivot, Ratio, adjusted_rates, not_stated_bounds, relative_rate
from vawg.errors import ConfigError

# --by words -> the dimension they name; default reference group of each dimension.
BY_WORDS = {"sex": "Sex", "ethnicity": "Ethnicity", "age": "Age band"}
DEFAULT_REFERENCE = {"Sex": "Male", "Ethnicity": "White", "Age band": "25-34"}
JOIN = " · "  # between the parts of an intersectional group's label
# Which dimension's "not stated" the bounds are about: ethnicity when analysed (the paper's caveat).
BOUNDS_ORDER = ("Ethnicity", "Sex", "Age band")


def parse_by(by: str) -> tuple[str, ...]:
    words = [w.strip().lower() for w in by.split(",") if w.strip()]
    bad = [w for w in words if w not in BY_WORDS]
    if not words or bad or len(set(words)) != len(words):
        raise ConfigError(
            f"--by: expected one or two of {', '.join(BY_WORDS)} separated by a comma; found {by!r}", by=by
        )
    return tuple(BY_WORDS[w] for w in words)


def person_frame(con: duckdb.DuckDBPyConnection, pop: Population, start: date, end: date) -> pd.DataFrame:
    """One row per person of the population with their groups and a boolean per stage."""
    frame = con.execute(person_stage_sql(pop), [start, end]).df()
    frame["Sex"] = sex_group(frame["sex"]).to_numpy()
    frame["Ethnicity"] = ethnicity_group(frame["ethnicity_group"]).to_numpy()
    frame["Age band"] = age_band(frame["age"]).to_numpy()
    return frame


def group_labels(frame: pd.DataFrame, dims: tuple[str, ...]) -> pd.Series:
    labels = frame[dims[0]].astype(str)
    for dim in dims[1:]:
        labels = labels + JOIN + frame[dim].astype(str)
    return labels


def _ordered_groups(frame: pd.DataFrame, dims: tuple[str, ...]) -> list[str]:
    """Groups present in the standard order; "Not stated" is always shown, even when nobody is in it
    (for an intersection: "<first part> · Not stated" for each first part present)."""
    present = frame[list(dims)].drop_duplicates()
    combos = {tuple(str(v) for v in r) for r in present.itertuples(index=False)}
    combos |= {(*c[:-1], NOT_STATED) for c in combos}
    orders = [group_order(d, sorted({c[i] for c in combos})) for i, d in enumerate(dims)]
    ordered = sorted(combos, key=lambda c: tuple(orders[i].index(v) for i, v in enumerate(c)))
    return [JOIN.join(c) for c in ordered]


@dataclass
class Disproportionality:
    """The relative rate table of one population by one grouping (``rows``: one per group and stage)."""

    population: Population
    dimensions: tuple[str, ...]
    reference: str
    start: date
    end: date
    people: int
    rows: pd.DataFrame
    threshold: int
    not_stated: dict[str, int] = field(default_factory=dict)
    population_source: str | None = None  # where the resident population came from (None: not used)

    def to_dict(self) -> dict[str, Any]:
        def clean(v: Any) -> Any:
            if v is None or v is pd.NA or (isinstance(v, float) and not math.isfinite(v)):
                return None
            return v.item() if hasattr(v, "item") else v

        return {
            "population": self.population.population_id, "by": list(self.dimensions), "reference": self.reference,
            "from": self.start.isoformat(), "to": self.end.isoformat(), "people": self.people,
            "suppression_threshold": self.threshold, "not_stated": self.not_stated,
            "population_source": self.population_source,
            "rows": [{k: clean(v) for k, v in r.items()} for r in self.rows.to_dict(orient="records")],
        }  # fmt: skip


def relative_rates(
    con: duckdb.DuckDBPyConnection,
    population_id: str = "da-suspects",
    by: str | tuple[str, ...] = "sex",
    *,
    start: date,
    end: date,
    reference: dict[str, str] | None = None,
    frame: pd.DataFrame | None = None,
    residents: ResidentPopulation | None = None,
) -> Disproportionality:
    """The relative rate table (see the module docstring). ``reference`` overrides the reference
    group of a dimension (e.g. ``{"Sex": "Female"}``); ``frame`` reuses a :func:`person_frame`;
    ``residents`` is the resident population (default: :func:`load_population`)."""
    pop = population(population_id)
    dims = parse_by(by) if isinstance(by, str) else tuple(by)
    refs = DEFAULT_REFERENCE | (reference or {})
    people = person_frame(con, pop, start, end) if frame is None else frame
    return rate_table(people, pop, dims, refs, start, end, residents=residents or load_population())


def rate_table(
    people: pd.DataFrame,
    pop: Population,
    dims: tuple[str, ...],
    refs: dict[str, str],
    start: date,
    end: date,
    *,
    residents: ResidentPopulation | None = None,
) -> Disproportionality:
    """The table from a person frame (what :func:`relative_rates` does after reading the store).
    With ``residents``, each row also has its group's people per 1,000 residents and the relative
    rate per head against the reference (the first stage's only rate)."""
    ref = JOIN.join(refs[d] for d in dims)
    if any(refs[d] == NOT_STATED for d in dims):
        raise ConfigError("the reference group must be a stated group, not 'Not stated'", reference=ref)
    labels = group_labels(people, dims)
    if ref not in set(labels):
        raise ConfigError(
            f"reference group {ref!r} has nobody in {pop.title.lower()} {start}–{end}; "
            f"groups present: {', '.join(sorted(set(labels)))}",
            reference=ref,
        )
    groups = _ordered_groups(people, dims)
    stage_ids = [s.stage_id for s in pop.stages]
    sums = people[stage_ids].astype(bool).groupby(labels.to_numpy()).sum().reindex(groups, fill_value=0)
    table_of_sums = sums.to_numpy(dtype="int64")
    counts: dict[Hashable, int] = {
        (g, st): int(table_of_sums[i, j]) for i, g in enumerate(groups) for j, st in enumerate(stage_ids)
    }
    hidden = suppress_counts(counts).suppressed
    missing_dim = next((d for d in BOUNDS_ORDER if d in dims), dims[0])
    first = pop.stages[0].stage_id
    by_parent = _cells_by_parent(people, labels, pop)
    rows = []
    for s in pop.stages:
        parent = s.parent or first
        cells = by_parent[parent][["g", "s", s.stage_id, "n"]].rename(columns={s.stage_id: "events"})
        adjusted = adjusted_rates(cells, ref) if s.parent else {}
        ctx = _Stage(
            counts,
            hidden,
            adjusted,
            CellPivot(cells),
            s.stage_id,
            s.title,
            parent,
            first,
            ref,
            dims,
            missing_dim,
        )
        rows += [_row(ctx, g) | _per_head(ctx, g, residents) for g in groups]
    table = pd.DataFrame(rows)
    table[["people", "base", "population"]] = table[["people", "base", "population"]].astype(
        "Int64"
    )  # blank: withheld or unknown
    not_stated = {d: int((people[d] == NOT_STATED).sum()) for d in dims}
    return Disproportionality(pop, dims, ref, start, end, len(people), table,
                              threshold=get_settings().suppression_threshold, not_stated=not_stated,
                              population_source=residents.source if residents else None)  # fmt: skip


def _per_head(ctx: _Stage, g: str, residents: ResidentPopulation | None) -> dict[str, Any]:
    """People at the stage per 1,000 residents of the group, and its ratio to the reference's, with
    the 95% interval and test (NaN where the population or a count is unknown or withheld)."""
    row: dict[str, Any] = {"population": None, "per_1000": math.nan, "population_rr": math.nan,
                           "population_low": math.nan, "population_high": math.nan, "population_p": math.nan}  # fmt: skip
    if residents is None:
        return row
    residents_g = residents.of(dict(zip(ctx.dims, g.split(JOIN), strict=True)))
    residents_ref = residents.of(dict(zip(ctx.dims, ctx.ref.split(JOIN), strict=True)))
    row["population"] = residents_g
    if residents_g is None or (g, ctx.stage) in ctx.hidden:
        return row
    n = ctx.counts[(g, ctx.stage)]
    row["per_1000"] = n / residents_g * 1000
    if residents_ref is None or (ctx.ref, ctx.stage) in ctx.hidden:
        return row
    if g == ctx.ref:
        row["population_rr"] = 1.0
        return row
    ratio = population_ratio(n, residents_g, ctx.counts[(ctx.ref, ctx.stage)], residents_ref)
    row.update(
        population_rr=ratio.rr, population_low=ratio.low, population_high=ratio.high, population_p=ratio.p
    )
    return row


def _cells_by_parent(people: pd.DataFrame, labels: pd.Series, pop: Population) -> dict[str, pd.DataFrame]:
    """The cells of :func:`stage_cells` for every stage at once, one grouping per parent stage (the
    people a stage is counted among): columns g, s, n and one count of people per stage."""
    stage_ids = [s.stage_id for s in pop.stages]
    flags = people[stage_ids].astype(bool).astype("int64")
    flags["g"] = labels.astype(str).to_numpy()
    flags["s"] = people["stratum"].fillna("?").astype(str).to_numpy()
    flags["n"] = 1
    out = {}
    for parent in {s.parent or stage_ids[0] for s in pop.stages}:
        among = flags[people[parent].astype(bool).to_numpy()]
        out[parent] = among.groupby(["g", "s"], as_index=False)[[*stage_ids, "n"]].sum()
    return out


def _ns_pool(group: str, dims: tuple[str, ...], missing_dim: str) -> str | None:
    parts = group.split(JOIN)
    i = dims.index(missing_dim)
    if parts[i] == NOT_STATED:
        return None
    parts[i] = NOT_STATED
    return JOIN.join(parts)


@dataclass(frozen=True)
class _Stage:
    """What every row of one stage needs."""

    counts: dict[Hashable, int]
    hidden: frozenset[Hashable]
    adjusted: dict[str, Ratio]
    cells: CellPivot
    stage: str
    title: str
    parent: str
    first: str
    ref: str
    dims: tuple[str, ...]
    missing_dim: str


def _row(ctx: _Stage, g: str) -> dict[str, Any]:
    counts, hidden, stage, parent, first, ref = (
        ctx.counts,
        ctx.hidden,
        ctx.stage,
        ctx.parent,
        ctx.first,
        ctx.ref,
    )
    title, dims, missing_dim = ctx.title, ctx.dims, ctx.missing_dim
    n, base, first_n = counts[(g, stage)], counts[(g, parent)], counts[(g, first)]
    rn, rbase, rfirst = counts[(ref, stage)], counts[(ref, parent)], counts[(ref, first)]
    keys = {(g, stage), (g, parent), (g, first), (ref, stage), (ref, parent), (ref, first)}
    suppressed = bool(keys & hidden)
    row: dict[str, Any] = {
        "stage": stage, "stage_title": title, "group": g, "reference": ref, "is_reference": g == ref,
        "people": None if (g, stage) in hidden else n, "base": None if (g, parent) in hidden else base,
        "rate": math.nan, "rr": math.nan, "ci_low": math.nan, "ci_high": math.nan, "p_value": math.nan,
        "cumulative_rr": math.nan, "cumulative_low": math.nan, "cumulative_high": math.nan,
        "adjusted_rr": math.nan, "adjusted_low": math.nan, "adjusted_high": math.nan, "adjusted_p": math.nan,
        "mh_rr": math.nan, "bound_low": math.nan, "bound_high": math.nan, "suppressed": suppressed,
    }  # fmt: skip
    if (g, stage) in hidden or (g, parent) in hidden:
        return row
    row["rate"] = n / base if base else math.nan
    if suppressed:
        return row
    if stage == first:  # no population base: the first stage is counted, not compared
        return row
    if g == ref:
        row.update(rr=1.0, cumulative_rr=1.0, adjusted_rr=1.0)
        return row
    raw = relative_rate(n, base, rn, rbase)
    cum = relative_rate(n, first_n, rn, rfirst)
    adj = ctx.adjusted.get(g, Ratio.missing())
    row.update(rr=raw.rr, ci_low=raw.low, ci_high=raw.high, p_value=raw.p, cumulative_rr=cum.rr,
               cumulative_low=cum.low, cumulative_high=cum.high, adjusted_rr=adj.rr, adjusted_low=adj.low,
               adjusted_high=adj.high, adjusted_p=adj.p)  # fmt: skip
    row["mh_rr"] = ctx.cells.mantel_haenszel_rr(g, ref)
    pool, ref_pool = _ns_pool(g, dims, missing_dim), _ns_pool(ref, dims, missing_dim)
    if pool is not None and ref_pool is not None:
        ns_keys = {(pool, stage), (pool, parent), (ref_pool, stage), (ref_pool, parent)}
        if not ns_keys & hidden:
            row["bound_low"], row["bound_high"] = not_stated_bounds(
                n, base, rn, rbase, counts.get((pool, stage), 0), counts.get((pool, parent), 0),
                counts.get((ref_pool, stage), 0), counts.get((ref_pool, parent), 0),
            )  # fmt: skip
    return row


def default_window(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """The twelve months to the store's extract date (or its last recorded crime)."""
    from vawg.store import extract_date

    last = extract_date(con) or con.execute("SELECT max(recorded_date) FROM crimes").fetchone()[0]  # type: ignore[index]
    if last is None:
        raise ConfigError("the store has no crimes: load a bundle with `vawg ingest` first")
    try:
        start = last.replace(year=last.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        start = last.replace(year=last.year - 1, day=28) + timedelta(days=1)
    return start, last


__all__ = [
    "BY_WORDS",
    "DEFAULT_REFERENCE",
    "Disproportionality",
    "default_window",
    "parse_by",
    "person_frame",
    "rate_table",
    "relative_rates",
]
