"""The lists benchmark's floor (one hand-written DuckDB query per list) gives the same rows as
vawg.operations on the small synthetic force, so the timings compare like with like."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))

import lists_bench

from vawg.store import connect


@pytest.mark.parametrize("as_of", [date(2022, 6, 30), date(2023, 3, 31)])
def test_floor_and_vawg_give_the_same_rows(small_force, as_of: date) -> None:
    con = connect(small_force[1], read_only=True)
    try:
        for list_id in lists_bench.FLOOR:
            got, want = (
                lists_bench.vawg_rows(con, list_id, as_of),
                lists_bench.floor_rows(con, list_id, as_of),
            )
            assert got == want, list_id
            assert len(got) > 0 or list_id == "stalking-clinic", list_id  # not vacuous
    finally:
        con.close()
