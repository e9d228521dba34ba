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


def test_the_delta_floor_does_each_phase_on_a_copy_and_leaves_the_store_alone(
    small_force, tmp_path: Path
) -> None:
    from delta_floor import PHASES, floor

    bundle, store = small_force
    final = change_bundle(bundle, tmp_path / "final")
    write_delta(bundle, final, tmp_path / "delta")
    before = store.read_bytes()
    least = floor(store, tmp_path / "delta", tmp_path / "floor.duckdb", runs=1)
    assert store.read_bytes() == before and not (tmp_path / "floor.duckdb").exists()
    assert all(least[phase] > 0 for phase in PHASES)
    assert least["total"] >= sum(least[phase] for phase in PHASES) * 0.999
    # It did the work it times: the delta's changed and deleted rows were taken out of the copy.
    assert least["rows_replaced"] > 100
