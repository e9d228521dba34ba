"""The quarterly national VAWG return: indicators from the metric registry, small counts suppressed.

One row per indicator × breakdown (``All`` and each value of the indicator's breakdowns), in the
template documented in docs/reports.md. Suppression (``vawg.disclosure``) works on *cells*: the
numerator and the denominator of each row. A breakdown publishes its "All" row as the total of its
values, so each breakdown is an additivity; a share (victims by sex) publishes its denominator as
the total of the shares' numerators; and a quantity published twice (a rate's denominator that is
also a count in the return) is one cell, so it is hidden everywhere or nowhere. A rate is withheld
whenever its numerator or denominator is hidden, since value × denominator gives the numerator back.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from vawg.config import get_settings
from vawg.disclosure import Additivity, Identity, SuppressionResult, suppress_counts
from vawg.errors import ReportError
from vawg.metrics import REGISTRY, DataCoverage, Metric, MetricResult, compute_all, data_coverage
from vawg.reports._npcc_identities import declared_identities
from vawg.reports._npcc_previous import previous_counts

ALL = "All"
TEMPLATE_COLUMNS = (
    "force",
    "quarter",
    "indicator_id",
    "indicator_title",
    "breakdown",
    "numerator",
    "denominator",
    "value",
    "unit",
    "suppressed",
    "note",
)
# One note for every withheld count: telling the small ones from their protectors would tell an
# attacker that a cell is under the threshold, or at least the threshold (docs/reports.md).
NOTE_SUPPRESSED = "suppressed: a count under {threshold}, or withheld so that one cannot be worked out"
NOTE_RATE = "rate withheld: its numerator or denominator is suppressed"
NOTE_NO_DENOMINATOR = "no rate: the denominator is 0"


@dataclass(frozen=True)
class ReturnIndicator:
    """An indicator of the return: a metric id, the breakdowns published, shared quantities.

    ``denominator_is`` names (metric id, "numerator" or "denominator") of another indicator of the
    return whose cell is the same quantity as this one's denominator, for the same breakdown value.
    """

    metric_id: str
    breakdowns: tuple[str, ...] = ()
    denominator_is: tuple[str, str] | None = None


NPCC_RETURN: tuple[ReturnIndicator, ...] = (
    ReturnIndicator("vawg_recorded_crimes", ("vawg_category", "area")),
    ReturnIndicator("da_recorded_crimes", ("area",)),
    ReturnIndicator("stalking_recorded_crimes", ("area",)),
    ReturnIndicator("da_incidents", ("area",)),
    ReturnIndicator("vawg_positive_outcome_rate", ("vawg_category",), ("vawg_recorded_crimes", "numerator")),
    ReturnIndicator("da_positive_outcome_rate", ("area",), ("da_recorded_crimes", "numerator")),
    ReturnIndicator("da_charge_rate", (), ("da_recorded_crimes", "numerator")),
    ReturnIndicator("da_outcome_1_share", (), ("da_positive_outcome_rate", "numerator")),
    ReturnIndicator("stalking_positive_outcome_rate", (), ("stalking_recorded_crimes", "numerator")),
    ReturnIndicator("da_outstanding_suspects", ("area",)),
    ReturnIndicator("da_suspects_bailed", ()),
    ReturnIndicator("da_suspects_rui", ()),
    ReturnIndicator("victim_sex_profile", ()),
    ReturnIndicator("victim_age_profile", ()),
)

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """First and last day of a calendar quarter written like ``2022-Q4``."""
    match = _QUARTER.match(quarter.strip())
    if not match:
        raise ReportError(f"quarter {quarter!r}: expected a calendar quarter like 2022-Q4", quarter=quarter)
    year, q = int(match.group(1)), int(match.group(2))
    first = date(year, 3 * q - 2, 1)
    last = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - pd.Timedelta(days=1)
    return first, last


def _quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def check_quarter_covered(coverage: DataCoverage, quarter: str) -> None:
    """Refuse a quarter not wholly inside the data, naming the quarters that can be returned."""
    first, last = quarter_bounds(quarter)
    if coverage.covers(first, last):
        return
    q_first = _quarter_of(coverage.first)
    if quarter_bounds(q_first)[0] < coverage.first:  # the first quarter is partial: the next one
        q_first = _quarter_of(quarter_bounds(q_first)[1] + timedelta(days=1))
    q_last = _quarter_of(coverage.last)
    if quarter_bounds(q_last)[1] > coverage.last:  # the last quarter is partial: the one before
        q_last = _quarter_of(quarter_bounds(q_last)[0] - timedelta(days=1))
    available = f"quarters {q_first} to {q_last}" if q_first <= q_last else "no complete quarter"
    raise ReportError(
        f"quarter {quarter} ({first} to {last}) is not wholly inside the data, which covers "
        f"{coverage.describe()}: {available} can be returned",
        quarter=quarter,
    )


@dataclass
class NationalReturn:
    """The return as published (``frame``, in TEMPLATE_COLUMNS) and how it was suppressed."""

    force: str
    quarter: str
    threshold: int
    frame: pd.DataFrame
    suppression: SuppressionResult
    indicators: tuple[ReturnIndicator, ...]
    additivities: tuple[Additivity, ...] = ()  # the totals the return publishes (for checks)
    identities: tuple[Identity, ...] = ()  # nested populations and equal cells (_npcc_identities)
    identities_not_holding: tuple[Identity, ...] = ()  # declared, but not true of this force's data


@dataclass
class _Row:
    """A row of the return before suppression, with the keys of its cells."""

    indicator: ReturnIndicator
    metric: Metric
    dimension: str | None  # the breakdown's dimension (None: the "All" row)
    breakdown: str
    numerator: int
    denominator: int | None
    value: float
    num_key: Hashable = None
    den_key: Hashable | None = None


def _raw_rows(
    con: duckdb.DuckDBPyConnection, indicators: tuple[ReturnIndicator, ...], first: date, last: date
) -> list[_Row]:
    """Every row of the return before suppression: one per indicator × breakdown value."""
    ids = [i.metric_id for i in indicators]
    batches: dict[str | None, dict[str, MetricResult]] = {
        None: compute_all(con, grain="quarter", start=first, end=last, metrics=ids)
    }
    for dimension in sorted({d for i in indicators for d in i.breakdowns}):
        wanted = [i.metric_id for i in indicators if dimension in i.breakdowns]
        batches[dimension] = compute_all(
            con, grain="quarter", by=(dimension,), start=first, end=last, metrics=wanted
        )
    rows = []
    for indicator in indicators:
        metric = REGISTRY.get(indicator.metric_id)
        for dim in (None, *indicator.breakdowns):
            label_column = dim or metric.breakdown  # a share's rows are its breakdown's values
            for record in batches[dim][indicator.metric_id].frame.to_dict(orient="records"):
                rows.append(
                    _Row(
                        indicator=indicator,
                        metric=metric,
                        dimension=label_column,
                        breakdown=f"{label_column}: {record[label_column]}" if label_column else ALL,
                        numerator=int(record["numerator"]),
                        denominator=None if pd.isna(record["denominator"]) else int(record["denominator"]),
                        value=float(record["value"]),
                    )
                )
    return rows


def _cells(
    rows: list[_Row],
) -> tuple[dict[Hashable, int], list[Additivity], dict[tuple[str, str, str], Hashable]]:
    """Give every row a numerator cell and (rates, shares) a denominator cell; list the additivities.

    Also returns where each (metric id, breakdown, part) is published (its cell key)."""
    values: dict[Hashable, int] = {}
    cell_of: dict[tuple[str, str, str], Hashable] = {}
    for row in rows:
        row.num_key = (row.indicator.metric_id, row.breakdown, "numerator")
        values[row.num_key] = row.numerator
        cell_of[row.num_key] = row.num_key
        if row.denominator is None:
            continue
        if row.metric.kind == "share":  # one denominator shared by every row of the share
            row.den_key = (row.indicator.metric_id, ALL, "denominator")
        else:
            row.den_key = (row.indicator.metric_id, row.breakdown, "denominator")
            shared = row.indicator.denominator_is
            other = (shared[0], row.breakdown, shared[1]) if shared else None
            if other is not None and other in values:
                if values[other] != row.denominator:
                    raise ReportError(
                        f"{row.indicator.metric_id} ({row.breakdown}): denominator {row.denominator} differs "
                        f"from {other[0]} {other[2]} {values[other]}; the return's shared quantities no "
                        "longer match the metric definitions",
                        metric=row.indicator.metric_id,
                    )
                row.den_key = other
        values[row.den_key] = row.denominator
        cell_of[
            (row.indicator.metric_id, row.breakdown if row.metric.kind != "share" else ALL, "denominator")
        ] = row.den_key
    additivities: list[Additivity] = []
    groups: dict[tuple[str, str], list[_Row]] = {}
    totals: dict[str, _Row] = {}
    for row in rows:
        if row.dimension is None:
            totals[row.indicator.metric_id] = row
        else:
            groups.setdefault((row.indicator.metric_id, row.dimension), []).append(row)
    for (metric_id, _), group in groups.items():
        if group[0].metric.kind == "share":  # the denominator is the sum of the shares' numerators
            additivities.append(Additivity(group[0].den_key, tuple(r.num_key for r in group)))
        elif metric_id in totals:  # the "All" row is the sum of the breakdown's rows
            total = totals[metric_id]
            additivities.append(Additivity(total.num_key, tuple(r.num_key for r in group)))
            if total.den_key is not None:
                additivities.append(Additivity(total.den_key, tuple(r.den_key for r in group)))
    return values, additivities, cell_of


def _notes(row: _Row, num_hidden: bool, den_hidden: bool, limit: int) -> str:
    notes = []
    if num_hidden or den_hidden:
        notes.append(NOTE_SUPPRESSED.format(threshold=limit))
    if (num_hidden or den_hidden) and row.denominator is not None:
        notes.append(NOTE_RATE)
    if not (num_hidden or den_hidden) and row.denominator == 0:
        notes.append(NOTE_NO_DENOMINATOR)
    return "; ".join(notes)


def build_return(
    con: duckdb.DuckDBPyConnection,
    quarter: str,
    *,
    threshold: int | None = None,
    force: str | None = None,
    suppress_zero: bool = False,
    indicators: tuple[ReturnIndicator, ...] = NPCC_RETURN,
    previous: Path | None = None,
) -> NationalReturn:
    """The return for ``quarter`` (e.g. "2022-Q4") with small counts and their protectors suppressed.

    ``previous``: the CSV of an earlier release of the same quarter; cells revised since by a small
    count are withheld too (``vawg.reports._npcc_previous``)."""
    first, last = quarter_bounds(quarter)
    limit = get_settings().suppression_threshold if threshold is None else threshold
    if limit < 1:
        raise ReportError(f"suppression threshold must be 1 or more; got {limit}", threshold=limit)
    force_name = force or get_settings().force_name
    check_quarter_covered(data_coverage(con), quarter)
    rows = _raw_rows(con, indicators, first, last)
    values, additivities, cell_of = _cells(rows)
    identities, not_holding = declared_identities(cell_of, values)
    before = previous_counts(previous, quarter, rows) if previous is not None else None
    result = suppress_counts(
        values,
        additivities,
        threshold=limit,
        suppress_zero=suppress_zero,
        identities=identities,
        previous=before,
    )
    published = []
    for row in rows:
        num_hidden = result.is_suppressed(row.num_key)
        den_hidden = row.den_key is not None and result.is_suppressed(row.den_key)
        hidden = num_hidden or den_hidden
        published.append(
            {
                "force": force_name,
                "quarter": quarter,
                "indicator_id": row.metric.id,
                "indicator_title": row.metric.title,
                "breakdown": row.breakdown,
                "numerator": None if num_hidden else row.numerator,
                "denominator": None if den_hidden else row.denominator,
                "value": None if hidden or pd.isna(row.value) else row.value,
                "unit": row.metric.unit,
                "suppressed": hidden,
                "note": _notes(row, num_hidden, den_hidden, limit),
            }
        )
    frame = pd.DataFrame(published, columns=list(TEMPLATE_COLUMNS))
    for column in ("numerator", "denominator"):
        frame[column] = frame[column].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    return NationalReturn(
        force_name, quarter, limit, frame, result, indicators, tuple(additivities), tuple(identities),
        tuple(not_holding),
    )  # fmt: skip


__all__ = [
    "NPCC_RETURN",
    "TEMPLATE_COLUMNS",
    "NationalReturn",
    "ReturnIndicator",
    "build_return",
    "quarter_bounds",
]
