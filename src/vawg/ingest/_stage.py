"""Stage a bundle file: DuckDB reads it whole, every column as text plus its typed cast.

The stage is a temp table whose ``rowid`` is the record's position in the file. A CSV whose line
endings are mixed is read from an LF copy (see ``_endings``); a file DuckDB cannot read at all is
rejected with what was found.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import duckdb

from vawg.errors import FileRejected
from vawg.ingest._endings import normalise_line_endings, unreadable_found
from vawg.ingest._lines import FileScan
from vawg.ingest._source import REJECTS_SCAN, REJECTS_TABLE, SourceFile, csv_relation
from vawg.ingest._sql import TablePlan

STAGE = "_ingest_stage"
VIOL = "_ingest_violations"
LINES = "_ingest_lines"
MATCH = "_ingest_match"
FOUND = "_ingest_found"  # stored values a file refers to (reference checks)
STORED = "_ingest_stored"  # stored rows a small file can concern (_narrow)
TEMP_TABLES = (STAGE, VIOL, LINES, MATCH, FOUND, STORED, REJECTS_TABLE, REJECTS_SCAN)

Step = Callable[[str], None]


def drop_temp_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("; ".join(f"DROP TABLE IF EXISTS {name}" for name in TEMP_TABLES))


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """The first value of ``sql``'s first row as an int (0 for no row or NULL)."""
    # fetchall, not fetchone: DuckDB 2 refuses some later work (register) on a connection whose
    # last result was not read to the end.
    rows = con.execute(sql).fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


class MixedEndings(Exception):
    """DuckDB refused a file with mixed line endings and aborted the transaction: retry with a copy."""

    def __init__(self, source: SourceFile) -> None:
        super().__init__(str(source.path))
        self.source = source


def stage(con: duckdb.DuckDBPyConnection, plan: TablePlan, scan: Callable[[], FileScan]) -> Path | None:
    """Read the file into the stage table; return the LF copy it was read from, if one was needed.

    DuckDB's CSV reader takes one line ending per file: a file mixing LF and CRLF (or with a stray
    CR before a newline) is refused, or split wrongly. Only such files (the concurrent scan counts
    their line endings) are read from a copy whose line endings outside quoted values are all LF;
    the copy has the same line breaks, so line numbers are the original's. A refusal aborts the
    transaction, so it raises :class:`MixedEndings` and the caller runs the transaction again.
    """
    source = plan.source
    drop_temp_tables(con)
    if source.normalise:
        return _stage_copy(con, plan)
    try:
        con.execute(plan.stage_sql(STAGE))
    except duckdb.Error as exc:
        if source.fmt == "csv" and scan().mixed_endings:
            raise MixedEndings(source) from None
        raise _unreadable(source, exc) from None
    if source.fmt == "csv" and scan().mixed_endings:
        drop_temp_tables(con)
        return _stage_copy(con, plan)
    return None


def _stage_copy(con: duckdb.DuckDBPyConnection, plan: TablePlan) -> Path:
    source = plan.source
    copy = normalise_line_endings(source.path)
    staged = TablePlan(
        replace(source, relation=csv_relation(copy, len(source.header))), plan.enums, plan.extract_date
    )
    try:
        con.execute(staged.stage_sql(STAGE))
    except duckdb.Error as exc:
        shutil.rmtree(copy.parent, ignore_errors=True)
        raise _unreadable(source, exc) from None
    return copy


def _unreadable(source: SourceFile, exc: duckdb.Error) -> FileRejected:
    what = "CSV (UTF-8, comma-separated, RFC 4180 quoting)" if source.fmt == "csv" else "a Parquet file"
    found = unreadable_found(source.path) if source.fmt == "csv" else None
    return source.reject(f"a file DuckDB can read as {what}", found or str(exc).splitlines()[0])
