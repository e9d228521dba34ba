"""The dashboard's tiles: each paper indicator's latest value, interval, SPC icon and change on the year.

All numbers come from registry results (``vawg.metrics``); wording and icons from ``vawg.reports``
so the app and the board report say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from vawg.errors import MetricError
from vawg.metrics import Metric, MetricResult, change_test, spc
from vawg.reports import (
    REPORT_INDICATORS,
    change_phrase,
    format_value,
    icon_label,
    icon_svg,
    significance_clause,
)
from vawg.web._selection import Selection, select, year_before

DASHBOARD_METRICS: tuple[str, ...] = tuple(spec.metric_id for spec in REPORT_INDICATORS)
UNTESTED = {"stock": "a point-in-time count, not tested", "days": "a median, not tested"}


@dataclass(frozen=True)
class Tile:
    """One indicator on the dashboard, ready to print."""

    metric: Metric
    strand: str
    period: str
    value: str
    interval: str | None
    variation: str | None
    icon: str  # inline SVG with a <title>; ``variation_label`` says the same in words
    variation_label: str
    change: str
    significance: str
    ignored: tuple[str, ...]
    held_back: str = ""  # why the latest periods are not headlined (immature outcomes, no full look-back)

    @property
    def has_data(self) -> bool:
        return self.period != ""


def _count(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def headline_rows(rows: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The rows that may be headlined or charted, and why any later ones are held back: a cohort
    outcome rate's period before its outcomes have matured, or a repeat/serial metric's period without
    its full look-back (issue 12: never headline or signal them)."""
    note = ""
    for column, why in (
        ("mature", "their crimes have not had the follow-up time outcomes need"),
        ("full_lookback", "they lack the full look-back period this measure needs"),
    ):
        if column in rows.columns:
            keep = rows[column].fillna(False).astype(bool)
            held = int((~keep).sum())
            if held:
                note = f"{held} period{'s' if held > 1 else ''} not shown: {why}"
            rows = rows[keep]
    return rows, note


def variation_of(
    metric: Metric, monthly: MetricResult, selection: Selection, last_day: date | None
) -> str | None:
    """The SPC variation icon of the selected monthly series (None: too few points)."""
    rows, _ = headline_rows(select(monthly, selection, last_day).rows.dropna(subset=["value"]))
    if len(rows) < 2:
        return None
    try:
        return spc(rows.set_index("period_start")["value"], metric.higher_is_better).variation
    except MetricError:
        return None


def build_tile(
    metric: Metric, strand: str, result: MetricResult, monthly: MetricResult, selection: Selection,
    last_day: date | None,
) -> Tile:  # fmt: skip
    chosen = select(result, selection, last_day)
    variation = variation_of(metric, monthly, selection, last_day)
    icon = icon_svg(variation, size=28) if variation else ""
    label = icon_label(variation) if variation else "Too few months for an SPC chart"
    rows, held_back = headline_rows(chosen.rows.dropna(subset=["value"]))
    if rows.empty:
        return Tile(
            metric, strand, "", "no data", None, variation, icon, label, "", "", chosen.ignored, held_back
        )
    latest = rows.iloc[-1]
    interval = None
    if "ci_low" in rows.columns and not pd.isna(latest["ci_low"]):
        interval = f"95% CI {format_value(latest['ci_low'], metric.unit)} to {format_value(latest['ci_high'], metric.unit)}"
    before = year_before(rows, latest)
    change, significance = "no value a year before", ""
    if before is not None:
        change = (
            change_phrase(float(before["value"]), float(latest["value"]), metric.unit)
            + f" ({before['period']})"
        )
        test = None
        if metric.kind not in UNTESTED:
            # statsmodels divides by zero for a zero count (its answer is still right): numpy's errstate
            # is per thread, unlike warnings filters
            with np.errstate(divide="ignore", invalid="ignore"):
                test = change_test(metric, int(latest["numerator"]), _count(latest["denominator"]),
                                   int(before["numerator"]), _count(before["denominator"]))  # fmt: skip
        significance = significance_clause(test, UNTESTED.get(metric.kind, "not tested (none a year before)"))
    value = format_value(float(latest["value"]), metric.unit)
    return Tile(metric, strand, str(latest["period"]), value, interval, variation, icon, label, change,
                significance, chosen.ignored, held_back)  # fmt: skip


def build_tiles(
    results: Mapping[str, MetricResult], monthly: Mapping[str, MetricResult], selection: Selection,
    last_day: date | None,
) -> list[Tile]:  # fmt: skip
    """A tile per dashboard indicator present in ``results`` (grain of the selection) and ``monthly``."""
    tiles = []
    for spec in REPORT_INDICATORS:
        if spec.metric_id in results and spec.metric_id in monthly:
            metric = results[spec.metric_id].metric
            tiles.append(build_tile(metric, spec.strand, results[spec.metric_id], monthly[spec.metric_id],
                                    selection, last_day))  # fmt: skip
    return tiles


__all__ = ["DASHBOARD_METRICS", "Tile", "build_tile", "build_tiles", "headline_rows", "variation_of"]
