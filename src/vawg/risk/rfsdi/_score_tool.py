"""The part of scoring RFSDI and RFG/RFGV share: from a population to banded, explainable scores.

Each tool picks its population (who is scored) and its components from the TOML; from there the
steps are the same: one raw value per component (its :class:`Measure`, which also words the
explanation), points and bands, the area filter with ranks within it, and :class:`RiskScores`;
and the single-date form of a panel scorer (:func:`on_one_date`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

import duckdb
import pandas as pd

from vawg.risk.rfsdi._bands import cutoffs_by_date
from vawg.risk.rfsdi._config import Bands, Component, RiskConfig
from vawg.risk.rfsdi._scores import RiskScores
from vawg.risk.rfsdi._scoring import Measure, apply_points, filter_area, measure_of, raw_values

# Which of the raw rows to score, given every column of raw values (True = keep).
CohortRule = Callable[[pd.DataFrame], pd.Series]


def score_tool(
    con: duckdb.DuckDBPyConnection,
    dates: Sequence[date],
    *,
    tool: str,
    version: str,
    components: dict[str, Component],
    bands: Bands,
    source: str,
    population_offences: str,
    lookback_months: int,
    persons: Sequence[str] | None,
    area: str | None,
    cohort_measures: Sequence[Measure] = (),
    cohort: CohortRule | None = None,
) -> RiskScores:
    """Scores of ``tool`` for the suspects on ``population_offences`` in the lookback.

    ``cohort_measures`` are raw values that choose who is scored (with ``cohort``) rather than add
    points; they are kept as columns of the result. With ``area``, ranks run within the area.
    """
    measures = {name: measure_of(name, comp) for name, comp in components.items()}
    # A relative band (the top N, the top x%) is a place in the whole population: with a list of
    # persons, everyone is scored to find each date's cut-offs, and only then are the persons kept.
    relative = bands.method != "fixed" and persons is not None
    raw = raw_values(
        con,
        dates,
        [*measures.values(), *cohort_measures],
        population_offences=population_offences,
        lookback_months=lookback_months,
        persons=None if relative else persons,
    )
    if cohort is not None:
        raw = raw[cohort(raw)].reset_index(drop=True)
    cutoffs = cutoffs_by_date(apply_points(raw, components, bands), bands)
    if relative:
        raw = raw[raw["person_id"].isin(list(persons or []))].reset_index(drop=True)
    scored = apply_points(raw, components, bands, cutoffs)
    kept = [m.name for m in cohort_measures]
    if kept:
        scored = scored.merge(raw[["as_of", "person_id", *kept]], on=["as_of", "person_id"], how="left")
    frame = filter_area(scored, area)
    if area:
        # apply_points ranked the whole population; the area keeps that order, so renumber in it.
        frame["rank"] = frame.groupby("as_of").cumcount().astype("int64") + 1
    return RiskScores(
        tool=tool,
        version=version,
        frame=frame,
        components=components,
        measures=measures,
        bands=bands,
        source=source,
        cutoffs=cutoffs,
    )


class DateScorer(Protocol):
    """``score_rfsdi`` and ``score_rfgv``: one tool's scores on one as-of date."""

    def __call__(
        self,
        con: duckdb.DuckDBPyConnection,
        as_of: date,
        *,
        config: RiskConfig | None = None,
        persons: Sequence[str] | None = None,
        area: str | None = None,
    ) -> RiskScores: ...


def on_one_date(panel: Callable[..., RiskScores], name: str, doc: str) -> DateScorer:
    """The single-date form of a tool's panel scorer (``score_rfsdi`` from ``score_rfsdi_panel``)."""

    def score(
        con: duckdb.DuckDBPyConnection,
        as_of: date,
        *,
        config: RiskConfig | None = None,
        persons: Sequence[str] | None = None,
        area: str | None = None,
    ) -> RiskScores:
        return panel(con, [as_of], config=config, persons=persons, area=area)

    score.__name__ = score.__qualname__ = name
    score.__doc__ = doc
    return score


__all__ = ["CohortRule", "DateScorer", "on_one_date", "score_tool"]
