"""The metrics benchmark's three implementations (vawg, the SQL floor, the pandas baseline) give
identical numbers for every indicator, and the comparison notices when one of them does not."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))

import metrics_bench
from pandas_baseline import run_pandas

from vawg.metrics import REGISTRY
from vawg.store import connect


@pytest.fixture(scope="module")
def three_ways(small_force):
    _, store = small_force
    con = connect(store, read_only=True)
    end = pd.Timestamp(con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchall()[0][0])
    sql_results = metrics_bench.run_sql(con)
    vawg_numbers = metrics_bench.run_vawg(con)
    pandas_numbers = run_pandas(con, end)
    con.close()
    return sql_results, vawg_numbers, pandas_numbers, end


def test_all_three_agree_on_every_indicator(three_ways):
    sql_results, vawg_numbers, pandas_numbers, end = three_ways
    assert metrics_bench.disagreements(sql_results, vawg_numbers, pandas_numbers, end) == []
    assert set(vawg_numbers) == set(pandas_numbers) == set(REGISTRY.ids())
    # Not vacuous: every implementation reports cells for the headline indicators.
    for metric in (
        "da_recorded_crimes",
        "da_outstanding_suspects",
        "da_serial_perpetrators",
        "training_coverage",
    ):
        assert len(pandas_numbers[metric]) > 10


def test_a_changed_cell_is_reported(three_ways):
    sql_results, vawg_numbers, pandas_numbers, end = three_ways
    cells = dict(pandas_numbers["da_repeat_victim_rate"])
    key, (num, den) = next(iter(cells.items()))
    cells[key] = (num + 1, den)
    changed = {**pandas_numbers, "da_repeat_victim_rate": cells}
    problems = metrics_bench.disagreements(sql_results, vawg_numbers, changed, end)
    assert problems == [f"pandas vs floor: da_repeat_victim_rate {key}: {(num, den)} vs {(num + 1, den)}"]


def test_a_missing_indicator_is_reported(three_ways):
    sql_results, vawg_numbers, pandas_numbers, end = three_ways
    fewer = {k: v for k, v in pandas_numbers.items() if k != "easi_completions"}
    problems = metrics_bench.disagreements(sql_results, vawg_numbers, fewer, end)
    assert "pandas lacks easi_completions" in problems
