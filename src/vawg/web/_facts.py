"""Facts about the current store version that every page needs (computed once per version)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from vawg.errors import VawgError
from vawg.metrics import compute
from vawg.reports import report_window
from vawg.store import extract_date

DA_VALUES = ("da", "non_da")


@dataclass(frozen=True)
class StoreFacts:
    """Extract date, the last complete month's end, and the filter values the data holds."""

    extract: date | None
    last_day: date | None
    areas: tuple[str, ...]
    categories: tuple[str, ...]
    da_values: tuple[str, ...] = DA_VALUES


def _values(con: duckdb.DuckDBPyConnection, dim: str) -> tuple[str, ...]:
    result = compute(con, "vawg_recorded_crimes", grain="all", by=(dim,))
    return tuple(sorted(str(v) for v in result.frame[dim].dropna().unique()))


def store_facts(con: duckdb.DuckDBPyConnection) -> StoreFacts:
    try:
        last_day: date | None = report_window(con).end
    except VawgError:  # an empty store: no window yet
        last_day = None
    return StoreFacts(extract_date(con), last_day, _values(con, "area"), _values(con, "vawg_category"))


__all__ = ["DA_VALUES", "StoreFacts", "store_facts"]
