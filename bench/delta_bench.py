"""Benchmark: a nightly delta extract (≈0.3% of rows changed) against a full ingest of the same state.

For each scale: the synthetic bundle A (``bundle-<scale>``, shared with the other stages) is
changed into the final state B (``final-<scale>``: areas, outcome codes and link roles corrected,
persons updated, crimes deleted with their dependants, all chosen by a hash of the key so a run is
reproducible); ``vawg.ingest.write_delta`` writes the delta A→B (``delta-<scale>``). Timed:

* ``full_ingest_final``: ``ingest(B)`` into a fresh store (what a force does without deltas);
* ``delta_ingest``: ``ingest(delta)`` into a store holding A (the ingest stage's store, copied,
  else A ingested untimed);
* ``delta_floor``: the least any delta must do to that store (``delta_floor.py``), by phase.

The requirement (docs/ingest.md): the delta ingests in ≤ 5% of the full ingest's time, and the two
stores hold identical data tables and derived tables (crime_base, crime_links: the delta updates
them in place for the crimes it touches) — checked here, every table, row for row.

    python bench/delta_bench.py [--scales 1] [--workdir bench/out]
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import duckdb
from delta_floor import floor
from synth_bench import ensure_bundle

from vawg.contract import TABLES, load_sequence
from vawg.ingest import ingest, write_delta

FRACTION = 0.003  # of rows changed in a night
DERIVED_TABLES = ("crime_base", "crime_links")  # vawg.store: tables ingest derives from the data


def _read(path: Path) -> str:
    return (
        f"read_csv('{path}', header = true, delim = ',', quote = '\"', escape = '\"', all_varchar = true, "
        "ignore_errors = true)"
    )


def _picked(key: str, share: float, salt: int) -> str:
    """True for about ``share`` of the rows, chosen by a hash of ``key`` (reproducible)."""
    return f"(hash({key}, {salt}) % 1000000) < {int(share * 1_000_000)}"


def change_bundle(bundle: Path, out: Path, fraction: float = FRACTION) -> Path:
    """The final state: ``bundle`` with about ``fraction`` of its rows changed, deleted or corrected."""
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    for spec in load_sequence():
        if (bundle / f"{spec.name}.csv").exists():
            con.execute(f"CREATE TABLE {spec.name} AS SELECT * FROM {_read(bundle / f'{spec.name}.csv')}")
    share = fraction / 2  # five kinds of change; a changed crime brings its whole set of links/outcomes
    gone = f"crime_id IN (SELECT crime_id FROM crimes WHERE {_picked('crime_id', share / 4, 1)})"
    # Every table that references a crime loses its rows (or, where the reference is optional, the
    # reference), read from the contract so a table added to it is handled too.
    for spec in load_sequence():
        refs = [r for r in spec.references if r.table == "crimes" and r.column == "crime_id"]
        if not refs or not (bundle / f"{spec.name}.csv").exists():
            continue
        required = next(c for c in spec.columns if c.name == "crime_id").required
        if required:
            con.execute(f"DELETE FROM {spec.name} WHERE {gone}")
        else:
            con.execute(f"UPDATE {spec.name} SET crime_id = NULL WHERE {gone}")
    con.execute(f"DELETE FROM crimes WHERE {_picked('crime_id', share / 4, 1)}")
    con.execute(f"UPDATE crimes SET area = 'Walsall' WHERE {_picked('crime_id', share, 2)}")
    con.execute(
        "UPDATE outcomes SET outcome_code = CASE WHEN outcome_code = '16' THEN '1' ELSE '16' END "
        f"WHERE {_picked('crime_id || outcome_code', share, 3)}"
    )
    con.execute(
        "UPDATE crime_persons SET role = CASE WHEN role = 'victim' THEN 'suspect' ELSE 'victim' END "
        f"WHERE {_picked('crime_id || person_id', share, 4)}"
    )
    con.execute(f"UPDATE persons SET ethnicity = 'W1' WHERE {_picked('person_id', share, 5)}")
    for spec in load_sequence():
        if (bundle / f"{spec.name}.csv").exists():
            con.execute(f"COPY {spec.name} TO '{out / f'{spec.name}.csv'}' (HEADER, DELIMITER ',')")
    con.close()
    shutil.copy(bundle / "manifest.json", out / "manifest.json")
    return out


def differing_rows(store_a: Path, store_b: Path) -> dict[str, int]:
    """Per data table, rows in one store and not the other (both ways); empty when identical."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{store_a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{store_b}' AS b (READ_ONLY)")
    out = {}
    for spec in TABLES:
        cols = ", ".join([*(f"CAST({c} AS VARCHAR)" for c in spec.column_names), "CAST(extra AS VARCHAR)"])
        a, b = f"SELECT {cols} FROM a.{spec.name}", f"SELECT {cols} FROM b.{spec.name}"
        row = con.execute(
            f"SELECT (SELECT count(*) FROM ({a} EXCEPT ALL {b})) + (SELECT count(*) FROM ({b} EXCEPT ALL {a}))"
        ).fetchall()
        if row[0][0]:
            out[spec.name] = int(row[0][0])
    for name in DERIVED_TABLES:  # built whole by the full ingest, updated in place by the delta
        a, b = f"SELECT * FROM a.{name}", f"SELECT * FROM b.{name}"
        row = con.execute(
            f"SELECT (SELECT count(*) FROM ({a} EXCEPT ALL {b})) + (SELECT count(*) FROM ({b} EXCEPT ALL {a}))"
        ).fetchall()
        if row[0][0]:
            out[name] = int(row[0][0])
    con.close()
    return out


