"""The store's schema, generated from the contract so the two cannot drift.

Data tables carry the contract's columns with real types (codes as DuckDB ENUMs, so they are
dictionary-encoded and checked), plus:

* ``extra``   JSON of the columns a force sent beyond the contract (kept, never dropped);
* ``load_id`` the load that last wrote the row (``loads.load_id``).

``persons`` also carries ``ethnicity_group`` (the 5+1 group, "Not stated" when blank), derived at
ingest so every equality analysis groups the same way. Operational tables: ``loads``,
``quarantine``, ``history`` (superseded and removed versions of rows) and ``meta``. Reference tables
``ref_offence`` and ``ref_outcome`` hold the reference data (rewritten atomically when it changes).

Creating a store is one transaction (all or nothing: a crash half-way leaves an empty file that the
next open creates afresh). Columns added since the first release (``history.change``,
``quarantine.resolved_by_load``) are added to an older store on its next read-write open.
"""

from __future__ import annotations

import duckdb

from vawg._faults import checkpoint
from vawg.contract import TABLES, Column, Table, code_sets
from vawg.contract._codes import ETHNICITY_GROUPS, ETHNICITY_NOT_STATED

SCHEMA_VERSION = 1

# Code sets stored as ENUM types (name of the DuckDB type per code set). Ethnicity is kept as the
# force wrote it (canonical case) in VARCHAR and grouped into the ethnicity_group ENUM.
ENUM_TYPES: dict[str, str] = {
    "offence_code": "offence_code_t",
    "outcome_code": "outcome_code_t",
    "sex": "sex_t",
    "role": "role_t",
    "disposal": "disposal_t",
    "order_type": "order_type_t",
    "order_status": "order_status_t",
    "intervention_status": "intervention_status_t",
    "intel_topic": "intel_topic_t",
}

_SQL_TYPES = {
    "text": "VARCHAR",
    "date": "DATE",
    "bool": "BOOLEAN",
    "int": "INTEGER",
    "number": "DOUBLE",
    "time": "TIME",
}


def sql_type(column: Column) -> str:
    """The DuckDB type that stores a contract column."""
    if column.type == "code":
        assert column.codes is not None
        return ENUM_TYPES.get(column.codes, "VARCHAR")
    return _SQL_TYPES[column.type]


def sql_string(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def enum_ddl() -> list[str]:
    sets = code_sets()
    statements = [
        f"CREATE TYPE {type_name} AS ENUM ({', '.join(sql_string(v) for v in sets[code_set])})"
        for code_set, type_name in ENUM_TYPES.items()
    ]
    groups = (*ETHNICITY_GROUPS, ETHNICITY_NOT_STATED)
    statements.append(f"CREATE TYPE ethnicity_group_t AS ENUM ({', '.join(sql_string(g) for g in groups)})")
    return statements


def table_ddl(spec: Table) -> str:
    cols = [f"{c.name} {sql_type(c)}{' NOT NULL' if c.required else ''}" for c in spec.columns]
    if spec.name == "persons":
        cols.append("ethnicity_group ethnicity_group_t NOT NULL")
    cols += ["extra JSON", "load_id BIGINT NOT NULL"]
    return f"CREATE TABLE {spec.name} (\n  " + ",\n  ".join(cols) + "\n)"


OPERATIONAL_DDL = (
    """CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)""",
    """CREATE SEQUENCE load_id_seq START 1""",
    """CREATE TABLE loads (
  load_id BIGINT NOT NULL,
  table_name VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  file_sha256 VARCHAR,
  extract_date DATE,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  status VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL DEFAULT 0,
  rows_loaded BIGINT NOT NULL DEFAULT 0,
  rows_quarantined BIGINT NOT NULL DEFAULT 0,
  rows_unchanged BIGINT NOT NULL DEFAULT 0,
  message VARCHAR
)""",
    """CREATE TABLE quarantine (
  load_id BIGINT NOT NULL,
  table_name VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  column_name VARCHAR,
  rule VARCHAR NOT NULL,
  value VARCHAR,
  message VARCHAR NOT NULL,
  raw JSON,
  resolved_by_load BIGINT
)""",
    """CREATE TABLE history (
  table_name VARCHAR NOT NULL,
  record_key VARCHAR NOT NULL,
  row JSON NOT NULL,
  superseded_by_load BIGINT NOT NULL,
  superseded_at TIMESTAMP NOT NULL,
  change VARCHAR NOT NULL DEFAULT 'updated'
)""",
)

REFERENCE_DDL = (
    """CREATE OR REPLACE TABLE ref_offence (
  offence_code VARCHAR NOT NULL, description VARCHAR, offence_group VARCHAR, offence_subgroup VARCHAR,
  vawg_category VARCHAR, harm_days DOUBLE NOT NULL)""",
    """CREATE OR REPLACE TABLE ref_outcome (
  outcome_code VARCHAR NOT NULL, description VARCHAR, outcome_group VARCHAR, is_positive BOOLEAN NOT NULL)""",
)

VIEWS = (
    # The outcome of each crime: its latest outcome row (ties on date: the later load, then the code).
    """CREATE OR REPLACE VIEW crime_outcome AS
SELECT crime_id, outcome_code, outcome_date
FROM outcomes
QUALIFY row_number() OVER (PARTITION BY crime_id ORDER BY outcome_date DESC, load_id DESC,
                           outcome_code DESC) = 1""",
)


# Columns added after stores were first made: (table, column, type with default). An older store
# gets them on its next read-write open; history rows it already holds were all updates.
ADDED_COLUMNS = (
    ("history", "change", "VARCHAR DEFAULT 'updated'"),
    ("quarantine", "resolved_by_load", "BIGINT"),
)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every type, table and view of an empty store (the caller holds the transaction)."""
    statements = (*enum_ddl(), *OPERATIONAL_DDL, *(table_ddl(t) for t in TABLES), *VIEWS)
    for i, statement in enumerate(statements):
        if i == len(statements) // 2:
            checkpoint("schema.half")
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The statements that bring an older store up to this contract and schema: tables the contract
    has added (created), optional columns it has added (added, nullable), and ``ADDED_COLUMNS``."""
    tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    have = set(con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall())
    statements = [
        f"ALTER TABLE {t} ADD COLUMN {c} {ddl}" for t, c, ddl in ADDED_COLUMNS if (t, c) not in have
    ]
    for spec in TABLES:
        if spec.name not in tables:
            statements.append(table_ddl(spec))
            continue
        for column in spec.columns:  # contract additions are optional columns, so nullable
            if (spec.name, column.name) not in have:
                statements.append(f"ALTER TABLE {spec.name} ADD COLUMN {column.name} {sql_type(column)}")
    return statements


def add_missing_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Bring an older store up to this contract and schema (one transaction; nothing when current)."""
    statements = missing_columns(con)
    if not statements:
        return
    con.begin()
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
    except BaseException:
        con.rollback()
        raise
