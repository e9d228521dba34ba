"""Read the store's ``meta`` table: what the loads so far say about the data as a whole."""

from __future__ import annotations

from datetime import date

import duckdb


def extract_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The latest extract date loaded (ingest keeps the greatest), or None before any load."""
    # fetchall, not fetchone: DuckDB 2 keeps a half-read result open and then refuses the next query.
    rows = con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchall()
    return date.fromisoformat(str(rows[0][0])[:10]) if rows and rows[0][0] else None
