"""How long a cold `vawg` command takes (a new process each time), and how much of it is imports.

The goal (issue 12): a cold `vawg metrics show` under 1 s by importing what a command uses when it
uses it. Each command runs ``repeats`` times in a fresh interpreter; the median wall time and the
median CPU time (user + system of the child, which a loaded machine inflates far less than wall
time) are reported beside the time to import the CLI alone (`python -c "import vawg.cli"`).
`metrics show` uses a cache of compiled SQL of the bench's own (``<workdir>/cli-cache``, emptied
first): its first run compiles with Ibis and fills the cache (``first run``), the others read it.

    python bench/cli_bench.py [--scales 0.05] [--workdir bench/out]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SRC = HERE.parent / "src"
RUN = "import sys; from vawg.cli import main; sys.argv = ['vawg', *sys.argv[1:]]; main()"


def _once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``python args`` in a fresh interpreter."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _cold(args: list[str], repeats: int, cache: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200", "VAWG_CACHE_DIR": str(cache)}
    runs = [_once(args, env) for _ in range(repeats)]
    return {
        "seconds": statistics.median(w for w, _ in runs),
        "cpu_seconds": statistics.median(c for _, c in runs),
    }


def run(workdir: Path, scales: list[float], repeats: int = 5) -> list[dict[str, Any]]:
    from metrics_bench import ensure_store

    cache = workdir / "cli-cache"
    shutil.rmtree(cache, ignore_errors=True)
    rows: list[dict[str, Any]] = []
    base = {"python (no vawg)": ["-c", "pass"], "import vawg.cli": ["-c", "import vawg.cli"],
            "vawg --help": ["-c", RUN, "--help"], "vawg metrics list": ["-c", RUN, "metrics", "list"]}  # fmt: skip
    for name, args in base.items():
        rows.append({"stage": "cli", "scale": None, "command": name, **_cold(args, repeats, cache)})
    for scale in scales:
        store = ensure_store(workdir, scale)
        for metric in ("da_incidents", "da_positive_outcome_rate"):  # a count, and a rate (Wilson intervals)
            args = ["-c", RUN, "metrics", "show", metric, "--grain", "fy", "--db", str(store)]
            command = f"vawg metrics show {metric} --grain fy"
            first = _cold(args, 1, cache)  # compiles with Ibis and fills the cache
            rows.append({"stage": "cli", "scale": scale, "command": f"{command} (first run)", **first})
            rows.append({"stage": "cli", "scale": scale, "command": command, **_cold(args, repeats, cache)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="0.05")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    args.workdir.mkdir(parents=True, exist_ok=True)
    for row in run(args.workdir, [float(s) for s in args.scales.split(",") if s]):
        print(f"{row['command']:<60} scale {row['scale'] or '-':<5} {row['seconds']:.2f} s wall, "
              f"{row['cpu_seconds']:.2f} s CPU")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
