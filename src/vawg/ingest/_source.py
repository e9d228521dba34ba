"""Open one bundle file as a table of text columns, or reject it whole with what was found.

A CSV file's header is read here, in Python (a few bytes): it decides whether the file can be read
as its table at all (UTF-8, comma-separated, every required column present). The rows themselves are
read by DuckDB's CSV reader with every column as VARCHAR (``c0``, ``c1`` … in file order), so a bad
value is a value to check in SQL, never a crash; rows the reader cannot split into the header's
columns are kept aside by ``store_rejects`` and quarantined as ``malformed_row``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from vawg.contract import Table
from vawg.errors import FileRejected
from vawg.store import sql_string

BOM = b"\xef\xbb\xbf"
HEADER_BYTES = 1 << 20  # a header line longer than 1 MB is not a header
OTHER_DELIMITERS = (";", "\t", "|")
REJECTS_TABLE = "_ingest_rejects"
REJECTS_SCAN = "_ingest_reject_scans"
# The time zone whose calendar date a Parquet TIMESTAMP WITH TIME ZONE stands for (D-ingest-5).
DATE_TIME_ZONE = "Europe/London"


@dataclass
class SourceFile:
    """A bundle file mapped onto its contract table.

    ``columns`` maps each contract column found to the SQL name of its raw text column; ``extras``
    maps the header names of columns beyond the contract (kept in ``extra``) to theirs.
    """

    table: Table
    path: Path
    fmt: str
    header: list[str]
    columns: dict[str, str] = field(default_factory=dict)
    extras: dict[str, str] = field(default_factory=dict)
    relation: str = ""
    normalise: bool = False  # read from a copy with uniform line endings (see _endings)

    def reject(self, expected: str, found: str) -> FileRejected:
        return FileRejected(self.path, expected=expected, found=found, table=self.table.name)


def open_source(table: Table, path: Path, fmt: str, con: duckdb.DuckDBPyConnection) -> SourceFile:
    """Check ``path``'s header against ``table`` and build the SQL relation that reads it."""
    if fmt == "csv":
        header = _csv_header(table, path)
        source = SourceFile(table, path, fmt, header)
        _map_columns(source)
        source.relation = csv_relation(path, len(header))
        return source
    types = _parquet_schema(table, path, con)
    source = SourceFile(table, path, fmt, list(types))
    _map_columns(source)
    items = [
        f"{_parquet_text(source, i, name, sql_type)} AS c{i}"
        for i, (name, sql_type) in enumerate(types.items())
    ]
    source.relation = f"(SELECT {', '.join(items)} FROM read_parquet({sql_string(str(path))}))"
    return source


def csv_relation(path: Path, columns: int) -> str:
    """DuckDB's reader over a CSV file: every column VARCHAR, unsplittable rows set aside."""
    names = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(columns))
    return (
        f"read_csv({sql_string(str(path))}, header = true, auto_detect = false, delim = ',', "
        f"quote = '\"', escape = '\"', columns = {{{names}}}, store_rejects = true, "
        f"rejects_table = '{REJECTS_TABLE}', rejects_scan = '{REJECTS_SCAN}')"
    )


def _contract_type(source: SourceFile, index: int) -> str | None:
    for name, ref in source.columns.items():
        if ref == f"c{index}":
            return source.table.column(name).type
    return None


