"""Run ingest (or a store open) in a subprocess that SIGKILLs itself at a named point (vawg._faults)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from vawg._faults import KILL_AT

INGEST = "import sys; from vawg.ingest import ingest; ingest(sys.argv[1], sys.argv[2], progress=False, strict=sys.argv[3] == 'strict')"
OPEN = "import sys; from vawg.store import connect; connect(sys.argv[1]).close()"


def run_killed(point: str, *args: str, code: str = INGEST, env: dict[str, str] | None = None) -> int:
    """Run ``code`` with ``args`` in a fresh interpreter set to die at ``point``; return its exit status."""
    environment = {**os.environ, **(env or {}), KILL_AT: point}
    src = str(Path(__file__).parents[2] / "src")
    environment["PYTHONPATH"] = os.pathsep.join(p for p in (src, environment.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=environment, capture_output=True, timeout=120
    )
    return done.returncode


def ingest_killed_at(point: str, bundle: Path, store: Path, *, strict: bool = False) -> None:
    """Ingest ``bundle`` into ``store`` and die at ``point`` (the test fails if it never gets there)."""
    status = run_killed(point, str(bundle), str(store), "strict" if strict else "normal")
    assert status == -signal.SIGKILL, f"ingest did not reach {point} (exit status {status})"
