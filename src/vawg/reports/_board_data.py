"""Gather the board report's numbers: the window, metric results, sections' tables and sentences.

Every number comes from ``vawg.metrics`` (by metric id) or ``vawg.national`` (by comparison measure);
data-quality caveats come from ``vawg.quality`` and the extract date from ``vawg.store``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import pandas as pd

from vawg.errors import ReportError
from vawg.metrics import REGISTRY, change_test, compute, compute_all, data_coverage
from vawg.reports._indicators import REPORT_INDICATORS, IndicatorRow
from vawg.reports._paper_figures import PAPER_FIGURES
from vawg.reports._sentences import (
    BASIS_WORDS,
    NOT_TESTABLE,
    format_value,
    improving_run,
    month_name,
    plural,
    significance_clause,
)
from vawg.store import extract_date

# Police, Crime, Sentencing and Courts Act 2022: pre-charge bail changes in force (domain facts §1).
BAIL_CHANGE = date(2022, 10, 28)
# Read over the past twelve months only, beside the indicators: the share of positive outcomes that
# are outcome 1 (para 32) and the victim profiles of the equality section (para 54).
CURRENT_EXTRA = ("da_outcome_1_share", "victim_age_profile", "victim_age_years", "victim_age_18_34_share",
                 "victim_sex_profile")  # fmt: skip


@dataclass(frozen=True)
class ReportWindow:
    """The past twelve months (``start``–``end``) and the twelve before (``previous_*``)."""

    start: date
    end: date
    previous_start: date
    previous_end: date

    @property
    def last_month(self) -> date:
        return self.end.replace(day=1)

    @property
    def label(self) -> str:
        return f"{self.start:%B %Y} to {self.end:%B %Y}"

    @property
    def previous_label(self) -> str:
        return f"{self.previous_start:%B %Y} to {self.previous_end:%B %Y}"


def _month_end(day: date) -> date:
    """The last day of ``day``'s month if ``day`` is that day, else the last day of the month before."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day if day == following - timedelta(days=1) else day.replace(day=1) - timedelta(days=1)


