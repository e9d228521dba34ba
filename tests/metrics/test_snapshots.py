"""SQL snapshots: the SQL a few metrics compile to, compared with committed files.

A change in a metric's definition, in the frames or in Ibis's compiler shows up here as a diff to
review. To accept the new SQL, regenerate the files and commit them with the change:

    SNAPSHOT_UPDATE=1 .venv/bin/pytest tests/metrics/test_snapshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vawg.metrics import metric_sql

SNAPSHOTS = Path(__file__).parent / "snapshots"
CASES = {
    "da_positive_outcome_rate": {"grain": "fy"},
    "stalking_positive_outcome_rate": {"grain": "month"},
    "da_outstanding_suspects": {"grain": "month", "by": ("area",)},
    "victim_age_profile": {"grain": "fy"},
    "da_serial_perpetrators": {"grain": "month"},
}


@pytest.mark.parametrize("metric_id", list(CASES))
def test_sql_matches_snapshot(metric_id: str) -> None:
    sql = ";\n\n".join(metric_sql(metric_id, **CASES[metric_id])) + ";\n"  # type: ignore[arg-type]
    path = SNAPSHOTS / f"{metric_id}.sql"
    if os.environ.get("SNAPSHOT_UPDATE") == "1":
        path.write_text(sql, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}; run SNAPSHOT_UPDATE=1 pytest {__file__}"
    assert sql == path.read_text(encoding="utf-8"), f"{metric_id}: SQL changed; see the module docstring"


def test_the_same_expressions_compile_for_spark() -> None:
    # Engine independence: the definitions compile to Spark SQL too (not run here).
    sql = metric_sql("da_positive_outcome_rate", grain="fy", dialect="pyspark")[0]
    assert "`crimes`" in sql and "`is_positive`" in sql