def _parquet_text(source: SourceFile, index: int, name: str, sql_type: str) -> str:
    """A Parquet column as the text it would be in a CSV, so one set of checks serves both formats.

    * A TIMESTAMP in a date column is taken as its date. A TIMESTAMP WITH TIME ZONE is an instant:
      its date is the calendar date in ``DATE_TIME_ZONE`` (the force's, UK local time), never the
      machine's time zone (DuckDB's session default), so every machine reads the same dates.
    * A whole-valued DOUBLE, FLOAT or DECIMAL in an integer column (what pandas writes for an
      integer column with nulls) is that integer; a fractional value stays as written (bad_type).
    """
    quoted = '"' + name.replace('"', '""') + '"'
    kind = _contract_type(source, index)
    if kind == "date" and sql_type == "TIMESTAMP WITH TIME ZONE":
        return f"CAST(CAST(timezone({sql_string(DATE_TIME_ZONE)}, {quoted}) AS DATE) AS VARCHAR)"
    if kind == "date" and sql_type.startswith("TIMESTAMP"):
        return f"CAST(CAST({quoted} AS DATE) AS VARCHAR)"
    if kind == "int" and sql_type.startswith(("DOUBLE", "FLOAT", "DECIMAL")):
        whole = f"isfinite(CAST({quoted} AS DOUBLE)) AND {quoted} = trunc({quoted}) AND abs({quoted}) < 1e15"
        return f"CASE WHEN {whole} THEN CAST(CAST({quoted} AS BIGINT) AS VARCHAR) ELSE CAST({quoted} AS VARCHAR) END"
    return f"CAST({quoted} AS VARCHAR)"


def _csv_header(table: Table, path: Path) -> list[str]:
    with path.open("rb") as fh:
        head = fh.read(HEADER_BYTES)
    if head.startswith(BOM):
        head = head[len(BOM) :]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRejected(
            path, "UTF-8 text", "a UTF-16 byte order mark (save the file as UTF-8)", table.name
        )
    if not head.strip():
        raise FileRejected(
            path, f"a header row naming {_expected_columns(table)}", "an empty file", table.name
        )
    end = head.find(b"\n")
    if end < 0 and len(head) == HEADER_BYTES:
        raise FileRejected(
            path, "a header line", f"no line break in the first {HEADER_BYTES >> 20} MB", table.name
        )
    line = head if end < 0 else head[:end]
    if b"\x00" in line:
        # UTF-16 without a byte order mark: every other byte of an ASCII header is NUL.
        raise FileRejected(
            path, "UTF-8 text",
            "NUL bytes in the header line: UTF-16 (or other non-UTF-8) text without a byte order mark "
            "(save the file as UTF-8)",
            table.name,
        )  # fmt: skip
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = line[exc.start : exc.start + 1].hex()
        raise FileRejected(
            path, "UTF-8 text", f"byte 0x{bad} at position {exc.start} of the header, not UTF-8", table.name
        ) from None
    try:
        return next(csv.reader(io.StringIO(text.rstrip("\r"))))
    except (csv.Error, StopIteration) as exc:
        raise FileRejected(
            path, "a CSV header row", f"an unreadable first line ({exc})", table.name
        ) from None


def _parquet_schema(table: Table, path: Path, con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_string(str(path))})").fetchall()
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise FileRejected(
            path, "a Parquet file", f"a file DuckDB cannot read as Parquet ({first})", table.name
        ) from None
    return {str(r[0]): str(r[1]) for r in rows}


def _expected_columns(table: Table) -> str:
    return "columns " + ", ".join(table.required_columns)


def _map_columns(source: SourceFile) -> None:
    """Match header names to contract columns (case-insensitive, spaces trimmed)."""
    seen: dict[str, str] = {}
    wanted = set(source.table.column_names)
    for i, raw in enumerate(source.header):
        name = raw.strip().lower() or f"column_{i + 1}"
        if name in seen:
            raise source.reject(
                "each column once",
                f"column {name!r} twice (as {seen[name]!r} and {raw.strip()!r})",
            )
        seen[name] = raw.strip()
        if name in wanted:
            source.columns[name] = f"c{i}"
        else:
            source.extras[raw.strip() or name] = f"c{i}"
    missing = [c for c in source.table.required_columns if c not in source.columns]
    if missing:
        found = f"columns {', '.join(h.strip() for h in source.header)}; missing {', '.join(missing)}"
        if len(source.header) == 1:
            for delimiter in OTHER_DELIMITERS:
                if delimiter in source.header[0]:
                    found = f"{source.header[0]} (is the delimiter {delimiter!r}?)"
                    break
        raise source.reject(f"{_expected_columns(source.table)} (comma-separated)", found)
