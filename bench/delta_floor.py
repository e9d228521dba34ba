"""The floor of a delta ingest: the least any delta must do to a DuckDB store of this schema.

Issue 8 asks for a nightly delta (≈0.3% of rows) in at most 5% of a full ingest's time. This
module times, on a copy of the store, only what the contract obliges every delta to do, each in its
cheapest form, and nothing else:

1. ``open``: open the store (DuckDB alone; none of vawg's checks);
2. ``stage``: read each delta file as text with its header's columns declared (no sniffing, no
   typing, no row rules);
3. ``replace``: per table the delta touches, one ``DELETE … WHERE <first key> IN (…) RETURNING *``
   (the stored rows it replaces or deletes, by the file's keys, the deletions and, for a crime's
   links and outcomes, the crime: the correction rule), which is one pass over the table's key;
4. ``history``: the returned old versions into ``history`` as JSON;
5. ``insert``: the staged rows into their tables;
6. ``references``: one pass over each referenced table (crimes, persons) for every value the files
   name;
7. ``derived``: the touched crimes' rows out of ``crime_base`` and ``crime_links`` (their rebuild is
   not counted);
8. ``commit``: commit and close (DuckDB's checkpoint).

Not counted at all: typed casts and row rules, quarantine and line numbers, file digests,
telling unchanged rows from changed ones, rebuilding the derived rows, ``loads`` and ``meta``.
The store it leaves is thrown away (keys are matched on their first column only, which is
enough for timing and not for the data).

    python bench/delta_floor.py --scale 1 [--workdir bench/out] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

import duckdb

from vawg.contract import TABLES_BY_NAME

PHASES = ("open", "stage", "replace", "history", "insert", "references", "derived", "commit")
PER_CRIME = ("crime_persons", "outcomes")  # a crime's set of these replaces the stored set
DERIVED = ("crime_base", "crime_links")


def _text_read(path: Path) -> str:
    with path.open(encoding="utf-8") as fh:
        header = fh.readline().strip().split(",")
    columns = "{" + ", ".join(f"'{h}': 'VARCHAR'" for h in header) + "}"
    return (
        f"read_csv('{path}', header = true, auto_detect = false, delim = ',', quote = '\"', "
        f"escape = '\"', columns = {columns})"
    )


def _once(store: Path, delta: Path) -> tuple[dict[str, float], int]:
    marks = [time.perf_counter()]
    con = duckdb.connect(str(store))
    marks.append(time.perf_counter())

    con.execute("BEGIN")
    files = sorted(f for f in delta.glob("*.csv") if f.stem in TABLES_BY_NAME)
    for f in files:
        con.execute(f"CREATE TEMP TABLE s_{f.stem} AS SELECT * FROM {_text_read(f)}")
    con.execute(
        "CREATE TEMP TABLE s_deletions AS SELECT table_name, split_part(record_key, '|', 1) AS k "
        f"FROM {_text_read(delta / 'deletions.csv')}"
    )
    marks.append(time.perf_counter())

    keys: dict[str, list[str]] = {}
    for f in files:
        keys.setdefault(f.stem, []).append(f"SELECT {TABLES_BY_NAME[f.stem].key[0]} FROM s_{f.stem}")
    for (table,) in con.execute("SELECT DISTINCT table_name FROM s_deletions").fetchall():
        keys.setdefault(table, []).append(f"SELECT k FROM s_deletions WHERE table_name = '{table}'")
    crimes = [q for t in PER_CRIME for q in keys.get(t, [])] + keys.get("crimes", [])[1:]
    for table in PER_CRIME:
        keys.setdefault(table, []).extend(crimes)
    old = {
        table: con.sql(
            f"DELETE FROM {table} WHERE {TABLES_BY_NAME[table].key[0]} IN ({' UNION ALL '.join(q)}) "
            "RETURNING *"
        ).to_arrow_table()
        for table, q in keys.items()
    }
    marks.append(time.perf_counter())

    for table, rows in old.items():
        con.register("_old", rows)
        con.execute(
            "INSERT INTO history (table_name, record_key, row, superseded_by_load, superseded_at, change) "
            f"SELECT '{table}', '', to_json(o), 0, current_timestamp, 'updated' FROM _old o"
        )
        con.unregister("_old")
    marks.append(time.perf_counter())

    for f in files:
        header = [r[0] for r in con.execute(f"DESCRIBE s_{f.stem}").fetchall()]
        extra = ", ethnicity_group" if f.stem == "persons" else ""
        value = ", 'Not stated'" if f.stem == "persons" else ""
        con.execute(
            f"INSERT INTO {f.stem} ({', '.join(header)}, load_id{extra}) SELECT *, 0{value} FROM s_{f.stem}"
        )
    marks.append(time.perf_counter())

    named: dict[tuple[str, str], list[str]] = {}
    for f in files:
        header = {r[0] for r in con.execute(f"DESCRIBE s_{f.stem}").fetchall()}
        for ref in TABLES_BY_NAME[f.stem].references:
            if ref.table != f.stem and ref.column in header:
                named.setdefault((ref.table, ref.target), []).append(f"SELECT {ref.column} FROM s_{f.stem}")
    for (table, target), q in named.items():
        con.execute(
            f"SELECT count(DISTINCT {target}) FROM {table} WHERE {target} IN ({' UNION ALL '.join(q)})"
        )
    marks.append(time.perf_counter())

    touched = " UNION ALL ".join(crimes + keys.get("crimes", [])[:1])
    for table in DERIVED:
        con.execute(f"DELETE FROM {table} WHERE crime_id IN ({touched})")
    marks.append(time.perf_counter())

    con.execute("COMMIT")
    con.close()
    marks.append(time.perf_counter())
    replaced = sum(rows.num_rows for rows in old.values())
    return {phase: marks[i + 1] - marks[i] for i, phase in enumerate(PHASES)}, replaced


def floor(store: Path, delta: Path, work: Path, runs: int = 5) -> dict[str, float]:
    """Median seconds of each phase (and ``total``) over ``runs`` runs, each on a fresh copy of
    ``store`` at ``work`` (``store`` itself is never written), and ``rows_replaced``: the stored
    rows one run took out."""
    results, replaced = [], 0
    for _ in range(runs):
        shutil.copy(store, work)
        try:
            times, replaced = _once(work, delta)
            results.append(times)
        finally:
            work.unlink(missing_ok=True)
    out = {phase: statistics.median(r[phase] for r in results) for phase in PHASES}
    out["total"] = statistics.median(sum(r.values()) for r in results)
    out["rows_replaced"] = replaced
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="1")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    base, delta = args.workdir / f"store-{args.scale}.duckdb", args.workdir / f"delta-{args.scale}"
    result = floor(base, delta, args.workdir / f"floor-{args.scale}.duckdb", args.runs)
    print(f"{result.pop('rows_replaced'):,} stored rows replaced or deleted")
    for phase, seconds in result.items():
        print(f"{phase:>10}  {seconds * 1000:8.1f} ms")
