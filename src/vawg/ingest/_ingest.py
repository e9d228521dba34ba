"""`ingest`: load a bundle into the store, file by file, each file in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import duckdb

from vawg.contract import CONTRACT_VERSION, TABLES_BY_NAME, load_sequence
from vawg.errors import FileRejected
from vawg.ingest._bundle import find_bundle, manifest_extract_date, manifest_is_synthetic
from vawg.ingest._lines import FileScan, scan_file
from vawg.ingest._load import Step, drop_temp_tables, load_table, scalar
from vawg.ingest._report import LOADED, NOT_LOADED_STRICT, REJECTED, IngestReport, TableCounts
from vawg.ingest._source import SourceFile, open_source
from vawg.store import ENUM_TYPES
from vawg.store import connect as store_connect

STEPS = 4  # reading, checking, quarantining, writing


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
    what is already stored. Each file is one transaction: a crash leaves that file unloaded and the
    files before it loaded. ``strict`` loads nothing at all when any row would be quarantined (the
    quarantine is still recorded). The extract date is ``extract_date``, else manifest.json's, else
    today. Returns the counts per table; see :class:`IngestReport` for the exit status.
    """
    started = time.perf_counter()
    bundle = Path(bundle)
    found = find_bundle(bundle)
    extract = extract_date or manifest_extract_date(bundle) or date.today()
    report = IngestReport(bundle=bundle, extract_date=extract, strict=strict)
    owned = not isinstance(db, duckdb.DuckDBPyConnection)  # a store we open, we close
    con = db if isinstance(db, duckdb.DuckDBPyConnection) else store_connect(db)
    try:
        # Line numbers rest on the stage keeping the file's order (DuckDB's default; make sure).
        con.execute("SET preserve_insertion_order = true")
        enums = _store_enums(con)
        report.rejected.extend(found.rejected)
        sources: list[SourceFile] = []
        for spec in load_sequence():
            if spec.name not in found.files:
                continue
            try:
                sources.append(open_source(spec, found.files[spec.name], found.format_of(spec.name), con))
            except FileRejected as exc:
                report.rejected.append(exc)
        for rejection in report.rejected:
            if rejection.table:
                report.tables[rejection.table] = TableCounts(file=str(rejection.path), status=REJECTED)
        if any(TABLES_BY_NAME[r.table].required for r in report.rejected if r.table):
            # A required table missing or unreadable: nothing loads (its dependants could not).
            report.loaded = False
            _record_rejections(con, report.rejected, extract)
            return report
        with _progress(progress, sources) as steps:
            if strict:
                _load_strict(con, sources, report, enums, steps)
            else:
                _load_each(con, sources, report, enums, steps)
        if manifest_is_synthetic(bundle):
            # Read by the ethics pack, which says on every page when its figures come from synthetic data.
            con.execute("INSERT OR REPLACE INTO meta VALUES ('data_origin', 'synthetic')")
    finally:
        report.seconds = time.perf_counter() - started
        if owned:
            con.close()
    return report


def _store_enums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, ...]]:
    """The codes each ENUM type of this store accepts (the store's own, fixed when it was made)."""
    enums = {}
    for type_name in ENUM_TYPES.values():
        row = con.execute(f"SELECT enum_range(NULL::{type_name})").fetchone()
        enums[type_name] = tuple(row[0]) if row else ()
    return enums


def _load_one(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    report: IngestReport,
    enums: dict[str, tuple[str, ...]],
    step: Step,
    scan: Callable[[], FileScan],
) -> int:
    """Load one file inside the caller's transaction; return its load id."""
    began, wall = datetime.now(), time.perf_counter()
    load_id = scalar(con, "SELECT nextval('load_id_seq')")
    counts = load_table(
        con, source, load_id=load_id, extract_date=report.extract_date, enums=enums, scan=scan, step=step
    )
    counts.seconds = time.perf_counter() - wall
    con.execute(
        "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [load_id, source.table.name, str(source.path), scan().sha256, report.extract_date, began, datetime.now(),
         LOADED, counts.rows_read, counts.rows_loaded, counts.rows_quarantined, counts.rows_unchanged,
         f"{counts.rows_updated} rows updated (previous versions in history)" if counts.rows_updated else None],
    )  # fmt: skip
    _update_meta(con, report.extract_date)
    report.tables[source.table.name] = counts
    return load_id


