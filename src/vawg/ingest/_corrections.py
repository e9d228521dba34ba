"""Corrections: a newer extract is the truth about every crime it contains.

Links (``crime_persons``) and ``outcomes`` are keyed by more than the crime, so a correction that
changes a key (a victim link corrected to suspect, an outcome corrected to another code or an
earlier date) arrives as a new key, and the old key must go. The rule (contract, docs/ingest.md
"Guarantees"): for each crime the extract contains (a row of its crimes file, or of this table's
file), the file's set of rows replaces the stored set. A stored row of such a crime whose key is
in no row of the file (loaded or quarantined; an unreadable key value matches any) is removed, and its last version kept in ``history``
with ``change = 'removed'`` and the load (hence the extract) that removed it.

Quarantine does not go stale: a full extract is the current picture of its table, so its load
resolves every open quarantine row of earlier loads of that table (a problem still there is
quarantined again under the new load); a delta resolves the earlier rows whose record it loaded.
"""

from __future__ import annotations

import duckdb

from vawg.contract import Table
from vawg.store import sql_string

PER_CRIME_TABLES = ("crime_persons", "outcomes")
BUNDLE_CRIMES = "_ingest_bundle_crimes"  # crime ids of this bundle's crimes file, for the whole ingest
SCOPE = "_ingest_scope"
GONE = "_ingest_gone"


def key_text(table: Table, alias: str) -> str:
    """The record key as stored in ``history.record_key`` (key values joined by ``|``)."""
    return "concat_ws('|', " + ", ".join(f"CAST({alias}.{k} AS VARCHAR)" for k in table.key) + ")"


def start_bundle(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE OR REPLACE TEMP TABLE {BUNDLE_CRIMES} (crime_id VARCHAR)")


def note_bundle_crimes(con: duckdb.DuckDBPyConnection, stage: str) -> None:
    """Remember the crimes of this bundle's crimes file (every row, quarantined ones too)."""
    con.execute(
        f"INSERT INTO {BUNDLE_CRIMES} SELECT DISTINCT crime_id FROM {stage} WHERE crime_id IS NOT NULL"
    )


def move_to_history(
    con: duckdb.DuckDBPyConnection, table: Table, where: str, load_id: int, change: str,
    *, source: str | None = None, prune: bool = False,
) -> int:  # fmt: skip
    """Move the stored rows ``t`` of ``table`` matching ``where`` to history; return how many.

    ``source``, when given, is a temp table of the only stored rows that can match (``trow`` the
    row's rowid, then the table's columns): ``where`` is tested on it and the history rows are made
    from it, so the table itself is touched only by the delete (at scale 30 each pass over the
    links for their rowids and then their whole rows cost about a second). ``prune``: the moved rows
    leave ``source`` too (it stays the stored rows that can match, for the file's later steps).
    """
    rows_of = source if source is not None else f"(SELECT rowid AS trow, * FROM {table.name})"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {GONE} AS SELECT t.trow FROM {rows_of} t WHERE {where}")
    rows = con.execute(f"SELECT count(*) FROM {GONE}").fetchall()
    count = int(rows[0][0]) if rows else 0
    if count:
        con.execute(
            "INSERT INTO history (table_name, record_key, row, superseded_by_load, superseded_at, change) "
            f"SELECT {sql_string(table.name)}, {key_text(table, 't')}, to_json(t), {int(load_id)}, "
            f"current_timestamp, {sql_string(change)} FROM {stored_rows(table, GONE, source)} t"
        )
        con.execute(f"DELETE FROM {table.name} WHERE rowid IN (SELECT trow FROM {GONE})")
        if prune and source is not None:
            con.execute(f"DELETE FROM {source} WHERE trow IN (SELECT trow FROM {GONE})")
    con.execute(f"DROP TABLE {GONE}")
    return count


def stored_rows(table: Table, rowids: str, source: str | None) -> str:
    """The stored rows whose rowid is in the ``trow`` column of ``rowids``, as the table's columns:
    from ``source`` (a temp table of rowid and columns) when given, else from the table."""
    if source is None:
        return f"(SELECT * FROM {table.name} WHERE rowid IN (SELECT trow FROM {rowids}))"
    return f"(SELECT * EXCLUDE (trow) FROM {source} WHERE trow IN (SELECT trow FROM {rowids}))"


def remove_replaced(
    con: duckdb.DuckDBPyConnection, table: Table, stage: str, load_id: int, *, stored: str | None = None
) -> int:
    """Per crime, the file's rows replace the stored ones: remove stored keys the file no longer has.

    ``stored``, when given, is a temp table of the stored rows that can be concerned (``trow`` the
    row's rowid, then the table's columns; see ``_load.narrow_stored``): the search runs over it
    and the rows are then found by rowid, rather than passing over the whole table.
    """
    if table.name not in PER_CRIME_TABLES:
        return 0
    if not con.execute(f"SELECT 1 FROM {table.name} LIMIT 1").fetchall():
        return 0  # a first load: nothing stored to replace (and no pass over the file's crimes)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {SCOPE} AS SELECT crime_id FROM {BUNDLE_CRIMES} "
        f"UNION SELECT crime_id FROM {stage} WHERE crime_id IS NOT NULL"
    )
    # A row whose key value could not be read (a bad code or date) may be this stored row sent
    # again: it protects every stored row of its crime that agrees on the readable key columns.
    match = " AND ".join(
        f"s.{k} = t.{k}" if k == "crime_id" else f"(s.{k} = t.{k} OR s.{k} IS NULL)" for k in table.key
    )
    gone = (
        f"t.crime_id IN (SELECT crime_id FROM {SCOPE}) AND NOT EXISTS (SELECT 1 FROM {stage} s WHERE {match})"
    )
    removed = move_to_history(con, table, gone, load_id, "removed", source=stored)
    con.execute(f"DROP TABLE {SCOPE}")
    return removed


def resolve_quarantine(
    con: duckdb.DuckDBPyConnection, table: Table, good: str, load_id: int, *, delta: bool
) -> None:
    """Mark earlier quarantine rows of ``table`` resolved by this load (see the module docstring).

    ``good`` is the stage holding exactly the rows that passed every rule.
    """
    where = f"table_name = {sql_string(table.name)} AND resolved_by_load IS NULL AND load_id < {int(load_id)}"
    if not delta:
        con.execute(f"UPDATE quarantine SET resolved_by_load = {int(load_id)} WHERE {where}")
        return
    # The row as read holds the key as the force wrote it: compare trimmed, case-insensitively.
    match = " AND ".join(
        f"lower(trim(json_extract_string(q.raw, {sql_string('$.' + k)}))) = lower(CAST(g.{k} AS VARCHAR))"
        for k in table.key
    )
    con.execute(
        f"UPDATE quarantine q SET resolved_by_load = {int(load_id)} WHERE {where} "
        f"AND EXISTS (SELECT 1 FROM {good} g WHERE {match})"
    )
