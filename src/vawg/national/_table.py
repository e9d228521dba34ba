"""The ``national_crime`` table and the kinds of "force" the Home Office tables list.

The Home Office police recorded crime tables by police force area list, besides the 43 territorial
forces of England and Wales, British Transport Police (a national, non-territorial force) and the
bodies that record fraud nationally (Action Fraud, CIFAS, UK Finance and its predecessor Financial
Fraud Action UK). Those are kept, so sums stay honest, but flagged, so they never take a rank among
forces.
"""

from __future__ import annotations

from typing import Literal

import duckdb

ForceKind = Literal["territorial", "special", "fraud_body"]

# Names as the Home Office tables spell them. A body whose every row is in a "Fraud: ..." subgroup is
# also treated as a fraud body, so a renamed or new one is caught without a code change.
FRAUD_BODIES: frozenset[str] = frozenset({"Action Fraud", "CIFAS", "UK Finance", "Financial Fraud Action UK"})
SPECIAL_FORCES: frozenset[str] = frozenset({"British Transport Police"})

NATIONAL_TABLE = "national_crime"

NATIONAL_DDL = f"""CREATE TABLE IF NOT EXISTS {NATIONAL_TABLE} (
  financial_year VARCHAR NOT NULL,
  financial_quarter TINYINT NOT NULL,
  period VARCHAR NOT NULL,
  calendar_quarter VARCHAR NOT NULL,
  period_start DATE NOT NULL,
  force_name VARCHAR NOT NULL,
  force_kind VARCHAR NOT NULL,
  is_territorial BOOLEAN NOT NULL,
  offence_description VARCHAR NOT NULL,
  offence_group VARCHAR NOT NULL,
  offence_subgroup VARCHAR NOT NULL,
  offence_code VARCHAR NOT NULL,
  offences BIGINT NOT NULL,
  source_file VARCHAR NOT NULL,
  source_line BIGINT NOT NULL,
  loaded_at TIMESTAMP NOT NULL
)"""


def create_national_table(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``national_crime`` if the store does not have it yet."""
    con.execute(NATIONAL_DDL)


def has_national_data(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the store holds a ``national_crime`` table with at least one row."""
    # fetchall, not fetchone: DuckDB 2 refuses further work while a result is unfinished.
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [NATIONAL_TABLE]
    ).fetchall()[0][0]
    if found == 0:
        return False
    return bool(con.execute(f"SELECT count(*) FROM {NATIONAL_TABLE}").fetchall()[0][0] > 0)


def force_kind(name: str, *, only_fraud_rows: bool = False) -> ForceKind:
    """Classify a "force" of the Home Office table: territorial, special (BTP) or a fraud body."""
    if name in FRAUD_BODIES or only_fraud_rows:
        return "fraud_body"
    if name in SPECIAL_FORCES:
        return "special"
    return "territorial"


__all__ = [
    "FRAUD_BODIES",
    "NATIONAL_DDL",
    "NATIONAL_TABLE",
    "SPECIAL_FORCES",
    "ForceKind",
    "create_national_table",
    "force_kind",
    "has_national_data",
]
