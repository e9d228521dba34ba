"""Load one bundle file into its table (the caller holds the transaction).

1. stage: DuckDB reads the whole file as text and casts every column in one pass (a temp table
   whose ``rowid`` is the record's position in the file);
2. check: rows failing a rule within the row, then the rules across rows (duplicate keys,
   references, dates against another table), all as set-wise SQL into a violations table;
3. quarantine: one row per broken rule, with the physical line and the row as read;
4. write: new rows are inserted; a row whose key is stored already is left alone when equal
   (``rows_unchanged``) or replaced when different, its previous version going to ``history``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from vawg.contract import TABLES_BY_NAME
from vawg.ingest._corrections import note_bundle_crimes, remove_replaced, resolve_quarantine, stored_rows
from vawg.ingest._deletions import Deletions
from vawg.ingest._lines import FileScan, LineMap
from vawg.ingest._narrow import narrow_stored
from vawg.ingest._report import TableCounts
from vawg.ingest._source import REJECTS_TABLE, SourceFile
from vawg.ingest._sql import TablePlan
from vawg.ingest._stage import FOUND, LINES, MATCH, STAGE, VIOL, Step, drop_temp_tables, scalar, stage
from vawg.store import sql_string


def load_table(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    *,
    load_id: int,
    extract_date: date,
    enums: dict[str, tuple[str, ...]],
    scan: Callable[[], FileScan],
    step: Step,
    delta: bool = False,
    deletions: Deletions | None = None,
) -> TableCounts:
    """Stage, check, quarantine and write ``source``; return its counts (rows never lost).

    ``scan`` returns the file's digest and line count (the caller computes them concurrently).
    ``delta``: the file belongs to a delta extract (its quarantine resolves by record, not wholesale).
    ``deletions``: the delta's deletions, of which this table's are applied before its checks.
    """
    plan = TablePlan(source, enums, extract_date)
    step("reading")
    copy = stage(con, plan, scan)
    try:
        # Line numbers are found in the file DuckDB read (an LF copy has the same line breaks).
        return _check_and_write(con, plan, copy or source.path, load_id, scan, step, delta, deletions)
    finally:
        if copy is not None:
            shutil.rmtree(copy.parent, ignore_errors=True)


def _check_and_write(
    con: duckdb.DuckDBPyConnection,
    plan: TablePlan,
    read: Path,
    load_id: int,
    scan: Callable[[], FileScan],
    step: Step,
    delta: bool,
    deletions: Deletions | None,
) -> TableCounts:
    source, table = plan.source, plan.table.name
    malformed = _malformed_rows(con, source)
    # Rows land in file order with consecutive rowids; inside a transaction they start at a large
    # base rather than 0, so a record's position is its rowid minus the first one.
    row = con.execute(f"SELECT count(*), coalesce(min(rowid), 0) FROM {STAGE}").fetchone()
    staged, first_rowid = (int(row[0]), int(row[1])) if row else (0, 0)
    if table == "crimes":
        note_bundle_crimes(con, STAGE)
    # The stored rows the file can concern, copied aside in one pass (with, in a delta, those its
    # table's deletions name: they are deleted now, so the checks see them gone).
    stored = narrow_stored(con, plan.table, staged, deletions.first_keys(plan.table) if deletions else None)
    if deletions is not None:
        deletions.apply(con, plan.table, stored)

    step("checking")
    # The rows failing a rule within the row are found in one pass; each rule then lists its own
    # among those few (ok_sql and violations_sql agree: every such row gets a violation).
    con.execute(
        f"CREATE TEMP TABLE {VIOL} AS WITH bad AS MATERIALIZED "
        f"(SELECT rowid AS _rec, * FROM {STAGE} WHERE NOT ({plan.ok_sql()})) {plan.violations_sql('bad')}"
    )
    _check_duplicates(con, plan)
    _check_references(con, plan)
    _check_cross_table_dates(con, plan)

    step("quarantining")
    recs = con.execute(f"SELECT DISTINCT rec FROM {VIOL} ORDER BY rec").fetchnumpy()["rec"]
    scanned = scan()  # hashed and line-counted in a thread while DuckDB read the file
    lines = LineMap(read, source.fmt, scanned.lines, staged, [m[0] for m in malformed])
    con.execute(
        "DELETE FROM quarantine WHERE table_name = ? AND load_id IN "
        "(SELECT load_id FROM loads WHERE table_name = ? AND file_sha256 = ?)",
        [table, table, scanned.sha256],
    )  # the same file loaded again replaces its earlier quarantine rather than repeating it
    _write_quarantine(con, plan, load_id, np.asarray(recs, dtype=np.int64), first_rowid, lines, malformed)

    step("writing")
    # A correction: the file's links/outcomes of each crime it holds replace the stored ones
    # (before the quarantined rows leave the stage: a key still sent, even broken, is not removed).
    removed = remove_replaced(con, source.table, STAGE, load_id, stored=stored)
    counts = _write_rows(con, plan, load_id, has_violations=len(recs) > 0, delta=delta, stored=stored)
    counts.rows_removed = removed
    counts.rows_read = staged + len(malformed)
    counts.rows_quarantined = len(recs) + len(malformed)
    counts.file = str(source.path)
    counts.check(table)
    drop_temp_tables(con)
    return counts


def _malformed_rows(con: duckdb.DuckDBPyConnection, source: SourceFile) -> list[tuple[int, str, str]]:
    """(DuckDB line, text, message) of each row the CSV reader could not split; not UTF-8 rejects."""
    if source.fmt != "csv":
        return []
    rows = con.execute(
        f"SELECT line, error_type, csv_line, error_message FROM {REJECTS_TABLE} ORDER BY line"
    ).fetchall()
    seen: dict[int, tuple[int, str, str]] = {}
    for line, error_type, text, message in rows:
        if "ENCODING" in str(error_type).upper() or "UNICODE" in str(error_type).upper():
            raise source.reject(
                "UTF-8 text", f"bytes that are not UTF-8 in record {int(line) - 1} (line {line})"
            )
        first = str(message).splitlines()[0] if message else str(error_type)
        seen.setdefault(
            int(line), (int(line), str(text).strip("\r\n"), f"{str(error_type).lower()}: {first}")
        )
    return list(seen.values())


def _check_duplicates(con: duckdb.DuckDBPyConnection, plan: TablePlan) -> None:
    """Second and later rows of a key are ``duplicate_id``.

    A hash aggregate over one 64-bit hash of the key finds the few keys that may repeat far faster
    than partitioning every row by its text key; the exact check then runs over those rows only
    (a hash collision costs a little work, never a wrong answer).
    """
    key = plan.table.key
    keys = ", ".join(key)
    present = " AND ".join(f"{k} IS NOT NULL" for k in key)
    value = plan.key_text(STAGE)
    con.execute(
        f"INSERT INTO {VIOL} SELECT rowid, {sql_string(','.join(key))}, 'duplicate_id', {value}, "
        f"{sql_string(', '.join(key) + ' ')} || {value} || ' appears earlier in this file; only the first is kept' "
        f"FROM {STAGE} WHERE hash({keys}) IN "
        f"(SELECT hash({keys}) AS h FROM {STAGE} WHERE {present} GROUP BY h HAVING count(*) > 1) "
        f"QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY rowid) > 1"
    )


def _check_references(con: duckdb.DuckDBPyConnection, plan: TablePlan) -> None:
    for ref in plan.table.references:
        col = ref.column
        message = (
            f"{sql_string(col + ' ')} || s.{col} || "
            f"{sql_string(f' is not in {ref.table} (neither loaded from this bundle nor in the store)')}"
        )
        insert = (
            f"INSERT INTO {VIOL} SELECT s.rowid, {sql_string(col)}, 'unknown_reference', s.{col}, {message}"
        )
        missing = f"NOT EXISTS (SELECT 1 FROM {ref.table} t WHERE t.{ref.target} = s.{col})"
        if ref.table != plan.table.name:
            # The stored values the file names, found by one pass over the stored column probing a
            # hash of the file's (few, in a delta) values; the anti-join then runs against that
            # small set. NOT EXISTS straight against the stored table built a hash of all of it
            # (millions of rows at scale 30) for every reference of every file.
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {FOUND} AS SELECT DISTINCT t.{ref.target} AS v FROM {ref.table} t "
                f"WHERE t.{ref.target} IN (SELECT {col} FROM {STAGE} WHERE {col} IS NOT NULL)"
            )
            con.execute(
                f"{insert} FROM {STAGE} s WHERE s.{col} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {FOUND} f WHERE f.v = s.{col})"
            )
            con.execute(f"DROP TABLE {FOUND}")
            continue
        # A reference within the file (an order's parent order) may name a row of this same file,
        # but only one that loads: repeat until no row's parent is newly quarantined.
        while True:
            added = scalar(
                con,
                f"{insert} FROM {STAGE} s WHERE s.{col} IS NOT NULL AND {missing} "
                f"AND s.rowid NOT IN (SELECT rec FROM {VIOL} WHERE rule = 'unknown_reference' "
                f"AND column_name = {sql_string(col)}) "
                f"AND NOT EXISTS (SELECT 1 FROM {STAGE} g WHERE g.{ref.target} = s.{col} "
                f"AND g.rowid NOT IN (SELECT rec FROM {VIOL}))",
            )
            if added == 0:
                break


def _check_cross_table_dates(con: duckdb.DuckDBPyConnection, plan: TablePlan) -> None:
    for order in plan.table.date_orders:
        if order.earlier_table is None or order.via is None:
            continue
        target_key = TABLES_BY_NAME[order.earlier_table].key[0]
        message = (
            f"{sql_string(order.later + ' ')} || CAST(s.{order.later} AS VARCHAR) || "
            f"{sql_string(f' is before {order.earlier_table}.{order.earlier} ')} || CAST(e.{order.earlier} AS VARCHAR) "
            f"|| {sql_string(f' of {order.via} ')} || s.{order.via}"
        )
        con.execute(
            f"INSERT INTO {VIOL} SELECT s.rowid, {sql_string(order.later)}, {sql_string(order.rule)}, "
            f"s.{order.later}__raw, {message} FROM {STAGE} s JOIN {order.earlier_table} e "
            f"ON e.{target_key} = s.{order.via} WHERE s.{order.later} < e.{order.earlier}"
        )


def _write_quarantine(
    con: duckdb.DuckDBPyConnection,
    plan: TablePlan,
    load_id: int,
    recs: np.ndarray,
    first_rowid: int,
    lines: LineMap,
    malformed: list[tuple[int, str, str]],
) -> None:
    table, file = sql_string(plan.table.name), sql_string(str(plan.source.path))
    columns = "(load_id, table_name, file, line, column_name, rule, value, message, raw)"
    if len(recs):
        mapping = pa.table({"rec": recs, "line": lines.record_lines(recs - first_rowid)})
        con.register("_ingest_line_map", mapping)
        con.execute(f"CREATE TEMP TABLE {LINES} AS SELECT * FROM _ingest_line_map")
        con.unregister("_ingest_line_map")
        con.execute(
            f"INSERT INTO quarantine {columns} SELECT {int(load_id)}, {table}, {file}, l.line, v.column_name, "
            f"v.rule, v.value, v.message, {plan.raw_json_sql('s')} "
            f"FROM {VIOL} v JOIN {LINES} l ON l.rec = v.rec JOIN {STAGE} s ON s.rowid = v.rec "
            f"ORDER BY l.line, v.rule, v.column_name"
        )
    if malformed:
        physical = lines.reject_lines(np.array([m[0] for m in malformed], dtype=np.int64))
        rows = [
            (int(load_id), plan.table.name, str(plan.source.path), int(line), None, "malformed_row", text,
             f"row cannot be split into the header's {len(plan.source.header)} columns ({message})", text)
            for line, (_, text, message) in zip(physical, malformed, strict=True)
        ]  # fmt: skip
        con.executemany(
            f"INSERT INTO quarantine {columns} VALUES (?, ?, ?, ?, ?, ?, ?, ?, json_object('line', ?))", rows
        )


def _write_rows(
    con: duckdb.DuckDBPyConnection,
    plan: TablePlan,
    load_id: int,
    *,
    has_violations: bool,
    delta: bool,
    stored: str | None = None,
) -> TableCounts:
    """Insert the good rows, leave equal ones alone, replace changed ones (old version to history)."""
    table = plan.table.name
    # Every row that breaks a rule has a violation (ok_sql and violations_sql agree), so removing
    # those rows from the stage leaves exactly the rows to load, and the insert needs no filter.
    if has_violations:
        con.execute(f"DELETE FROM {STAGE} WHERE rowid IN (SELECT rec FROM {VIOL})")
    resolve_quarantine(con, plan.table, STAGE, load_id, delta=delta)
    columns = ", ".join(plan.target_columns())
    values = ", ".join(plan.target_values("s", load_id))
    counts = TableCounts()
    if scalar(con, f"SELECT count(*) FROM {table}") == 0:
        counts.rows_loaded = scalar(con, f"INSERT INTO {table} ({columns}) SELECT {values} FROM {STAGE} s")
        return counts
    # Against the narrowed stored rows when there are some (their trow is the table's rowid).
    source, trow = (stored, "t.trow") if stored is not None else (table, "t.rowid")
    con.execute(
        f"CREATE TEMP TABLE {MATCH} AS SELECT s.rowid AS rec, {trow} AS trow, ({plan.same_sql('s', 't')}) AS same "
        f"FROM {STAGE} s JOIN {source} t ON {plan.key_join('s', 't')}"
    )
    counts.rows_unchanged = scalar(con, f"SELECT count(*) FROM {MATCH} WHERE same")
    counts.rows_updated = scalar(con, f"SELECT count(*) FROM {MATCH} WHERE NOT same")
    if counts.rows_updated:
        changed = f"(SELECT trow FROM {MATCH} WHERE NOT same)"
        con.execute(
            "INSERT INTO history (table_name, record_key, row, superseded_by_load, superseded_at, change) "
            f"SELECT {sql_string(table)}, {plan.key_text('t')}, to_json(t), {int(load_id)}, "
            f"current_timestamp, 'updated' FROM {stored_rows(plan.table, changed, stored)} t"
        )
        con.execute(f"DELETE FROM {table} WHERE rowid IN {changed}")
    if counts.rows_unchanged:
        con.execute(f"DELETE FROM {STAGE} WHERE rowid IN (SELECT rec FROM {MATCH} WHERE same)")
    counts.rows_loaded = scalar(con, f"INSERT INTO {table} ({columns}) SELECT {values} FROM {STAGE} s")
    return counts
