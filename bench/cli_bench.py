"""How long a cold `vawg` command takes (a new process each time), and how much of it is imports.

The goal (issue 12): a cold `vawg metrics show` under 1 s by importing what a command uses when it
uses it. Each command runs ``repeats`` times in a fresh interpreter; the median wall time is
reported beside the time to import the CLI alone (`python -c "import vawg.cli"`).

    python bench/cli_bench.py [--scales 0.05] [--workdir bench/out]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SRC = HERE.parent / "src"
RUN = "import sys; from vawg.cli import main; sys.argv = ['vawg', *sys.argv[1:]]; main()"


def _cold(args: list[str], repeats: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(workdir: Path, scales: list[float], repeats: int = 5) -> list[dict[str, Any]]:
    from metrics_bench import ensure_store

    rows: list[dict[str, Any]] = []
    base = {"python (no vawg)": ["-c", "pass"], "import vawg.cli": ["-c", "import vawg.cli"],
            "vawg --help": ["-c", RUN, "--help"], "vawg metrics list": ["-c", RUN, "metrics", "list"]}  # fmt: skip
    for name, args in base.items():
        rows.append({"stage": "cli", "scale": None, "command": name, "seconds": _cold(args, repeats)})
    for scale in scales:
        store = ensure_store(workdir, scale)
        args = ["-c", RUN, "metrics", "show", "da_incidents", "--grain", "fy", "--db", str(store)]
        rows.append({"stage": "cli", "scale": scale, "command": "vawg metrics show da_incidents --grain fy",
                     "seconds": _cold(args, repeats)})  # fmt: skip
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
        print(f"{row['command']:<45} scale {row['scale'] or '-':<5} {row['seconds']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
