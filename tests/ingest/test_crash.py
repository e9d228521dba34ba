"""A load killed mid-file (kill -9, in a real subprocess) leaves the store as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb

from tests.ingest._helpers import base_rows, snapshot, write_bundle
from vawg.ingest import ingest
from vawg.store import connect

# Run ingest with a pause after the named table's rows are written, before its transaction commits.
PAUSING_INGEST = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import vawg.ingest._load as load

    write_rows = load._write_rows

    def write_then_pause(con, plan, load_id, **kwargs):
        counts = write_rows(con, plan, load_id, **kwargs)
        if plan.table.name == os.environ["PAUSE_TABLE"]:
            Path(os.environ["MARKER"]).write_text("mid-load")
            time.sleep(600)
        return counts

    load._write_rows = write_then_pause
    from vawg.ingest import ingest
    ingest(Path(sys.argv[1]), Path(sys.argv[2]), progress=False)
    """
)

BIG = 125_000  # persons in the newer extract: over a row group, so DuckDB writes blocks before the commit


def _newer_bundle(folder: Path) -> Path:
    tables = base_rows()
    tables["crimes"][0]["area"] = "Coventry"
    bundle = write_bundle(folder, tables)
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM read_csv('{bundle / 'persons.csv'}', all_varchar = true) UNION ALL "
        f"SELECT 'N' || i, 'F', CAST(1950 + i % 50 AS VARCHAR), 'W1' FROM range({BIG}) t(i)) "
        f"TO '{bundle / 'persons.csv'}.tmp' (HEADER)"
    )
    os.replace(f"{bundle / 'persons.csv'}.tmp", bundle / "persons.csv")
    return bundle


def _kill_mid_load(bundle: Path, store: Path, table: str, tmp_path: Path) -> None:
    marker = tmp_path / f"paused-{table}"
    env = {**os.environ, "PAUSE_TABLE": table, "MARKER": str(marker)}
    proc = subprocess.Popen([sys.executable, "-c", PAUSING_INGEST, str(bundle), str(store)], env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, "ingest ended before reaching the pause"
            assert time.monotonic() < deadline, "ingest never reached the pause"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _state(store: Path) -> dict[str, object]:
    con = connect(store, read_only=True)
    try:
        return {
            **snapshot(con),
            "loads": con.execute("SELECT table_name, status FROM loads ORDER BY ALL").fetchall(),
        }
    finally:
        con.close()


def test_kill_mid_load_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    ingest(write_bundle(tmp_path / "first"), store, progress=False)
    before = _state(store)
    newer = _newer_bundle(tmp_path / "newer")

    # Killed while persons (the first file) is written but not committed: nothing changed.
    _kill_mid_load(newer, store, "persons", tmp_path)
    assert _state(store) == before

    # Killed inside crimes: persons (its own, committed transaction) is in; crimes is as it was.
    _kill_mid_load(newer, store, "crimes", tmp_path)
    after_kill = _state(store)
    assert after_kill["crimes"] == before["crimes"]
    assert len(after_kill["persons"]) == len(before["persons"]) + BIG  # type: ignore[arg-type]

    # Loading again completes it: the same store as an uninterrupted load of the two extracts.
    report = ingest(newer, store, progress=False)
    assert report.exit_code == 0 and report.tables["crimes"].rows_updated == 1
    clean = tmp_path / "clean.duckdb"
    ingest(tmp_path / "first", clean, progress=False)
    ingest(newer, clean, progress=False)
    finished, expected = _state(store), _state(clean)
    assert {k: v for k, v in finished.items() if k != "loads"} == {
        k: v for k, v in expected.items() if k != "loads"
    }
