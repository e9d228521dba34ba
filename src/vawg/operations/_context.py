"""What every list checks first: the as-of date lies within the data, the area exists, tables exist.

Bad input is an :class:`~vawg.errors.OperationsError` that says what would be valid; nothing is
computed or written before these checks pass.
"""

from __future__ import annotations

from datetime import date

import duckdb

from vawg.errors import OperationsError
from vawg.store import extract_date


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the store has ``name`` (a store made before contract 1.1 lacks its new tables)."""
    rows = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchall()
    return bool(rows[0][0])


def data_window(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """(first recorded crime, extract date or else the last recorded crime): the dates a list may be
    computed as of."""
    rows = con.execute("SELECT min(recorded_date), max(recorded_date) FROM crimes").fetchall()
    first, last = rows[0]
    if first is None:
        raise OperationsError(
            "the store holds no crimes, so no list can be computed; load an extract with `vawg ingest`"
        )
    return first, extract_date(con) or last


def check_as_of(con: duckdb.DuckDBPyConnection, as_of: date) -> None:
    first, last = data_window(con)
    if not first <= as_of <= last:
        raise OperationsError(
            f"as-of date {as_of.isoformat()} is outside the data: give a date from {first.isoformat()} "
            f"to {last.isoformat()}",
            as_of=as_of.isoformat(),
            valid=[first.isoformat(), last.isoformat()],
        )


def areas(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every area a crime was recorded in, sorted."""
    return [r[0] for r in con.execute("SELECT DISTINCT area FROM crimes ORDER BY area").fetchall()]


def check_area(con: duckdb.DuckDBPyConnection, area: str | None) -> None:
    if area is None:
        return
    known = areas(con)
    if area not in known:
        raise OperationsError(
            f"no area {area!r} in the data; the areas are: {', '.join(known)}", area=area, valid=known
        )


# A person's area as of $d: that of their most recent crime as a suspect recorded on or before $d,
# for the people of the CTE named by ``people`` (so only they are looked up, not every suspect).
SUSPECT_AREA_CTE = """suspect_area AS (
  SELECT cp.person_id, arg_max(c.area, strftime(c.recorded_date, '%Y-%m-%d') || c.crime_id) AS area
  FROM crime_persons cp JOIN crimes c ON c.crime_id = cp.crime_id
  WHERE cp.role = 'suspect' AND c.recorded_date <= $d AND coalesce(cp.linked_date, c.recorded_date) <= $d
    AND cp.person_id IN (SELECT person_id FROM {people})
  GROUP BY cp.person_id
)"""

# The area filter every list applies last ($area NULL: every area).
AREA_FILTER = "(CAST($area AS VARCHAR) IS NULL OR area = CAST($area AS VARCHAR))"


def params(as_of: date, area: str | None) -> dict[str, object]:
    return {"d": as_of, "area": area}


__all__ = [
    "AREA_FILTER",
    "SUSPECT_AREA_CTE",
    "areas",
    "check_area",
    "check_as_of",
    "data_window",
    "has_table",
]
