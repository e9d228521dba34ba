"""A bundle loaded in one transaction: ``--strict`` and delta extracts (all or nothing)."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from vawg._faults import checkpoint
from vawg.errors import FileRejected
from vawg.ingest._deletions import Deletions
from vawg.ingest._load import Step, drop_temp_tables
from vawg.ingest._one import load_one, record_rejections, update_meta
from vawg.ingest._report import (
    LOADED,
    NOT_LOADED_BUNDLE,
    NOT_LOADED_STRICT,
    REJECTED,
    IngestReport,
    TableCounts,
)
from vawg.ingest._source import SourceFile


def load_together(
    con: duckdb.DuckDBPyConnection,
    sources: list[SourceFile],
    report: IngestReport,
    enums: dict[str, tuple[str, ...]],
    steps: Callable[[str], Step],
    *,
    deletions: Callable[[], Deletions] | None = None,
    after: Callable[[], None] | None = None,
) -> None:
    """Every file in one transaction, rolled back if a file is rejected (or, strict, any row is bad).

    ``deletions`` makes a delta's deletions inside the transaction: each table's are applied with
    its file (or first, for a table without one). ``after`` runs last, once every file has loaded
    (the derived tables).
    """
    strict, delta = report.strict, report.kind == "delta"
    load_ids: list[int] = []
    con.begin()
    try:
        deleting = deletions() if deletions is not None else None
        if deleting is not None:
            deleting.start(con, {source.table.name for source in sources})
        for source in sources:
            try:
                step = steps(source.table.name)
                load_ids.append(
                    load_one(con, source, report, enums, step, delta=delta, deletions=deleting, meta=False)
                )
            except FileRejected as exc:
                drop_temp_tables(con)
                report.rejected.append(exc)
                report.tables[source.table.name] = TableCounts(file=str(source.path), status=REJECTED)
                break  # the bundle will not load (and DuckDB may have aborted the transaction)
        if not report.rejected and not (strict and report.rows_quarantined):
            if deleting is not None:
                deleting.finish(con, report)
            if load_ids:
                update_meta(con, report.extract_date, report.extract_date_source)
            if after is not None:
                after()
            checkpoint("ingest.bundle.written")
            con.commit()
            return
        ids = ", ".join(str(i) for i in load_ids) or "NULL"
        loads = con.sql(f"SELECT * FROM loads WHERE load_id IN ({ids})").to_arrow_table()
        quarantine = con.sql(f"SELECT * FROM quarantine WHERE load_id IN ({ids})").to_arrow_table()
        con.rollback()
    except BaseException:
        con.rollback()
        raise
    report.loaded = False
    report.deleted = {}
    for counts in report.tables.values():
        if counts.status == LOADED:
            counts.status = NOT_LOADED_STRICT if strict else NOT_LOADED_BUNDLE
    if strict:
        _record_strict(con, loads, quarantine)
    record_rejections(con, report.rejected, report.extract_date)


def _record_strict(con: duckdb.DuckDBPyConnection, loads: object, quarantine: object) -> None:
    """Nothing loads; what was found is still recorded, so `vawg quarantine` can show it."""
    con.begin()
    con.register("_ingest_strict_loads", loads)
    con.register("_ingest_strict_quarantine", quarantine)
    con.execute(
        "DELETE FROM quarantine WHERE load_id IN (SELECT l.load_id FROM loads l JOIN _ingest_strict_loads n "
        "ON l.table_name = n.table_name AND l.file_sha256 = n.file_sha256)"
    )
    con.execute(
        f"INSERT INTO loads SELECT * REPLACE ('{NOT_LOADED_STRICT}' AS status, "
        "'--strict: nothing loaded because a row or file of the bundle is bad' AS message) FROM _ingest_strict_loads"
    )
    con.execute("INSERT INTO quarantine SELECT * FROM _ingest_strict_quarantine")
    con.unregister("_ingest_strict_loads")
    con.unregister("_ingest_strict_quarantine")
    con.commit()
