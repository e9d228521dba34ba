"""Metrics read the store's derived tables (crime_base, crime_links) when they are current and
give exactly the numbers computed from the base tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from vawg.metrics import compute_all
from vawg.store import connect, derived_current


def test_every_metric_is_the_same_from_the_derived_tables_and_from_the_base_tables(
    small_force: tuple[Path, Path], tmp_path: Path
) -> None:
    _, store = small_force
    copy = tmp_path / "copy.duckdb"
    shutil.copy(store, copy)
    with connect(copy, read_only=True) as con:
        assert derived_current(con)
        from_tables = compute_all(con, grain="month", by=("area",))
    with connect(copy) as con:  # out of step: metrics go back to the base tables
        con.execute("DELETE FROM meta WHERE key = 'derived_tables'")
    with connect(copy, read_only=True) as con:
        assert not derived_current(con)
        from_base = compute_all(con, grain="month", by=("area",))
    assert set(from_tables) == set(from_base) and len(from_tables) > 60
    for metric_id, result in from_tables.items():
        pd.testing.assert_frame_equal(result.frame, from_base[metric_id].frame, obj=metric_id)