def report_window(con: duckdb.DuckDBPyConnection, period_end: date | None = None) -> ReportWindow:
    """Twelve complete months ending at ``period_end`` (default: the store's extract date)."""
    end = period_end or extract_date(con)
    if end is None:
        raise ReportError(
            "the store has no extract date; give the report's last day with --period-end YYYY-MM-DD"
        )
    end = _month_end(end)
    months = end.year * 12 + end.month - 1 - 11  # the month eleven months before end's month
    start = date(months // 12, months % 12 + 1, 1)
    previous_end = start - timedelta(days=1)
    previous_start = date(start.year - 1, start.month, 1)
    window = ReportWindow(start, end, previous_start, previous_end)
    check_window_covered(con, window)
    return window


def check_window_covered(con: duckdb.DuckDBPyConnection, window: ReportWindow) -> None:
    """Refuse a report whose 24 months are not all inside the data, naming the period ends allowed.

    A window past the extract carries stocks forward and one before the first record compares with
    nothing ("decreased to 4,035 from n/a"): neither is a board's twelve months.
    """
    coverage = data_coverage(con)
    if coverage.covers(window.previous_start, window.end):
        return
    months = coverage.first.year * 12 + coverage.first.month - 1 + 23
    earliest = _month_end(date(months // 12, months % 12 + 1, 28) + timedelta(days=4))
    latest = _month_end(coverage.last)
    allowed = (
        f"--period-end must be between {earliest} and {latest}"
        if earliest <= latest
        else "that is less than the 24 months the report needs"
    )
    raise ReportError(
        f"the report compares twelve months with the twelve before ({window.previous_start} to {window.end}), "
        f"but the store's data covers {coverage.describe()}: {allowed}",
        period_end=str(window.end),
    )


@dataclass
class MetricBundle:
    """The metric results the report reads: two twelve-month windows and 24 monthly points."""

    current: dict[str, Any]
    previous: dict[str, Any]
    monthly: dict[str, Any]
    easi_to_date: Any | None


def fetch_metrics(con: duckdb.DuckDBPyConnection, window: ReportWindow) -> MetricBundle:
    """Compute every metric the report needs, in three batched runs plus EASI to date."""
    indicator_ids = [s.metric_id for s in REPORT_INDICATORS]
    flows = [m for m in indicator_ids if REGISTRY.get(m).kind != "stock"]
    current = compute_all(
        con, grain="all", start=window.start, end=window.end, metrics=[*flows, *CURRENT_EXTRA]
    )
    previous = compute_all(  # victims by sex too: the "against women and girls" headline compares years
        con,
        grain="all",
        start=window.previous_start,
        end=window.previous_end,
        metrics=[*flows, "victim_sex_profile"],
    )
    monthly_ids = sorted({*indicator_ids, *(m for f in PAPER_FIGURES for m in f.metric_ids)})
    monthly = compute_all(
        con, grain="month", start=window.previous_start, end=window.end, metrics=monthly_ids
    )
    easi = (
        compute(con, "easi_completions", grain="all", end=window.end)
        if "easi_completions" in REGISTRY
        else None
    )
    return MetricBundle(current, previous, monthly, easi)


def equal_follow_up_sentence(
    con: duckdb.DuckDBPyConnection, window: ReportWindow, days: int = 90
) -> str | None:
    """The DA positive outcome rate at equal follow-up: the window's mature months against a year before.

    On the fixed follow-up basis (a positive outcome within ``days`` of recording) a month is final
    once ``days`` have passed since its end, so the comparison runs to the last such month end.
    """
    metric_id = f"da_positive_outcome_rate_{days}d"
    extract = extract_date(con)
    if metric_id not in REGISTRY or extract is None:
        return None
    mature_end = _month_end(extract - timedelta(days=days))
    if mature_end < window.start:
        return None
    end = min(mature_end, window.end)
    now = compute(con, metric_id, grain="all", start=window.start, end=end).frame
    then = compute(con, metric_id, grain="all", start=_year_before(window.start), end=_year_before(end)).frame
    if now.empty or then.empty:
        return None
    n1, d1, v1 = int(now["numerator"].iloc[0]), int(now["denominator"].iloc[0]), float(now["value"].iloc[0])
    n2, d2, v2 = (
        int(then["numerator"].iloc[0]),
        int(then["denominator"].iloc[0]),
        float(then["value"].iloc[0]),
    )
    test = change_test(REGISTRY.get(metric_id), n1, d1, n2, d2)
    return (
        f"At equal follow-up (fixed follow-up basis: a positive outcome within {days} days of recording), "
        f"domestic abuse crimes recorded {window.start:%B %Y} to {end:%B %Y} reached "
        f"{format_value(v1, 'rate')}, against {format_value(v2, 'rate')} for the same months a year earlier; "
        f"this is {significance_clause(test, NOT_TESTABLE)}."
    )


def _year_before(day: date) -> date:
    """A month's first (or last) day a year earlier (29 February's month end is 28 February)."""
    first = day.replace(day=1, year=day.year - 1)
    return (
        first
        if day.day == 1
        else (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    )


def women_and_girls_sentence(current: Any, previous: Any) -> str | None:
    """The headline on female victims: VAWG counts also include offences against male victims."""
    from vawg.metrics import compare_counts

    def counts(result: Any) -> tuple[int, int, int]:
        frame = result.frame
        female = int(frame.loc[frame["sex"] == "F", "numerator"].sum())
        male = int(frame.loc[frame["sex"] == "M", "numerator"].sum())
        return female, male, int(frame["numerator"].sum())

    female, male, total = counts(current)
    before, _, _ = counts(previous)
    if not total:
        return None
    test = compare_counts(female, before) if before else None
    return (
        f"Against women and girls: of {total:,} victims of VAWG crimes recorded over the past twelve months, "
        f"{female:,} ({female / total:.1%}) were women and girls, against {before:,} in the twelve months before; "
        f"this is {significance_clause(test, NOT_TESTABLE)}. The VAWG figures in this paper also count "
        f"offences against male victims ({male:,} victims this year) and domestic abuse against men."
    )


def outstanding_sentence(row: IndicatorRow, monthly: Any, window: ReportWindow) -> str:
    """Fig. 1: the last month end against a year earlier, and whether it is the twelve-month low."""
    values = monthly.series()
    last12 = values[[pd.Timestamp(d).date() >= window.start for d in values.index]]
    change = (row.current - row.previous) / row.previous if row.previous else float("nan")
    text = (
        f"{row.spec.phrase} at the end of {month_name(window.last_month)} {row.direction_phrase} at the end "
        f"of {month_name(window.last_month.replace(year=window.last_month.year - 1))}"
        + (f" (relative change {change:+.1%})" if pd.notna(change) else "")
    )
    if len(last12) and row.current <= last12.min():
        text += "; it is the lowest month end of the past twelve months"
    elif len(last12):
        low_at = last12.idxmin()
        text += (
            f"; the lowest month end of the past twelve months was {month_name(low_at)} ({last12.min():,.0f})"
        )
    return text + " (see Figure 1)."


def stalking_run_sentence(monthly: Any) -> str | None:
    """Fig. 2: how many months in a row the stalking positive outcome rate has improved."""
    values = monthly.series()
    run = improving_run(
        list(values.to_numpy()), REGISTRY.get("stalking_positive_outcome_rate").higher_is_better
    )
    last = values.iloc[-1] if len(values) else float("nan")
    if run >= 2:
        return (
            f"Stalking positive outcome rates ({BASIS_WORDS['closure']}) have improved for "
            f"{plural(run, 'consecutive month')}, to {format_value(last, 'rate')} in {month_name(values.index[-1])} "
            "(see Figure 2)."
        )
    return (
        f"The stalking positive outcome rate ({BASIS_WORDS['closure']}) was {format_value(last, 'rate')} in "
        f"{month_name(values.index[-1])} (see Figure 2)."
    )


def seasonal_sentence(monthly: Any) -> str | None:
    """Fig. 3: June–August against November–February, in each financial year of the window."""
    values = monthly.series()
    index = pd.to_datetime(values.index)
    fy = [d.year if d.month >= 4 else d.year - 1 for d in index]
    parts, peaks = [], []
    for year in sorted(set(fy)):
        chosen = [y == year for y in fy]
        months = index[chosen].month
        year_values = values[chosen]
        summer = year_values[months.isin([6, 7, 8])]
        winter = year_values[months.isin([11, 12, 1, 2])]
        if len(summer) == 3 and len(winter) == 4:
            parts.append(f"{year}/{(year + 1) % 100:02d}: {summer.mean():,.0f} against {winter.mean():,.0f}")
            peaks.append(summer.mean() > winter.mean())
    if not parts:
        return None
    pattern = (
        "a summer peak in every year"
        if all(peaks)
        else ("a summer peak in some years" if any(peaks) else "no summer peak")
    )
    return (
        f"Monthly domestic abuse incidents in June–August against November–February averaged "
        f"{'; '.join(parts)}: {pattern} (see Figure 3)."
    )


def bail_sentence(monthly: Any) -> str | None:
    """Paras 33–34: the monthly range of DA suspects bailed before and after the bail changes."""
    values = monthly.series()
    index = [pd.Timestamp(d).date() for d in values.index]
    change_month = BAIL_CHANGE.replace(day=1)
    before = values[[d < change_month for d in index]]
    after = values[[d > change_month for d in index]]
    if before.empty or after.empty:
        return None
    return (
        f"Domestic abuse suspects released on bail numbered {_range(before)} a month before the bail changes of "
        f"{BAIL_CHANGE:%-d %B %Y} and {_range(after)} a month since (the month of the change left out)."
    )


def _range(values: pd.Series) -> str:
    low, high = values.min(), values.max()
    return f"{low:,.0f}" if f"{low:,.0f}" == f"{high:,.0f}" else f"{low:,.0f} to {high:,.0f}"


__all__ = [
    "BAIL_CHANGE",
    "CURRENT_EXTRA",
    "MetricBundle",
    "ReportWindow",
    "bail_sentence",
    "check_window_covered",
    "equal_follow_up_sentence",
    "fetch_metrics",
    "outstanding_sentence",
    "report_window",
    "seasonal_sentence",
    "stalking_run_sentence",
    "women_and_girls_sentence",
]
