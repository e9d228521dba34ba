"""What period the store's data covers, so a period outside it is refused rather than made up.

A return for a quarter a year after the extract would carry the last stock forward, and one for a
quarter before the first record would be built from a day or two. The coverage runs from the first
day of the month of the earliest recorded crime (forces extract whole months) to the extract date
(else the last recorded crime).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from vawg.errors import MetricError


@dataclass(frozen=True)
class DataCoverage:
    """The first and last day the store holds data for (inclusive)."""

    first: date
    last: date

    def covers(self, start: date, end: date) -> bool:
        """Whether the whole period ``start``–``end`` lies inside the data."""
        return self.first <= start and end <= self.last

    def describe(self) -> str:
        return f"{self.first:%-d %B %Y} to {self.last:%-d %B %Y}"


def data_coverage(con: duckdb.DuckDBPyConnection) -> DataCoverage:
    """The store's coverage; a MetricError when it holds no crimes."""
    from vawg.metrics._compute import _data_end

    rows = con.execute("SELECT min(recorded_date) FROM crimes").fetchall()
    first = rows[0][0] if rows else None
    last = _data_end(con)
    if first is None or last is None:
        raise MetricError("the store holds no recorded crimes; run `vawg ingest` first")
    return DataCoverage(first.replace(day=1), last)


__all__ = ["DataCoverage", "data_coverage"]