def _load_each(
    con: duckdb.DuckDBPyConnection,
    sources: list[SourceFile],
    report: IngestReport,
    enums: dict[str, tuple[str, ...]],
    steps: Callable[[str], Step],
) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        for source in sources:
            # Hash and count lines in a thread while DuckDB reads the file (both release the GIL).
            future = pool.submit(scan_file, source.path)
            con.begin()
            try:
                _load_one(con, source, report, enums, steps(source.table.name), future.result)
                con.commit()
            except FileRejected as exc:
                con.rollback()
                report.rejected.append(exc)
                report.tables[source.table.name] = TableCounts(file=str(source.path), status=REJECTED)
                _record_rejections(con, [exc], report.extract_date)
            except BaseException:
                con.rollback()
                raise


def _load_strict(
    con: duckdb.DuckDBPyConnection,
    sources: list[SourceFile],
    report: IngestReport,
    enums: dict[str, tuple[str, ...]],
    steps: Callable[[str], Step],
) -> None:
    """The whole bundle in one transaction, rolled back if any row is bad or any file rejected."""
    load_ids: list[int] = []
    con.begin()
    try:
        for source in sources:
            try:
                with ThreadPoolExecutor(max_workers=1) as pool:
                    future = pool.submit(scan_file, source.path)
                    load_ids.append(
                        _load_one(con, source, report, enums, steps(source.table.name), future.result)
                    )
            except FileRejected as exc:
                drop_temp_tables(con)
                report.rejected.append(exc)
                report.tables[source.table.name] = TableCounts(file=str(source.path), status=REJECTED)
        if not report.rows_quarantined and not report.rejected:
            con.commit()
            return
        ids = ", ".join(str(i) for i in load_ids) or "NULL"
        loads = con.sql(f"SELECT * FROM loads WHERE load_id IN ({ids})").to_arrow_table()
        quarantine = con.sql(f"SELECT * FROM quarantine WHERE load_id IN ({ids})").to_arrow_table()
        con.rollback()
    except BaseException:
        con.rollback()
        raise
    # Nothing loads; what was found is still recorded, so `vawg quarantine` can show it.
    report.loaded = False
    for counts in report.tables.values():
        if counts.status == LOADED:
            counts.status = NOT_LOADED_STRICT
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
    _record_rejections(con, report.rejected, report.extract_date)


def _record_rejections(con: duckdb.DuckDBPyConnection, rejected: list[FileRejected], extract: date) -> None:
    """A row in ``loads`` for each rejected file, so the loads history shows the attempt."""
    if not rejected:
        return
    con.begin()
    for exc in rejected:
        now = datetime.now()
        con.execute(
            "INSERT INTO loads (load_id, table_name, file, extract_date, started_at, finished_at, status, message) "
            "VALUES (nextval('load_id_seq'), ?, ?, ?, ?, ?, ?, ?)",
            [exc.table or "", str(exc.path), extract, now, now, REJECTED, exc.message],
        )
    con.commit()


def _update_meta(con: duckdb.DuckDBPyConnection, extract: date) -> None:
    """The latest extract date seen (an older bundle loaded later does not move it back)."""
    con.execute(
        "INSERT OR REPLACE INTO meta SELECT 'extract_date', CAST(greatest(CAST(? AS DATE), "
        "(SELECT max(TRY_CAST(value AS DATE)) FROM meta WHERE key = 'extract_date')) AS VARCHAR) "
        "UNION ALL SELECT 'contract_version', ? UNION ALL SELECT 'last_ingest_at', ?",
        [extract, str(CONTRACT_VERSION), datetime.now().isoformat(timespec="seconds")],
    )


@contextmanager
def _progress(enabled: bool, sources: list[SourceFile]) -> Iterator[Callable[[str], Step]]:
    """``steps(table)`` gives the step callback of that file's progress bar (a no-op when disabled)."""
    if not enabled:
        yield lambda table: lambda label: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description:<32}"), BarColumn(), TimeElapsedColumn(), transient=False
    ) as bar:
        tasks = {s.table.name: bar.add_task(s.table.name, total=STEPS) for s in sources}

        def steps(table: str) -> Step:
            task = tasks[table]
            count = [0]

            def step(label: str) -> None:
                if count[0]:
                    bar.advance(task)
                count[0] += 1
                bar.update(task, description=f"{table}: {label}")

            return step

        yield steps
        for table, task in tasks.items():
            bar.update(task, completed=STEPS, description=f"{table}: done")
