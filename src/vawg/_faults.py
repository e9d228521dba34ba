"""Fault injection for the crash tests: die by SIGKILL at a named point.

The crash tests run ingest in a subprocess with ``VAWG_TEST_KILL_AT=<point>`` set; reaching that
point the process kills itself with SIGKILL (no cleanup, no exception handlers, no flush): exactly
what ``kill -9`` or a power cut does, but deterministic and instant rather than timed. Outside the
tests the variable is never set and a checkpoint is one environment lookup.

Points: ``schema.half`` (store creation, half its statements run), ``reference.replaced`` (the
reference tables emptied, not yet refilled), ``ingest.<table>.written`` (a file's rows written, its
transaction not committed), ``ingest.<table>.committed`` and ``ingest.required.committed`` (between
files).
"""

from __future__ import annotations

import os
import signal

KILL_AT = "VAWG_TEST_KILL_AT"


def checkpoint(point: str) -> None:
    """Die here, as ``kill -9`` would, when the crash tests ask for ``point``."""
    if os.environ.get(KILL_AT) == point:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
