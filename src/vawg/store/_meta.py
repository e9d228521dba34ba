"""Read the store's ``meta`` table: what the loads so far say about the data as a whole."""

from __future__ import annotations

from datetime import date

import duckdb


def extract_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The latest extract date loaded (ingest keeps the greatest), or None before any load."""
    # fetchall, not fetchone: DuckDB 2 keeps a half-read result open and then refuses the next query.
    rows = con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchall()
    return date.fromisoformat(str(rows[0][0])[:10]) if rows and rows[0][0] else None


# Where the stored extract date came from (meta key extract_date_source), in the words the ingest
# and quality reports use. An inferred or assumed date is said loudly: everything is valued up to it.
EXTRACT_DATE_SOURCES: dict[str, str] = {
    "option": "given with --extract-date",
    "manifest": "from the bundle's manifest.json",
    "inferred": "INFERRED from the latest date in the data (no --extract-date, no manifest.json); "
    "check it, and reload with --extract-date if it is wrong",
    "today": "ASSUMED to be the day of loading (no --extract-date, no manifest.json, no dated rows); "
    "reload with --extract-date",
}


def extract_date_source(con: duckdb.DuckDBPyConnection) -> str | None:
    """How the stored extract date was set (a key of EXTRACT_DATE_SOURCES), or None if not recorded."""
    rows = con.execute("SELECT value FROM meta WHERE key = 'extract_date_source'").fetchall()
    return str(rows[0][0]) if rows else None
