"""`vawg serve` starts without the model and statistics libraries: pages import them when used."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "sklearn",
    "fairlearn",
    "statsmodels",
    "scipy.stats",
    "scipy.optimize",
    "ibis",
    "libpysal",
    "esda",
    "matplotlib",
)


def test_the_web_app_imports_no_model_or_statistics_library_at_start() -> None:
    code = (
        "import sys, vawg.web; from vawg.web import create_app; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", done.stdout
