"""`make bench`: speed of synth, ingest, metrics and the work lists at scale 1 and 30, beside baselines.

Each stage lives in its own module (synth_bench, ingest_bench, metrics_bench) exposing
``run(workdir, scales) -> list[dict]``; this script runs them in order (synth builds the bundles
the later stages reuse), prints one table and writes bench/out/results.json and .md.

    python bench/run.py [--scales 1,30] [--workdir bench/out] [--stages synth,ingest,metrics]
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).parent
STAGES = ("synth", "ingest", "metrics", "delta", "cli", "lists", "web", "equality")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1,30", help="comma-separated scales (default 1,30)")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--stages", default=",".join(STAGES))
    args = parser.parse_args(argv)
    scales = [float(s) for s in args.scales.split(",") if s]
    args.workdir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(HERE))
    console = Console(width=max(160, Console().width))
    results: list[dict] = []
    for stage in args.stages.split(","):
        module = importlib.import_module(f"{stage}_bench")
        console.rule(f"[bold]{stage}")
        started = time.perf_counter()
        rows = module.run(args.workdir, scales)
        console.print(f"{stage}: {time.perf_counter() - started:.1f} s")
        results.extend(rows)
    table = Table(title="vawg benchmark")
    keys: list[str] = []
    for row in results:
        keys += [k for k in row if k not in keys]
    for key in keys:
        table.add_column(key)
    for row in results:
        table.add_row(*(_fmt(row.get(k)) for k in keys))
    console.print(table)
    meta = {"python": platform.python_version(), "machine": platform.machine(), "cpus": _cpus()}
    (args.workdir / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    md = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    md += ["| " + " | ".join(_fmt(r.get(k)) for k in keys) + " |" for r in results]
    (args.workdir / "results.md").write_text("\n".join(md) + "\n")
    console.print(f"results: {args.workdir / 'results.json'}")
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 0)


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


if __name__ == "__main__":
    raise SystemExit(main())
