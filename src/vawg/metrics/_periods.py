"""Periods: a date's period start for each grain (as an Ibis expression) and the period's label.

Grains: ``month`` ("2022-04"), ``quarter`` (calendar quarter, "2022-Q4"), ``fy`` (the UK financial
year, April to March, "2022/23") and ``all`` (the whole range asked for, labelled "all").
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

import pandas as pd

from vawg.errors import MetricError
from vawg.metrics._registry import GRAINS

if TYPE_CHECKING:
    import ibis.expr.types as ir

ALL_START = date(1900, 1, 1)  # period_start of the "all" grain when no start date is given


def check_grain(grain: str) -> None:
    if grain not in GRAINS:
        raise MetricError(f"unknown grain {grain!r}; expected one of {', '.join(GRAINS)}", grain=grain)


def period_start_expr(value: ir.DateValue, grain: str, start: date | None = None) -> ir.DateValue:
    """The first day of the period holding ``value``."""
    import ibis  # here: only compiling a query needs Ibis (compiled SQL is cached, see _sql_cache)

    check_grain(grain)
    if grain == "month":
        return value.truncate("M").cast("date")
    if grain == "quarter":
        return value.truncate("Q").cast("date")
    if grain == "fy":
        year = value.year()
        return ibis.date(ibis.ifelse(value.month() >= 4, year, year - 1), 4, 1)
    return ibis.literal(start or ALL_START, type="date")


def period_start_of(day: date, grain: str, start: date | None = None) -> date:
    """Python twin of :func:`period_start_expr` (for filling grids and for tests)."""
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if grain == "fy":
        return date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    return start or ALL_START


def next_period(start: date, grain: str) -> date:
    months = {"month": 1, "quarter": 3, "fy": 12}[grain]
    total = start.year * 12 + start.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def label(start: date, grain: str) -> str:
    if grain == "month":
        return f"{start.year}-{start.month:02d}"
    if grain == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if grain == "fy":
        return f"{start.year}/{(start.year + 1) % 100:02d}"
    return "all"


def period_range(first: date, last: date, grain: str) -> list[date]:
    """Every period start from the period of ``first`` to the period of ``last``."""
    if grain == "all":
        return [first]
    out, current = [], period_start_of(first, grain)
    end = period_start_of(last, grain)
    while current <= end:
        out.append(current)
        current = next_period(current, grain)
    return out


# --- vectorised twins over pandas datetime64 columns (the assembly works on these) -------------
TS: Literal["datetime64[s]"] = "datetime64[s]"


def as_ts(values: object) -> pd.Series:
    """Dates (python, numpy or pandas) as a datetime64[s] Series."""
    return pd.Series(pd.to_datetime(values)).astype(TS)  # type: ignore[call-overload]


def period_start_ts(ts: pd.Series, grain: str, start: date | None = None) -> pd.Series:
    if grain == "month":
        return ts.dt.to_period("M").dt.start_time.astype(TS)
    if grain == "quarter":
        return ts.dt.to_period("Q").dt.start_time.astype(TS)
    if grain == "fy":
        year = ts.dt.year - (ts.dt.month < 4).astype(int)
        return as_ts(pd.to_datetime({"year": year, "month": 4, "day": 1}))
    return pd.Series(pd.Timestamp(start or ALL_START), index=ts.index).astype(TS)


def labels(ts: pd.Series, grain: str) -> pd.Series:
    if grain == "month":
        return ts.dt.strftime("%Y-%m")
    if grain == "quarter":
        return ts.dt.year.astype(str) + "-Q" + ts.dt.quarter.astype(str)
    if grain == "fy":
        return ts.dt.year.astype(str) + "/" + ((ts.dt.year + 1) % 100).astype(str).str.zfill(2)
    return pd.Series("all", index=ts.index)
