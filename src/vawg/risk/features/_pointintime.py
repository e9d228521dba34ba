"""The point-in-time rule, written once: which records are *known* on an as-of date.

A record counts for an as-of date only if its own date is strictly before it:

=================  ==========================================================================
record             its date
=================  ==========================================================================
suspect link       the crime's ``recorded_date`` AND the link's ``linked_date`` (default: recorded)
victim link        the link's ``linked_date`` (default: the crime's ``recorded_date``)
order              ``start_date``
breach             ``breach_date`` (and its order's ``start_date``)
intelligence       ``submitted_date``
custody            ``arrest_date``
=================  ==========================================================================

A record with no usable date before the as-of date is left out. Nothing here reads an outcome, a
status or any other field a later extract could have changed about an earlier record.

Every query is set-wise over a relation ``d(as_of)`` of one or more dates, so a panel of ten as-of
dates for every suspect is one DuckDB query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import duckdb

from vawg.errors import RiskError
from vawg.reference import STALKING_ANTECEDENT_CODES
from vawg.store import extract_date

# SQL predicate over the ``sc`` relation for each kind of offence a component may count.
OFFENCE_PREDICATE: dict[str, str] = {"vawg": "is_vawg", "da": "is_da", "all": "TRUE"}

# The stalking antecedent codes (stalking 8Q, harassment 8L, malicious communications 8R), stated
# with their reasons and sources in vawg/reference/data/stalking_antecedents.csv: 8M (racially or
# religiously aggravated harassment) is not one. ``stalking_offences_total`` counts these codes, and
# the escalation cohort is everyone with at least one.
STALKING_CODES = STALKING_ANTECEDENT_CODES
SERIOUS_SEXUAL_CATEGORIES = ("rape", "sexual_assault", "other_sexual")


def since(months: int, as_of: str = "as_of") -> str:
    """SQL for the first day of a window of ``months`` ending at (before) the column ``as_of``."""
    return f"CAST({as_of} - INTERVAL {int(months)} MONTH AS DATE)"


def check_dates(as_of_dates: Iterable[date]) -> list[date]:
    dates = sorted(set(as_of_dates))
    if not dates:
        raise RiskError("no as-of date given: give at least one (e.g. --as-of 2022-04-01)")
    bad = [d for d in dates if not isinstance(d, date)]
    if bad:
        raise RiskError(f"as-of dates must be dates; found {bad[0]!r}", found=repr(bad[0]))
    return dates


def data_window(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """(first recorded crime, extract date): the span as-of dates and follow-ups must fit in.

    The extract date is the store's ``meta`` entry, or the last recorded crime without one.
    """
    first, last = con.execute("SELECT min(recorded_date), max(recorded_date) FROM crimes").fetchall()[0]
    if first is None:
        raise RiskError("the store has no crimes: load a bundle with `vawg ingest` first")
    return first, extract_date(con) or last


def suspect_crimes_ctes(*, persons: bool) -> str:
    """CTEs ``d`` (the as-of dates, ``$dates``) and ``sc``: suspect links known before each as-of date.

    ``sc`` has one row per (as_of, person_id, crime_id) with the crime's facts: recorded_date, area,
    offence_code, vawg_category, is_da, is_vawg (a VAWG category, the DA flag or the HBA flag) and
    harm_days (the shipped harm weight; 0 for a code without one). With ``persons`` the links are
    restricted to ``$persons``.
    """
    who = "AND cp.person_id IN (SELECT unnest(CAST($persons AS VARCHAR[])))" if persons else ""
    # Links are unique per (crime_id, person_id, role): the contract's key, enforced by ingest. The
    # links are joined to the crimes once, and only then to the few as-of dates (a cheap range join).
    return f"""
d AS (SELECT DISTINCT CAST(unnest($dates) AS DATE) AS as_of),
links AS (
  SELECT cp.person_id, c.crime_id, c.recorded_date, c.area,
         CAST(c.offence_code AS VARCHAR) AS offence_code, r.vawg_category,
         c.da_flag AS is_da,
         (r.vawg_category IS NOT NULL OR c.da_flag OR coalesce(c.hba_flag, FALSE)) AS is_vawg,
         coalesce(r.harm_days, 0.0) AS harm_days,
         greatest(c.recorded_date, coalesce(cp.linked_date, c.recorded_date)) AS known
  FROM crime_persons cp
  JOIN crimes c ON c.crime_id = cp.crime_id
  LEFT JOIN ref_offence r ON r.offence_code = CAST(c.offence_code AS VARCHAR)
  WHERE cp.role = 'suspect' {who}
),
sc AS MATERIALIZED (
  SELECT d.as_of, links.* EXCLUDE (known) FROM links JOIN d ON links.known < d.as_of
)"""


def victims_cte(*, offences: str, window_months: int, name: str = "vic") -> str:
    """CTE ``name``: distinct victims (known before as-of) of each person's offences in the window."""
    return f"""
{name} AS (
  SELECT sc.as_of, sc.person_id, count(DISTINCT v.person_id) AS victims
  FROM sc
  JOIN crime_persons v ON v.crime_id = sc.crime_id AND v.role = 'victim'
       AND v.person_id <> sc.person_id
       AND coalesce(v.linked_date, sc.recorded_date) < sc.as_of
  WHERE {OFFENCE_PREDICATE[offences]} AND sc.recorded_date >= {since(window_months, "sc.as_of")}
  GROUP BY sc.as_of, sc.person_id
)"""


def params(dates: Sequence[date], persons: Sequence[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"dates": list(dates)}
    if persons is not None:
        out["persons"] = [str(p) for p in persons]
    return out


__all__ = [
    "OFFENCE_PREDICATE",
    "SERIOUS_SEXUAL_CATEGORIES",
    "STALKING_CODES",
    "check_dates",
    "data_window",
    "params",
    "since",
    "suspect_crimes_ctes",
    "victims_cte",
]
