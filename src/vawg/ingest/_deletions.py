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

from vawg.contract import TABLES_BY_NAME, Table, load_sequence
from vawg.errors import FileRejected
from vawg.ingest._corrections import PER_CRIME_TABLES, key_text, move_to_history
from vawg.ingest._report import IngestReport
from vawg.ingest._stage import scalar
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


class Deletions:
    """A delta's deletions, applied inside the bundle's transaction, each table in one pass.

    A table with a file in the bundle has its deletions applied when that file loads, on the
    stored rows the file's narrowing copied aside (``_narrow``: the narrowing looks for the
    deleted keys too), so the table is passed over once for both; it happens before the file's
    checks, so a reference to a deleted record is seen as missing. The other tables' deletions
    are applied first (``start``), dependants first. ``finish`` records the ``loads`` row.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, pairs: list[tuple[str, str]]) -> None:
        self.path, self.count = path, len(pairs)
        self.load_id = scalar(con, "SELECT nextval('load_id_seq')")
        self.began = datetime.now()
        # One columnar insert, not a statement per pair: executemany took 8 s for a night's 120,000
        # deletions at scale 30.
        listing = pa.table(
            {"table_name": [t for t, _ in pairs], "record_key": [k for _, k in pairs]},
            schema=pa.schema([("table_name", pa.string()), ("record_key", pa.string())]),
        )
        con.register("_ingest_deletions_arrow", listing)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {TEMP} AS SELECT * FROM _ingest_deletions_arrow")
        con.unregister("_ingest_deletions_arrow")
        listed = {t for t, _ in pairs}
        self.crimes_listed = "crimes" in listed
        # Load order; a crime's links and outcomes go with the crime (the correction rule).
        self.pending = [
            spec.name
            for spec in load_sequence()
            if spec.name in listed or (spec.name in PER_CRIME_TABLES and self.crimes_listed)
        ]
        self.deleted: dict[str, int] = {}

    def start(self, con: duckdb.DuckDBPyConnection, files: set[str]) -> None:
        """Apply now the deletions of the tables no file of the bundle loads (dependants first)."""
        for name in reversed(list(self.pending)):
            if name not in files or not _text_key(TABLES_BY_NAME[name]):
                self._apply(con, TABLES_BY_NAME[name], None)

    def first_keys(self, table: Table) -> str | None:
        """A SELECT of the first-key values whose stored rows this table's deletions concern (for
        the narrowing of its file), or None when it has nothing left to delete."""
        return self._first_keys(table) if table.name in self.pending and _text_key(table) else None

    def _first_keys(self, spec: Table) -> str:
        first = (
            f"SELECT split_part(record_key, '|', 1) FROM {TEMP} WHERE table_name = {sql_string(spec.name)}"
        )
        if spec.name in PER_CRIME_TABLES and self.crimes_listed:
            first += f" UNION ALL SELECT record_key FROM {TEMP} WHERE table_name = 'crimes'"
        return first

    def apply(self, con: duckdb.DuckDBPyConnection, table: Table, stored: str | None) -> None:
        """Apply ``table``'s deletions (if not yet done) on ``stored``, the narrowed stored rows
        (which must include those that ``first_keys`` names), or, when None, by a pass of its own."""
        if table.name in self.pending:
            self._apply(con, table, stored)

    def _apply(self, con: duckdb.DuckDBPyConnection, spec: Table, stored: str | None) -> None:
        self.pending.remove(spec.name)
        keys = f"(SELECT record_key FROM {TEMP} WHERE table_name = {sql_string(spec.name)})"
        exact = f"{key_text(spec, 't')} IN {keys}"
        if spec.name in PER_CRIME_TABLES and self.crimes_listed:
            exact = f"({exact} OR t.crime_id IN (SELECT record_key FROM {TEMP} WHERE table_name = 'crimes'))"
        source = stored
        if source is None:
            # One pass over the first key column finds the few stored rows concerned (building every
            # stored row's key text took seconds at scale 30); the exact test runs on those only.
            first = self._first_keys(spec)
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {CANDIDATES} AS SELECT rowid AS trow, * FROM {spec.name} "
                f"WHERE CAST({spec.key[0]} AS VARCHAR) IN ({first})"
            )
            source = CANDIDATES
        count = move_to_history(
            con, spec, exact, self.load_id, "deleted", source=source, prune=stored is not None
        )
        if count:
            self.deleted[spec.name] = count
        con.execute(f"DROP TABLE IF EXISTS {CANDIDATES}")

    def finish(self, con: duckdb.DuckDBPyConnection, report: IngestReport) -> None:
        """Any deletions still pending (their file did not load), then the ``loads`` row."""
        for name in reversed(list(self.pending)):
            self._apply(con, TABLES_BY_NAME[name], None)
        con.execute(f"DROP TABLE IF EXISTS {TEMP}")
        con.execute(
            "INSERT INTO loads (load_id, table_name, file, extract_date, started_at, finished_at, status, rows_read, "
            "rows_loaded, message) VALUES (?, 'deletions', ?, ?, ?, ?, 'loaded', ?, 0, ?)",
            [self.load_id, str(self.path), report.extract_date, self.began, datetime.now(), self.count,
             f"{sum(self.deleted.values())} rows deleted (previous versions in history)"],
        )  # fmt: skip
        order = [spec.name for spec in load_sequence()]
        report.deleted = dict(sorted(self.deleted.items(), key=lambda item: order.index(item[0])))


def _text_key(spec: Table) -> bool:
    """Whether the table's first key column is text (so deleted keys can join its narrowing)."""
    return next(c for c in spec.columns if c.name == spec.key[0]).type == "text"
