"""The delta benchmark's promise at small scale: the synthetic force (scale 0.05) loaded, then a
nightly delta, holds exactly the data a full load of the final state holds."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))

from delta_bench import change_bundle, differing_rows

from vawg.ingest import ingest, write_delta


def test_delta_ingest_equals_a_full_ingest_of_the_final_state(small_force, tmp_path: Path) -> None:
    bundle, store = small_force
    final = change_bundle(bundle, tmp_path / "final")
    counts = write_delta(bundle, final, tmp_path / "delta")
    by_delta = tmp_path / "delta.duckdb"
    shutil.copy(store, by_delta)
    report = ingest(tmp_path / "delta", by_delta, progress=False)
    assert report.loaded and report.kind == "delta" and sum(report.deleted.values()) > 0
    changed = sum(c.rows_loaded for c in report.tables.values())
    assert changed > 100 and counts["deletions"] > 0  # the delta really changes the store
    by_full = tmp_path / "full.duckdb"
    ingest(final, by_full, progress=False)
    assert differing_rows(by_full, by_delta) == {}
    assert differing_rows(store, by_delta) != {}  # and the check can tell stores apart
