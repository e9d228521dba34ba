"""Benchmark: validated ingest beside DuckDB's own typed ``read_csv`` of the same files (the floor).

For each scale the synthetic bundle is generated (``vawg.synth.write_bundle``) or reused from
``workdir/bundle-<scale>``; both are timed in the same run, each into a fresh DuckDB file:

* ``duckdb_read_csv``: ``CREATE TABLE t AS SELECT * FROM read_csv(file, columns = {typed})`` per file,
  no checks at all: the fastest a load of these files can be on this machine;
* ``ingest``: ``vawg.ingest.ingest`` (every row rule, quarantine, keys, references, history).

The requirement (docs/ingest.md): ingest's rows per second at least half the floor's (ratio >= 0.5).

    python bench/ingest_bench.py [--scales 1] [--workdir bench/out]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import duckdb
from synth_bench import ensure_bundle

from vawg.contract import load_sequence
from vawg.ingest import ingest

FLOOR_TYPES = {
    "text": "VARCHAR",
    "code": "VARCHAR",
    "date": "DATE",
    "bool": "BOOLEAN",
    "int": "INTEGER",
    "number": "DOUBLE",
}


def _files(bundle: Path) -> list[tuple[str, Path]]:
    return [
        (t.name, bundle / f"{t.name}.csv") for t in load_sequence() if (bundle / f"{t.name}.csv").exists()
    ]


def _warm(files: list[tuple[str, Path]]) -> None:
    """Read every file once so neither contender pays for a cold page cache."""
    for _, path in files:
        with path.open("rb") as fh:
            while fh.read(1 << 24):
                pass


def _floor(files: list[tuple[str, Path]], db: Path) -> tuple[int, float, float]:
    """DuckDB's typed read_csv of each file into a table of a fresh database file."""
    db.unlink(missing_ok=True)
    started, cpu = time.perf_counter(), time.process_time()
    con = duckdb.connect(str(db))
    rows = 0
    for name, path in files:
        spec = next(t for t in load_sequence() if t.name == name)
        types = {c.name: FLOOR_TYPES[c.type] for c in spec.columns}
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh))
        columns = ", ".join(f"'{h}': '{types.get(h.strip().lower(), 'VARCHAR')}'" for h in header)
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header = true, columns = {{{columns}}})"
        )
        row = con.execute(f"SELECT count(*) FROM {name}").fetchone()
        rows += int(row[0]) if row else 0
    con.close()
    return rows, time.perf_counter() - started, time.process_time() - cpu


def _ingest(bundle: Path, db: Path) -> tuple[int, float, float, int]:
    db.unlink(missing_ok=True)
    started, cpu = time.perf_counter(), time.process_time()
    report = ingest(bundle, db, progress=False)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    rows = sum(c.rows_read for c in report.tables.values())
    return rows, seconds, cpu_seconds, report.rows_quarantined


def run(workdir: Path, scales: list[float]) -> list[dict]:
    """One row per stage and scale: stage, scale, rows, seconds, rows_per_second (+ ratio for ingest)."""
    workdir.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []
    for scale in scales:
        bundle = ensure_bundle(workdir, scale)
        files = _files(bundle)
        _warm(files)
        floor_rows, floor_seconds, floor_cpu = _floor(files, workdir / f"floor-{scale:g}.duckdb")
        rows, seconds, cpu, quarantined = _ingest(bundle, workdir / f"store-{scale:g}.duckdb")
        floor_rate, rate = floor_rows / floor_seconds, rows / seconds
        # Wall time depends on what else the machine runs; CPU time (DuckDB's threads included) much
        # less, so both ratios are reported: ingest's rate over the floor's.
        results.append(
            {"stage": "duckdb_read_csv", "scale": scale, "rows": floor_rows, "seconds": round(floor_seconds, 2),
             "rows_per_second": round(floor_rate), "cpu_seconds": round(floor_cpu, 2)}
        )  # fmt: skip
        results.append(
            {"stage": "ingest", "scale": scale, "rows": rows, "seconds": round(seconds, 2),
             "rows_per_second": round(rate), "cpu_seconds": round(cpu, 2), "ratio": round(rate / floor_rate, 2),
             "cpu_ratio": round(floor_cpu / cpu, 2), "quarantined": quarantined}
        )  # fmt: skip
        # The store stays: the metrics stage computes from it rather than ingesting again.
        (workdir / f"floor-{scale:g}.duckdb").unlink(missing_ok=True)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    for result in run(args.workdir, [float(s) for s in args.scales.split(",") if s]):
        print(result)
