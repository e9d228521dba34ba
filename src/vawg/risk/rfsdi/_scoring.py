"""The machinery RFSDI and RFG/RFGV share: raw values in SQL, points and bands in numpy.

A score component reads one *measure* of a person on an as-of date (days since the last offence,
offences in a window, their harm, their victims, intelligence submissions), computed point-in-time
in one DuckDB query for every person and date. Points are ``weight × transform(value)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import duckdb
import numpy as np
import pandas as pd

from vawg.risk.features._pointintime import OFFENCE_PREDICATE, params, since, suspect_crimes_ctes, victims_cte
from vawg.risk.rfsdi._bands import Cutoffs, cutoffs_by_date
from vawg.risk.rfsdi._config import Bands, Component, IntelComponent, RecencyComponent, WindowComponent

Kind = Literal["days_since", "count", "harm", "victims", "intel"]

# What each named component measures (its raw value).
COMPONENT_KIND: dict[str, Kind] = {
    "recency": "days_since",
    "frequency": "count",
    "severity": "harm",
    "gravity": "harm",
    "victims": "victims",
    "drugs": "intel",
    "intelligence": "intel",
}
UNIT: dict[Kind, str] = {
    "days_since": "days since the last offence",
    "count": "offences",
    "harm": "harm days",
    "victims": "distinct victims",
    "intel": "intelligence submissions",
}
OFFENCE_WORDS = {"vawg": "VAWG offences", "da": "DA offences", "all": "offences of any kind"}


@dataclass(frozen=True)
class Measure:
    """One raw value to compute per (as_of, person)."""

    name: str
    kind: Kind
    offences: str = "vawg"
    window_months: int | None = None
    topics: tuple[str, ...] = ()

    def describe(self) -> str:
        """Plain words for an explanation: what the raw value counts, over what window."""
        window = f" in the {self.window_months} months before the as-of date" if self.window_months else ""
        if self.kind == "days_since":
            return f"days since the last of the person's {OFFENCE_WORDS[self.offences]} as suspect"
        if self.kind == "intel":
            return f"intelligence submissions on topics {', '.join(self.topics)}{window}"
        what = {"count": "number of", "harm": "harm days (sum of harm weights) of", "victims": "victims of"}
        return f"{what[self.kind]} {OFFENCE_WORDS[self.offences]} as suspect{window}"


def measure_of(name: str, component: Component) -> Measure:
    kind = COMPONENT_KIND[name]
    if isinstance(component, IntelComponent):
        return Measure(name, kind, window_months=component.window_months, topics=tuple(component.topics))
    if isinstance(component, WindowComponent):
        return Measure(name, kind, offences=component.offences, window_months=component.window_months)
    assert isinstance(component, RecencyComponent)
    return Measure(name, kind, offences=component.offences)


def _topics(topics: Sequence[str]) -> str:
    # Topics were validated against the contract's closed code set, so quoting is safe.
    return ", ".join(f"'{t}'" for t in topics)


def raw_values_sql(
    measures: Sequence[Measure], *, population_offences: str, lookback_months: int, persons: bool
) -> str:
    """One query: the population (suspects on an offence of that kind in the lookback) with its area
    (of the latest such offence) and age, and one column per measure."""
    pop_pred = f"{OFFENCE_PREDICATE[population_offences]} AND recorded_date >= {since(lookback_months)}"
    agg_cols, ctes, joins, select = [], [], [], []
    for m in measures:
        pred = OFFENCE_PREDICATE[m.offences]
        window = f" AND recorded_date >= {since(m.window_months)}" if m.window_months else ""
        if m.kind == "days_since":
            agg_cols.append(f"CAST(as_of - max(recorded_date) FILTER (WHERE {pred}) AS BIGINT) AS {m.name}")
        elif m.kind == "count":
            agg_cols.append(f"count(*) FILTER (WHERE {pred}{window}) AS {m.name}")
        elif m.kind == "harm":
            agg_cols.append(f"coalesce(sum(harm_days) FILTER (WHERE {pred}{window}), 0.0) AS {m.name}")
        elif m.kind == "victims":
            assert m.window_months is not None
            ctes.append(victims_cte(offences=m.offences, window_months=m.window_months, name=f"v_{m.name}"))
            joins.append(
                f"LEFT JOIN v_{m.name} ON v_{m.name}.as_of = pop.as_of AND v_{m.name}.person_id = pop.person_id"
            )
            select.append(f"coalesce(v_{m.name}.victims, 0) AS {m.name}")
            continue
        else:
            assert m.window_months is not None
            ctes.append(
                f"""i_{m.name} AS (
  SELECT d.as_of, i.person_id, count(*) AS n FROM intelligence i
  JOIN d ON i.submitted_date < d.as_of AND i.submitted_date >= {since(m.window_months, "d.as_of")}
  WHERE CAST(i.topic AS VARCHAR) IN ({_topics(m.topics)}) GROUP BY d.as_of, i.person_id)"""
            )
            joins.append(
                f"LEFT JOIN i_{m.name} ON i_{m.name}.as_of = pop.as_of AND i_{m.name}.person_id = pop.person_id"
            )
            select.append(f"coalesce(i_{m.name}.n, 0) AS {m.name}")
            continue
        select.append(f"pop.{m.name}")
    agg = ",\n    ".join(
        [
            "as_of",
            "person_id",
            f"arg_max(area, (recorded_date, crime_id)) FILTER (WHERE {pop_pred}) AS area",
            *agg_cols,
        ]
    )
    extra_ctes = "".join(f",\n{c}" for c in ctes)
    return f"""
