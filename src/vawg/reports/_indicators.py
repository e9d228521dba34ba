"""The board report's indicators: which metrics, under which strand, and their year-on-year rows.

The report holds no queries: each row is a metric of the registry computed over the past twelve
months and the twelve before (``compute_all`` with grain "all" over each window; stock metrics are
read at the month ends from the monthly results), compared by ``vawg.metrics.change_test``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from vawg.metrics import REGISTRY, Comparison, Metric, change_test
from vawg.reports._sentences import (
    IMMATURE_WORDS,
    NOT_TESTABLE,
    NOT_TESTED,
    change_phrase,
    direction,
    format_value,
    judgement,
    significance_clause,
    twelve_month_sentence,
    with_basis,
)

STRANDS: tuple[str, ...] = (
    "Safety in Public",
    "Criminal Justice",
    "Offender and Suspect Management",
    "Our Behaviours",
    "Be Intelligence and Data Informed",
    "Engagement, Insight and Communication",
)

# The strands' stable ids, in the paper's order: file names of the strand narratives
# (``narratives/<strand-id>.md``) and keys any section about a strand can use. Defined once here.
STRAND_IDS: dict[str, str] = {
    "safety-in-public": "Safety in Public",
    "criminal-justice": "Criminal Justice",
    "offender-and-suspect-management": "Offender and Suspect Management",
    "our-behaviours": "Our Behaviours",
    "intelligence-and-data": "Be Intelligence and Data Informed",
    "engagement-insight-communication": "Engagement, Insight and Communication",
}


@dataclass(frozen=True)
class ReportIndicator:
    """A metric in the board report: its strand, how sentences name it, whether it gets an SPC tile."""

    metric_id: str
    strand: str
    phrase: str
    spc: bool = False
    seasonal: bool = False  # also chart the seasonally adjusted values (STL) and compare months a year apart


REPORT_INDICATORS: tuple[ReportIndicator, ...] = (
    ReportIndicator("da_outstanding_suspects", "Criminal Justice", "The number of outstanding domestic abuse suspects", True),
    ReportIndicator("stalking_recorded_crimes", "Criminal Justice", "Recorded stalking offences", True),
    ReportIndicator("stalking_positive_outcome_rate", "Criminal Justice", "Positive outcome rates for stalking", True),
    ReportIndicator("da_incidents", "Criminal Justice", "Recorded domestic abuse incidents", True, seasonal=True),
    ReportIndicator("da_recorded_crimes", "Criminal Justice", "Recorded domestic abuse crimes"),
    ReportIndicator("da_positive_outcome_rate", "Criminal Justice", "Positive outcome rates for domestic abuse", True),
    ReportIndicator("da_charge_rate", "Criminal Justice", "Charge or summons rates for domestic abuse"),
    ReportIndicator("da_suspects_bailed", "Criminal Justice", "Domestic abuse suspects released on bail", True),
    ReportIndicator("da_suspects_rui", "Criminal Justice", "Domestic abuse suspects released under investigation"),
    ReportIndicator("vawg_recorded_crimes", "Be Intelligence and Data Informed", "Recorded VAWG crimes"),
    ReportIndicator("vawg_positive_outcome_rate", "Be Intelligence and Data Informed", "Positive outcome rates for VAWG crimes"),
    ReportIndicator("female_detainees", "Offender and Suspect Management", "Female detainees", True),
    ReportIndicator("new_chance_referrals", "Offender and Suspect Management", "Referrals to New Chance"),
    ReportIndicator("orders_issued", "Offender and Suspect Management", "Protective orders issued"),
)  # fmt: skip


@dataclass
class IndicatorRow:
    """One indicator over the past twelve months against the twelve before."""

    spec: ReportIndicator
    metric: Metric
    current: float
    previous: float
    current_n: int
    previous_n: int
    current_d: int | None
    previous_d: int | None
    comparison: Comparison | None

    @property
    def direction(self) -> str:
        return direction(self.previous, self.current, self.metric.unit)

    @property
    def judgement(self) -> str:
        return judgement(self.direction, self.metric.higher_is_better)  # type: ignore[arg-type]

    @property
    def arrow(self) -> str:
        return {"increased": "▲", "decreased": "▼"}.get(self.direction, "■")

    @property
    def current_text(self) -> str:
        return format_value(self.current, self.metric.unit)

    @property
    def previous_text(self) -> str:
        return format_value(self.previous, self.metric.unit)

    @property
    def untested(self) -> str:
        return NOT_TESTED if self.metric.kind == "stock" else NOT_TESTABLE

    @property
    def is_empty(self) -> bool:
        """Nothing in either period (e.g. a table the force does not supply)."""
        return self.current_n == 0 and self.previous_n == 0

    @property
    def significance(self) -> str:
        return significance_clause(self.comparison, self.untested)

    @property
    def sentence(self) -> str:
        if self.metric.kind == "stock":
            return (
                f"{self.spec.phrase} at the last month end {self.direction_phrase}, against the same month "
                f"a year earlier: {significance_clause(None)}."
            )
        sentence = twelve_month_sentence(
            with_basis(self.spec.phrase, self.metric),
            self.previous,
            self.current,
            self.metric.unit,
            self.comparison,
        )
        if self.metric.basis == "cohort":  # two windows never have equal follow-up on this basis
            sentence += f" On this basis {IMMATURE_WORDS}."
        return sentence

    @property
    def direction_phrase(self) -> str:
        verb = "was " if self.direction == "unchanged" else ""
        return verb + change_phrase(self.previous, self.current, self.metric.unit)


def _one(results: Mapping[str, Any], metric_id: str) -> tuple[int, int | None, float]:
    """(numerator, denominator, value) of a grain-"all" result with no breakdown."""
    frame = results[metric_id].frame
    if frame.empty:
        return 0, None, float("nan")
    row = frame.iloc[0]
    den = None if pd.isna(row["denominator"]) else int(row["denominator"])
    return int(row["numerator"]), den, float(row["value"])


def stock_at(monthly: Any, month_start: date) -> float:
    frame = monthly.frame
    hit = frame[pd.to_datetime(frame["period_start"]) == pd.Timestamp(month_start)]
    return float(hit["value"].iloc[0]) if len(hit) else float("nan")


def indicator_rows(
    current: Mapping[str, Any],
    previous: Mapping[str, Any],
    monthly: Mapping[str, Any],
    last_month: date,
    specs: tuple[ReportIndicator, ...] = REPORT_INDICATORS,
) -> list[IndicatorRow]:
    """One row per indicator present in the results (twelve months against the twelve before)."""
    rows = []
    year_before = date(last_month.year - 1, last_month.month, 1)
    for spec in specs:
        metric = REGISTRY.get(spec.metric_id)
        if metric.kind == "stock":
            if spec.metric_id not in monthly:
                continue
            now, then = (
                stock_at(monthly[spec.metric_id], last_month),
                stock_at(monthly[spec.metric_id], year_before),
            )
            if not (np.isfinite(now) and np.isfinite(then)):
                continue
            rows.append(IndicatorRow(spec, metric, now, then, int(now), int(then), None, None, None))
            continue
        if spec.metric_id not in current or spec.metric_id not in previous:
            continue
        n1, d1, v1 = _one(current, spec.metric_id)
        n2, d2, v2 = _one(previous, spec.metric_id)
        rows.append(IndicatorRow(spec, metric, v1, v2, n1, n2, d1, d2, change_test(metric, n1, d1, n2, d2)))
    return rows


__all__ = ["REPORT_INDICATORS", "STRANDS", "STRAND_IDS", "IndicatorRow", "ReportIndicator", "indicator_rows"]
