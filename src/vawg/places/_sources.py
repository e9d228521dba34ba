"""The points each analysis runs on: police.uk crimes of a category, or the force's public-space VAWG.

**The public-space rule** (the force's own crimes): a crime is analysed as public-space VAWG when

1. its offence is one of ``PUBLIC_SPACE_OFFENCES`` (sexual assault 20A 20B 17A 17B, exposure and
   voyeurism 88E, harassment and stalking 8L 8M 8Q, public fear, alarm or distress 9A 9B);
2. ``public_place`` is true (a missing flag is not public: the place is not known to be public);
3. ``da_flag`` is false: domestic abuse happens mostly in homes, and a home is never mapped, whatever
   its ``public_place`` says;
4. it is not flagged online;
5. it has a point (latitude and longitude).

Crimes with no point are counted (``without_location``), never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import duckdb
import pandas as pd

from vawg.errors import IngestError
from vawg.places._categories import VIOLENCE_AND_SEXUAL

Source = Literal["policeuk", "force"]
SOURCES: tuple[str, ...] = ("policeuk", "force")

PUBLIC_SPACE_OFFENCES: tuple[str, ...] = ("20A", "20B", "17A", "17B", "88E", "8L", "8M", "8Q", "9A", "9B")
PUBLIC_SPACE_RULE = (
    "public-space VAWG: offences 20A 20B 17A 17B (sexual assault), 88E (exposure and voyeurism), "
    "8L 8M 8Q (harassment and stalking), 9A 9B (public order); public_place true; not domestic "
    "abuse (a home is never mapped); not online"
)
LOCATION_COLUMNS = ("latitude", "longitude", "lsoa_code", "public_place")

POINT_COLUMNS = ("latitude", "longitude", "month", "area", "lsoa_code", "hour", "weekday")


@dataclass(frozen=True)
class Points:
    """The points of one analysis and what was left out and why."""

    source: str
    description: str
    frame: pd.DataFrame  # POINT_COLUMNS; hour and weekday NULL when the source has no time
    without_location: int
    start: date
    end: date


def _bounds(con: duckdb.DuckDBPyConnection, table: str, column: str) -> tuple[date, date]:
    low, high = con.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchall()[0]
    if low is None:
        raise IngestError(f"no rows in {table}: load data first", table=table)
    return low, high


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchall()
    return bool(rows[0][0])


def policeuk_points(con: duckdb.DuckDBPyConnection, start: date | None = None, end: date | None = None,
                    category: str = VIOLENCE_AND_SEXUAL) -> Points:  # fmt: skip
    """police.uk crimes of ``category`` in months ``start``..``end`` (default: all loaded)."""
    if not _has_table(con, "policeuk_crimes"):
        raise IngestError("no police.uk data in the store: run `vawg places load DIR` first")
    low, high = _bounds(con, "policeuk_crimes", "month")
    start, end = start or low, end or high
    frame = con.execute(
        """SELECT latitude, longitude, month,
                  coalesce(regexp_extract(lsoa_name, '^(.*) [0-9]{3}[A-Z]$', 1), falls_within) AS area,
                  lsoa_code, CAST(NULL AS INTEGER) AS hour, CAST(NULL AS INTEGER) AS weekday
           FROM policeuk_crimes WHERE crime_type = ? AND month BETWEEN ? AND ?""",
        [category, date(start.year, start.month, 1), end],
    ).df()
    located = frame["latitude"].notna() & frame["longitude"].notna()
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    frame["area"] = frame["area"].replace("", None).fillna("Unknown")
    return Points("policeuk", f'police.uk "{category}"', frame[located].reset_index(drop=True),
                  int((~located).sum()), start, end)  # fmt: skip


def force_points(
    con: duckdb.DuckDBPyConnection, start: date | None = None, end: date | None = None
) -> Points:
    """The force's public-space VAWG crimes (the rule in the module doc) committed ``start``..``end``."""
    columns = {r[0] for r in con.execute("DESCRIBE crimes").fetchall()}
    missing = [c for c in LOCATION_COLUMNS if c not in columns]
    if missing:
        raise IngestError(f"the store's crimes table has no {', '.join(missing)}: it predates contract 1.1")
    low, high = _bounds(con, "crimes", "coalesce(committed_date, recorded_date)")
    start, end = start or low, end or high
    codes = ", ".join(f"'{c}'" for c in PUBLIC_SPACE_OFFENCES)
    frame = con.execute(
        f"""SELECT latitude, longitude, date_trunc('month', coalesce(committed_date, recorded_date))::DATE AS month,
                   area, lsoa_code, committed_hour AS hour,
                   isodow(coalesce(committed_date, recorded_date)) - 1 AS weekday
            FROM crimes
            WHERE CAST(offence_code AS VARCHAR) IN ({codes}) AND public_place AND NOT da_flag
              AND NOT coalesce(online_flag, false)
              AND coalesce(committed_date, recorded_date) BETWEEN ? AND ?""",
        [start, end],
    ).df()
    located = frame["latitude"].notna() & frame["longitude"].notna()
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    frame.loc[frame["hour"].notna() & ~frame["hour"].between(0, 23), "hour"] = None
    return Points("force", "the force's public-space VAWG", frame[located].reset_index(drop=True),
                  int((~located).sum()), start, end)  # fmt: skip


def points(
    con: duckdb.DuckDBPyConnection, source: str, start: date | None = None, end: date | None = None
) -> Points:
    """The points of ``source`` (``policeuk`` or ``force``)."""
    if source == "policeuk":
        return policeuk_points(con, start, end)
    if source == "force":
        return force_points(con, start, end)
    raise IngestError(f"unknown source {source!r}; expected one of {', '.join(SOURCES)}", source=source)


__all__ = [
    "PUBLIC_SPACE_OFFENCES",
    "PUBLIC_SPACE_RULE",
    "SOURCES",
    "Points",
    "force_points",
    "points",
    "policeuk_points",
]
