"""Narrowing: the stored rows a small file (a delta) can concern, found in one pass.

Ingest matches a file's rows against the stored table by key, and a correction looks at every
stored link and outcome of the file's crimes. DuckDB has no index joins, so each of those passed
over the whole table: millions of rows per statement at scale 30, for a delta of a few thousand.
"""

from __future__ import annotations

import duckdb

from vawg.contract import Table
from vawg.ingest._corrections import BUNDLE_CRIMES, PER_CRIME_TABLES
from vawg.ingest._stage import STAGE, STORED, scalar

# Narrow when the stored table holds at least this many times the file's rows; a file about as big
# as the table (a full extract) would copy most of it for nothing.
NARROW_RATIO = 20


def narrow_stored(
    con: duckdb.DuckDBPyConnection, table: Table, staged: int, also: str | None = None
) -> str | None:
    """The stored rows a small file can concern, as a temp table (``trow`` = rowid, then columns).

    A delta holds a fraction of a percent of the rows; matching it against the whole table key by
    key, and again per crime for a correction, passed over millions of rows each time at scale 30.
    One pass over the first key column (a crime's links and outcomes: the crime) finds the few
    stored rows that can match; everything after works on them and reaches the table by rowid.
    ``also``: a SELECT of more first-key values to include (a delta's deletions of this table, so
    one pass serves both). Returns ``None`` (work on the table) when the file is not small beside
    the table.
    """
    stored_rows = scalar(con, f"SELECT count(*) FROM {table.name}")
    if stored_rows == 0 or staged * NARROW_RATIO > stored_rows:
        return None
    first = table.key[0]
    wanted = f"SELECT {first} FROM {STAGE}"
    if table.name in PER_CRIME_TABLES:
        wanted += f" UNION ALL SELECT crime_id FROM {BUNDLE_CRIMES}"
    if also is not None:
        wanted += f" UNION ALL {also}"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {STORED} AS SELECT rowid AS trow, * FROM {table.name} "
        f"WHERE {first} IN ({wanted})"
    )
    return STORED


__all__ = ["NARROW_RATIO", "narrow_stored"]
