"""Benchmark: relative rates by stage (``vawg.equality.relative_rates``), what the web's /equality
page computes the first time a selection is viewed for a store version (later views are cached).

For each scale, on the metrics stage's store (``workdir/store-<scale>.duckdb``, built if absent),
each population and grouping is timed from the store to the finished table: the person-level SQL,
the groups, the disclosure control, the raw, cumulative and offence-adjusted rates (a Poisson GLM per
stage), Mantel-Haenszel and the not-stated bounds. The floor is the person-level SQL alone (the
data the analysis needs, read once); ``over_floor`` is the rest, the statistics.

    python bench/equality_bench.py [--scales 1] [--workdir bench/out]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from metrics_bench import _timed, ensure_store

SELECTIONS = (
    ("da-suspects", "sex"),
    ("da-suspects", "ethnicity"),
    ("da-suspects", "sex,ethnicity"),
    ("da-suspects", "sex,age"),
    ("vawg-victims", "sex,ethnicity"),
)


def _measure(con: Any, start: date, end: date, population_id: str, by: str) -> dict:
    from vawg.equality import population, relative_rates
    from vawg.equality._populations import person_stage_sql

    sql = person_stage_sql(population(population_id))
    floor, _, _ = _timed(lambda: con.execute(sql, [start, end]).df(), repeats=3)
    wall, cpu, result = _timed(
        lambda: relative_rates(con, population_id, by, start=start, end=end), repeats=3
    )
    return {"population": population_id, "by": by, "rows": result.people, "seconds": wall,
            "cpu_seconds": cpu, "floor_seconds": floor, "over_floor": wall - floor}  # fmt: skip


def run(workdir: Path, scales: list[float]) -> list[dict]:
    import duckdb

    from vawg.equality import default_window

    rows: list[dict] = []
    for scale in scales:
        con = duckdb.connect(str(ensure_store(workdir, scale)), read_only=True)
        try:
            start, end = default_window(con)
            for population_id, by in SELECTIONS:
                rows.append(
                    {"stage": "equality_rri", "scale": scale} | _measure(con, start, end, population_id, by)
                )
        finally:
            con.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    for row in run(args.workdir, [float(s) for s in args.scales.split(",") if s]):
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