def run(workdir: Path, scales: list[float]) -> list[dict]:
    """Rows: the full ingest of the final state, the delta ingest (with ratio and equality)."""
    workdir.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []
    for scale in scales:
        bundle = ensure_bundle(workdir, scale)
        final = change_bundle(bundle, workdir / f"final-{scale:g}")
        delta = workdir / f"delta-{scale:g}"
        shutil.rmtree(delta, ignore_errors=True)
        delta_rows = sum(n for name, n in write_delta(bundle, final, delta).items())

        full_store = workdir / f"final-{scale:g}.duckdb"
        full_store.unlink(missing_ok=True)
        started = time.perf_counter()
        full = ingest(final, full_store, progress=False)
        full_seconds = time.perf_counter() - started

        delta_store, base_store = workdir / f"delta-{scale:g}.duckdb", workdir / f"store-{scale:g}.duckdb"
        delta_store.unlink(missing_ok=True)
        if not base_store.exists():  # the ingest stage's store, else made here (untimed)
            ingest(bundle, base_store, progress=False)
        shutil.copy(base_store, delta_store)
        started = time.perf_counter()
        ingest(delta, delta_store, progress=False)
        delta_seconds = time.perf_counter() - started

        # The least any delta must do to this store (bench/delta_floor.py), beside the target.
        least = floor(base_store, delta, workdir / f"floor-{scale:g}.duckdb", runs=3 if scale >= 10 else 7)

        rows = sum(c.rows_read for c in full.tables.values())
        differing = differing_rows(full_store, delta_store)
        results.append(
            {"stage": "full_ingest_final", "scale": scale, "rows": rows, "seconds": round(full_seconds, 2)}
        )
        results.append(
            {"stage": "delta_ingest", "scale": scale, "rows": delta_rows, "seconds": round(delta_seconds, 2),
             "delta_share": round(delta_rows / rows, 4), "time_ratio": round(delta_seconds / full_seconds, 3),
             "identical": not differing, "differing_rows": sum(differing.values())}
        )  # fmt: skip
        results.append(
            {"stage": "delta_floor", "scale": scale, "seconds": round(least["total"], 3),
             "time_ratio": round(least["total"] / full_seconds, 3),
             "rows_replaced": int(least["rows_replaced"]),
             "floor_phases": {k: round(v, 3) for k, v in least.items() if k not in ("total", "rows_replaced")}}
        )  # fmt: skip
        full_store.unlink(missing_ok=True)
        delta_store.unlink(missing_ok=True)
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
