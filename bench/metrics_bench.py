"""Metrics benchmark: every indicator, every month and area, three ways, same numbers.

* ``metrics_ibis``   – vawg: ``compute_all(con, grain="month", by=("area",))`` (Ibis → DuckDB);
* ``metrics_sql``    – the floor: the same numbers from hand-written DuckDB SQL (metrics_floor.py);
* ``metrics_pandas`` – what an analyst writes today: tables read into pandas, merges, groupbys and
  loops over month ends (pandas_baseline.py).

The three must agree: every (metric, month, area) numerator and denominator, and days-to-outcome
quantiles to 1e-9. Each side is timed up to its results (vawg's ``MetricResult`` frames, the
floor's query results); turning them into ``Numbers`` for the comparison is not timed on either
side. ``run(workdir, scales)`` reuses ``workdir/store-<scale>.duckdb`` (the ingest
bench builds it) or builds it from ``workdir/bundle-<scale>`` or a fresh synthetic force.

    python bench/metrics_bench.py [--scales 1,30] [--workdir bench/out]
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from metrics_floor import Numbers, run_sql, sql_numbers
from synth_bench import ensure_bundle


# --- building the store ---------------------------------------------------------------------------
def ensure_store(workdir: Path, scale: float) -> Path:
    """``workdir/store-<scale>.duckdb``: the ingest stage's store, else the bundle ingested now."""
    store = workdir / f"store-{scale:g}.duckdb"
    if not store.exists():
        from vawg.ingest import ingest

        ingest(ensure_bundle(workdir, scale), store, progress=True)
    return store


# --- vawg ---------------------------------------------------------------------------------------
def numbers_from_vawg(results: dict[str, Any]) -> Numbers:
    out: Numbers = {}
    for metric_id, result in results.items():
        frame = result.frame
        area = frame["area"] if "area" in frame else [None] * len(frame)
        breakdown = frame[result.metric.breakdown] if result.metric.breakdown else [None] * len(frame)
        cells = {}
        for start, a, b, num, den, value in zip(frame["period_start"], area, breakdown, frame["numerator"],
                                                frame["denominator"], frame["value"], strict=True):  # fmt: skip
            den = 0 if pd.isna(den) else int(den)
            # A share's zero cells (a sex never seen that month) are filled in; the floor omits them.
            if num or (den and result.metric.kind != "share"):
                cells[(pd.Timestamp(start), a, b)] = _cell(result.metric.kind, num, den, value)
        out[metric_id] = cells
    return out


def _cell(kind: str, num: float, den: float, value: float) -> tuple[float, ...]:
    return (int(num), float(value)) if kind == "days" else (int(num), int(den))


def compute_vawg(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What is timed: every metric's result, as vawg returns it (the floor's timing, likewise, ends
    with its query results, before either is turned into ``Numbers`` for the comparison)."""
    from vawg.metrics import compute_all

    return compute_all(con, grain="month", by=("area",))


def run_vawg(con: duckdb.DuckDBPyConnection) -> Numbers:
    return numbers_from_vawg(compute_vawg(con))


# --- comparing and timing ------------------------------------------------------------------------
def differences(expected: Numbers, got: Numbers, metrics: tuple[str, ...] | None = None) -> list[str]:
    """Cells where two implementations disagree (empty when they give identical numbers)."""
    problems = []
    for metric in metrics or tuple(expected):
        want, have = expected.get(metric, {}), got.get(metric, {})
        for key in sorted(set(want) | set(have), key=str):
            a, b = want.get(key), have.get(key)
            same = a is not None and b is not None and a[0] == b[0] and (
                a[1] == b[1] or (isinstance(a[1], float) and math.isclose(a[1], b[1], rel_tol=1e-9, abs_tol=1e-9))
            )  # fmt: skip
            if not same:
                problems.append(f"{metric} {key}: {a} vs {b}")
    return problems


def _timed(fn: Callable[[], Any], repeats: int = 1) -> tuple[float, float, Any]:
    """Best wall-clock seconds, the CPU seconds of that run (all threads of this process, DuckDB's
    included: steadier than wall time on a shared machine) and the result."""
    best, cpu, result = math.inf, math.inf, None
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn()
        wall = time.perf_counter() - started
        if wall < best:
            best, cpu = wall, time.process_time() - cpu_started
    return best, cpu, result


def disagreements(sql_results: dict[str, pd.DataFrame], vawg: Numbers, pandas_: Numbers,
                  end: pd.Timestamp) -> list[str]:  # fmt: skip
    """Every way the three implementations differ (empty when all give identical numbers)."""
    from vawg.metrics import REGISTRY

    floor = sql_numbers(sql_results, end)
    problems = [f"floor lacks {m}" for m in sorted(set(REGISTRY.ids()) - set(floor))]
    problems += [f"pandas lacks {m}" for m in sorted(set(REGISTRY.ids()) - set(pandas_))]
    problems += [f"vawg vs floor: {p}" for p in differences(floor, vawg)]
    return problems + [f"pandas vs floor: {p}" for p in differences(floor, pandas_)]


def run(workdir: Path, scales: list[float]) -> list[dict[str, Any]]:
    from pandas_baseline import run_pandas

    from vawg.store import connect

    rows: list[dict[str, Any]] = []
    for scale in scales:
        con = connect(ensure_store(workdir, scale), read_only=True)
        crimes = con.execute("SELECT count(*) FROM crimes").fetchall()[0][0]
        end = pd.Timestamp(con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchall()[0][0])
        run_sql(con)  # warm the operating system's file cache for all three
        repeats = 2 if scale <= 5 else 1
        t_sql, cpu_sql, sql_results = _timed(lambda c=con: run_sql(c), repeats)
        t_ibis, cpu_ibis, ibis_results = _timed(lambda c=con: compute_vawg(c), repeats)
        ibis_numbers = numbers_from_vawg(ibis_results)
        t_pandas, cpu_pandas, pandas_numbers = _timed(lambda c=con, e=end: run_pandas(c, e))
        problems = disagreements(sql_results, ibis_numbers, pandas_numbers, end)
        con.close()
        if problems:
            raise AssertionError(f"scale {scale}: the implementations disagree:\n" + "\n".join(problems[:30]))
        cells = sum(len(v) for v in ibis_numbers.values())
        for stage, seconds, cpu, note in (
            ("metrics_ibis", t_ibis, cpu_ibis, f"{len(ibis_numbers)} metrics, {cells:,} cells; "
             f"{t_pandas / t_ibis:.1f}x faster than pandas (wall), {cpu_pandas / cpu_ibis:.1f}x (CPU)"),
            ("metrics_sql", t_sql, cpu_sql, f"hand-written DuckDB SQL, same cells; {t_pandas / t_sql:.1f}x "
             "faster than pandas (wall)"),
            ("metrics_pandas", t_pandas, cpu_pandas, "bench/pandas_baseline.py, same cells"),
        ):  # fmt: skip
            rows.append({"stage": stage, "scale": scale, "rows": int(crimes), "seconds": round(seconds, 3),
                         "ratio_to_sql": round(seconds / t_sql, 2), "cpu_seconds": round(cpu, 2),
                         "cpu_ratio_to_sql": round(cpu / cpu_sql, 2), "note": note})  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    for row in run(args.workdir, [float(s) for s in args.scales.split(",")]):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
