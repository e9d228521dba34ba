"""`ingest`: load a bundle into the store.

A full extract loads its required tables (persons, crimes, crime_persons, outcomes) in one
transaction, so a rejection of any of them stops the whole bundle with nothing of it committed,
then each optional table in its own transaction. ``--strict`` and delta extracts load all files in
one transaction. Every point where the process could die is named (``vawg._faults``) and tested.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb

from vawg._faults import checkpoint
from vawg.contract import TABLES_BY_NAME, Table, load_sequence
from vawg.errors import FileRejected
from vawg.ingest._bundle import find_bundle, manifest_is_synthetic, read_manifest
from vawg.ingest._corrections import start_bundle
from vawg.ingest._deletions import Deletions, read_deletions
from vawg.ingest._extract_date import GIVEN, INFERRED, MANIFEST, TODAY, infer_extract_date
from vawg.ingest._load import Step, drop_temp_tables
from vawg.ingest._one import load_one, record_rejections, retrying
from vawg.ingest._progress import progress_bars
from vawg.ingest._report import LOADED, NOT_LOADED_BUNDLE, REJECTED, IngestReport, TableCounts
from vawg.ingest._source import SourceFile, open_source
from vawg.ingest._together import load_together
from vawg.store import ENUM_TYPES, refresh_derived
from vawg.store import connect as store_connect


def ingest(
    bundle: Path | str,
    db: Path | str | duckdb.DuckDBPyConnection,
    *,
    strict: bool = False,
    extract_date: date | None = None,
    progress: bool = True,
) -> IngestReport:
    """Load the bundle folder ``bundle`` into the store ``db`` (a path, or an open store connection).

    Tables load in contract order (persons, crimes, then the rest) so references resolve against
    what is already stored. The required tables load in one transaction (a rejection of any of them
    commits nothing), then each optional table in its own. ``strict`` loads nothing at all when any
    row would be quarantined (the quarantine is still recorded). A delta extract (manifest
    ``"kind": "delta"``) loads all or nothing. The extract date is ``extract_date``, else
    manifest.json's, else inferred from the data (the latest date not in the future), and the report
    says which (``extract_date_source``). Returns the counts per table; see :class:`IngestReport`.
    """
    started = time.perf_counter()
    bundle = Path(bundle)
    manifest = read_manifest(bundle)
    delta = manifest.kind == "delta"
    found = find_bundle(bundle, delta=delta)
    extract = extract_date or manifest.extract_date or date.today()
    origin = GIVEN if extract_date else (MANIFEST if manifest.extract_date else TODAY)
    report = IngestReport(
        bundle=bundle, extract_date=extract, strict=strict, kind=manifest.kind, extract_date_source=origin
    )
    owned = not isinstance(db, duckdb.DuckDBPyConnection)  # a store we open, we close
    con = db if isinstance(db, duckdb.DuckDBPyConnection) else store_connect(db)
    try:
        # Line numbers rest on the stage keeping the file's order (DuckDB's default; make sure).
        con.execute("SET preserve_insertion_order = true")
        enums = _store_enums(con)
        report.rejected.extend(found.rejected)
        sources: list[SourceFile] = []
        for spec in _sequence():
            if spec.name not in found.files:
                continue
            try:
                sources.append(open_source(spec, found.files[spec.name], found.format_of(spec.name), con))
            except FileRejected as exc:
                report.rejected.append(exc)
        if origin == TODAY:
            inferred = infer_extract_date(con, sources)
            if inferred is not None:
                report.extract_date, report.extract_date_source = inferred, INFERRED
            extract = report.extract_date
        pairs: list[tuple[str, str]] = []
        if found.deletions is not None:
            try:
                pairs = read_deletions(found.deletions)
            except FileRejected as exc:
                report.rejected.append(exc)
        for rejection in report.rejected:
            if rejection.table:
                report.tables[rejection.table] = TableCounts(file=str(rejection.path), status=REJECTED)
        required_rejected = any(TABLES_BY_NAME[r.table].required for r in report.rejected if r.table)
        if required_rejected or (delta and report.rejected):
            # A required table missing or unreadable (or any file of a delta): nothing loads.
            report.loaded = False
            record_rejections(con, report.rejected, extract)
            return report
        start_bundle(con)
        # The derived tables are refreshed for the rows of this bundle's loads (those after `since`).
        since = int(con.execute("SELECT coalesce(max(load_id), 0) FROM loads").fetchall()[0][0])
        derive = lambda: refresh_derived(con, since)  # noqa: E731
        deletions = found.deletions
        with progress_bars(progress, sources) as steps:
            if strict or delta:
                deleting = (lambda: Deletions(con, deletions, pairs)) if deletions else None
                retrying(
                    lambda: load_together(
                        con, sources, report, enums, steps, deletions=deleting, after=derive
                    )
                )
            else:
                _load_each(con, sources, report, enums, steps, derive)
        if manifest_is_synthetic(bundle):
            # Read by the ethics pack, which says on every page when its figures come from synthetic data.
            con.execute("INSERT OR REPLACE INTO meta VALUES ('data_origin', 'synthetic')")
    finally:
        report.seconds = time.perf_counter() - started
        if owned:
            con.close()
    return report


def _sequence() -> list[Table]:
    """The load order with the required tables first (they load, or fail, together)."""
    tables = load_sequence()
    return [t for t in tables if t.required] + [t for t in tables if not t.required]


def _store_enums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, ...]]:
    """The codes each ENUM type of this store accepts (the store's own, fixed when it was made)."""
    enums = {}
    for type_name in ENUM_TYPES.values():
        row = con.execute(f"SELECT enum_range(NULL::{type_name})").fetchone()
        enums[type_name] = tuple(row[0]) if row else ()
    return enums


def _load_each(
    con: duckdb.DuckDBPyConnection,
    sources: list[SourceFile],
    report: IngestReport,
    enums: dict[str, tuple[str, ...]],
    steps: Callable[[str], Step],
    derive: Callable[[], None],
) -> None:
    """The required tables in one transaction (with the derived tables built on them), then each
    optional table in its own."""
    required = [s for s in sources if s.table.required]
    if not retrying(lambda: _load_required(con, required, report, enums, steps, derive)):
        return
    checkpoint("ingest.required.committed")
    for source in sources:
        if not source.table.required:
            retrying(lambda source=source: _load_optional(con, source, report, enums, steps))  # type: ignore[misc]
            checkpoint(f"ingest.{source.table.name}.committed")


def _load_required(
    con: duckdb.DuckDBPyConnection,
    required: list[SourceFile],
    report: IngestReport,
    enums: dict[str, tuple[str, ...]],
    steps: Callable[[str], Step],
    derive: Callable[[], None],
) -> bool:
    """Load the required tables together; False (nothing committed) if one is rejected."""
    con.begin()
    try:
        for source in required:
            try:
                load_one(con, source, report, enums, steps(source.table.name))
            except FileRejected as exc:
                # A required table is unreadable: the whole bundle stops, nothing of it committed.
                con.rollback()
                report.rejected.append(exc)
                report.loaded = False
                for counts in report.tables.values():
                    counts.status = NOT_LOADED_BUNDLE if counts.status == LOADED else counts.status
                report.tables[source.table.name] = TableCounts(file=str(source.path), status=REJECTED)
                record_rejections(con, [exc], report.extract_date)
                return False
        derive()
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return True


def _load_optional(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    report: IngestReport,
    enums: dict[str, tuple[str, ...]],
    steps: Callable[[str], Step],
) -> None:
    """One optional table in its own transaction; a rejection skips it and the others load."""
    con.begin()
    try:
        load_one(con, source, report, enums, steps(source.table.name))
        con.commit()
    except FileRejected as exc:
        con.rollback()
        drop_temp_tables(con)
        report.rejected.append(exc)
        report.tables[source.table.name] = TableCounts(file=str(source.path), status=REJECTED)
        record_rejections(con, [exc], report.extract_date)
    except BaseException:
        con.rollback()
        raise
