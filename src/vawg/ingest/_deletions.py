"""A delta extract's explicit deletions: ``deletions.csv`` with columns ``table_name, record_key``.

``record_key`` is the record's key as ``history.record_key`` writes it: the key columns' values
joined by ``|`` (dates ISO), e.g. ``C17`` for a crime, ``C17|P4|victim`` for a link,
``C17|1|2023-03-02`` for an outcome. A deleted record goes to ``history`` with
``change = 'deleted'``. Deleting a crime deletes its links and outcomes with it (they are part of
the crime: see the correction rule); rows of other tables that refer to it are kept, so a delta
that deletes a crime deletes those too. A key that is not stored is not an error (deleting twice
is harmless). A bad line rejects the delta whole, naming the line.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from vawg.contract import TABLES_BY_NAME, load_sequence
from vawg.errors import FileRejected
from vawg.ingest._corrections import PER_CRIME_TABLES, key_text, move_to_history
from vawg.ingest._load import scalar
from vawg.ingest._report import IngestReport
from vawg.store import sql_string

COLUMNS = ["table_name", "record_key"]
TEMP = "_ingest_deletions"
CANDIDATES = "_ingest_deletion_candidates"


def read_deletions(path: Path) -> list[tuple[str, str]]:
    """The (table, key) pairs of ``deletions.csv``; any bad line rejects the file."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise FileRejected(path, "UTF-8 CSV text", f"unreadable text ({exc})") from None
    if not rows or [h.strip().lower() for h in rows[0]] != COLUMNS:
        raise FileRejected(
            path, f"a header {','.join(COLUMNS)}", f"{','.join(rows[0]) if rows else 'no header'}"
        )
    pairs = []
    for line, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != 2:
            raise FileRejected(
                path, "two fields per line (table_name, record_key)", f"{len(row)} on line {line}"
            )
        table, key = row[0].strip().lower(), row[1].strip()
        spec = TABLES_BY_NAME.get(table)
        if spec is None:
            raise FileRejected(path, "a contract table in table_name", f"{row[0]!r} on line {line}")
        if len(key.split("|")) != len(spec.key) or not all(key.split("|")):
            raise FileRejected(
                path,
                f"record_key {'|'.join(spec.key)} for {table}",
                f"{key!r} on line {line} (column record_key)",
            )
        pairs.append((table, key))
    return pairs


def apply_deletions(
    con: duckdb.DuckDBPyConnection, path: Path, pairs: list[tuple[str, str]], report: IngestReport
) -> None:
    """Delete the listed records (inside the caller's transaction), each to history; count per table."""
    load_id = scalar(con, "SELECT nextval('load_id_seq')")
    began = datetime.now()
    # One columnar insert, not a statement per pair: executemany took 8 s for a night's 120,000
    # deletions at scale 30.
    listing = pa.table(
        {"table_name": [t for t, _ in pairs], "record_key": [k for _, k in pairs]},
        schema=pa.schema([("table_name", pa.string()), ("record_key", pa.string())]),
    )
    con.register("_ingest_deletions_arrow", listing)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {TEMP} AS SELECT * FROM _ingest_deletions_arrow")
    con.unregister("_ingest_deletions_arrow")
    listed_tables = {t for t, _ in pairs}
    deleted: dict[str, int] = {}
    listed = f"(SELECT record_key FROM {TEMP} WHERE table_name = 'crimes')"
    for spec in reversed(load_sequence()):  # dependants first: a crime's links before the crime
        per_crime = spec.name in PER_CRIME_TABLES and "crimes" in listed_tables
        if spec.name not in listed_tables and not per_crime:
            continue  # nothing of this table to delete: no pass over it
        keys = f"(SELECT record_key FROM {TEMP} WHERE table_name = {sql_string(spec.name)})"
        # One pass over the first key column finds the few stored rows concerned (building every
        # stored row's key text took seconds at scale 30); the exact test runs on those only.
        first = (
            f"SELECT split_part(record_key, '|', 1) FROM {TEMP} WHERE table_name = {sql_string(spec.name)}"
        )
        exact = f"{key_text(spec, 't')} IN {keys}"
        if per_crime:  # a crime's links and outcomes: the crime is the first key column
            first += f" UNION ALL SELECT record_key FROM {TEMP} WHERE table_name = 'crimes'"
            exact = f"({exact} OR t.crime_id IN {listed})"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {CANDIDATES} AS SELECT rowid AS trow, * FROM {spec.name} "
            f"WHERE CAST({spec.key[0]} AS VARCHAR) IN ({first})"
        )
        count = move_to_history(con, spec, exact, load_id, "deleted", source=CANDIDATES)
        if count:
            deleted[spec.name] = count
    con.execute(f"DROP TABLE {TEMP}; DROP TABLE IF EXISTS {CANDIDATES}")
    con.execute(
        "INSERT INTO loads (load_id, table_name, file, extract_date, started_at, finished_at, status, rows_read, "
        "rows_loaded, message) VALUES (?, 'deletions', ?, ?, ?, ?, 'loaded', ?, 0, ?)",
        [load_id, str(path), report.extract_date, began, datetime.now(), len(pairs),
         f"{sum(deleted.values())} rows deleted (previous versions in history)"],
    )  # fmt: skip
    report.deleted = deleted