WITH {suspect_crimes_ctes(persons=persons)},
pop AS (
  SELECT {agg}
  FROM sc GROUP BY as_of, person_id
  HAVING count(*) FILTER (WHERE {pop_pred}) > 0
){extra_ctes}
SELECT pop.as_of, pop.person_id, pop.area, CAST(year(pop.as_of) - p.birth_year AS BIGINT) AS age,
  {", ".join(select)}
FROM pop
LEFT JOIN persons p ON p.person_id = pop.person_id
{chr(10).join(joins)}
ORDER BY pop.as_of, pop.person_id
"""


def raw_values(
    con: duckdb.DuckDBPyConnection,
    dates: Sequence[date],
    measures: Sequence[Measure],
    *,
    population_offences: str,
    lookback_months: int,
    persons: Sequence[str] | None = None,
) -> pd.DataFrame:
    sql = raw_values_sql(
        measures, population_offences=population_offences, lookback_months=lookback_months,
        persons=persons is not None,
    )  # fmt: skip
    frame = con.execute(sql, params(dates, persons)).df()
    frame["as_of"] = pd.to_datetime(frame["as_of"]).dt.date
    for col in ("person_id", "area"):
        frame[col] = frame[col].astype("string")
    return frame


def component_points(component: Component, raw: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value, level, points) of each raw value; points are ``weight × level`` rounded to 2 decimals."""
    values = pd.to_numeric(raw, errors="coerce").astype("float64").to_numpy(na_value=np.nan)
    level = component.level(values)
    return values, level, np.round(component.weight * level, 2)


def apply_points(
    raw: pd.DataFrame,
    components: Mapping[str, Component],
    bands: Bands,
    cutoffs: Mapping[Any, Cutoffs] | None = None,
) -> pd.DataFrame:
    """Add ``<c>_value``, ``<c>_level``, ``<c>_points`` per component, ``score``, ``level``, ``rank``.

    Points are rounded to 2 decimals and the score is the sum of the rounded points, so an
    explanation always adds up to the score it explains.
    """
    out = raw[["as_of", "person_id", "area", "age"]].copy()
    total = np.zeros(len(raw))
    for name, component in components.items():
        values, level, points = component_points(component, raw[name])
        out[f"{name}_value"] = values
        out[f"{name}_level"] = np.round(level, 4)
        out[f"{name}_points"] = points
        total = total + points
    out["score"] = np.round(total, 2)
    out["level"] = pd.array(levels_by_date(out, bands, cutoffs), dtype="string")
    # Rank within each as-of date: highest score first; ties by the most recent offence, then id.
    tie = out["recency_value"].fillna(np.inf) if "recency_value" in out else 0
    out = out.assign(_tie=tie).sort_values(
        ["as_of", "score", "_tie", "person_id"], ascending=[True, False, True, True]
    )
    out["rank"] = out.groupby("as_of").cumcount().astype("int64") + 1
    return out.drop(columns="_tie").reset_index(drop=True)


def levels_by_date(
    frame: pd.DataFrame, bands: Bands, cutoffs: Mapping[Any, Cutoffs] | None = None
) -> np.ndarray:
    """Each row's band, with its as-of date's cut-offs (given, e.g. from the whole population, or
    computed from the rows of that date)."""
    cuts = dict(cutoffs) if cutoffs is not None else cutoffs_by_date(frame, bands)
    score = frame["score"].to_numpy(dtype="float64")
    level = np.empty(len(frame), dtype=object)
    for as_of, idx in frame.groupby("as_of", sort=False).indices.items():
        level[idx] = bands.level(score[idx], cuts.get(as_of) or bands.cutoffs(score[idx]))
    return level


def in_areas(area: pd.Series, names: Iterable[str]) -> pd.Series:
    """True where the area is one of ``names`` or a part of one ("Birmingham East" is in "Birmingham")."""
    a = area.fillna("").str.casefold()
    out = pd.Series(False, index=area.index)
    for name in names:
        out |= (a == name.casefold()) | a.str.startswith(name.casefold() + " ")
    return out.astype(bool)


def filter_area(frame: pd.DataFrame, area: str | None) -> pd.DataFrame:
    """Rows whose area is ``area`` or a part of it ("Birmingham" keeps "Birmingham East")."""
    if not area:
        return frame
    return frame[in_areas(frame["area"], [area]).to_numpy(dtype=bool)].reset_index(drop=True)


__all__ = [
    "COMPONENT_KIND",
    "UNIT",
    "Measure",
    "apply_points",
    "component_points",
    "filter_area",
    "in_areas",
    "levels_by_date",
    "measure_of",
    "raw_values",
]
