"""Benchmark of the synthetic force: seconds, rows per second and peak memory per scale.

Each scale runs in a fresh Python process (numpy's memory is invisible to tracemalloc, and a child's
``ru_maxrss`` is its own peak), writing ``<workdir>/bundle-<scale>`` (CSV) for the later stages.

    python bench/synth_bench.py --scales 1,30 --workdir bench/out
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, resource, sys, time
from pathlib import Path
from vawg.synth import write_bundle
out, scale, fmt = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
started = time.perf_counter()
summary = write_bundle(out, seed=42, scale=scale, fmt=fmt)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)  # ru_maxrss: kilobytes on Linux
print(json.dumps({"rows": sum(summary.rows.values()), "tables": summary.rows, "seconds": seconds,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}))
"""


def bundle_dir(workdir: Path, scale: float) -> Path:
    """Where the bundle of ``scale`` is written (the ingest and metrics benchmarks read it)."""
    return Path(workdir) / f"bundle-{scale:g}"


def ensure_bundle(workdir: Path, scale: float) -> Path:
    """The bundle of ``scale`` (seed 42, CSV): reused when the synth stage wrote it, else written now."""
    bundle = bundle_dir(workdir, scale)
    if not (bundle / "manifest.json").exists():
        from vawg.synth import write_bundle

        write_bundle(bundle, seed=42, scale=scale, fmt="csv", progress=True)
    return bundle


def run(workdir: Path, scales: list[float], fmt: str = "csv") -> list[dict]:
    """One row per scale: stage, scale, rows, seconds, rows_per_second, cpu_seconds (wall time depends
    on what else runs; CPU time much less), peak_rss_mb, bundle."""
    results = []
    for scale in scales:
        out = bundle_dir(workdir, scale)
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(out), str(scale), fmt],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        measured = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append({
            "stage": "synth", "scale": scale, "rows": measured["rows"], "seconds": round(measured["seconds"], 2),
            "rows_per_second": round(measured["rows"] / measured["seconds"]),
            "cpu_seconds": round(measured["cpu_seconds"], 1),
            "peak_rss_mb": round(measured["peak_rss_mb"]), "bundle": str(out),
        })  # fmt: skip
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1,30")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--format", default="csv", choices=("csv", "parquet"))
    args = parser.parse_args(argv)
    rows = run(args.workdir, [float(s) for s in args.scales.split(",") if s], args.format)
    print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
