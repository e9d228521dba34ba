"""Plain-SQL access to a bundle for the synthetic force's tests (DuckDB over the CSV files)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from vawg.contract import TABLES
from vawg.reference import load_reference

POSITIVE = "('1','1A','2','3','4','6','7','8')"


def load_bundle(bundle: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one table per bundle CSV (types sniffed by DuckDB), plus views:
    ``vawg_codes`` (offence codes with a VAWG category), ``current_outcome`` (latest row per crime)
    and ``vawg_crimes`` (crimes that are VAWG by code or flag)."""
    con = duckdb.connect()
    for table in TABLES:
        con.sql(f"CREATE TABLE {table.name} AS SELECT * FROM read_csv('{bundle / (table.name + '.csv')}')")
    con.register("categories", load_reference().vawg_categories[["offence_code", "vawg_category"]])
    con.sql("CREATE TABLE vawg_codes AS SELECT * FROM categories")
    con.unregister("categories")
    con.sql("""CREATE VIEW current_outcome AS
               SELECT crime_id, arg_max(outcome_code, outcome_date) AS outcome_code, max(outcome_date) AS outcome_date
               FROM outcomes GROUP BY crime_id""")
    con.sql("""CREATE VIEW vawg_crimes AS SELECT * FROM crimes
               WHERE da_flag OR coalesce(hba_flag, false) OR offence_code IN (SELECT offence_code FROM vawg_codes)""")
    return con


def one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    """The single value a query returns."""
    row = con.sql(sql).fetchall()[0]
    assert row is not None
    return row[0]
