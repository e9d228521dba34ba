"""One file into the store inside the caller's transaction, with its ``loads`` row and ``meta``."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import TypeVar

import duckdb

from vawg._faults import checkpoint
from vawg.contract import CONTRACT_VERSION
from vawg.errors import FileRejected
from vawg.ingest._deletions import Deletions
from vawg.ingest._lines import scan_file
from vawg.ingest._load import Step, load_table, scalar
from vawg.ingest._report import LOADED, REJECTED, IngestReport
from vawg.ingest._source import SourceFile
from vawg.ingest._stage import MixedEndings

T = TypeVar("T")


def load_one(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    report: IngestReport,
    enums: dict[str, tuple[str, ...]],
    step: Step,
    *,
    delta: bool = False,
    deletions: Deletions | None = None,
    meta: bool = True,
) -> int:
    """Load one file inside the caller's transaction; return its load id (``deletions``: a delta's,
    of which this file's table's are applied as it loads; ``meta``: update ``meta`` too, which a
    caller loading many files in one transaction does once, at the end)."""
    began, wall = datetime.now(), time.perf_counter()
    load_id = scalar(con, "SELECT nextval('load_id_seq')")
    with ThreadPoolExecutor(max_workers=1) as pool:
        # Hash and count lines in a thread while DuckDB reads the file (both release the GIL).
        scan = pool.submit(scan_file, source.path).result
        counts = load_table(
            con, source, load_id=load_id, extract_date=report.extract_date, enums=enums, scan=scan, step=step,
            delta=delta, deletions=deletions,
        )  # fmt: skip
        sha256 = scan().sha256
    counts.seconds = time.perf_counter() - wall
    notes = [f"{counts.rows_updated} rows updated" if counts.rows_updated else "",
             f"{counts.rows_removed} rows removed by correction" if counts.rows_removed else ""]  # fmt: skip
    message = "; ".join(n for n in notes if n)
    con.execute(
        "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [load_id, source.table.name, str(source.path), sha256, report.extract_date, began, datetime.now(),
         LOADED, counts.rows_read, counts.rows_loaded, counts.rows_quarantined, counts.rows_unchanged,
         f"{message} (previous versions in history)" if message else None],
    )  # fmt: skip
    if meta:
        update_meta(con, report.extract_date, report.extract_date_source)
    report.tables[source.table.name] = counts
    checkpoint(f"ingest.{source.table.name}.written")
    return load_id


def retrying(run: Callable[[], T]) -> T:
    """Run a transaction; each time a file turns out to need uniform line endings, run it again."""
    while True:
        try:
            return run()
        except MixedEndings as exc:  # ``run`` rolled its transaction back
            if exc.source.normalise:
                raise  # already read from a copy: cannot happen, but never loop
            exc.source.normalise = True


def record_rejections(con: duckdb.DuckDBPyConnection, rejected: list[FileRejected], extract: date) -> None:
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


def update_meta(con: duckdb.DuckDBPyConnection, extract: date, origin: str = "manifest") -> None:
    """The latest extract date seen (an older bundle loaded later does not move it back) and where it
    came from (``extract_date_source``: option, manifest, inferred or today)."""
    con.execute(
        "INSERT OR REPLACE INTO meta SELECT 'extract_date_source', ? WHERE CAST(? AS DATE) >= "
        "coalesce((SELECT max(TRY_CAST(value AS DATE)) FROM meta WHERE key = 'extract_date'), DATE '0001-01-01')",
        [origin, extract],
    )
    con.execute(
        "INSERT OR REPLACE INTO meta SELECT 'extract_date', CAST(greatest(CAST(? AS DATE), "
        "(SELECT max(TRY_CAST(value AS DATE)) FROM meta WHERE key = 'extract_date')) AS VARCHAR) "
        "UNION ALL SELECT 'contract_version', ? UNION ALL SELECT 'last_ingest_at', ?",
        [extract, str(CONTRACT_VERSION), datetime.now().isoformat(timespec="seconds")],
    )
