"""Suppression: primary and secondary, with property tests that no hidden cell can be worked out."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vawg.disclosure import Additivity, recoverable_cells, suppress_counts
from vawg.errors import ReportError

THRESHOLD = 5
COUNTS = st.one_of(st.integers(0, 6), st.integers(0, 60))  # many small counts, some large


def _two_way(values: list[list[int]]) -> tuple[dict[Hashable, int], list[Additivity]]:
    """A rows × columns table with row totals, column totals and a grand total, all published."""
    n_rows, n_cols = len(values), len(values[0])
    cells: dict[Hashable, int] = {(i, j): values[i][j] for i in range(n_rows) for j in range(n_cols)}
    for i in range(n_rows):
        cells["row", i] = sum(values[i])
    for j in range(n_cols):
        cells["col", j] = sum(values[i][j] for i in range(n_rows))
    cells["all"] = sum(map(sum, values))
    adds = [Additivity(("row", i), tuple((i, j) for j in range(n_cols))) for i in range(n_rows)]
    adds += [Additivity(("col", j), tuple((i, j) for i in range(n_rows))) for j in range(n_cols)]
    adds += [
        Additivity("all", tuple(("row", i) for i in range(n_rows))),
        Additivity("all", tuple(("col", j) for j in range(n_cols))),
    ]
    return cells, adds


def _determined_by_rank(
    values: dict[Hashable, int], adds: list[Additivity], hidden: set[Hashable]
) -> set[Hashable]:
    """Independent check (matrix rank, not a null space): hidden cells the published equations fix."""
    keys = sorted(hidden, key=str)
    index = {k: i for i, k in enumerate(keys)}
    rows = []
    for add in adds:
        row = np.zeros(len(keys))
        for sign, cell in [(1.0, add.total)] + [(-1.0, p) for p in add.parts]:
            if cell in index:
                row[index[cell]] += sign
        rows.append(row)
    matrix = np.array(rows) if rows else np.zeros((0, len(keys)))
    rank = np.linalg.matrix_rank(matrix) if matrix.size else 0
    fixed = set()
    for key in keys:
        unit = np.zeros(len(keys))
        unit[index[key]] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            fixed.add(key)
    return fixed


def _check(values: dict[Hashable, int], adds: list[Additivity]) -> None:
    result = suppress_counts(values, adds, threshold=THRESHOLD)
    hidden = set(result.suppressed)
    # every small non-zero count is hidden
    assert {k for k, v in values.items() if 0 < v < THRESHOLD} <= hidden
    # no published total has exactly one hidden cell (no recovery by subtraction)
    for add in adds:
        assert sum(c in hidden for c in add.cells) != 1, add
    # and no combination of published totals fixes a hidden cell (independent rank check)
    assert _determined_by_rank(values, adds, hidden) == set()
    assert recoverable_cells(hidden, adds) == frozenset()


@settings(max_examples=40, deadline=None)  # each example also runs the LP audit
@given(
    st.integers(1, 5).flatmap(
        lambda c: st.lists(st.lists(COUNTS, min_size=c, max_size=c), min_size=1, max_size=5)
    )
)
def test_two_way_tables_with_margins(values: list[list[int]]) -> None:
    cells, adds = _two_way(values)
    _check(cells, adds)


@settings(max_examples=40, deadline=None)  # each example also runs the LP audit
@given(st.lists(st.lists(COUNTS, min_size=1, max_size=5), min_size=1, max_size=5))
def test_nested_groups(groups: list[list[int]]) -> None:
    # all = sum of groups; each group = sum of its members (a breakdown within a breakdown)
    values: dict[Hashable, int] = {}
    adds = []
    for g, members in enumerate(groups):
        values["group", g] = sum(members)
        for m, v in enumerate(members):
            values["member", g, m] = v
        adds.append(Additivity(("group", g), tuple(("member", g, m) for m in range(len(members)))))
    values["all"] = sum(values["group", g] for g in range(len(groups)))
    adds.append(Additivity("all", tuple(("group", g) for g in range(len(groups)))))
    _check(values, adds)


def test_a_lone_small_cell_takes_the_next_smallest_with_it() -> None:
    values = {"all": 30, "a": 3, "b": 9, "c": 8, "d": 10}
    result = suppress_counts(values, [Additivity("all", ("a", "b", "c", "d"))], threshold=5)
    assert result.primary == {"a"} and result.secondary == {"c"}


def test_zeros_are_published_unless_asked() -> None:
    values = {"all": 20, "a": 0, "b": 20}
    adds = [Additivity("all", ("a", "b"))]
    assert suppress_counts(values, adds, threshold=5).suppressed == frozenset()
    assert suppress_counts(values, adds, threshold=5, suppress_zero=True).suppressed == {"a", "b"}


def test_threshold_comes_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from vawg.config import get_settings

    monkeypatch.setenv("VAWG_SUPPRESSION_THRESHOLD", "10")
    get_settings.cache_clear()
    result = suppress_counts({"all": 40, "a": 7, "b": 33}, [Additivity("all", ("a", "b"))])
    assert result.threshold == 10 and result.suppressed == {"a", "b"}


def test_two_cycles_joined_by_a_bridge_are_caught_by_the_linear_algebra() -> None:
    # In a 4 × 4 table with margins, hiding two rectangles joined by cell (1, 2) leaves two hidden
    # cells in every row and column, yet (rows 0+1) − (columns 0+1) gives cell (1, 2) exactly.
    pattern = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}
    grid = [[2 if (i, j) in pattern else 20 + i + j for j in range(4)] for i in range(4)]
    cells, adds = _two_way(grid)
    assert recoverable_cells(pattern, adds) == {(1, 2)}
    assert all(sum(c in pattern for c in a.cells) != 1 for a in adds[:8])  # rule 1 alone is satisfied
    result = suppress_counts(cells, adds, threshold=5)
    assert result.primary == pattern and result.secondary  # more had to be hidden
    assert recoverable_cells(result.suppressed, adds) == frozenset()


def test_linked_cells_are_hidden_together() -> None:
    values = {"all": 30, "a": 3, "b": 12, "c": 15, "rate_den_a": 3, "other": 40}
    result = suppress_counts(
        values, [Additivity("all", ("a", "b", "c"))], threshold=5, linked=[("a", "rate_den_a")]
    )
    assert {"a", "rate_den_a", "b"} <= result.suppressed and "other" not in result.suppressed


def test_bad_input_is_refused() -> None:
    with pytest.raises(ReportError, match="not in the table"):
        suppress_counts({"all": 3}, [Additivity("all", ("missing",))])
    with pytest.raises(ReportError, match="negative"):
        suppress_counts({"all": -1}, [])
